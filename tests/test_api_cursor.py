"""Cursor paging for syncing clients, and the facet counts endpoint."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import AgreementFactory, CountryFactory, DelegationFactory, OfficeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreements():
    # Same dates on purpose: the cursor must break ties by id, and partial dates sort last.
    dates = [(2017, 5, 1), (2017, 5, None), (2017, 5, None), (2017, None, None), (2016, 12, 31)]
    return [
        AgreementFactory(slug=f"a-{n}", year=y, month=m, day=d)
        for n, (y, m, d) in enumerate(dates * 3)
    ]


def _walk(client, url: str) -> list[str]:
    seen = []
    while url:
        body = client.get(url).json()
        assert body["count"] is None and body["previous"] is None
        seen += [r["id"] for r in body["results"]]
        url = body["next"]
    return seen


def test_following_next_cursors_visits_every_record_once_in_page_order(client, agreements):
    by_page = client.get("/api/v1/agreements/?page_size=100").json()
    expected = [r["id"] for r in by_page["results"]]
    assert _walk(client, "/api/v1/agreements/?cursor=&page_size=4") == expected
    assert len(expected) == 15


def test_cursor_pages_keep_the_filters(client):
    fr = CountryFactory(code="FR")
    kept = [AgreementFactory(year=2017, parties=[OfficeFactory(country=fr)]) for _ in range(5)]
    AgreementFactory(year=2017)
    AgreementFactory(year=2018, parties=[OfficeFactory(country=fr)])
    found = _walk(client, "/api/v1/agreements/?country=FR&year=2017&cursor=&limit=2")
    assert sorted(found) == sorted(a.slug for a in kept)


def test_a_record_added_while_paging_does_not_shift_later_pages(client, agreements):
    first = client.get("/api/v1/agreements/?cursor=&page_size=5").json()
    AgreementFactory(slug="newest", year=2030)
    second = client.get(first["next"]).json()
    by_page = client.get("/api/v1/agreements/?page_size=100").json()
    ids = [r["id"] for r in by_page["results"] if r["id"] != "newest"]
    assert [r["id"] for r in second["results"]] == ids[5:10]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("cursor=abc", "Not a cursor"),
        ("cursor=1.2.3", "Not a cursor"),
        ("cursor=&ordering=title", "newest-first"),
    ],
)
def test_a_bad_cursor_or_another_order_is_a_400_naming_cursor(client, agreements, query, message):
    response = client.get(f"/api/v1/agreements/?{query}")
    assert response.status_code == 400
    assert message in response.json()["cursor"][0]


def test_lists_of_places_do_not_page_by_cursor(client):
    response = client.get("/api/v1/countries/?cursor=")
    assert response.status_code == 400 and "cursor" in response.json()


def test_a_cursor_page_costs_the_same_queries_for_10_and_200_records_per_page(
    client, django_assert_num_queries
):
    fr = CountryFactory(code="FR")
    for n in range(210):
        AgreementFactory(year=2017, parties=[OfficeFactory(slug=f"o-{n % 5}", country=fr)])
    with CaptureQueriesContext(connection) as small:
        body = client.get("/api/v1/agreements/?country=FR&year=2017&cursor=&limit=10").json()
    assert len(body["results"]) == 10
    with django_assert_num_queries(len(small.captured_queries)):
        body = client.get(body["next"].replace("limit=10", "limit=200")).json()
    assert len(body["results"]) == 200


def test_facets_count_the_filtered_records_per_year_and_kind(client):
    fr = CountryFactory(code="FR")
    AgreementFactory(year=2016, kind="mou", countries=[fr])
    AgreementFactory(year=2017, kind="mou", countries=[fr])
    AgreementFactory(year=2017, kind="pph", countries=[fr])
    DelegationFactory(year=2017, kind="outgoing", countries=[fr])
    AgreementFactory(year=2017, kind="mou")
    body = client.get("/api/v1/activities/facets/?country=FR").json()
    assert body["year"] == [{"value": 2016, "count": 1}, {"value": 2017, "count": 3}]
    assert {r["value"]: r["count"] for r in body["kind"]} == {"mou": 2, "pph": 1, "outgoing": 1}
    only = client.get("/api/v1/agreements/facets/?country=FR&year=2017").json()
    assert only["year"] == [{"value": 2017, "count": 2}]


def test_facets_refuse_a_bad_filter_with_a_400_naming_it(client):
    response = client.get("/api/v1/activities/facets/?country=XX")
    assert response.status_code == 400 and "country" in response.json()
