import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cooperation import dates
from cooperation.models import Activity

from .factories import (
    AgreementFactory,
    CountryFactory,
    GroupingFactory,
    MeetingFactory,
    OfficeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("parts", "text", "precision"),
    [
        ((2017, None, None), "2017", "year"),
        ((2017, 5, None), "2017-05", "month"),
        ((2017, 5, 14), "2017-05-14", "day"),
    ],
)
def test_partial_dates_render_exactly_as_precise_as_known(parts, text, precision):
    agreement = AgreementFactory(year=parts[0], month=parts[1], day=parts[2])
    assert agreement.date == text
    assert agreement.date_precision == precision


@pytest.mark.parametrize(
    "fields",
    [
        {"month": 13},
        {"month": 2, "day": 30},
        {"month": None, "day": 3},
        {"month": 6, "end_year": 2016},
        {"month": 6, "end_year": 2017, "end_month": 5},
        {"kind": "outgoing"},
        {"passage": None, "staff_reference": ""},
    ],
)
def test_database_rejects_impossible_activities(fields):
    base = {"year": 2017, "month": 5}
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementFactory(**{**base, **fields})


def test_clean_names_the_impossible_day():
    agreement = AgreementFactory.build(year=2017, month=2, day=29)
    with pytest.raises(ValidationError) as error:
        agreement.clean()
    assert "day" in error.value.message_dict


def test_parse_partial_round_trips_and_rejects_garbage():
    assert dates.parse_partial("2017-05") == (2017, 5, None)
    with pytest.raises(ValidationError):
        dates.parse_partial("2017-13")


def test_international_organization_cannot_have_a_country():
    with pytest.raises(IntegrityError), transaction.atomic():
        OfficeFactory(kind="intergovernmental", country=CountryFactory(code="CH"))


def test_country_filter_matches_parties_places_and_venues():
    france = CountryFactory(code="FR", name="France")
    by_party = AgreementFactory(parties=[OfficeFactory(country=france)])
    by_place = MeetingFactory(countries=[france])
    by_venue = MeetingFactory(venue_country=france)
    AgreementFactory(parties=[OfficeFactory(country=CountryFactory(code="DE", name="Germany"))])
    found = set(Activity.objects.with_country("fr").values_list("pk", flat=True))
    assert found == {by_party.pk, by_place.pk, by_venue.pk}


def test_grouping_filter_matches_partners_not_the_reporting_office(settings):
    settings.HOME_OFFICE, settings.HOME_COUNTRY = "home-office", "CN"
    china = CountryFactory(code="CN", name="China")
    home = OfficeFactory(slug="home-office", country=china)
    partner = OfficeFactory(country=CountryFactory(code="JP", name="Japan"))
    ip5 = GroupingFactory(slug="ip5")
    ip5.member_offices.add(home, partner)
    ip5.member_countries.add(china)
    with_partner = AgreementFactory(parties=[home, partner])
    tagged = MeetingFactory(parties=[home])
    tagged.groupings.add(ip5)
    AgreementFactory(parties=[home, OfficeFactory(country=china)], countries=[china])
    found = set(Activity.objects.with_grouping("ip5").values_list("pk", flat=True))
    assert found == {with_partner.pk, tagged.pk}
