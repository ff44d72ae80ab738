"""PostgreSQL concurrency tests: wait until another session queues behind a row lock."""

from __future__ import annotations

import time

from django.db import connection


def wait_for_lock_waiter(timeout: float = 10.0) -> bool:
    """True as soon as some session of this database waits on a lock; False after ``timeout``."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cur:
        while time.monotonic() < deadline:
            cur.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cur.fetchone()[0] > 0:
                return True
            time.sleep(0.02)
    return False
