"""Waiting for the streaming replica, and holding it back to stand for replication lag."""

import time
from contextlib import contextmanager

from django.conf import settings
from django.db import connections

TIMEOUT = 30


def _one(alias: str, sql: str, params=()):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def wait_for_replay() -> None:
    """Until every replica has replayed all that the primary has written so far."""
    lsn = _one("default", "SELECT pg_current_wal_lsn()::text")
    for alias in settings.DATABASE_REPLICAS:
        deadline = time.monotonic() + TIMEOUT
        while not _one(alias, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn]):
            assert time.monotonic() < deadline, f"{alias} has not replayed {lsn} in {TIMEOUT}s"
            time.sleep(0.02)


@contextmanager
def paused_replay(alias: str):
    """The replica keeps receiving the primary's changes but applies none until the end."""
    _one(alias, "SELECT pg_wal_replay_pause()::text")
    deadline = time.monotonic() + TIMEOUT
    while _one(alias, "SELECT pg_get_wal_replay_pause_state()") != "paused":
        assert time.monotonic() < deadline, f"{alias} did not pause its replay"
        time.sleep(0.02)
    try:
        yield
    finally:
        _one(alias, "SELECT pg_wal_replay_resume()::text")
        wait_for_replay()
