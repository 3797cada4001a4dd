"""The Coverage table behind the country filter follows every edit that changes its answer."""

import pytest
from django.db.models import Exists, OuterRef, Q

from agreements.models import Agreement
from cooperation import coverage
from cooperation.models import Activity, ActivityCountry, Coverage, Involvement

from .factories import (
    AgreementFactory,
    CountryFactory,
    DelegationFactory,
    MeetingFactory,
    OfficeFactory,
)

pytestmark = pytest.mark.django_db


def _rows(activity) -> set[tuple[str, int]]:
    rows = Coverage.objects.filter(activity=activity, country__isnull=False)
    return set(rows.values_list("country__code", "year"))


def _by_definition(code: str, year: int) -> set[int]:
    """with_country's meaning, written out against the source tables."""
    listed = ActivityCountry.objects.filter(activity=OuterRef("pk"), country__code=code)
    via_office = Involvement.objects.filter(activity=OuterRef("pk"), office__country__code=code)
    return set(
        Activity.objects.filter(Exists(listed) | Exists(via_office) | Q(venue_country__code=code))
        .filter(Q(end_year__gte=year) | Q(end_year__isnull=True, year__gte=year), year__lte=year)
        .values_list("pk", flat=True)
    )


def test_an_agreement_covers_each_party_country_in_each_year_it_spans():
    fr, de = CountryFactory(code="FR"), CountryFactory(code="DE")
    agreement = AgreementFactory(
        year=2016, end_year=2018, parties=[OfficeFactory(country=fr), OfficeFactory(country=de)]
    )
    assert _rows(agreement) == {(c, y) for c in ("FR", "DE") for y in (2016, 2017, 2018)}


def test_listed_countries_and_the_venue_are_covered_too():
    jp, kr = CountryFactory(code="JP"), CountryFactory(code="KR")
    meeting = MeetingFactory(year=2017, venue_country=jp, countries=[kr])
    assert _rows(meeting) == {("JP", 2017), ("KR", 2017)}


def test_adding_changing_and_removing_a_party_updates_the_coverage():
    fr, de = CountryFactory(code="FR"), CountryFactory(code="DE")
    agreement = AgreementFactory(year=2017)
    assert _rows(agreement) == set()
    office = OfficeFactory(country=fr)
    involvement = Involvement.objects.create(activity=agreement, office=office)
    assert _rows(agreement) == {("FR", 2017)}
    office.country = de
    office.save()
    assert _rows(agreement) == {("DE", 2017)}
    involvement.delete()
    assert _rows(agreement) == set()


def test_changing_the_dates_moves_the_coverage():
    fr = CountryFactory(code="FR")
    delegation = DelegationFactory(year=2017, kind="outgoing", countries=[fr])
    delegation.year, delegation.end_year = 2019, 2020
    delegation.save()
    assert _rows(delegation) == {("FR", 2019), ("FR", 2020)}


def test_deleting_an_activity_deletes_its_coverage_without_leaving_rows_behind():
    fr = CountryFactory(code="FR")
    agreement = AgreementFactory(parties=[OfficeFactory(country=fr)], countries=[fr])
    pk = agreement.pk
    agreement.delete()
    assert not Coverage.objects.filter(activity_id=pk).exists()


def test_a_full_rebuild_matches_the_definition_for_every_country_and_year():
    fr, de, jp = (CountryFactory(code=c) for c in ("FR", "DE", "JP"))
    AgreementFactory(year=2015, end_year=2017, parties=[OfficeFactory(country=fr)])
    DelegationFactory(
        year=2017, kind="incoming", countries=[de], parties=[OfficeFactory(country=jp)]
    )
    MeetingFactory(year=2016, venue_country=jp)
    incremental = set(Coverage.objects.values_list("activity", "country", "year"))
    coverage.refresh()
    assert set(Coverage.objects.values_list("activity", "country", "year")) == incremental
    for code in ("FR", "DE", "JP"):
        for year in (2015, 2016, 2017):
            found = set(
                Activity.objects.with_country(code, first=year, last=year).values_list(
                    "pk", flat=True
                )
            )
            assert found == _by_definition(code, year), (code, year)


def test_the_agreement_list_reads_coverage_of_agreements_only():
    fr = CountryFactory(code="FR")
    agreement = AgreementFactory(parties=[OfficeFactory(country=fr)])
    DelegationFactory(kind="outgoing", countries=[fr])
    found = Agreement.objects.with_country("FR", types=["agreement"])
    assert list(found) == [agreement]


def test_each_year_of_an_activity_has_a_row_without_a_country_for_the_year_filter():
    agreement = AgreementFactory(year=2015, end_year=2017)
    years = Coverage.objects.filter(activity=agreement, country__isnull=True)
    assert sorted(years.values_list("year", flat=True)) == [2015, 2016, 2017]
    assert list(Agreement.objects.overlapping_years(2016, 2016)) == [agreement]
    assert list(Agreement.objects.overlapping_years(2018, None)) == []
    assert list(Agreement.objects.overlapping_years(None, 2015)) == [agreement]
