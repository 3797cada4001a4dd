import pytest

from .factories import AgreementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreements():
    return [AgreementFactory(slug=f"a-{n:02d}", year=2017, month=n % 12 + 1) for n in range(7)]


def test_limit_and_offset_page_through_the_same_records_as_page_numbers(client, agreements):
    by_page = client.get("/api/v1/agreements/?page_size=3&page=2").json()
    by_offset = client.get("/api/v1/agreements/?limit=3&offset=3").json()
    assert [r["id"] for r in by_offset["results"]] == [r["id"] for r in by_page["results"]]
    assert by_offset["count"] == 7
    assert "offset=6" in by_offset["next"] and "limit=3" in by_offset["next"]
    assert "offset" not in by_offset["previous"]


def test_the_last_offset_page_has_no_next_link(client, agreements):
    body = client.get("/api/v1/agreements/?limit=5&offset=5").json()
    assert len(body["results"]) == 2
    assert body["next"] is None


def test_an_offset_past_the_end_gives_an_empty_page_whatever_its_size(client, agreements):
    body = client.get("/api/v1/agreements/?limit=10&offset=77839230268537372672").json()
    assert body["results"] == []
    assert body["count"] == 7
    assert body["next"] is None


def test_limit_is_capped_like_page_size(client, agreements):
    body = client.get("/api/v1/agreements/?limit=100000").json()
    assert len(body["results"]) == 7


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("limit=abc", "limit"),
        ("limit=0", "limit"),
        ("offset=-5", "offset"),
        ("limit=2&offset=x", "offset"),
    ],
)
def test_bad_limit_or_offset_is_a_400_naming_it(client, agreements, query, parameter):
    response = client.get(f"/api/v1/agreements/?{query}")
    assert response.status_code == 400
    assert parameter in response.json()
