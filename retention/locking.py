"""One purge at a time, across processes and hosts.

On PostgreSQL a session-level advisory lock; elsewhere (SQLite, one machine) an flock on
a file in DATA_DIR. Both are released by the operating system or the database when the
holder dies, so a purge killed with SIGKILL never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator

from django.conf import settings
from django.db import connection

# An arbitrary constant naming the purge's advisory lock ("RETN").
ADVISORY_LOCK_KEY = 0x5245544E


class PurgeLocked(Exception):
    pass


@contextlib.contextmanager
def purge_lock() -> Iterator[None]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
            if not cursor.fetchone()[0]:
                raise PurgeLocked("another purge is running (advisory lock held)")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK_KEY])
        return
    path = settings.DATA_DIR / "purge.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PurgeLocked(f"another purge is running (lock file {path.name})") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
