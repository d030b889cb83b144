"""The worker: one process next to the web servers that runs what must not wait for, or
hold up, an editor's request (docs/worker.md).

- `loop.py`: `manage.py run_worker`: the queued jobs (django-tasks-db's loop), the
  pages due to go live (Wagtail's `publish_scheduled`), the heartbeat, and the recovery
  of jobs a dead worker left RUNNING;
- `heartbeat.py`: the heartbeat row each worker writes, which the recovery and the
  container's healthcheck (`manage.py worker_health`) read;
- `recovery.py`: queue again, or report as failed, a job whose worker died;
- `progress.py`: a job's progress, written on a second connection so that it shows
  while the job's own transaction is open;
- `tasks.py`: the re-indexing after a bulk change, as a job.
"""
