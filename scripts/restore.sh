#!/bin/sh
# Restore a backup made by scripts/backup.sh into an EMPTY database and media folder.
# Usage: scripts/restore.sh BACKUP_DIRECTORY
#
# Reads DATABASE_URL and MEDIA_ROOT like backup.sh. Refuses to restore into a database
# that already has tables unless RESTORE_FORCE=true (then the dump's objects replace the
# existing ones). The media files are unpacked into MEDIA_ROOT, over any of the same name.
set -eu

backup="${1:?Usage: scripts/restore.sh BACKUP_DIRECTORY}"
: "${DATABASE_URL:?Set DATABASE_URL, e.g. postgres://127.0.0.1:5432/iurc}"
root="$(cd "$(dirname "$0")/.." && pwd)"
media_root="${MEDIA_ROOT:-$root/media}"
database_url="$(printf '%s' "$DATABASE_URL" | sed 's#^postgresql://#postgres://#')"

for file in database.dump media.tar.gz SHA256SUMS; do
  [ -f "$backup/$file" ] || { echo "Not a backup: $backup/$file is missing." >&2; exit 1; }
done
( cd "$backup" && sha256sum --check --quiet SHA256SUMS ) || {
  echo "The backup is damaged: its checksums do not match." >&2; exit 1; }

tables="$(psql "$database_url" -tAc "select count(*) from information_schema.tables where table_schema = 'public'")"
if [ "$tables" != "0" ] && [ "${RESTORE_FORCE:-false}" != "true" ]; then
  echo "The database already has $tables tables: restore into an empty database" >&2
  echo "(createdb NAME), or set RESTORE_FORCE=true to replace its content." >&2
  exit 1
fi

echo "Restoring the database..."
clean=""
[ "${RESTORE_FORCE:-false}" = "true" ] && clean="--clean --if-exists"
# shellcheck disable=SC2086
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction $clean \
  --dbname="$database_url" "$backup/database.dump"

echo "Restoring the media files..."
mkdir -p "$media_root"
tar -C "$media_root" -xzf "$backup/media.tar.gz"

echo "Restored $backup."
echo "If a site is running on this database, empty its cache now:"
echo "  python manage.py clear_caches   (in the site's environment, e.g. docker compose exec web ...)"
