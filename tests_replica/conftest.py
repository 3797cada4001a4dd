"""Tests against a real streaming replica; not part of `make test`, run by .ci/run:

    scripts/replica start
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cooperation_replica \
    DATABASE_REPLICA_URLS=postgres://postgres@127.0.0.1:5433/cooperation_replica \
        .venv/bin/pytest tests_replica

The test database that pytest-django creates on the primary reaches the replica by replication
(a streaming replica copies the whole cluster), so the replica alias only has to be pointed at it.
"""

import os

import pytest

from tests_replica.replication import wait_for_replay

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get(
        "DATABASE_REPLICA_URLS"
    ):
        raise pytest.UsageError(
            "tests_replica needs a PostgreSQL DATABASE_URL and DATABASE_REPLICA_URLS pointing at "
            "a streaming replica of it (scripts/replica start); see tests_replica/conftest.py"
        )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Django made each replica alias a mirror of the primary's test database (TEST MIRROR);
    point it back at the replica, under the test database's name."""
    from django.conf import settings
    from django.db import connections

    name = connections["default"].settings_dict["NAME"]
    for alias in settings.DATABASE_REPLICAS:
        connections[alias].close()
        connections[alias].settings_dict = {**settings.DATABASES[alias], "NAME": name}
    with django_db_blocker.unblock():
        wait_for_replay()


@pytest.fixture(autouse=True)
def _fresh_state(settings):
    """No page, total or read-your-writes marker from one test in the next; no throttling."""
    from django.core.cache import cache

    from cooperation import db_router

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    cache.clear()
    db_router._unavailable.clear()
    yield
    db_router._unavailable.clear()
