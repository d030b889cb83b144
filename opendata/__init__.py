"""Open data: the pairings as files (CSV, XLSX, JSON, GeoJSON), a read-only JSON API and
the metadata data portals harvest (a Frictionless data package, DCAT-AP)."""
