"""An agreement's validity, status changes and relations: the rules of the write path, the derived
dates, the filters of the catalogue and the API, and the read path."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from agreements.models import Agreement, ValidityStatus
from agreements.services import record_status_change
from cooperation import services
from tests.factories import AgreementFactory, CountryFactory, OfficeFactory, TrainingFactory
from tests.test_api import staff_client

pytestmark = pytest.mark.django_db


def save(agreement, **fields):
    return services.save_activity(activity=agreement, fields=fields).activity


@pytest.fixture(autouse=True)
def party():
    return OfficeFactory(slug="sipo", acronym="SIPO")


def agreement(party, **fields):
    return AgreementFactory(parties=[party], **fields)


@pytest.fixture
def mou(party):
    return agreement(party, slug="mou-2015", year=2015, month=6, day=None)


def test_a_term_counts_from_the_entry_into_force_at_the_same_precision(mou):
    save(mou, entry_into_force="2015-09", term_years=5)
    assert mou.expiry == "2020-09"
    assert mou.expires_on == datetime.date(2020, 9, 30)
    assert mou.in_force_from == datetime.date(2015, 9, 1)


def test_a_term_without_entry_into_force_counts_from_the_signing(mou):
    save(mou, term_years=3)
    assert mou.expiry == "2018-06"


def test_a_year_only_end_is_never_moved_to_january(mou):
    save(mou, valid_until="2018")
    assert mou.expiry == "2018"
    assert mou.expires_on == datetime.date(2018, 12, 31)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"entry_into_force": "2016-03", "valid_until": "2016-01"}, "valid_until"),
        ({"entry_into_force": "2014"}, "entry_into_force"),
        ({"valid_until": "2015-05"}, "valid_until"),
        ({"entry_into_force": "2016-13"}, "entry_into_force"),
        ({"entry_into_force": "0000"}, "entry_into_force"),
        ({"valid_until": "9999"}, "valid_until"),
        ({"valid_until": "2019", "term_years": 4}, "term_years"),
    ],
)
def test_impossible_validity_is_refused_naming_the_field_and_saves_nothing(mou, fields, field):
    version = mou.version
    with pytest.raises(ValidationError) as error:
        save(mou, **fields)
    assert field in error.value.message_dict
    mou.refresh_from_db()
    assert (mou.version, mou.entry_into_force, mou.valid_until) == (version, "", "")


def test_an_agreement_that_renews_itself_is_refused(mou):
    with pytest.raises(ValidationError) as error:
        save(mou, renews=mou)
    assert error.value.message_dict["renews"] == ["An agreement cannot name itself under “renews”."]


def test_a_cycle_of_supersedes_is_refused_and_saves_nothing(party):
    first = agreement(party, year=2010)
    second = agreement(party, year=2012)
    third = agreement(party, year=2014)
    save(second, supersedes=first)
    save(third, supersedes=second)
    with pytest.raises(ValidationError) as error:
        save(first, supersedes=third)
    assert "loop" in error.value.message_dict["supersedes"][0]
    first.refresh_from_db()
    assert first.supersedes_id is None


def test_a_renewal_cannot_renew_an_agreement_signed_after_it(party):
    earlier, later = agreement(party, year=2014), agreement(party, year=2016)
    with pytest.raises(ValidationError) as error:
        save(earlier, renews=later)
    assert "renews" in error.value.message_dict


def test_a_status_change_is_a_new_version_with_history_and_moves_the_status(mou):
    version, history = mou.version, mou.history.count()
    record_status_change(agreement=mou, status="in-force", date="2015-09", staff_reference="F-1")
    mou.refresh_from_db()
    assert mou.validity_status == ValidityStatus.IN_FORCE
    assert mou.version == version + 1
    assert mou.history.count() == history + 1
    assert mou.history.first().history_change_reason == "in force (2015-09)"
    assert mou.in_force_from == datetime.date(2015, 9, 1)


@pytest.mark.parametrize(
    ("date", "field"),
    [("2014", "date"), ("2016-02", "date"), ("2016-02-30", "date"), ("", "date"), ("0000", "date")],
)
def test_a_status_change_out_of_order_is_refused_and_saves_nothing(mou, date, field):
    record_status_change(agreement=mou, status="in-force", date="2016-03", staff_reference="F-1")
    version = Agreement.objects.get(pk=mou.pk).version
    with pytest.raises(ValidationError) as error:
        record_status_change(agreement=mou, status="expired", date=date, staff_reference="F-2")
    assert field in error.value.message_dict
    assert mou.status_changes.count() == 1
    assert Agreement.objects.get(pk=mou.pk).version == version


def test_a_status_change_needs_a_source(mou):
    with pytest.raises(ValidationError) as error:
        record_status_change(agreement=mou, status="in-force", date="2016")
    assert "staff_reference" in error.value.message_dict
    assert not mou.status_changes.exists()


def test_a_termination_ends_validity_at_the_last_day_it_may_be(mou):
    save(mou, valid_until="2025")
    record_status_change(agreement=mou, status="terminated", date="2019-04", staff_reference="x")
    assert Agreement.objects.get(pk=mou.pk).in_force_until == datetime.date(2019, 4, 30)


def test_in_force_on_a_day_a_month_or_a_year(mou):
    save(mou, entry_into_force="2015-09", valid_until="2018-06")
    found = lambda when: list(Agreement.objects.filter(pk=mou.pk).in_force_on(*when))  # noqa: E731
    from agreements.validity import as_bounds

    assert found(as_bounds("2018-06-30")) == [mou]
    assert found(as_bounds("2018-07-01")) == []
    assert found(as_bounds("2015")) == [mou]
    assert found(as_bounds("2015-08")) == []


def test_api_and_catalogue_filter_in_force_on_expires_before_and_validity(client):
    france = CountryFactory(code="FR")
    inpi = OfficeFactory(slug="inpi-fr", acronym="INPI", country=france)
    old = AgreementFactory(slug="old", year=2010, parties=[inpi])
    save(old, valid_until="2012")
    current = AgreementFactory(slug="current", year=2016, parties=[inpi])
    save(current, term_years=5)
    record_status_change(agreement=current, status="in-force", date="2016", staff_reference="x")
    query = "in_force_on=2018-06-30&country=FR"
    api = client.get(f"/api/v1/agreements/?{query}").json()
    assert [r["id"] for r in api["results"]] == ["current"]
    page = client.get(f"/agreements/?{query}")
    assert [r["slug"] for r in page.context["page_obj"].object_list] == ["current"]
    api = client.get("/api/v1/agreements/?expires_before=2013").json()
    assert [r["id"] for r in api["results"]] == ["old"]
    api = client.get("/api/v1/agreements/?validity=in-force").json()
    assert [r["id"] for r in api["results"]] == ["current"]
    bad = client.get("/api/v1/agreements/?in_force_on=2018-02-30")
    assert bad.status_code == 400 and "in_force_on" in bad.json()


def test_the_api_shows_validity_relations_and_activities_under_an_agreement(client, mou, party):
    plan = agreement(party, slug="plan-2017", kind="work-plan", year=2017)
    training = TrainingFactory(slug="training-2017", year=2017)
    services.save_activity(
        activity=plan,
        fields={"implements": mou, "valid_until": "2018"},
        links={"implementing_activities": [training]},
    )
    record_status_change(agreement=plan, status="in-force", date="2017", staff_reference="x")
    data = client.get("/api/v1/agreements/plan-2017/").json()
    assert data["implements"] == "mou-2015"
    assert data["implementing_activities"] == ["training-2017"]
    assert data["expiry"] == "2018"
    assert data["validity_status"] == "in-force"
    assert data["status_changes"] == [
        {"status": "in-force", "date": "2017", "source": {"entered_by_staff": "x"}, "note": ""}
    ]


def test_the_api_records_a_status_change_and_refuses_a_bad_one(party):
    agreement(party, slug="mou-api", year=2015)
    url = "/api/v1/agreements/mou-api/status-changes/"
    adder, _user = staff_client("agreements.add_agreement", username="adder")
    refused = adder.post(url, {"status": "renewed", "date": "2020-06", "entered_by_staff": "F"})
    assert refused.status_code == 403
    api, _user = staff_client("agreements.change_agreement")
    good = api.post(url, {"status": "renewed", "date": "2020-06", "entered_by_staff": "F-9"})
    assert good.status_code == 201, good.content
    assert good.json()["validity_status"] == "renewed"
    bad = api.post(url, {"status": "expired", "date": "2019", "entered_by_staff": "F-9"})
    assert bad.status_code == 400 and "date" in bad.json()
    assert Agreement.objects.get(slug="mou-api").status_changes.count() == 1


def test_the_agreement_page_shows_its_timeline_in_date_order_with_honest_dates(client, mou, party):
    save(mou, entry_into_force="2015-09", valid_until="2020")
    record_status_change(agreement=mou, status="in-force", date="2015-09-10", staff_reference="F-1")
    training = TrainingFactory(slug="seminar", title="Seminar under the MOU", year=2016, month=None)
    hidden = TrainingFactory(slug="draft-seminar", title="Draft seminar", year=2016, status="draft")
    services.save_activity(activity=mou, links={"implementing_activities": [training, hidden]})
    renewal = agreement(party, slug="renewal", title="Renewal of the MOU", year=2020, month=11)
    save(renewal, renews=mou)
    page = client.get("/agreements/mou-2015/").content.decode()
    timeline = page[page.index('id="timeline-heading"') :]
    # A month-only date after the days of its month, a year-only one after the dated items.
    order = ["2015-06</time> — Signed", "2015-09-10</time> — In force", "2015-09</time> — Entry",
             "2016</time> — Training", "2020-11</time> — Renewed by", "2020</time> — End"]  # fmt: skip
    positions = [timeline.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Seminar under the MOU" in timeline and "Draft seminar" not in timeline
    assert "2016-01" not in timeline and "2020-01" not in timeline
    renewal_page = client.get("/agreements/renewal/").content.decode()
    assert 'Renews <a href="/agreements/mou-2015/">' in renewal_page


def test_the_country_profile_links_to_agreements_in_force_with_it_today(client, party):
    AgreementFactory(parties=[party], countries=[CountryFactory(code="FR")])
    page = client.get("/countries/FR/").content.decode()
    today = datetime.date.today().isoformat()
    assert f'href="/agreements/?country=FR&amp;in_force_on={today}"' in page


def test_the_agreement_list_reads_status_changes_and_relations_in_a_fixed_number_of_queries(
    client, party, django_assert_max_num_queries
):
    earlier = agreement(party, slug="earlier", year=2010)
    for n in range(2):
        later = agreement(party, slug=f"later-{n}", year=2015 + n)
        save(later, renews=earlier, valid_until="2030")
        record_status_change(agreement=later, status="in-force", date="2020", staff_reference="x")
    with django_assert_max_num_queries(9) as few:
        client.get("/api/v1/agreements/?validity=in-force")
    for n in range(2, 12):
        later = agreement(party, slug=f"later-{n}", year=2015)
        save(later, renews=earlier, valid_until="2030")
        record_status_change(agreement=later, status="in-force", date="2020", staff_reference="x")
    with django_assert_max_num_queries(len(few.captured_queries)):
        data = client.get("/api/v1/agreements/?validity=in-force").json()
    assert len(data["results"]) == 12
    assert {r["renews"] for r in data["results"]} == {"earlier"}


def test_the_openapi_schema_documents_the_validity_filters_and_fields(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    listing = schema["paths"]["/api/v1/agreements/"]["get"]
    names = {p["name"] for p in listing["parameters"]}
    assert {"in_force_on", "expires_before", "validity"} <= names
    agreement_schema = schema["components"]["schemas"]["Agreement"]["properties"]
    for name in ("entry_into_force", "valid_until", "expiry", "validity_status", "renews",
                 "supersedes", "implements", "implementing_activities", "status_changes"):  # fmt: skip
        assert name in agreement_schema, name
    assert "/api/v1/agreements/{slug}/status-changes/" in schema["paths"]


def test_the_api_csv_of_agreements_carries_validity_and_status_changes(client, mou, party):
    save(mou, entry_into_force="2015-09", term_years=5)
    record_status_change(agreement=mou, status="in-force", date="2015-09", staff_reference="F")
    record_status_change(agreement=mou, status="renewed", date="2020-09", staff_reference="F")
    from tests.test_api import csv_rows

    row = csv_rows(client.get("/api/v1/agreements/?format=csv"))[0]
    assert (row["entry_into_force"], row["expiry"], row["validity_status"]) == (
        "2015-09",
        "2020-09",
        "renewed",
    )
    assert row["status_changes"] == "in-force 2015-09; renewed 2020-09"
