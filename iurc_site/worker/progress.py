"""A job's progress, visible while the job's own transaction is still open.

The pairing import saves everything in one transaction, so that a worker killed in the
middle leaves nothing behind; other connections see none of its rows before it commits.
Its progress is therefore written on a second connection, in a row of its own
(JobProgress) that nothing else locks.
"""

from __future__ import annotations

import logging
import time

from django.db import DatabaseError, connection

from iurc_site.models import JobProgress
from iurc_site.private_apis import in_transaction, second_connection

logger = logging.getLogger(__name__)
# At most this often, in seconds, a write; the last one is always written.
MIN_INTERVAL = 0.2


class Progress:
    """Counts the rows a job has done out of `total`, and writes the count."""

    def __init__(self, key: str, total: int = 0) -> None:
        self.key = key
        self.total = total
        self.done = 0
        self._connection = None
        self._written_at = 0.0
        self._broken = False

    def advance(self, rows: int) -> None:
        self.done += rows
        self._write(force=self.done >= self.total)

    def _write(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._written_at < MIN_INTERVAL:
            return
        self._written_at = now
        if not in_transaction():
            JobProgress.objects.filter(key=self.key).update(
                done=self.done, total=self.total
            )
        elif connection.vendor == "postgresql" and not self._broken:
            # SQLite (development) has one writer at a time: no count while it runs.
            try:
                self._write_aside()
            except DatabaseError:  # a count is not worth failing the job for
                logger.exception("The progress of %s could not be written.", self.key)
                self._broken = True
                self.close()

    def _write_aside(self) -> None:
        if self._connection is None:
            self._connection = second_connection()
        table = self._connection.ops.quote_name(JobProgress._meta.db_table)
        with self._connection.cursor() as cursor:  # autocommit: seen at once
            cursor.execute(
                f"UPDATE {table} SET done = %s, total = %s, updated_at = now() "  # noqa: S608
                "WHERE key = %s",
                [self.done, self.total, self.key],
            )

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def progress_of(key: str) -> JobProgress | None:
    return JobProgress.objects.filter(key=key).first()
