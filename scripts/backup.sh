#!/bin/sh
# Back up the site: a PostgreSQL dump (custom format) and the media files, into a new
# timestamped directory.  Usage: scripts/backup.sh [DIRECTORY]   (default: backups/)
#
# Reads DATABASE_URL (postgres://user:password@host:port/name) and MEDIA_ROOT (default:
# media/ beside this script's folder). With media on S3 (AWS_STORAGE_BUCKET_NAME), back
# up the bucket with its provider's tools (versioning or replication); only the
# database is dumped here then.
set -eu

: "${DATABASE_URL:?Set DATABASE_URL, e.g. postgres://127.0.0.1:5432/iurc}"
root="$(cd "$(dirname "$0")/.." && pwd)"
media_root="${MEDIA_ROOT:-$root/media}"
destination_parent="${1:-${BACKUP_DIR:-$root/backups}}"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
destination="$destination_parent/iurc-$stamp"
mkdir -p "$destination"

# pg_dump understands postgres:// URLs; libpq does not know "postgis://" etc.
database_url="$(printf '%s' "$DATABASE_URL" | sed 's#^postgresql://#postgres://#')"

echo "Dumping the database..."
pg_dump --format=custom --no-owner --no-privileges --file="$destination/database.dump" "$database_url"

echo "Archiving the media files..."
if [ -d "$media_root" ]; then
  tar -C "$media_root" -czf "$destination/media.tar.gz" .
else
  tar -czf "$destination/media.tar.gz" --files-from /dev/null
fi

{
  echo "created=$stamp"
  echo "database=database.dump"
  echo "media=media.tar.gz"
  echo "pg_dump=$(pg_dump --version)"
} > "$destination/MANIFEST"
( cd "$destination" && sha256sum database.dump media.tar.gz > SHA256SUMS )

echo "Backup written to $destination"
