"""Connections to the tests' PostgreSQL server, every detail from one place.

Host, port, user, password and the libpq options all come from the Django connection
settings, which `iurc_site/settings/test.py` reads from DATABASE_URL. Whatever opens a
connection of its own (psycopg2 for CREATE DATABASE, a URL handed to a server started
as a subprocess) goes through here, so that the suite runs against a server that asks
for a password as well as one that trusts 127.0.0.1.
"""

from urllib.parse import quote, urlencode

import dj_database_url
import psycopg2

# Keys of a PostgreSQL OPTIONS dict that Django itself consumes; libpq knows none of them.
DJANGO_ONLY_OPTIONS = frozenset(
    {"isolation_level", "server_side_binding", "assume_role", "pool"}
)
# Left out of URLs: a server started with the URL sets it from DB_CONNECT_TIMEOUT, which
# a value in the URL would override (databases_from_env only sets it when missing).
OPTIONS_SET_BY_THE_ENVIRONMENT = frozenset({"connect_timeout"})
# Where maintenance statements (CREATE DATABASE, DROP DATABASE) run.
MAINTENANCE_DATABASE = "postgres"


def default_settings():
    """The connection settings of the tests' database ("default")."""
    from django.db import connections

    return connections["default"].settings_dict


def settings_from_url(url):
    """Connection settings parsed from a postgres:// URL, as the settings modules do."""
    return dj_database_url.parse(url)


def _libpq_options(settings_dict):
    return {
        key: value
        for key, value in (settings_dict.get("OPTIONS") or {}).items()
        if key not in DJANGO_ONLY_OPTIONS
    }


def connect_kwargs(settings_dict=None, dbname=None):
    """psycopg2.connect() keyword arguments: host, port, user, password, the libpq
    options, and dbname (default: the settings' database)."""
    settings_dict = settings_dict or default_settings()
    kwargs = _libpq_options(settings_dict)
    kwargs.update(
        dbname=dbname or settings_dict["NAME"],
        host=settings_dict.get("HOST"),
        port=settings_dict.get("PORT"),
        user=settings_dict.get("USER"),
        password=settings_dict.get("PASSWORD"),
    )
    return {key: value for key, value in kwargs.items() if value not in (None, "")}


def connect(dbname=None, settings_dict=None, *, autocommit=False, **extra):
    """A psycopg2 connection to `dbname` on the tests' server (default: the test
    database); `extra` adds or overrides libpq parameters."""
    connection = psycopg2.connect(**{**connect_kwargs(settings_dict, dbname), **extra})
    connection.autocommit = autocommit
    return connection


def run_on_server(*statements, settings_dict=None):
    """Run statements that need autocommit (CREATE DATABASE, DROP DATABASE) on the
    server, from its maintenance database."""
    connection = connect(MAINTENANCE_DATABASE, settings_dict, autocommit=True)
    try:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        connection.close()


def server_url(dbname=None, settings_dict=None, *, host=None, port=None):
    """A postgres:// URL for `dbname` (default: the settings' database) on the tests'
    server, with its user, password and libpq options. `host` and `port` replace the
    server's address (a proxy in front of it), the credentials stay."""
    settings_dict = settings_dict or default_settings()
    credentials = ""
    if settings_dict.get("USER"):
        credentials = quote(settings_dict["USER"], safe="")
        if settings_dict.get("PASSWORD"):
            credentials += ":" + quote(settings_dict["PASSWORD"], safe="")
        credentials += "@"
    host = host or settings_dict.get("HOST") or "127.0.0.1"
    port = port or settings_dict.get("PORT") or 5432
    name = quote(dbname or settings_dict["NAME"], safe="")
    options = {
        key: value
        for key, value in _libpq_options(settings_dict).items()
        if key not in OPTIONS_SET_BY_THE_ENVIRONMENT
    }
    if str(host).startswith("/"):  # a Unix socket's directory, percent-encoded
        host = quote(str(host), safe="")
    query = f"?{urlencode(options)}" if options else ""
    return f"postgres://{credentials}{host}:{port}/{name}{query}"
