"""The database connection as the app opens it."""

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db


def test_postgresql_answers_each_request_without_parallel_helpers():
    # Under load, parallel helpers took the cores that other requests' queries were waiting for.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW max_parallel_workers_per_gather")
            assert cursor.fetchone() == ("0",)
    else:
        assert "options" not in settings.DATABASES["default"]["OPTIONS"]
