"""Tally, the counts behind the commonest public totals and facets, follows every edit: after
any sequence of saves and deletes it holds what a rebuild from the records gives, and its sums
are the numbers of records the filters select."""

import pytest
from django.db.models import Sum

from cooperation import coverage, services
from cooperation.models import Involvement, Kind, SearchText, Status, Tally

from .factories import AgreementFactory, CountryFactory, MeetingFactory, OfficeFactory

pytestmark = pytest.mark.django_db


def _tally() -> set[tuple]:
    fields = ("country", "type", "status", "kind", "first_year", "last_year", "n")
    return set(Tally.objects.values_list(*fields))


def _rebuilt() -> set[tuple]:
    coverage.refresh()
    return _tally()


def _terms() -> dict[int, set[str]]:
    return {
        pk: set(terms.split(",")) for pk, terms in SearchText.objects.values_list("pk", "terms")
    }


def _sum(**filters) -> int:
    return Tally.objects.filter(**filters).aggregate(n=Sum("n"))["n"] or 0


def test_tally_after_saves_links_and_deletes_is_what_a_rebuild_gives():
    fr, de, jp = CountryFactory(code="FR"), CountryFactory(code="DE"), CountryFactory(code="JP")
    inpi, dpma = OfficeFactory(country=fr), OfficeFactory(country=de)
    first = AgreementFactory(year=2015, end_year=2018, parties=[inpi, dpma])
    second = AgreementFactory(year=2016, parties=[inpi], kind=Kind.PPH)
    meeting = MeetingFactory(year=2017, venue_country=jp, countries=[fr])
    services.save_activity(activity=second, fields={"kind": Kind.WORK_PLAN, "year": 2019})
    services.save_activity(activity=first, fields={"status": Status.DRAFT})
    Involvement.objects.filter(activity=first, office=dpma).delete()
    dpma.country = jp
    dpma.save()
    Involvement.objects.create(activity=meeting, office=dpma)
    services.delete_activity(activity=second)
    during, terms = _tally(), _terms()
    assert all(row[-1] > 0 for row in during), "no row is left at zero"
    assert during == _rebuilt()
    # The word index's terms follow the same edits: a record's countries, type and status.
    assert terms == _terms()
    assert terms[meeting.pk] == {f"{c.pk}:meeting:published" for c in (jp, fr)} | {
        "0:meeting:published"
    }
    assert terms[first.pk] == {f"{inpi.country_id}:agreement:draft", "0:agreement:draft"}


def test_a_deleted_record_leaves_no_count_behind():
    agreement = AgreementFactory(year=2017, parties=[OfficeFactory(country=CountryFactory())])
    assert _sum(type="agreement") == 2  # its country's row and the row of every record
    services.delete_activity(activity=agreement)
    assert not Tally.objects.exists()


def test_sums_count_records_as_the_year_filters_select_them():
    """A record from 2015 to 2018 overlaps 2016 and a range ending in 2015, not one from 2019."""
    fr = CountryFactory(code="FR")
    AgreementFactory(year=2015, end_year=2018, parties=[OfficeFactory(country=fr)])
    AgreementFactory(year=2019, countries=[fr], kind=Kind.PPH)
    AgreementFactory(year=2016, status=Status.DRAFT, countries=[fr])
    published = {"status": Status.PUBLISHED, "country": fr.pk}
    assert _sum(**published, first_year__lte=2016, last_year__gte=2016) == 1
    assert _sum(**published, first_year__lte=2015) == 1
    assert _sum(**published, last_year__gte=2017) == 2
    assert _sum(**published, first_year__lte=2030, last_year__gte=2019) == 1
    assert _sum(status=Status.PUBLISHED, country=0) == 2
