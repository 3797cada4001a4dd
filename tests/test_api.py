"""The REST API's reads: shapes, every filter, bad input, drafts, CSV, throttling and query counts."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from cooperation.models import Activity, Figure, Kind, PartyRole, PersonRole, Status, Topic

from .factories import (
    AgreementFactory,
    CountryFactory,
    DelegationFactory,
    DocumentFactory,
    GroupingFactory,
    MeetingFactory,
    OfficeFactory,
    PassageFactory,
    PersonFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db

TYPE_ENDPOINTS = {
    "agreements": AgreementFactory,
    "delegations": DelegationFactory,
    "meetings": MeetingFactory,
    "trainings": TrainingFactory,
}


def staff_client(*codenames: str, username: str = "editor") -> tuple[APIClient, User]:
    """A client sending `Authorization: Token ...` for a staff user holding *codenames*."""
    user = User.objects.create(username=username, is_staff=True)  # no password: tokens only
    for codename in codenames:
        app_label, name = codename.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=name)
        )
    token = Token.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client, User.objects.get(pk=user.pk)


def csv_rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [record["id"] for record in response.json()["results"]]


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def france():
    return CountryFactory(code="FR", name="France")


# Shapes


def test_agreement_detail_gives_the_report_date_parties_and_quoted_source(api, france):
    inpi = OfficeFactory(
        slug="inpi-fr",
        acronym="INPI",
        name="National Institute of Industrial Property",
        country=france,
    )
    witness = PersonFactory(slug="shen-changyu", name="Shen Changyu")
    agreement = AgreementFactory(
        slug="sipo-inpi-mou-2017", title="MoU with INPI", year=2017, month=5, day=14, parties=[inpi],
        countries=[france], people=[witness], people__role=PersonRole.WITNESS,
    )  # fmt: skip
    agreement.groupings.add(GroupingFactory(slug="ip5"))
    agreement.topics.add(Topic.objects.create(slug="pph", name="PPH"))

    record = api.get("/api/v1/agreements/sipo-inpi-mou-2017/").json()

    assert record["id"] == "sipo-inpi-mou-2017"
    assert record["url"] == "http://testserver/api/v1/agreements/sipo-inpi-mou-2017/"
    assert record["html_url"] == "http://testserver" + agreement.get_absolute_url()
    assert (record["type"], record["kind"], record["kind_label"]) == (
        "agreement",
        "mou",
        "memorandum of understanding",
    )
    assert (record["date"], record["date_precision"]) == ("2017-05-14", "day")
    assert (record["year"], record["month"], record["day"], record["end_date"]) == (
        2017,
        5,
        14,
        None,
    )
    assert record["offices"] == [
        {"slug": "inpi-fr", "acronym": "INPI", "name": "National Institute of Industrial Property",
         "country": "FR", "role": "party", "on_behalf_of": ""}
    ]  # fmt: skip
    assert record["countries"] == [{"code": "FR", "name": "France", "role": "visited"}]
    assert record["people"] == [{"slug": "shen-changyu", "name": "Shen Changyu", "role": "witness"}]
    assert record["witnesses"] == ["shen-changyu"]
    assert (record["groupings"], record["topics"]) == (["ip5"], ["pph"])
    assert record["source"] == {
        "document": "test-report", "section": "VII.5(5)", "heading": agreement.passage.heading,
        "passage": agreement.passage.text, "ref": agreement.passage.ref,
    }  # fmt: skip
    assert {"title", "title_zh", "city", "venue_country", "summary", "other_sources", "created_at",
            "updated_at", "occasion"} <= set(record)  # fmt: skip


def test_records_known_only_to_the_month_or_year_are_never_given_a_day(api):
    AgreementFactory(slug="by-month", year=2017, month=5)
    AgreementFactory(slug="by-year", year=2017, month=None)
    records = {r["id"]: r for r in api.get("/api/v1/activities/").json()["results"]}
    assert (records["by-month"]["date"], records["by-month"]["day"]) == ("2017-05", None)
    assert (records["by-year"]["date"], records["by-year"]["date_precision"]) == ("2017", "year")


def test_staff_entered_record_names_its_reference_as_source(api):
    TrainingFactory(slug="course", passage=None, staff_reference="File 2017/44")
    assert api.get("/api/v1/trainings/course/").json()["source"] == {
        "entered_by_staff": "File 2017/44"
    }


def test_type_endpoints_give_their_own_fields(api):
    meeting = MeetingFactory(
        slug="ip5-heads", series="IP5 Heads of Office", edition=10, outcomes="Joint statement"
    )
    delegation = DelegationFactory(
        slug="visit", kind=Kind.INCOMING, purpose="Talks", members_count=5
    )
    delegation.meetings.add(meeting)
    TrainingFactory(slug="course", participants_count=30, participants_more_than=True)
    visit = api.get("/api/v1/delegations/visit/").json()
    assert (visit["direction"], visit["purpose"], visit["members_count"], visit["meetings"]) == (
        "incoming", "Talks", 5, ["ip5-heads"],
    )  # fmt: skip
    heads = api.get("/api/v1/meetings/ip5-heads/").json()
    assert (heads["series"], heads["edition"], heads["outcomes"]) == (
        "IP5 Heads of Office",
        10,
        "Joint statement",
    )
    course = api.get("/api/v1/trainings/course/").json()
    assert (course["participants_count"], course["participants_more_than"]) == (30, True)


def test_lists_are_paginated_fifty_a_page_and_page_size_is_capped(api):
    for n in range(52):
        AgreementFactory(slug=f"a-{n}")
    page = api.get("/api/v1/agreements/").json()
    assert (page["count"], len(page["results"]), page["previous"]) == (52, 50, None)
    assert page["next"].endswith("/api/v1/agreements/?page=2")
    assert len(api.get("/api/v1/agreements/?page_size=5000").json()["results"]) == 52
    assert len(api.get("/api/v1/agreements/?page_size=3").json()["results"]) == 3


def test_activities_list_all_four_types_newest_first(api):
    AgreementFactory(slug="old", year=2016, month=3)
    MeetingFactory(slug="newest", year=2017, month=11, day=2)
    TrainingFactory(slug="middle", year=2017, month=6)
    DelegationFactory(slug="year-only", year=2017, month=None)
    assert ids(api.get("/api/v1/activities/")) == ["newest", "middle", "year-only", "old"]


def test_reference_lists_and_details_answer_by_their_keys(api, france):
    office = OfficeFactory(slug="inpi-fr", acronym="INPI", country=france)
    AgreementFactory(people=[PersonFactory(slug="someone", office=office)])  # public: published
    GroupingFactory(slug="ip5").member_offices.add(office)
    assert api.get("/api/v1/countries/FR/").json()["name"] == "France"
    assert api.get("/api/v1/countries/fr/").json()["code"] == "FR"
    assert api.get("/api/v1/offices/inpi-fr/").json()["country"] == "FR"
    assert api.get("/api/v1/offices/inpi/").json()["slug"] == "inpi-fr"
    assert api.get("/api/v1/people/someone/").json()["office"] == "inpi-fr"
    assert api.get("/api/v1/groupings/ip5/").json()["member_offices"] == ["inpi-fr"]
    assert [c["code"] for c in api.get("/api/v1/countries/?q=fran").json()["results"]] == ["FR"]
    assert [o["slug"] for o in api.get("/api/v1/offices/?country=fr").json()["results"]] == [
        "inpi-fr"
    ]
    assert [p["slug"] for p in api.get("/api/v1/people/?office=INPI").json()["results"]] == [
        "someone"
    ]
    assert api.get("/api/v1/offices/?country=ZZ").json() == {"country": ["Unknown value: ZZ."]}


def test_figures_give_reported_and_itemized_counts(api):
    passage = PassageFactory()
    figure = Figure.objects.create(
        document=passage.document, slug="mous", label="New agreements", value=52, unit="agreements",
        year=2017, passage=passage, counts_type="agreement", status=Status.PUBLISHED,
    )  # fmt: skip
    pph = Figure.objects.create(
        document=passage.document, slug="pph", label="PPH", value=3, qualifier="more-than", unit="agreements",
        year=2017, passage=passage, counts_type="agreement", counts_kind=Kind.PPH, status=Status.PUBLISHED,
        position=1,
    )  # fmt: skip
    Figure.objects.create(document=passage.document, slug="draft", label="Draft", value=1, unit="x", year=2017,
                          passage=passage, position=2)  # fmt: skip
    AgreementFactory(kind=Kind.PPH)
    AgreementFactory(kind=Kind.MOU)
    AgreementFactory(kind=Kind.MOU, status=Status.DRAFT)
    AgreementFactory(kind=Kind.MOU, year=2016)
    results = api.get("/api/v1/figures/").json()["results"]
    assert [(f["slug"], f["reported"], f["qualifier"], f["itemized"]) for f in results] == [
        ("mous", 52, "exact", figure.itemized()), ("pph", 3, "more-than", pph.itemized()),
    ]  # fmt: skip
    assert [f["itemized"] for f in results] == [2, 1]
    assert results[0]["passage"]["passage"] == passage.text


# Filters: every parameter of the shared filter language


@pytest.mark.parametrize("endpoint", ["activities", "agreements"])
def test_country_filter_finds_parties_places_and_venues(api, france, endpoint):
    germany = CountryFactory(code="DE", name="Germany")
    AgreementFactory(slug="party", parties=[OfficeFactory(country=france)])
    AgreementFactory(slug="place", countries=[france])
    AgreementFactory(slug="venue", venue_country=france)
    AgreementFactory(slug="elsewhere", countries=[germany])
    assert sorted(ids(api.get(f"/api/v1/{endpoint}/?country=FR"))) == ["party", "place", "venue"]
    assert sorted(ids(api.get(f"/api/v1/{endpoint}/?country=fr,de"))) == [
        "elsewhere",
        "party",
        "place",
        "venue",
    ]


def test_office_filter_takes_slug_or_acronym_in_any_case(api):
    epo = OfficeFactory(slug="epo", acronym="EPO", kind="intergovernmental", country=None)
    MeetingFactory(slug="with-epo", parties=[epo])
    MeetingFactory(slug="without")
    assert ids(api.get("/api/v1/meetings/?office=epo")) == ["with-epo"]
    assert ids(api.get("/api/v1/meetings/?office=EPO")) == ["with-epo"]


def test_grouping_filter_finds_tagged_records_and_members(api):
    ip5 = GroupingFactory(slug="ip5")
    member = OfficeFactory()
    ip5.member_offices.add(member)
    MeetingFactory(slug="tagged").groupings.add(ip5)
    MeetingFactory(slug="member", parties=[member])
    MeetingFactory(slug="other")
    assert sorted(ids(api.get("/api/v1/activities/?grouping=ip5"))) == ["member", "tagged"]


def test_person_filter(api):
    shen = PersonFactory(slug="shen-changyu")
    DelegationFactory(slug="led", people=[shen])
    DelegationFactory(slug="other")
    assert ids(api.get("/api/v1/delegations/?person=shen-changyu")) == ["led"]


@pytest.fixture
def spread():
    """Records in 2015, 2016–2018, 2017 (year only), 2017-05, 2018 and 2019."""
    TrainingFactory(slug="y2015", year=2015, month=3)
    TrainingFactory(slug="y2016-2018", year=2016, month=9, end_year=2018, end_month=2)
    TrainingFactory(slug="y2017", year=2017, month=None)
    TrainingFactory(slug="y2017-05", year=2017, month=5)
    TrainingFactory(slug="y2018", year=2018, month=1)
    TrainingFactory(slug="y2019", year=2019, month=None)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2017", ["y2016-2018", "y2017", "y2017-05"]),
        ("year=2015", ["y2015"]),
        ("year_min=2018", ["y2016-2018", "y2018", "y2019"]),
        ("year_max=2016", ["y2015", "y2016-2018"]),
        ("year_min=2017&year_max=2017", ["y2016-2018", "y2017", "y2017-05"]),
        ("year_min=2019&year_max=2020", ["y2019"]),
        ("month=5", ["y2017-05"]),
        ("year=2017&month=5", ["y2017-05"]),
    ],
)
def test_year_filters_match_records_whose_partial_or_multi_year_dates_overlap(
    api, spread, query, expected
):
    assert sorted(ids(api.get(f"/api/v1/trainings/?{query}"))) == expected


def test_kind_filter_takes_kinds_and_on_activities_also_types(api):
    AgreementFactory(slug="pph", kind=Kind.PPH)
    AgreementFactory(slug="mou", kind=Kind.MOU)
    MeetingFactory(slug="meeting")
    assert ids(api.get("/api/v1/agreements/?kind=pph")) == ["pph"]
    assert sorted(ids(api.get("/api/v1/activities/?kind=meeting,pph"))) == ["meeting", "pph"]
    assert api.get("/api/v1/agreements/?kind=meeting").status_code == 400


def test_text_filter_searches_titles_summaries_and_quoted_passages(api):
    AgreementFactory(slug="title", title="Patent prosecution highway")
    AgreementFactory(
        slug="passage", passage=PassageFactory(text="SIPO and the Highway office signed.")
    )
    AgreementFactory(slug="other", title="Trademarks", summary="")
    assert sorted(ids(api.get("/api/v1/agreements/?q=HIGHWAY"))) == ["passage", "title"]
    assert ids(api.get("/api/v1/agreements/?q=patent highway")) == ["title"]


def test_updated_since_filter(api):
    AgreementFactory(slug="old")
    AgreementFactory(slug="new")
    Activity.objects.filter(slug="old").update(
        updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    assert ids(api.get("/api/v1/agreements/?updated_since=2024-01-01T00:00:00Z")) == ["new"]


def test_ordering_filter(api):
    AgreementFactory(slug="b", title="Beta", year=2016)
    AgreementFactory(slug="a", title="Alpha", year=2017)
    assert ids(api.get("/api/v1/agreements/?ordering=title")) == ["a", "b"]
    assert ids(api.get("/api/v1/agreements/?ordering=date")) == ["b", "a"]
    assert ids(api.get("/api/v1/agreements/?ordering=-title")) == ["b", "a"]


def test_meeting_series_filter(api):
    MeetingFactory(slug="heads", series="IP5 Heads of Office")
    MeetingFactory(slug="other", series="BRICS")
    assert ids(api.get("/api/v1/meetings/?series=ip5 heads of office")) == ["heads"]


# Bad input: a 400 naming the parameter, never a 500


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("year=abc", "year"),
        ("year=1700", "year"),
        ("month=13", "month"),
        ("month=0", "month"),
        ("year_min=2018&year_max=2017", "year_min"),
        ("year_min=x", "year_min"),
        ("year_max=x", "year_max"),
        ("country=ZZ", "country"),
        ("country=F%00R", "country"),
        ("office=no-such-office", "office"),
        ("grouping=nope", "grouping"),
        ("person=nobody", "person"),
        ("kind=sandwich", "kind"),
        ("updated_since=yesterday", "updated_since"),
        ("ordering=price", "ordering"),
        ("q=a%00b", "q"),
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page_size=abc", "page_size"),
        ("page_size=-5", "page_size"),
    ],
)
@pytest.mark.parametrize(
    "endpoint", ["activities", "agreements", "delegations", "meetings", "trainings"]
)
def test_bad_parameters_give_a_400_naming_the_parameter(api, france, endpoint, query, parameter):
    response = api.get(f"/api/v1/{endpoint}/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert list(body) == [parameter]
    assert body[parameter] and all(isinstance(message, str) for message in body[parameter])


def test_bad_parameters_name_the_reason(api):
    assert api.get("/api/v1/agreements/?year=abc").json() == {"year": ["Enter a whole number."]}
    assert api.get("/api/v1/agreements/?country=ZZ").json() == {"country": ["Unknown value: ZZ."]}
    assert api.get("/api/v1/agreements/?year_min=2018&year_max=2017").json() == {
        "year_min": ["From year must not be after to year."]
    }


def test_bad_parameters_on_a_csv_request_answer_in_json(api):
    response = api.get("/api/v1/agreements/?format=csv&month=13")
    assert (response.status_code, response["Content-Type"]) == (400, "application/json")
    assert list(response.json()) == ["month"]


def test_page_beyond_the_end_is_not_found(api):
    AgreementFactory()
    assert api.get("/api/v1/agreements/?page=2").status_code == 404


def test_unknown_keys_in_detail_routes_are_not_found(api):
    for path in ["agreements/nope/", "countries/ZZ/", "offices/nope/", "offices/a%00b/", "people/nope/",
                 "groupings/nope/", "figures/99/", "activities/nope/"]:  # fmt: skip
        assert api.get(f"/api/v1/{path}").status_code == 404, path


# Drafts never reach anonymous clients


@pytest.fixture
def draft():
    return AgreementFactory(
        slug="secret-draft",
        title="Secret draft",
        status=Status.DRAFT,
        countries=[CountryFactory(code="FR")],
    )


def test_drafts_are_invisible_to_anonymous_clients_everywhere(api, draft):
    AgreementFactory(slug="public", countries=[draft.countries.get()])
    for endpoint in ["activities", "agreements"]:
        assert ids(api.get(f"/api/v1/{endpoint}/")) == ["public"]
        assert ids(api.get(f"/api/v1/{endpoint}/?country=FR&q=secret")) == []
        assert api.get(f"/api/v1/{endpoint}/secret-draft/").status_code == 404
        assert [row["id"] for row in csv_rows(api.get(f"/api/v1/{endpoint}/?format=csv"))] == [
            "public"
        ]


def test_draft_occasions_and_meetings_are_not_named_to_anonymous_clients(api):
    hidden = MeetingFactory(slug="hidden-meeting", status=Status.DRAFT)
    AgreementFactory(slug="signed", occasion=hidden)
    DelegationFactory(slug="visit").meetings.add(hidden)
    assert api.get("/api/v1/agreements/signed/").json()["occasion"] is None
    assert api.get("/api/v1/delegations/visit/").json()["meetings"] == []


def test_staff_with_view_permission_see_drafts_and_others_do_not(draft):
    viewer, _ = staff_client("agreements.view_agreement", username="viewer")
    assert viewer.get("/api/v1/agreements/secret-draft/").status_code == 200
    assert ids(viewer.get("/api/v1/activities/")) == ["secret-draft"]
    nobody, _ = staff_client(username="nobody")
    assert nobody.get("/api/v1/agreements/secret-draft/").status_code == 404
    assert ids(nobody.get("/api/v1/activities/")) == []


def test_draft_figures_are_invisible_to_anonymous_clients(api):
    passage = PassageFactory()
    figure = Figure.objects.create(document=passage.document, slug="d", label="D", value=1, unit="x",
                                   year=2017, passage=passage)  # fmt: skip
    assert api.get("/api/v1/figures/").json()["count"] == 0
    assert api.get(f"/api/v1/figures/{figure.pk}/").status_code == 404


# CSV


def test_csv_gives_the_same_filtered_rows_as_json_across_all_pages(api, france):
    for n in range(5):
        AgreementFactory(
            slug=f"fr-{n}",
            countries=[france],
            month=n + 1,
            parties=[OfficeFactory(acronym=f"X{n}")],
        )
    AgreementFactory(slug="elsewhere")
    json_ids = ids(api.get("/api/v1/agreements/?country=FR&page_size=500"))
    response = api.get("/api/v1/agreements/?country=FR&page_size=2&format=csv")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert [row["id"] for row in rows] == json_ids == [f"fr-{n}" for n in reversed(range(5))]
    first = api.get("/api/v1/agreements/fr-4/").json()
    assert rows[0] == {
        "id": "fr-4", "url": first["url"], "html_url": first["html_url"] or "", "type": "agreement",
        "kind": "mou", "title": first["title"], "date": "2017-05", "date_precision": "month", "end_date": "",
        "offices": "X4", "countries": "FR", "summary": "", "source_section": "VII.5(5)",
        "source_passage": first["source"]["passage"], "entered_by_staff": "",
        # An agreement's life (agreements.api.AGREEMENT_CSV): nothing known of it here.
        **dict.fromkeys(["entry_into_force", "valid_until", "term_years", "automatic_renewal",
                         "expiry", "renews", "extends", "supersedes", "implements",
                         "implementing_activities", "status_changes"], ""),
        "validity_status": "signed",
    }  # fmt: skip


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_neutralises_cells_that_a_spreadsheet_would_run(api, start):
    AgreementFactory(slug="evil", title=f'{start}HYPERLINK("http://x")', summary=f"{start}1+1")
    row = csv_rows(api.get("/api/v1/agreements/?format=csv"))[0]
    assert row["title"] == f'\'{start}HYPERLINK("http://x")'
    assert row["summary"] == f"'{start}1+1"


@pytest.mark.parametrize("endpoint", ["activities", "delegations", "meetings", "trainings", "countries", "offices",
                                      "people", "groupings", "figures"])  # fmt: skip
def test_every_list_answers_csv(api, endpoint):
    for name, factory in TYPE_ENDPOINTS.items():
        factory(slug=name, parties=[OfficeFactory()], people=[PersonFactory()])
    GroupingFactory()
    response = api.get(f"/api/v1/{endpoint}/?format=csv")
    assert response.status_code == 200
    rows = csv_rows(response)
    assert len(rows) == api.get(f"/api/v1/{endpoint}/").json()["count"]


def test_a_detail_answers_csv_too(api):
    AgreementFactory(slug="one")
    response = api.get("/api/v1/agreements/one/?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert [row["id"] for row in csv.DictReader(io.StringIO(response.content.decode()))] == ["one"]


# Throttling and query counts


def test_anonymous_clients_are_throttled(api, settings, monkeypatch):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"]
    }  # fmt: skip
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    cache.clear()
    try:
        # Distinct queries: a repeated one is answered from the page cache, before any throttle.
        codes = [api.get(f"/api/v1/agreements/?page_size={n}").status_code for n in (1, 2, 3)]
        assert codes == [200, 200, 429]
    finally:
        cache.clear()


def _populate(endpoint: str, count: int) -> None:
    passage = PassageFactory()
    for n in range(count):
        office = OfficeFactory()
        if endpoint in {"countries", "offices", "people", "groupings"}:
            grouping = GroupingFactory()
            grouping.member_offices.add(office)
            grouping.member_countries.add(office.country)
            # A published record makes the person public (see cooperation.visibility).
            AgreementFactory(
                slug=f"{endpoint}-{count}-{n}",
                passage=passage,
                people=[PersonFactory(office=office)],
            )
            continue
        if endpoint == "figures":
            Figure.objects.create(
                document=passage.document, slug=f"f{n}-{count}", label="F", value=n, unit="x", year=2017,
                passage=passage, counts_type="agreement", counts_kind=Kind.MOU if n % 2 else "",
                status=Status.PUBLISHED, position=n,
            )  # fmt: skip
            continue
        factory = TYPE_ENDPOINTS.get(endpoint) or list(TYPE_ENDPOINTS.values())[n % 4]
        record = factory(
            slug=f"{endpoint}-{count}-{n}",
            parties=[office],
            countries=[office.country],
            people=[PersonFactory()],
            venue_country=office.country,
        )
        record.groupings.add(GroupingFactory())
        record.topics.add(Topic.objects.create(slug=f"t-{record.pk}", name=f"Topic {record.pk}"))
        record.other_passages.add(PassageFactory())
        if endpoint == "delegations":
            record.meetings.add(MeetingFactory(slug=f"m-{count}-{n}"))
        if endpoint == "agreements":
            record.occasion = MeetingFactory(slug=f"m-{count}-{n}")
            record.save()


@pytest.mark.parametrize(
    "endpoint",
    ["activities", "agreements", "delegations", "meetings", "trainings", "countries", "offices", "people",
     "groupings", "figures"],
)  # fmt: skip
def test_list_query_count_does_not_grow_with_the_number_of_records(
    api, endpoint, django_assert_num_queries
):
    _populate(endpoint, 10)
    with CaptureQueriesContext(connection) as ten:
        assert api.get(f"/api/v1/{endpoint}/?page_size=500").status_code == 200
    _populate(endpoint, 90)
    with django_assert_num_queries(len(ten.captured_queries)):
        response = api.get(f"/api/v1/{endpoint}/?page_size=500")
    assert response.json()["count"] >= 100


def test_staff_list_query_count_does_not_grow_either(django_assert_num_queries):
    viewer, _ = staff_client("cooperation.view_activity")
    _populate("activities", 10)
    with CaptureQueriesContext(connection) as ten:
        viewer.get("/api/v1/activities/?page_size=500")
    _populate("activities", 90)
    with django_assert_num_queries(len(ten.captured_queries)):
        viewer.get("/api/v1/activities/?page_size=500")


def test_token_header_authenticates(api):
    _, user = staff_client(username="someone")
    token = Token.objects.get(user=user)
    assert api.get("/api/v1/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200
    assert api.get("/api/v1/", HTTP_AUTHORIZATION="Token wrong").status_code == 401


def test_party_role_choices_are_the_model_choices():
    assert "party" in PartyRole.values and DocumentFactory._meta.model is not None


def test_unknown_keys_with_percent_signs_are_named_not_a_server_error(api):
    response = api.get("/api/v1/agreements/?office=100%25s")
    assert response.status_code == 400
    assert response.json() == {"office": ["Unknown value: 100%s."]}
