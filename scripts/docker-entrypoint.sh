#!/bin/sh
# Start-up of the web container: wait for the database, migrate, collect the static
# files, then replace this shell with gunicorn (or with the command given, e.g.
# `docker compose run web python manage.py createsuperuser`).
#
# Migrations run on the host started first; set RUN_MIGRATIONS=false on the others
# (two hosts migrating the same database at the same moment can collide).
# GUNICORN names the server program (the tests run this script with a stand-in).
set -eu

cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python}"

"$PYTHON" manage.py wait_for_database --timeout "${DATABASE_WAIT_SECONDS:-60}"

if [ "${RUN_MIGRATIONS:-true}" = "true" ]; then
  "$PYTHON" manage.py migrate --noinput
  "$PYTHON" manage.py setup_editorial_roles
fi

if [ "${COLLECTSTATIC:-true}" = "true" ]; then
  "$PYTHON" manage.py collectstatic --noinput --verbosity 0
fi

if [ "$#" -gt 0 ]; then
  exec "$@"
fi
exec "${GUNICORN:-gunicorn}" iurc_site.wsgi:application --config gunicorn.conf.py
