#!/usr/bin/env bash
# Fetch the map's third-party files from the npm registry into static/vendor/ (committed).
# Run it only to update them: `make vendor`, then look at the map and commit the result.
# Versions are pinned here; each package's licence is copied next to its files.
set -euo pipefail
cd "$(dirname "$0")/.."

LEAFLET=leaflet@1.9.4
TOPOJSON_CLIENT=topojson-client@3.1.0
WORLD_ATLAS=world-atlas@2.0.2

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$LEAFLET" "$TOPOJSON_CLIENT" "$WORLD_ATLAS" >/dev/null)
for archive in "$work"/*.tgz; do
  mkdir -p "${archive%.tgz}" && tar -xzf "$archive" -C "${archive%.tgz}"
done

vendor=static/vendor
rm -rf "$vendor/leaflet" "$vendor/topojson-client" "$vendor/world-atlas"
mkdir -p "$vendor/leaflet" "$vendor/topojson-client" "$vendor/world-atlas"

# Leaflet: the script, its stylesheet and the images the stylesheet refers to. The
# source-map comment is dropped: we do not ship the map, and Django's manifest storage
# fails on a reference to a missing file.
cp -r "$work"/leaflet-*/package/dist/images "$vendor/leaflet/"
cp "$work"/leaflet-*/package/dist/leaflet.css "$vendor/leaflet/"
grep -v '^//# sourceMappingURL=' "$work"/leaflet-*/package/dist/leaflet.js > "$vendor/leaflet/leaflet.js"
cp "$work"/leaflet-*/package/LICENSE "$vendor/leaflet/LICENSE"

cp "$work"/topojson-client-*/package/dist/topojson-client.min.js "$vendor/topojson-client/"
cp "$work"/topojson-client-*/package/LICENSE "$vendor/topojson-client/LICENSE"

# Natural Earth 1:110m countries (public domain) as TopoJSON, about 100 kB.
cp "$work"/world-atlas-*/package/countries-110m.json "$vendor/world-atlas/"
cp "$work"/world-atlas-*/package/LICENSE "$vendor/world-atlas/LICENSE"

cat > "$vendor/README.md" <<NOTE
# Third-party files for the map (do not edit by hand)

Written by \`scripts/vendor_static.sh\` (\`make vendor\`) from the npm registry:

- \`leaflet/\`: $LEAFLET (BSD-2-Clause, see leaflet/LICENSE), without its source-map comment
- \`topojson-client/\`: $TOPOJSON_CLIENT (ISC, see topojson-client/LICENSE)
- \`world-atlas/countries-110m.json\`: $WORLD_ATLAS, Natural Earth 1:110m countries
  (the data is in the public domain; the packaging is ISC, see world-atlas/LICENSE)
NOTE
ls -R "$vendor"
