"""Benchmark: a pairing import confirmed in the admin, inline vs through the worker.

For each size, the same generated file is imported twice, each time into a fresh copy
of a database holding the demo content:

- inline: the import as the confirm request ran it before the worker (check, save,
  index, in the request): the editor waits for all of it;
- worker: the confirm request only queues the job; a real `manage.py run_worker`
  process (started beforehand, as in production) imports the file, then runs the
  re-indexing job the import queued.

Prints the time the editor's request takes, the time until the pairings are live, and
the time until they are in the search indexes.

    DATABASE_URL=postgres://127.0.0.1:5432/iurc .venv/bin/python bench/import_worker.py 5000
    make bench-import                      # import_pairings.py 500 5000, then this, 5000
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iurc_site.settings.test")
os.environ["JOBS_BACKEND"] = "database"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench.import_pairings import (  # noqa: E402
    admin_command,
    csv_bytes,
    generate_rows,
    use_database,
    warm_up,
)

POLL = 0.05


def database_url(name):
    params = connection.get_connection_params()
    credentials = params.get("user", "")
    if params.get("password"):
        credentials += f":{params['password']}"
    host = params.get("host") or "127.0.0.1"
    port = params.get("port") or 5432
    return f"postgres://{credentials}{'@' if credentials else ''}{host}:{port}/{name}"


def uploaded(data, size):
    """The file as the upload screen stores and checks it: a previewed import."""
    from django.contrib.auth import get_user_model

    from partners.models import PairingImport
    from partners.pairing_import.uploads import check_stored_import

    record = PairingImport.objects.create(
        file_name=f"bench-{size}.csv",
        content=data,
        uploaded_by=get_user_model().objects.filter(is_superuser=True).first(),
    )
    check_stored_import(record)
    return record


def inline(data, size):
    from partners.pairing_import.uploads import apply_stored_import

    record = uploaded(data, size)
    started = time.perf_counter()
    apply_stored_import(record)
    seconds = time.perf_counter() - started
    return {"request": seconds, "live": seconds, "indexed": seconds}


def wait_until(condition, process):
    while not condition():
        if process.poll() is not None:
            raise SystemExit("The worker stopped.")
        time.sleep(POLL)
    return time.perf_counter()


def through_worker(data, size, database):
    from django_tasks_db.models import DBTaskResult

    from iurc_site.models import WorkerHeartbeat
    from partners.models import PairingImport
    from partners.pairing_import.jobs import queue_import

    record = uploaded(data, size)
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(database),
        "WORKER_POLL_SECONDS": "0.1",
        "LOG_LEVEL": "WARNING",
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker"], cwd=ROOT, env=environment
    )
    try:
        wait_until(WorkerHeartbeat.objects.exists, worker)
        started = time.perf_counter()
        queue_import(record)  # what the confirm request does
        request = time.perf_counter() - started
        live = wait_until(
            lambda: PairingImport.objects.filter(
                pk=record.pk, status=PairingImport.Status.APPLIED
            ).exists(),
            worker,
        )
        indexed = wait_until(
            lambda: DBTaskResult.objects.filter(
                task_path="iurc_site.worker.tasks.reindex", status="SUCCESSFUL"
            ).exists(),
            worker,
        )
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    return {"request": request, "live": live - started, "indexed": indexed - started}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[5000])
    args = parser.parse_args()

    base_name = connection.settings_dict["NAME"]
    template = f"iurc_workerbench_{base_name}_template"
    databases = [template]
    try:
        use_database("postgres")
        print(f"Preparing {template} (migrations, demo content)...", flush=True)
        admin_command(f'DROP DATABASE IF EXISTS "{template}"')
        admin_command(f'CREATE DATABASE "{template}"')
        use_database(template)
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_demo_content", verbosity=0, with_demo_users=True)
        from iurc_site.models import ProgrammePhasePage
        from regions.models import RegionPage

        regions = {
            region.slug_en: [country.code for country in region.countries]
            for region in RegionPage.objects.all()
        }
        phases = {
            phase.short_name: (phase.start_year, phase.end_year or phase.start_year)
            for phase in ProgrammePhasePage.objects.all()
        }
        use_database("postgres")
        warm_up()
        results = []
        for size in args.sizes:
            data = csv_bytes(generate_rows(size, regions, phases))
            for mode in ("inline", "worker"):
                name = f"iurc_workerbench_{base_name}_{mode}_{size}"
                admin_command(f'DROP DATABASE IF EXISTS "{name}"')
                admin_command(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                databases.append(name)
                use_database(name)
                print(f"Importing {size} rows, {mode}...", flush=True)
                figures = (
                    inline(data, size)
                    if mode == "inline"
                    else through_worker(data, size, name)
                )
                results.append((size, mode, figures))
                use_database("postgres")
        print()
        header = (
            f"{'rows':>6} {'how':>7} {'request s':>10} {'live after s':>13} "
            f"{'indexed after s':>16}"
        )
        print(header)
        print("-" * len(header))
        for size, mode, figures in results:
            print(
                f"{size:>6} {mode:>7} {figures['request']:>10.2f} "
                f"{figures['live']:>13.2f} {figures['indexed']:>16.2f}"
            )
    finally:
        use_database("postgres")
        for name in databases:
            admin_command(f'DROP DATABASE IF EXISTS "{name}"')


if __name__ == "__main__":
    main()
