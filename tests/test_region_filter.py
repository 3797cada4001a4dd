import pytest

from cooperation.models import Region

from .factories import AgreementFactory, CountryFactory, OfficeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreements(settings):
    settings.HOME_COUNTRY = "CN"
    china = CountryFactory(code="CN", name="China", region=Region.ASIA)
    home = OfficeFactory(slug="sipo", country=china)
    france = CountryFactory(code="FR", name="France", region=Region.EUROPE)
    japan = CountryFactory(code="JP", name="Japan", region=Region.ASIA)
    return {
        "europe": AgreementFactory(
            slug="with-france", parties=[home, OfficeFactory(country=france)]
        ),
        "asia": AgreementFactory(slug="with-japan", parties=[home, OfficeFactory(country=japan)]),
        "home": AgreementFactory(slug="at-home", parties=[home]),
    }


def slugs(response) -> set[str]:
    return {row["id"] for row in response.json()["results"]}


def test_region_filter_finds_partners_in_that_region(client, agreements):
    assert slugs(client.get("/api/v1/agreements/?region=europe")) == {"with-france"}


def test_region_filter_leaves_out_the_reporting_office_s_own_country(client, agreements):
    assert slugs(client.get("/api/v1/agreements/?region=asia")) == {"with-japan"}


def test_several_regions_mean_any_of_them(client, agreements):
    assert slugs(client.get("/api/v1/activities/?region=asia,europe")) == {
        "with-france",
        "with-japan",
    }


def test_an_unknown_region_is_a_400_naming_the_parameter(client, agreements):
    response = client.get("/api/v1/agreements/?region=atlantis")
    assert response.status_code == 400
    assert "region" in response.json()


def test_the_catalogue_uses_the_same_region_filter(client, agreements):
    response = client.get("/agreements/?region=europe")
    assert response.status_code == 200
    assert b"/agreements/with-france/" in response.content
    assert b"/agreements/with-japan/" not in response.content
