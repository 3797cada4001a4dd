"""The partner network: ties counted from published records, each one a link to as many records."""

import csv
import io
import re

import pytest

from cooperation.models import Kind, Status
from tests.factories import (
    AgreementFactory,
    CountryFactory,
    DelegationFactory,
    MeetingFactory,
    OfficeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):
    settings.HOME_OFFICE, settings.HOME_COUNTRY = "sipo", "CN"
    china = CountryFactory(code="CN", name="China")
    japan = CountryFactory(code="JP", name="Japan")
    korea = CountryFactory(code="KR", name="Republic of Korea")
    sipo = OfficeFactory(slug="sipo", acronym="SIPO", country=china)
    jpo = OfficeFactory(slug="jpo", acronym="JPO", country=japan)
    kipo = OfficeFactory(slug="kipo", acronym="KIPO", country=korea)
    AgreementFactory(slug="jpo-mou", parties=[sipo, jpo], kind=Kind.MOU, year=2017)
    AgreementFactory(slug="jpo-plan", parties=[sipo, jpo], kind=Kind.WORK_PLAN, year=2016)
    MeetingFactory(slug="trilateral", parties=[sipo, jpo, kipo], year=2017)
    DelegationFactory(slug="to-korea", countries=[korea], year=2017)
    AgreementFactory(slug="secret", parties=[sipo, kipo], status=Status.DRAFT)
    return {"sipo": sipo, "jpo": jpo, "kipo": kipo}


def api(client, query: str = "") -> dict:
    response = client.get(f"/api/v1/network/?{query}")
    assert response.status_code == 200, response.content
    return response.json()


def edges(client, query: str = "") -> dict:
    return {edge["target"]: edge for edge in api(client, query)["edges"]}


def test_partners_are_counted_from_published_records_without_the_home_office_or_country(
    world, client
):
    found = edges(client)
    assert {target: e["records"] for target, e in found.items()} == {
        "office:jpo": 3,
        "country:JP": 3,
        "office:kipo": 1,
        "country:KR": 2,
    }
    nodes = api(client)["nodes"]
    assert nodes[0] == {"id": "office:sipo", "type": "office", "key": "sipo", "label": "SIPO",
                        "home": True, "records": None}  # fmt: skip
    assert "office:sipo" not in found and "country:CN" not in found


def test_each_tie_is_weighted_by_kind_and_year(world, client):
    jpo = edges(client)["office:jpo"]
    assert jpo["by_kind"] == {"heads-meeting": 1, "mou": 1, "work-plan": 1}
    assert jpo["by_year"] == {"2016": 1, "2017": 2}


def test_each_tie_links_to_a_list_of_exactly_its_records(world, client):
    for query in ("", "year=2017", "kind=mou"):
        for target, edge in edges(client, query).items():
            listed = client.get(edge["html_url"]).content.decode()
            slugs = re.findall(r"<tr[^>]* data-slug=", listed)
            assert len(slugs) == edge["records"], (query, target)


def test_the_network_takes_the_lists_filters(world, client):
    assert set(edges(client, "year=2016")) == {"office:jpo", "country:JP"}
    assert set(edges(client, "kind=mou")) == {"office:jpo", "country:JP"}
    assert set(edges(client, "country=KR")) == {"office:jpo", "country:JP", "office:kipo",
                                                 "country:KR"}  # fmt: skip
    assert edges(client, "country=KR")["office:jpo"]["records"] == 1


def test_a_bad_filter_is_a_400_naming_it(world, client):
    response = client.get("/api/v1/network/?year=abc")
    assert response.status_code == 400
    assert list(response.json()) == ["year"]
    page = client.get("/network/?year=abc").content.decode()
    assert "year: Enter a whole number." in page


def test_the_page_draws_each_tie_as_a_link_and_lists_partner_kind_and_count(world, client):
    page = client.get("/network/").content.decode()
    assert page.count('class="net-edge"') == 4
    assert '<a href="/activities/?office=jpo" class="net-edge">' in page
    rows = re.findall(r'<tr data-partner="([^"]+)">', page)
    assert rows == ["country:JP", "office:jpo", "country:KR", "office:kipo"]
    assert 'memorandum of understanding: <a href="/activities/?kind=mou&amp;office=jpo">1</a>' in (
        page
    )


def test_only_the_thirty_closest_partners_are_drawn_and_the_table_has_them_all(world, client):
    sipo = world["sipo"]
    for _n in range(35):
        MeetingFactory(parties=[sipo, OfficeFactory(country=None)])
    page = client.get("/network/").content.decode()
    assert page.count('class="net-edge"') == 30
    assert page.count("<tr data-partner=") == 39
    assert "9 more are in the table below." in page


def test_the_bilateral_matrix_downloads_by_kind_and_by_year(world, client):
    by_kind = client.get("/network/?format=csv&by=kind")
    assert by_kind["Content-Disposition"] == 'attachment; filename="partners-by-kind.csv"'
    rows = list(csv.reader(io.StringIO(by_kind.content.decode())))
    assert rows[0] == ["partner_type", "partner", "name", "heads-meeting", "mou", "outgoing",
                       "work-plan", "total"]  # fmt: skip
    assert rows[1] == ["country", "JP", "Japan", "1", "1", "0", "1", "3"]
    by_year = client.get("/network/?format=csv&by=year&year=2017").content.decode()
    rows = list(csv.reader(io.StringIO(by_year)))
    assert rows[0] == ["partner_type", "partner", "name", "2017", "total"]
    assert ["office", "jpo", "JPO", "2", "2"] in rows


def test_the_network_costs_the_same_queries_whatever_the_number_of_records(
    world, client, django_assert_max_num_queries
):
    for _n in range(40):
        MeetingFactory(parties=[world["sipo"], world["kipo"], OfficeFactory()], year=2017)
    with django_assert_max_num_queries(8):
        client.get("/network/")
    with django_assert_max_num_queries(6):
        client.get("/api/v1/network/")


def test_the_network_page_speaks_chinese(world, client):
    client.get("/language/zh-hans/?next=/network/")
    page = client.get("/network/").content.decode()
    assert "<h1>合作伙伴网络</h1>" in page
    assert "SIPO – JPO：3 条记录" in page
    assert "图中显示记录最多的 4 个合作伙伴" in page
