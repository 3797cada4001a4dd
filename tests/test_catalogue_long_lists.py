"""List pages stay small when there are thousands of offices: no giant select, capped facets."""

import re

import pytest

from .factories import AgreementFactory, CountryFactory, OfficeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_offices():
    france = CountryFactory(code="FR")
    offices = [
        OfficeFactory(slug=f"o-{n:03d}", acronym=f"O{n:03d}", country=france) for n in range(130)
    ]
    for n, office in enumerate(offices):
        AgreementFactory(slug=f"a-{n:03d}", year=2017, parties=[office])
    return offices


def test_the_office_filter_is_a_text_field_not_a_list_of_every_office(client, many_offices):
    html = client.get("/agreements/").content.decode()
    assert '<input type="text" name="office"' in html
    assert '<option value="o-' not in html


def test_the_office_filter_takes_typed_keys_and_shows_them_back(client, many_offices):
    response = client.get("/agreements/?office=O001,o-002")
    assert sorted(a["slug"] for a in response.context["object_list"]) == ["a-001", "a-002"]
    # Shown back as ticked boxes, by slug, whatever key was typed.
    ticked = re.findall(r'name="office" value="([^"]+)"[^>]* checked', response.content.decode())
    assert sorted(ticked) == ["o-001", "o-002"]


def test_an_unknown_office_typed_in_is_a_form_error_naming_it(client, many_offices):
    response = client.get("/agreements/?office=NOPE")
    assert "Unknown value: NOPE." in response.content.decode()


def test_facet_lists_show_at_most_100_values_and_say_how_many_more(client, many_offices):
    html = client.get("/agreements/").content.decode()
    office_facet = html.split('data-name="office"')[1].split("</fieldset>")[0]
    assert office_facet.count("<li>") == 100
    assert "30 more with fewer records" in office_facet
