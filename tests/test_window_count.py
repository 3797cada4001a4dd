"""A list page whose total is not known yet reads its rows and the total in one statement on
SQLite, and in two on PostgreSQL, whose planner can then stop the page early and count from the
word index; the total is the one a count gives, and pages past the end are still refused."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from cooperation.models import Activity
from tests.factories import AgreementFactory, OfficeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreements():
    office = OfficeFactory()
    for number in range(7):
        word = "patent" if number % 2 else "design"
        AgreementFactory(slug=f"a{number}", title=f"On {word} {number}", year=2010 + number,
                         parties=[office])  # fmt: skip
    cache.clear()


def statements(url: str) -> tuple[dict, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = APIClient().get(url)
    assert response.status_code == 200, response.content
    return response.json(), [q["sql"] for q in captured.captured_queries]


def filtering(sql: list[str]) -> list[str]:
    """The statements that apply the word filter: those that visit the matches."""
    return [s for s in sql if "LIKE" in s]


def test_the_first_page_of_a_new_filter_reads_rows_and_total_in_one_statement_on_sqlite(
    agreements,
):
    data, sql = statements("/api/v1/agreements/?q=patent&page_size=2")
    expected = Activity.objects.filter(title__icontains="patent").count()
    assert data["count"] == expected == 3
    assert [r["id"] for r in data["results"]] == ["a5", "a3"]
    reads = filtering(sql)
    if connection.vendor == "sqlite":
        assert len(reads) == 1 and "OVER" in reads[0]
    else:
        assert len(reads) == 2 and not any("OVER" in s for s in reads)
        assert "COUNT(" in reads[0] and "LIMIT 2" in reads[1]


def test_the_next_page_takes_the_total_from_the_count_cache(agreements):
    statements("/api/v1/agreements/?q=patent&page_size=2")
    data, sql = statements("/api/v1/agreements/?q=patent&page_size=2&page=2")
    assert (data["count"], [r["id"] for r in data["results"]]) == (3, ["a1"])
    reads = filtering(sql)
    assert len(reads) == 1 and "OVER" not in reads[0] and "COUNT(" not in reads[0]


def test_a_page_past_the_end_of_a_new_filter_is_still_a_404(agreements):
    response = APIClient().get("/api/v1/agreements/?q=patent&page_size=2&page=3")
    assert response.status_code == 404
    assert APIClient().get("/api/v1/agreements/?q=nothing").json()["count"] == 0
