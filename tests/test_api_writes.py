"""The REST API's writes: token staff only, the admin's validation, history, and 409 on blocked deletes."""

import pytest
from rest_framework.test import APIClient

from agreements.models import Agreement
from cooperation.models import Office, Status

from .factories import (
    AgreementFactory,
    CountryFactory,
    MeetingFactory,
    OfficeFactory,
    PassageFactory,
    PersonFactory,
)
from .test_api import staff_client

pytestmark = pytest.mark.django_db

EDITOR = ("agreements.add_agreement", "agreements.change_agreement", "agreements.delete_agreement")


@pytest.fixture
def editor():
    return staff_client(*EDITOR, "cooperation.publish_activity")


@pytest.fixture
def payload():
    france = CountryFactory(code="FR", name="France")
    OfficeFactory(slug="inpi-fr", acronym="INPI", country=france)
    PersonFactory(slug="shen-changyu")
    passage = PassageFactory(ref="inpi-mou")
    return {
        "id": "sipo-inpi-mou",
        "kind": "mou",
        "title": "MoU on cooperation with INPI",
        "date": "2017-05",
        "offices": [{"office": "inpi", "role": "party"}],
        "countries": [{"country": "FR", "role": "partner"}],
        "people": [{"person": "shen-changyu", "role": "signatory"}],
        "source": {"document": passage.document.slug, "ref": "inpi-mou"},
        "status": "published",
    }


def test_anonymous_writes_are_refused_and_change_nothing(payload):
    AgreementFactory(slug="existing", title="Unchanged")
    api = APIClient()
    assert api.post("/api/v1/agreements/", payload, format="json").status_code == 401
    assert (
        api.patch("/api/v1/agreements/existing/", {"title": "X"}, format="json").status_code == 401
    )
    assert api.put("/api/v1/agreements/existing/", payload, format="json").status_code == 401
    assert api.delete("/api/v1/agreements/existing/").status_code == 401
    assert api.delete("/api/v1/offices/inpi-fr/").status_code == 401
    assert list(Agreement.objects.values_list("slug", "title")) == [("existing", "Unchanged")]
    assert Office.objects.filter(slug="inpi-fr").exists()


def test_staff_without_the_model_permission_are_refused(payload):
    client, _ = staff_client("agreements.view_agreement")
    assert client.post("/api/v1/agreements/", payload, format="json").status_code == 403
    assert not Agreement.objects.exists()


def test_token_staff_create_a_record_with_parties_and_history(editor, payload):
    client, user = editor
    response = client.post("/api/v1/agreements/", payload, format="json")
    assert response.status_code == 201, response.content
    record = response.json()
    assert (record["id"], record["date"], record["date_precision"]) == (
        "sipo-inpi-mou",
        "2017-05",
        "month",
    )
    assert [(o["slug"], o["role"]) for o in record["offices"]] == [("inpi-fr", "party")]
    assert record["countries"] == [{"code": "FR", "name": "France", "role": "partner"}]
    assert record["source"]["ref"] == "inpi-mou"
    agreement = Agreement.objects.get(slug="sipo-inpi-mou")
    assert (agreement.type, agreement.year, agreement.month, agreement.day) == (
        "agreement",
        2017,
        5,
        None,
    )
    history = list(agreement.history.all())
    assert [(h.history_type, h.history_user) for h in history] == [("+", user)]


def test_token_staff_update_a_record_raising_its_version_and_history(editor, payload):
    client, user = editor
    client.post("/api/v1/agreements/", payload, format="json")
    response = client.patch(
        "/api/v1/agreements/sipo-inpi-mou/",
        {"date": "2017-05-14", "end_date": "2018", "version": 1},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert (response.json()["date"], response.json()["end_date"], response.json()["version"]) == (
        "2017-05-14",
        "2018",
        2,
    )
    assert response.json()["offices"][0]["slug"] == "inpi-fr"
    agreement = Agreement.objects.get(slug="sipo-inpi-mou")
    assert [h.history_type for h in agreement.history.all()] == ["~", "+"]
    assert agreement.history.first().history_user == user
    stale = client.patch(
        "/api/v1/agreements/sipo-inpi-mou/", {"title": "Late", "version": 1}, format="json"
    )
    assert stale.status_code == 409
    assert list(stale.json()) == ["version"]


def test_token_staff_delete_a_record_and_history_records_it(editor):
    client, user = editor
    AgreementFactory(slug="gone")
    assert client.delete("/api/v1/agreements/gone/").status_code == 204
    assert not Agreement.objects.filter(slug="gone").exists()
    assert Agreement.history.filter(slug="gone", history_type="-").get().history_user == user


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"date": "2017-13"}, "date"),
        ({"date": "2017-02-30"}, "date"),
        ({"date": "May 2017"}, "date"),
        ({"date": "1700"}, "date"),
        ({"end_date": "2016"}, "end_date"),
        ({"kind": "outgoing"}, "kind"),
        ({"kind": "no-such-kind"}, "kind"),
        ({"source": {}}, "source"),
        ({"source": {"entered_by_staff": "  "}}, "source"),
        ({"source": {"document": "test-report", "ref": "missing"}}, "source"),
        ({"offices": [{"office": "nowhere", "role": "party"}]}, "offices"),
        (
            {
                "offices": [
                    {"office": "inpi", "role": "party"},
                    {"office": "inpi-fr", "role": "party"},
                ]
            },
            "offices",
        ),
        ({"countries": [{"country": "ZZ", "role": "visited"}]}, "countries"),
        ({"people": [{"person": "nobody", "role": "leader"}]}, "people"),
        ({"groupings": ["nope"]}, "groupings"),
        ({"venue_country": "ZZ"}, "venue_country"),
        ({"id": "not a slug"}, "id"),
        ({"title": ""}, "title"),
        ({"title": "nul\x00byte"}, "title"),
    ],
)
def test_invalid_writes_are_a_400_naming_the_field(editor, payload, change, field):
    client, _ = editor
    response = client.post("/api/v1/agreements/", {**payload, **change}, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Agreement.objects.exists()


def test_a_record_without_any_source_is_refused(editor, payload):
    client, _ = editor
    del payload["source"]
    response = client.post("/api/v1/agreements/", payload, format="json")
    assert (response.status_code, list(response.json())) == (400, ["source"])


def test_a_staff_reference_is_an_acceptable_source(editor, payload):
    client, _ = editor
    response = client.post(
        "/api/v1/agreements/", {**payload, "source": {"entered_by_staff": "File 7"}}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["source"] == {"entered_by_staff": "File 7"}


def test_a_duplicate_of_kind_date_parties_and_title_is_refused(editor, payload):
    client, _ = editor
    assert client.post("/api/v1/agreements/", payload, format="json").status_code == 201
    twin = client.post(
        "/api/v1/agreements/",
        {**payload, "id": "twin", "title": payload["title"].upper()},
        format="json",
    )
    assert twin.status_code == 400
    assert "sipo-inpi-mou" in twin.json()["non_field_errors"][0]
    OfficeFactory(slug="epo", acronym="EPO")
    other_parties = client.post(
        "/api/v1/agreements/",
        {**payload, "id": "other", "offices": [{"office": "epo", "role": "party"}]},
        format="json",
    )
    assert other_parties.status_code == 201


def test_a_taken_slug_is_refused(editor, payload):
    client, _ = editor
    AgreementFactory(slug="sipo-inpi-mou")
    response = client.post("/api/v1/agreements/", payload, format="json")
    assert (response.status_code, list(response.json())) == (400, ["id"])


def test_publishing_needs_the_publish_permission(payload):
    client, _ = staff_client(*EDITOR)
    assert client.post("/api/v1/agreements/", payload, format="json").status_code == 403
    response = client.post("/api/v1/agreements/", {**payload, "status": "draft"}, format="json")
    assert response.status_code == 201
    assert (
        client.patch(
            "/api/v1/agreements/sipo-inpi-mou/", {"status": "published"}, format="json"
        ).status_code
        == 403
    )
    assert Agreement.objects.get().status == Status.DRAFT


def test_occasion_and_meetings_are_written_by_slug():
    client, _ = staff_client("agreements.change_agreement", "delegations.change_delegation")
    MeetingFactory(slug="summit")
    AgreementFactory(slug="signed", parties=[OfficeFactory()])
    response = client.patch("/api/v1/agreements/signed/", {"occasion": "summit"}, format="json")
    assert (response.status_code, response.json()["occasion"]) == (200, "summit")


def test_deleting_an_office_that_records_still_name_is_a_409():
    client, _ = staff_client("cooperation.delete_office")
    office = OfficeFactory(slug="inpi-fr")
    AgreementFactory(parties=[office])
    response = client.delete("/api/v1/offices/inpi-fr/")
    assert response.status_code == 409
    assert "Cannot delete" in response.json()["detail"]
    assert Office.objects.filter(slug="inpi-fr").exists()
    OfficeFactory(slug="unused")
    assert client.delete("/api/v1/offices/unused/").status_code == 204


def test_reference_records_are_validated_like_the_admin():
    client, _ = staff_client("cooperation.add_office")
    CountryFactory(code="FR")
    response = client.post(
        "/api/v1/offices/",
        {
            "slug": "epo",
            "acronym": "EPO",
            "name": "European Patent Office",
            "kind": "intergovernmental",
            "country": "FR",
        },
        format="json",
    )
    assert response.status_code == 400
    assert not Office.objects.filter(slug="epo").exists()
    response = client.post(
        "/api/v1/offices/",
        {
            "slug": "epo",
            "acronym": "EPO",
            "name": "European Patent Office",
            "kind": "intergovernmental",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
