"""Web vulnerability scan: wapiti and sqlmap against the site served as production serves it.

    make scan      # or: .venv/bin/python scripts/scan.py [--max-scan-time 180] ...

1. A database: SCAN_DATABASE_URL if set (migrated and given the demo content, kept),
   otherwise a throwaway `iurc_scan_<pid>` on the server of DATABASE_URL (default
   postgres://127.0.0.1:5432/iurc), migrated, given the demo content, dropped at the end.
2. collectstatic into a temporary STATIC_ROOT, then gunicorn with the production
   settings on a free port of 127.0.0.1 (bench/server.py; SECURE_SSL_REDIRECT=false,
   plain HTTP), the cache in Redis database 11 (SCAN_REDIS_URL) and the API's rate
   limit raised so that the scanners' requests are answered rather than refused.
3. wapiti crawls the site from / and /en/ (the English pages and the API) for at most
   --max-scan-time seconds, then attacks what it found with each module in
   WAPITI_MODULES for at most --max-attack-time seconds. Then it attacks each
   query-string endpoint of endpoint_targets() alone, every filter given, with
   ENDPOINT_MODULES (the crawl's many filtered variants do not all fit in the time).
4. Meanwhile sqlmap (--batch --level 2 --risk 1) tries each query-string endpoint in
   sqlmap_targets() in turn, each for at most --sqlmap-timeout seconds.
5. A summary: wapiti's findings per module, anomalies (5xx answers) included, and each
   sqlmap endpoint: injectable or not, and the HTTP error codes it met. The raw reports
   are kept in scan-reports/<time>/ (--reports DIR), which git ignores.

Exit status: 0 when nothing was found, 1 when a scanner reported a finding or an
anomaly (or did not finish), 2 when a scanner is missing. Only 127.0.0.1 is contacted:
the wapiti modules that need an outside endpoint or database (ssrf, xxe, log4shell,
wapp, nikto, takeover...) are not run, and wapiti's bug reports are turned off.
The scanners are found on PATH or through WAPITI=/path/to/wapiti, SQLMAP=...
"""

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import GunicornServer, production_environment  # noqa: E402

# Injections, stored XSS, traversal, header injection, open redirects, missing CSRF
# tokens, odd methods, and the headers and cookies of the answers. Left out: modules
# that call an outside endpoint (ssrf, xxe, log4shell, spring4shell) or download a
# database (wapp, htp, nikto), DNS (takeover), TLS (ssl, https_redirect: the load
# balancer's job, gunicorn speaks plain HTTP here), brute force (brute_login_form,
# buster) and time-based SQL (timesql: sqlmap runs time-based tests below).
WAPITI_MODULES = [
    "xss",
    "permanentxss",
    "sql",
    "exec",
    "file",
    "crlf",
    "redirect",
    "csrf",
    "methods",
    "ldap",
    "upload",
    "htaccess",
    "backup",
    "http_headers",
    "cookieflags",
    "csp",
]

LANGUAGE = "en"
OTHER_LANGUAGES = ["ms", "zh-hans", "vi", "th", "pt", "es"]

INSTALL_HELP = {
    "wapiti": (
        "wapiti 3.1 or later is needed (Debian's 3.0.4 fails on Python 3.11); in a "
        "throwaway venv:\n"
        "    python3 -m venv /tmp/wapiti && /tmp/wapiti/bin/pip install wapiti3\n"
        "then put /tmp/wapiti/bin on PATH or run WAPITI=/tmp/wapiti/bin/wapiti make scan"
    ),
    "sqlmap": (
        "sqlmap is needed: apt-get install -y sqlmap (or SQLMAP=/path/to/sqlmap make scan)"
    ),
}


def find_tool(name):
    """The scanner's executable (the NAME environment variable, else PATH), or None."""
    candidate = os.environ.get(name.upper()) or shutil.which(name)
    if candidate and Path(candidate).exists():
        return candidate
    return None


def tool_version(command):
    output = subprocess.run(  # noqa: S603 -- the scanners and manage.py, fixed arguments
        [command, "--version"], capture_output=True, text=True, timeout=60
    ).stdout
    versions = re.findall(r"^\s*(\d+\.\d+[\w.#-]*)\s*$", output, re.MULTILINE)
    return versions[-1] if versions else "unknown"


def maintenance(server_url, *statements):
    """CREATE/DROP DATABASE statements on the server of `server_url`."""
    import psycopg2

    parts = urlsplit(server_url)
    connection = psycopg2.connect(
        dbname="postgres",
        host=parts.hostname,
        port=parts.port,
        user=parts.username,
        password=parts.password,
    )
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        connection.close()


def prepare_database(database_url, log):
    """Migrate the database and load the demo content (both idempotent)."""
    environment = production_environment(database_url)
    for command in (["migrate", "--noinput"], ["load_demo_content"]):
        subprocess.run(  # noqa: S603 -- the scanners and manage.py, fixed arguments
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
            timeout=600,
        )


def collect_static(static_root, log):
    environment = production_environment("postgres://127.0.0.1:1/unused")
    environment["STATIC_ROOT"] = str(static_root)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        check=True,
        timeout=600,
    )


def flush_redis(url):
    """Empty the scan's Redis database: no page cached by an earlier run is served."""
    import redis

    redis.Redis.from_url(url).flushdb()


def get_json(url):
    # Our own server on 127.0.0.1.
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
        return json.load(response)


# What wapiti attacks in each query-string endpoint on its own (step 3b): the crawl
# reaches these too, but their many filtered variants do not all fit in the time.
ENDPOINT_MODULES = ["xss", "sql", "exec", "file", "crlf", "ldap", "redirect"]


def endpoint_targets(server):
    """{name: URL} of the query-string endpoints with every filter, real values."""
    region = get_json(server.url("/api/v1/regions"))["results"][0]["slug"]
    theme = get_json(server.url("/api/v1/themes"))["results"][0]["slug"]
    phase = get_json(server.url("/api/v1/phases"))["results"][0]["slug"]
    filters = (
        f"q=city&region={region}&country=ES&theme={theme}&phase={phase}"
        "&strand=city&kind=pair&year=2021"
    )
    return {
        "explorer": server.url(f"/{LANGUAGE}/pairings/?{filters}&page=1"),
        "search": server.url(f"/{LANGUAGE}/search/?q=city"),
        "suggest": server.url(f"/{LANGUAGE}/search/suggest/?q=cit"),
        "download": server.url(f"/{LANGUAGE}/data/pairings.csv?{filters}"),
        "api": server.url(f"/api/v1/pairings?{filters}&lang=en&page=1&page_size=5"),
    }


def sqlmap_targets(server):
    """{name: URL} of the endpoints that read a query string, with real values."""
    region = get_json(server.url("/api/v1/regions"))["results"][0]["slug"]
    return {
        "explorer": server.url(f"/en/pairings/?q=city&region={region}"),
        "search": server.url("/en/search/?q=city"),
        "download": server.url(f"/en/data/pairings.csv?region={region}"),
        "api": server.url(f"/api/v1/pairings?region={region}&q=city"),
    }


def site_arguments(server):
    """wapiti's target: the whole server, crawled from / and /en/, in one language."""
    return [
        "--url",
        server.url("/"),
        "--start",
        server.url("/en/"),
        "--start",
        server.url("/en/pairings/?q=city"),
        "--start",
        server.url("/en/search/?q=city"),
        "--start",
        server.url("/api/v1/pairings?q=city"),
        "--scope",
        "folder",
        # One language: the other six are the same views and templates, translated.
        *(
            argument
            for language in OTHER_LANGUAGES
            for argument in ("--exclude", server.url(f"/{language}/*"))
        ),
        # The downloads are one view whatever the format (the explorer's filters, then
        # a writer): attack the CSV's filtered variants, not the same four times over.
        *(
            argument
            for extension in ("xlsx", "json", "geojson")
            for argument in (
                "--exclude",
                server.url(f"/{LANGUAGE}/data/pairings.{extension}?*"),
            )
        ),
        # Every pairing, place and article page is one of a few templates.
        "--max-files-per-dir",
        "25",
        # The explorer links every filter value (?country=US, ?country=ES, ...): keep
        # few URLs that differ only in their values, so the time goes to attacks.
        "--scan-force",
        "paranoid",
    ]


def endpoint_arguments(url):
    """wapiti's target: that one URL (every parameter attacked), not crawled further."""
    return ["--url", url, "--scope", "url"]


def run_wapiti(wapiti, reports, name, target, modules, max_scan_time, max_attack_time):
    """(finished, seconds, JSON report) of one wapiti run; files named after `name`."""
    report = reports / f"wapiti-{name}.json"
    command = [
        wapiti,
        *target,
        "--module",
        ",".join(modules),
        "--max-scan-time",
        str(max_scan_time),
        "--max-attack-time",
        str(max_attack_time),
        "--max-links-per-page",
        "40",
        "--tasks",
        "4",
        "--timeout",
        "20",
        "--flush-session",
        "--store-session",
        str(reports / f"wapiti-{name}-session"),
        "--store-config",
        str(reports / "wapiti-config"),
        "--no-bugreport",
        # wapiti sets up every module, even those not run: log4shell resolves its DNS
        # endpoint at once (dns.wapiti3.ovh by default). Nothing outside 127.0.0.1.
        "--dns-endpoint",
        "localhost",
        "--endpoint",
        "http://127.0.0.1:9/",
        "--verbose",
        "1",
        "--format",
        "json",
        "--output",
        str(report),
    ]
    started = time.monotonic()
    with (reports / f"wapiti-{name}.log").open("w") as log:
        try:
            result = subprocess.run(  # noqa: S603 -- the scanners and manage.py, fixed arguments
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                # wapiti's own limits: the crawl, then each module.
                timeout=max_scan_time + max_attack_time * len(modules) + 300,
                check=False,
            )
            finished = result.returncode == 0
        except subprocess.TimeoutExpired:
            finished = False
    elapsed = time.monotonic() - started
    data = json.loads(report.read_text()) if report.exists() else {}
    return finished, elapsed, data


def attacked_per_module(session_dir):
    """{module: requests it attacked}, from wapiti's session database (SQLite)."""
    counts = {}
    for database in session_dir.glob("*.db"):
        connection = sqlite3.connect(database)
        try:
            counts.update(
                connection.execute(
                    "SELECT module, COUNT(*) FROM attack_logs GROUP BY module"
                ).fetchall()
            )
        except sqlite3.Error:
            pass
        finally:
            connection.close()
    return dict(sorted(counts.items()))


def summarise_wapiti(data):
    """[(section, category, [finding, ...])] for every non-empty category."""
    rows = []
    for section in ("vulnerabilities", "anomalies", "additionals"):
        for category, findings in sorted((data.get(section) or {}).items()):
            if findings:
                rows.append((section, category, findings))
    return rows


ERROR_CODES = re.compile(r"HTTP error codes detected during run:\s*(.+)")


def run_sqlmap(sqlmap, name, url, reports, timeout):
    output_dir = reports / "sqlmap" / name
    output_dir.mkdir(parents=True, exist_ok=True)
    command = [
        sqlmap,
        "-u",
        url,
        "--batch",
        "--level",
        "2",
        "--risk",
        "1",
        "--flush-session",
        "--output-dir",
        str(output_dir),
        "--timeout",
        "20",
        "--retries",
        "1",
        # The database behind the site; the tests of other back ends only cost time.
        "--dbms",
        "PostgreSQL",
        "--disable-coloring",
    ]
    started = time.monotonic()
    try:
        result = subprocess.run(  # noqa: S603 -- the scanners and manage.py, fixed arguments
            command, capture_output=True, text=True, timeout=timeout, check=False
        )
        output, finished = result.stdout + result.stderr, True
    except subprocess.TimeoutExpired as expired:
        output = (expired.stdout or b"").decode(errors="replace")
        finished = False
    (reports / f"sqlmap-{name}.log").write_text(output)
    if "sqlmap identified the following injection point" in output or re.search(
        r"parameter '[^']+' (?:is|appears to be) .*injectable", output
    ):
        verdict = "INJECTABLE"
    elif "do not appear to be injectable" in output:
        verdict = "not injectable"
    elif not finished:
        verdict = "did not finish"
    else:
        verdict = "no verdict"
    errors = ERROR_CODES.search(output)
    return {
        "url": url,
        "verdict": verdict,
        "seconds": time.monotonic() - started,
        "errors": errors.group(1).strip() if errors else "",
    }


ACCESS_STATUS = re.compile(r'HTTP/[\d.]+" (\d{3}) ')


def read_server_log(path):
    """({status: answers}, [error lines]) from gunicorn's JSON log, access log included."""
    statuses, errors = {}, []
    for line in path.read_text(errors="replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            errors.append(line)  # a traceback printed outside the logging
            continue
        message = str(record.get("message", ""))
        status = ACCESS_STATUS.search(message)
        if record.get("name") == "gunicorn.access" and status:
            code = int(status.group(1))
            statuses[code] = statuses.get(code, 0) + 1
            if code >= 500:
                errors.append(message)
        elif record.get("level") in ("ERROR", "CRITICAL"):
            errors.append(f"{record.get('name')}: {message}")
    return statuses, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--max-scan-time", type=int, default=180, help="wapiti's crawl, s"
    )
    parser.add_argument(
        "--max-attack-time", type=int, default=60, help="each wapiti module, s"
    )
    parser.add_argument(
        "--sqlmap-timeout", type=int, default=150, help="each sqlmap endpoint, s"
    )
    parser.add_argument("--reports", type=Path, help="default scan-reports/<time>/")
    parser.add_argument("--skip-wapiti", action="store_true")
    parser.add_argument("--skip-sqlmap", action="store_true")
    parser.add_argument(
        "--wapiti-endpoints-only",
        action="store_true",
        help="wapiti on the query-string endpoints only, not the whole site",
    )
    parser.add_argument(
        "--endpoint",
        action="append",
        choices=["explorer", "search", "suggest", "download", "api"],
        help="wapiti on this endpoint only (repeatable; default all)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()

    needed = [] if args.skip_wapiti else ["wapiti"]
    needed += [] if args.skip_sqlmap else ["sqlmap"]
    tools = {name: find_tool(name) for name in needed}
    missing = [name for name, path in tools.items() if path is None]
    for name in missing:
        print(f"{name} not found. {INSTALL_HELP[name]}", file=sys.stderr)
    if missing:
        return 2
    versions = {name: tool_version(path) for name, path in tools.items()}
    if "wapiti" in versions and re.match(r"3\.0\.", versions["wapiti"]):
        print(f"wapiti {versions['wapiti']} is too old. {INSTALL_HELP['wapiti']}")
        return 2

    reports = args.reports or ROOT / "scan-reports" / datetime.now().strftime(
        "%Y%m%d-%H%M%S"
    )
    reports.mkdir(parents=True, exist_ok=True)
    print(f"Reports in {reports}")
    for name, version in versions.items():
        print(f"  {name} {version}")

    started = time.monotonic()
    created = None
    database_url = os.environ.get("SCAN_DATABASE_URL")
    if not database_url:
        server_url = os.environ.get("DATABASE_URL", "postgres://127.0.0.1:5432/iurc")
        created = f"iurc_scan_{os.getpid()}"
        maintenance(
            server_url,
            f'DROP DATABASE IF EXISTS "{created}"',
            f'CREATE DATABASE "{created}"',
        )
        database_url = urlunsplit(urlsplit(server_url)._replace(path=f"/{created}"))
    redis_url = os.environ.get("SCAN_REDIS_URL", "redis://127.0.0.1:6379/11")
    static_root = Path(tempfile.mkdtemp(prefix="iurc-scan-static-"))
    # Read by production_environment() (it copies os.environ) for every process below.
    os.environ.update(
        {
            "STATIC_ROOT": str(static_root),
            "API_RATE_LIMIT": os.environ.get("SCAN_API_RATE_LIMIT", "100000/m"),
        }
    )
    status = 0
    try:
        flush_redis(redis_url)
        with (reports / "setup.log").open("w") as log:
            print("Database: migrate, demo content; collectstatic ...", flush=True)
            prepare_database(database_url, log)
            collect_static(static_root, log)
        server = GunicornServer(
            database_url,
            redis_url=redis_url,
            page_cache=True,
            workers=args.workers,
            log_path=reports / "gunicorn.log",
        )
        with server:
            print(f"gunicorn (production settings) on {server.url('/')}", flush=True)
            # Side by side: both mostly wait for the server.
            with ThreadPoolExecutor(max_workers=2) as pool:
                steps = []
                if not args.skip_wapiti:
                    steps.append(
                        pool.submit(wapiti_step, tools["wapiti"], server, reports, args)
                    )
                if not args.skip_sqlmap:
                    steps.append(
                        pool.submit(sqlmap_step, tools["sqlmap"], server, reports, args)
                    )
                for step in steps:
                    step_status, lines = step.result()
                    status |= step_status
                    print("\n".join(lines), flush=True)
        statuses, server_errors = read_server_log(reports / "gunicorn.log")
        print(
            "\ngunicorn: answers by status "
            + ", ".join(f"{code}: {count}" for code, count in sorted(statuses.items()))
        )
        print(f"gunicorn: {len(server_errors)} errors logged (5xx answers, exceptions)")
        for line in server_errors[:10]:
            print(f"  {line[:240]}")
        if server_errors:
            status |= 1
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
        if created:
            maintenance(server_url, f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)')
    print(f"\nTotal {time.monotonic() - started:.0f} s; reports in {reports}")
    return status


def wapiti_step(wapiti, server, reports, args):
    """(status, summary lines) of wapiti: the whole site, then each endpoint alone."""
    site = (
        ""
        if args.wapiti_endpoints_only
        else f"the site (crawl at most {args.max_scan_time} s, then each of "
        f"{len(WAPITI_MODULES)} modules at most {args.max_attack_time} s), then "
    )
    print(
        f"wapiti: {site}each query-string endpoint ({len(ENDPOINT_MODULES)} modules, "
        f"each at most {args.max_attack_time} s) ...",
        flush=True,
    )
    runs = []
    if not args.wapiti_endpoints_only:
        runs.append(
            ("site", site_arguments(server), WAPITI_MODULES, args.max_scan_time)
        )
    runs += [
        (name, endpoint_arguments(url), ENDPOINT_MODULES, 30)
        for name, url in endpoint_targets(server).items()
        if not args.endpoint or name in args.endpoint
    ]
    status, lines = 0, []
    for name, target, modules, crawl_time in runs:
        finished, elapsed, data = run_wapiti(
            wapiti, reports, name, target, modules, crawl_time, args.max_attack_time
        )
        status |= 0 if finished else 1
        lines.append(
            f"\nwapiti, {name}: {elapsed:.0f} s{'' if finished else ', did not finish'}"
        )
        infos = data.get("infos") or {}
        if "crawled_pages_nbr" in infos:
            lines.append(f"  requests crawled: {infos['crawled_pages_nbr']}")
        attacked = attacked_per_module(reports / f"wapiti-{name}-session")
        if attacked:
            lines.append(
                "  requests attacked per module (fewer than crawled: stopped at "
                "--max-attack-time): "
                + ", ".join(f"{module} {count}" for module, count in attacked.items())
            )
        rows = summarise_wapiti(data)
        for section, category, findings in rows:
            lines.append(f"  {section:15} {category:45} {len(findings):4}")
            for finding in findings[:5]:
                where = f"{finding.get('method', '')} {finding.get('path', '')}"
                detail = finding.get("info", "")[:120].replace("\n", " ")
                lines.append(f"      {where} [{finding.get('parameter', '')}] {detail}")
        if not rows:
            lines.append("  no findings")
        if any(section != "additionals" for section, _category, _findings in rows):
            status = 1
    return status, lines


def sqlmap_step(sqlmap, server, reports, args):
    """(status, summary lines) of sqlmap on every endpoint, one after the other."""
    print(f"sqlmap: each endpoint at most {args.sqlmap_timeout} s ...", flush=True)
    status, lines = 0, ["\nsqlmap:"]
    for name, url in sqlmap_targets(server).items():
        result = run_sqlmap(sqlmap, name, url, reports, args.sqlmap_timeout)
        path = urlsplit(url)
        lines.append(
            f"  {name:9} {result['verdict']:15} {result['seconds']:5.0f} s  "
            f"{path.path}?{path.query}"
        )
        if result["errors"]:
            lines.append(f"            HTTP errors: {result['errors']}")
        if result["verdict"] != "not injectable" or "500" in result["errors"]:
            status = 1
    return status, lines


if __name__ == "__main__":
    sys.exit(main())
