"""The lean read path gives, for every seeded record, exactly what the serializers give."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIRequestFactory

from agreements.serializers import AgreementSerializer
from cooperation import rows
from cooperation.models import Activity, Status
from cooperation.seed import load_seed
from cooperation.serializers import ActivitySerializer
from delegations.serializers import DelegationSerializer, MeetingSerializer, TrainingSerializer
from tests.test_api import staff_client

pytestmark = pytest.mark.django_db

SERIALIZERS = [
    ActivitySerializer,
    AgreementSerializer,
    DelegationSerializer,
    MeetingSerializer,
    TrainingSerializer,
]


def request_for(user):
    request = APIRequestFactory().get("/api/v1/", HTTP_HOST="testserver")
    request.user = user
    return request


def as_json(data) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


@pytest.mark.parametrize("serializer_class", SERIALIZERS)
@pytest.mark.parametrize("reader", ["anonymous", "staff"])
def test_rows_equal_the_serializers_representation_for_every_seeded_record(
    serializer_class, reader
):
    load_seed()
    model = serializer_class.Meta.model
    # A draft meeting, so that the visibility of a delegation's meetings is exercised.
    Activity.objects.filter(slug="iponz-ip-roundtable-2017").update(status=Status.DRAFT)
    user = AnonymousUser()
    if reader == "staff":
        user = staff_client("cooperation.view_activity")[1]
    request = request_for(user)
    records = list(model.objects.order_by("pk"))
    expected = [serializer_class(r, context={"request": request}).data for r in records]
    built = rows.build(
        serializer_class,
        [r.pk for r in records],
        request=request,
        can_see_drafts=reader == "staff",
    )
    assert len(built) == len(expected) > 10
    for got, want in zip(built, expected, strict=True):
        assert list(got) == list(want)
        assert as_json(got) == as_json(want), want["id"]


def test_a_page_of_rows_costs_the_same_queries_for_10_or_100_records(
    django_assert_max_num_queries,
):
    load_seed()
    ids = list(Activity.objects.order_by("pk").values_list("pk", flat=True))
    request = request_for(AnonymousUser())
    for size in (10, 100):
        # the record with its passage; offices, countries, people, groupings, topics, other
        # passages; for a type, its own columns and its links to other records
        with django_assert_max_num_queries(9):
            rows.build(ActivitySerializer, ids[:size], request=request, can_see_drafts=False)
    delegations = list(DelegationSerializer.Meta.model.objects.values_list("pk", flat=True))
    for size in (10, 40):
        with django_assert_max_num_queries(10):
            rows.build(
                DelegationSerializer, delegations[:size], request=request, can_see_drafts=False
            )


@pytest.mark.parametrize("can_see_drafts", [False, True])
def test_links_to_other_records_are_found_by_the_asked_ids_alone(can_see_drafts):
    # With the visibility in WHERE, SQLite read every published record's index entry to find one
    # delegation's meetings: a detail cost a scan of the whole catalogue.
    through = DelegationSerializer.Meta.model._meta.get_field("meetings").remote_field.through
    query = rows._linked_query(through, "delegation", "meeting", can_see_drafts, [1, 2])
    where = str(query.query).split(" WHERE ", 1)[1].split(" ORDER BY ")[0]
    assert where.count(" IN (") == 1
    assert "status" not in where
