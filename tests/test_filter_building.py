"""An API list builds only the filters its request gives, and answers as if it built them all."""

import pytest
from rest_framework.settings import api_settings
from rest_framework.test import APIClient

from cooperation.filters import ActivityFilterSet, GivenFilters
from delegations.filters import MeetingFilterSet
from tests.factories import AgreementFactory, CountryFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_a_narrowed_filterset_holds_only_the_given_filters_and_is_made_once_per_set_of_names():
    names = frozenset({"country", "year", "page"})
    narrowed = MeetingFilterSet.narrowed(names)
    assert set(narrowed.base_filters) == {"country", "year"}
    assert narrowed is MeetingFilterSet.narrowed(frozenset({"page", "year", "country"}))
    assert issubclass(narrowed, MeetingFilterSet)
    assert set(MeetingFilterSet.base_filters) > {"country", "year", "kind", "q", "ordering"}
    assert api_settings.DEFAULT_FILTER_BACKENDS == [GivenFilters]


def test_a_kind_of_another_type_is_still_refused_when_kind_is_the_only_filter():
    MeetingFactory(slug="m", kind="heads-meeting")
    api = APIClient()
    assert api.get("/api/v1/meetings/?kind=heads-meeting").json()["count"] == 1
    refused = api.get("/api/v1/meetings/?kind=pph")
    assert refused.status_code == 400
    assert list(refused.json()) == ["kind"]


def test_filters_left_out_change_no_answer_and_bad_values_are_still_named():
    france = CountryFactory(code="FR", name="France")
    AgreementFactory(slug="a-2016", year=2016, countries=[france])
    AgreementFactory(slug="a-2017", year=2017, countries=[france])
    AgreementFactory(slug="b-2017", year=2017)
    api = APIClient()
    ids = [r["id"] for r in api.get("/api/v1/agreements/?country=fr&year=2017").json()["results"]]
    assert ids == ["a-2017"]
    newest = api.get("/api/v1/agreements/").json()["results"]
    assert [r["year"] for r in newest] == [2017, 2017, 2016]  # the default order, unnamed
    assert api.get("/api/v1/agreements/?year=abc&country=ZZ").json().keys() == {"year", "country"}
    assert api.get("/api/v1/agreements/?year_min=2018&year_max=2016").status_code == 400
    assert ActivityFilterSet.narrowed(frozenset()).base_filters == {}
