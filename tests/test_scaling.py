"""What keeps the catalogue and the API fast at scale behaves exactly as before: facet counts from
one GROUP BY per facet, CSV rows from plain values, details without the list's filters."""

import csv
import io
import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from rest_framework.test import APIClient

from agreements.models import Agreement
from cooperation import models as m
from cooperation.filters import ActivityFilterSet
from cooperation.renderers import neutralise
from tests import factories as f

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<tr data-slug="([^"]+)"')
FACETS = ("country", "office", "grouping", "person")


@pytest.fixture
def world(settings):
    """Every way a record reaches a country or a grouping, and the reporting office in most."""
    settings.HOME_OFFICE, settings.HOME_COUNTRY = "sipo", "CN"
    china, france, chile, japan = (
        f.CountryFactory(code=code, name=name)
        for code, name in [("CN", "China"), ("FR", "France"), ("CL", "Chile"), ("JP", "Japan")]
    )
    sipo, inpi, jpo = (
        f.OfficeFactory(slug=slug, acronym=slug.upper()[:4], name=name, country=country)
        for slug, name, country in [("sipo", "China's office", china),
                                    ("inpi-fr", "French office", france),
                                    ("jpo", "Japan's office", japan)]
    )  # fmt: skip
    wipo = f.OfficeFactory(slug="wipo", acronym="WIPO", name="World office", country=None,
                           kind=m.OfficeKind.INTERGOVERNMENTAL)  # fmt: skip
    ip5 = f.GroupingFactory(slug="ip5", name="IP5")
    ip5.member_offices.add(sipo, jpo)
    brics = f.GroupingFactory(slug="brics", name="BRICS")
    brics.member_countries.add(china, chile)
    asean = f.GroupingFactory(slug="asean", name="ASEAN")
    shen = f.PersonFactory(slug="shen")
    f.AgreementFactory(slug="sipo-inpi", year=2017, parties=[sipo, inpi], people=[shen])
    f.AgreementFactory(slug="sipo-jpo", year=2017, parties=[sipo, jpo], countries=[japan])
    f.AgreementFactory(slug="sipo-alone", year=2016, parties=[sipo], countries=[chile])
    f.MeetingFactory(slug="in-santiago", year=2017, venue_country=chile, parties=[wipo])
    tagged = f.TrainingFactory(slug="tagged", year=2016, countries=[china], people=[shen])
    tagged.groupings.add(asean)
    f.AgreementFactory(slug="draft", status=m.Status.DRAFT, parties=[inpi], countries=[chile])


def slugs(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return ROW.findall(response.content.decode())


@pytest.mark.parametrize(
    "path", ["/activities/", "/activities/?year=2017", "/agreements/", "/activities/?country=CL"]
)
def test_every_facet_count_equals_the_rows_its_link_gives(client, world, path):
    facets = client.get(path).context["facets"]
    list_path, _, query = path.partition("?")
    seen = set()
    for name in FACETS:
        for item in facets[name]:
            key = item.code if name == "country" else item.slug
            seen.add(key)
            link = QueryDict(query, mutable=True)
            link[name] = key  # as the facet link: this value instead of the current one
            rows = slugs(client, f"{list_path}?{link.urlencode()}")
            assert len(rows) == item.n, (path, name, key)
    assert seen  # the world gives every facet something to count


def test_country_facet_counts_listed_countries_offices_countries_and_venues_once_each(
    client, world
):
    facets = client.get("/activities/").context["facets"]
    assert {c.code: c.n for c in facets["country"]} == {"CN": 4, "FR": 1, "JP": 1, "CL": 2}


def test_grouping_facet_matches_partners_not_the_reporting_office(client, world):
    facets = client.get("/activities/").context["facets"]
    # IP5 through JPO only (SIPO is the reporting office); BRICS through Chile, not China.
    assert [(g.slug, g.n) for g in facets["grouping"]] == [("asean", 1), ("brics", 1), ("ip5", 1)]


def test_facets_are_ordered_by_count_then_name(client, world):
    offices = [(o.slug, o.n) for o in client.get("/activities/").context["facets"]["office"]]
    assert offices == [("sipo", 3), ("inpi-fr", 1), ("jpo", 1), ("wipo", 1)]


def test_facet_queries_do_not_grow_with_the_countries_offices_and_people(
    client, world, django_assert_num_queries
):
    with CaptureQueriesContext(connection) as before:
        client.get("/activities/?year=2017")
    for _n in range(20):
        office = f.OfficeFactory(country=f.CountryFactory())
        f.AgreementFactory(parties=[office], countries=[f.CountryFactory()],
                           people=[f.PersonFactory()])  # fmt: skip
        f.GroupingFactory().member_offices.add(office)
    with django_assert_num_queries(len(before.captured_queries)):
        client.get("/activities/?year=2017")


def test_an_empty_key_filter_cleans_to_an_empty_list_and_costs_no_query(
    world, django_assert_num_queries
):
    filterset = ActivityFilterSet(
        QueryDict("country=&office=&grouping=&person="),
        queryset=m.Activity.objects.published(),
    )
    with django_assert_num_queries(0):
        assert filterset.is_valid()
        str(filterset.qs.query)
    data = filterset.form.cleaned_data
    assert [data[name] for name in FACETS] == [[], [], [], []]


# The API's CSV


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_csv_cells_are_the_json_fields_for_every_kind_of_row(world):
    api = APIClient()
    inpi = m.Office.objects.get(slug="inpi-fr")
    unnamed = f.OfficeFactory(acronym="", name="=An office without an acronym")
    f.AgreementFactory(slug="by-staff", passage=None, staff_reference="File 12", year=2018,
                       month=2, day=3, end_year=2019, parties=[unnamed, inpi],
                       countries=[m.Country.objects.get(code="FR")])  # fmt: skip
    rows = csv_rows(api.get("/api/v1/activities/?format=csv"))
    records = api.get("/api/v1/activities/?page_size=500").json()["results"]
    assert [row["id"] for row in rows] == [record["id"] for record in records]
    for row, record in zip(rows, records, strict=True):
        source = record["source"]
        expected = {
            "id": record["id"], "url": record["url"], "html_url": record["html_url"],
            "type": record["type"], "kind": record["kind"], "title": record["title"],
            "date": record["date"], "date_precision": record["date_precision"],
            "end_date": record["end_date"] or "",
            "offices": "; ".join(o["acronym"] or o["name"] for o in record["offices"]),
            "countries": "; ".join(c["code"] for c in record["countries"]),
            "summary": record["summary"], "source_section": source.get("section", ""),
            "source_passage": source.get("passage", ""),
            "entered_by_staff": source.get("entered_by_staff", ""),
        }  # fmt: skip
        assert row == {name: neutralise(value) for name, value in expected.items()}, record["id"]
    staff = next(row for row in rows if row["id"] == "by-staff")
    assert (staff["date"], staff["end_date"], staff["entered_by_staff"]) == (
        "2018-02-03",
        "2019",
        "File 12",
    )
    assert staff["offices"].startswith("'=An office without an acronym; INPI")


def test_csv_queries_do_not_grow_with_the_rows(world, django_assert_num_queries):
    api = APIClient()
    with CaptureQueriesContext(connection) as few:
        csv_rows(api.get("/api/v1/agreements/?format=csv"))
    for _n in range(30):
        f.AgreementFactory(parties=[f.OfficeFactory()], countries=[f.CountryFactory()])
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(csv_rows(api.get("/api/v1/agreements/?format=csv"))) == 33


def test_kind_label_is_the_models_display_in_the_readers_language(world):
    api = APIClient()
    record = Agreement.objects.get(slug="sipo-inpi")
    for language in ("en", "zh-hans"):
        body = api.get("/api/v1/agreements/sipo-inpi/", HTTP_ACCEPT_LANGUAGE=language).json()
        with translation.override(language):
            assert body["kind_label"] == record.get_kind_display()


# Details


def test_a_detail_is_found_by_its_key_whatever_list_filters_the_query_string_holds(world):
    api = APIClient()
    response = api.get("/api/v1/agreements/sipo-inpi/?country=JP&year=abc")
    assert response.status_code == 200
    assert response.json()["id"] == "sipo-inpi"
    assert api.get("/api/v1/agreements/draft/?year=2017").status_code == 404


def test_a_detail_costs_one_query_and_one_per_related_list(world, django_assert_num_queries):
    # the data version (cache key); the key; the record with its passage; every link in one
    # statement; an agreement's own columns and relations; the activities under it; its status
    # changes
    with django_assert_num_queries(7):
        assert APIClient().get("/api/v1/agreements/sipo-inpi/?country=JP").status_code == 200


# Catalogue downloads


def test_download_lists_countries_as_the_country_filter_finds_them_and_office_names_by_language(
    client, world
):
    venue = m.Country.objects.get(code="CL")
    f.MeetingFactory(slug="in-paris", year=2015, venue_country=venue,
                     parties=[m.Office.objects.get(slug="inpi-fr"),
                              f.OfficeFactory(acronym="", name="Office", name_zh="局", country=None)],
                     countries=[m.Country.objects.get(code="JP"), m.Country.objects.get(code="FR")])  # fmt: skip
    row = client.get("/meetings/?format=json&year=2015").json()["results"][0]
    assert (row["countries"], row["venue_country"], row["offices"]) == (
        "JP;FR;CL",
        "CL",
        "INPI;Office",
    )
    response = client.get("/meetings/?format=json&year=2015", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.json()["results"][0]["offices"] == "INPI;局"
