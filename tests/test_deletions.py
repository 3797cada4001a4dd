"""Tombstones: every way of deleting a record leaves one, and /api/v1/deleted/ tells syncing clients."""

import json
from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from agreements.models import Agreement
from cooperation.models import Activity, Deletion, Status

from .factories import AgreementFactory, DelegationFactory, MeetingFactory, TrainingFactory
from .test_admin import staff
from .test_api import staff_client

pytestmark = pytest.mark.django_db

DELETER = ("agreements.delete_agreement", "agreements.view_agreement")


def tombstones() -> list[tuple[str, str, str]]:
    return list(Deletion.objects.values_list("type", "slug", "status"))


def deleted(client, query: str = "") -> list[tuple[str, str]]:
    response = client.get(f"/api/v1/deleted/{query}")
    assert response.status_code == 200, response.content
    return [(row["type"], row["id"]) for row in response.json()["results"]]


def test_deleting_through_the_api_leaves_a_tombstone_naming_the_deleting_user():
    agreement = AgreementFactory(slug="sipo-inpi-mou")
    client, user = staff_client(*DELETER)
    assert client.delete("/api/v1/agreements/sipo-inpi-mou/").status_code == 204
    tombstone = Deletion.objects.get()
    assert (tombstone.type, tombstone.slug, tombstone.record_id) == (
        "agreement",
        "sipo-inpi-mou",
        agreement.pk,
    )
    assert (tombstone.status, tombstone.deleted_by) == (Status.PUBLISHED, user)


def test_deleting_in_the_admin_leaves_a_tombstone_naming_the_staff_member(client):
    agreement = AgreementFactory(slug="admin-deleted")
    admin_user = staff("admin", is_superuser=True)
    client.force_login(admin_user)
    url = reverse("admin:agreements_agreement_delete", args=[agreement.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302, response.content
    assert not Agreement.objects.exists()
    assert tombstones() == [("agreement", "admin-deleted", "published")]
    assert Deletion.objects.get().deleted_by == admin_user


def test_the_admin_bulk_delete_action_leaves_one_tombstone_per_record(client):
    first = AgreementFactory(slug="first")
    second = AgreementFactory(slug="second", status=Status.DRAFT)
    AgreementFactory(slug="kept")
    admin_user = staff("admin", is_superuser=True)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:agreements_agreement_changelist"),
        {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"},
    )
    assert response.status_code == 302, response.content
    assert list(Agreement.objects.values_list("slug", flat=True)) == ["kept"]
    assert sorted(tombstones()) == [
        ("agreement", "first", "published"),
        ("agreement", "second", "draft"),
    ]
    assert set(Deletion.objects.values_list("deleted_by", flat=True)) == {admin_user.pk}


def test_a_queryset_delete_of_activities_leaves_a_tombstone_for_each_type_and_no_user():
    for factory in (AgreementFactory, DelegationFactory, MeetingFactory, TrainingFactory):
        factory(slug=f"gone-{factory._meta.model.activity_type}")
    Activity.objects.all().delete()
    assert sorted(tombstones()) == [
        ("agreement", "gone-agreement", "published"),
        ("delegation", "gone-delegation", "published"),
        ("meeting", "gone-meeting", "published"),
        ("training", "gone-training", "published"),
    ]
    assert set(Deletion.objects.values_list("deleted_by", flat=True)) == {None}


def test_a_delete_rolled_back_leaves_no_tombstone():
    AgreementFactory(slug="rolled-back")
    with pytest.raises(RuntimeError), transaction.atomic():
        Agreement.objects.get().delete()
        assert tombstones() == [("agreement", "rolled-back", "published")]
        raise RuntimeError
    assert Agreement.objects.filter(slug="rolled-back").exists()
    assert tombstones() == []


def test_deleted_lists_a_deletion_since_a_time_before_it_and_not_since_after_it():
    AgreementFactory(slug="old").delete()
    Deletion.objects.update(deleted_at=timezone.now() - timedelta(days=2))
    before = timezone.now() - timedelta(seconds=1)
    MeetingFactory(slug="new").delete()
    after = timezone.now() + timedelta(seconds=1)
    api = APIClient()
    assert deleted(api) == [("agreement", "old"), ("meeting", "new")]
    assert deleted(api, f"?since={before.isoformat().replace('+00:00', 'Z')}") == [
        ("meeting", "new")
    ]
    assert deleted(api, f"?since={after.isoformat().replace('+00:00', 'Z')}") == []


def test_deleted_rows_show_type_key_and_time_and_never_who_deleted():
    AgreementFactory(slug="sipo-inpi-mou")
    client, _ = staff_client(*DELETER)
    client.delete("/api/v1/agreements/sipo-inpi-mou/")
    [row] = APIClient().get("/api/v1/deleted/").json()["results"]
    assert set(row) == {"type", "id", "deleted_at"}
    assert (row["type"], row["id"]) == ("agreement", "sipo-inpi-mou")
    assert row["deleted_at"] == Deletion.objects.get().deleted_at.isoformat().replace("+00:00", "Z")


def test_deleted_filters_by_type():
    AgreementFactory(slug="a").delete()
    MeetingFactory(slug="m").delete()
    TrainingFactory(slug="t").delete()
    api = APIClient()
    assert deleted(api, "?type=meeting") == [("meeting", "m")]
    assert deleted(api, "?type=agreement,training") == [("agreement", "a"), ("training", "t")]
    response = api.get("/api/v1/deleted/?type=office")
    assert response.status_code == 400
    assert "type" in response.json()


def test_a_drafts_deletion_is_hidden_from_anonymous_readers_and_shown_to_staff():
    AgreementFactory(slug="draft", status=Status.DRAFT).delete()
    AgreementFactory(slug="public").delete()
    assert deleted(APIClient()) == [("agreement", "public")]
    viewer, _ = staff_client("agreements.view_agreement", username="viewer")
    assert deleted(viewer) == [("agreement", "draft"), ("agreement", "public")]
    meetings_only, _ = staff_client("delegations.view_meeting", username="meetings")
    assert deleted(meetings_only) == [("agreement", "public")]


def test_a_bad_since_is_a_400_naming_since():
    for value in ("yesterday", "2025-13-01T00:00:00Z", "2025-01-01T25:00"):
        response = APIClient().get("/api/v1/deleted/", {"since": value})
        assert response.status_code == 400, value
        assert list(response.json()) == ["since"]


def test_deleting_refreshes_the_cached_anonymous_answer():
    api = APIClient()
    AgreementFactory(slug="later")
    assert deleted(api) == []
    assert deleted(api) == []  # now served from the cache
    Agreement.objects.get().delete()
    assert deleted(api) == [("agreement", "later")]


def test_the_deleted_list_query_count_does_not_grow(django_assert_max_num_queries):
    def delete_some(count: int):
        for _ in range(count):
            AgreementFactory().delete()
            AgreementFactory(status=Status.DRAFT).delete()

    viewer, _ = staff_client("agreements.view_agreement", username="viewer")
    # Anonymous: the data version, the count, the page; staff: the token and permissions instead.
    readers = [(APIClient(), 3), (viewer, 5)]
    delete_some(5)
    for client, queries in readers:
        with django_assert_max_num_queries(queries):
            assert len(deleted(client, "?page_size=500")) >= 5
    delete_some(95)
    for client, queries in readers:
        with django_assert_max_num_queries(queries):
            assert len(deleted(client, "?page_size=500")) >= 100


def test_the_schema_documents_the_deleted_endpoint():
    response = APIClient().get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    operation = schema["paths"]["/api/v1/deleted/"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert parameters["since"]["schema"]["format"] == "date-time"
    assert set(parameters["type"]["schema"]["items"]["enum"]) == {
        "agreement",
        "delegation",
        "meeting",
        "training",
    }
    page = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    rows = schema["components"]["schemas"][page.rsplit("/", 1)[1]]["properties"]["results"]
    row = schema["components"]["schemas"][rows["items"]["$ref"].rsplit("/", 1)[1]]
    assert set(row["properties"]) == {"type", "id", "deleted_at"}
    assert "deleted_by" not in json.dumps(schema)
