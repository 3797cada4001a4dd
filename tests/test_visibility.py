"""People, offices and countries known only from drafts stay hidden; staff preview drafts."""

import itertools
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from agreements.models import Agreement
from cooperation import models as m
from tests import factories as f

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<tr data-slug="([^"]+)"')


@pytest.fixture
def hidden():
    """A draft that names a person, an office (with its own country) and a country no published
    record or reference data names, beside a published record that names others."""
    country = f.CountryFactory(code="QQ", name="Quietland")
    office = f.OfficeFactory(
        slug="quiet-office", acronym="QO", name="Quiet Office", country=country
    )
    person = f.PersonFactory(slug="quiet-person", name="Quiet Person", office=office)
    place = f.CountryFactory(code="QP", name="Quietplace")
    draft = f.AgreementFactory(
        slug="quiet-draft",
        title="Quiet draft",
        status=m.Status.DRAFT,
        parties=[office],
        countries=[place],
        people=[person],
    )
    public_country = f.CountryFactory(code="FR", name="France")
    public_office = f.OfficeFactory(slug="inpi-fr", acronym="INPI", country=public_country)
    public_person = f.PersonFactory(slug="shen-changyu", name="Shen Changyu", office=public_office)
    f.AgreementFactory(slug="published", parties=[public_office], people=[public_person])
    return {"draft": draft, "country": country, "place": place, "office": office, "person": person}


_usernames = itertools.count()


def staff_user(*codenames: str) -> User:
    user = User.objects.create_user(f"staff-{next(_usernames)}", is_staff=True)  # no password
    for codename in codenames:
        app_label, name = codename.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=name)
        )
    return User.objects.get(pk=user.pk)  # permissions are cached on the instance


def signed_in(*codenames: str) -> Client:
    client = Client()
    client.force_login(staff_user(*codenames))
    return client


def api_as(*codenames: str) -> APIClient:
    """A token, as real API clients send: a request without one is served from the page cache."""
    token = Token.objects.create(user=staff_user(*codenames))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def api_keys(response, key: str) -> list[str]:
    assert response.status_code == 200, response.content
    return [record[key] for record in response.json()["results"]]


# The catalogue


def test_a_person_office_and_country_known_only_from_a_draft_are_absent_from_the_lists(
    client, hidden
):
    people = [p.slug for p in client.get("/people/").context["people"]]
    offices = [o.slug for o in client.get("/offices/").context["offices"]]
    countries = [c.code for c in client.get("/countries/").context["countries"]]
    assert people == ["shen-changyu"]
    assert "quiet-office" not in offices and "inpi-fr" in offices
    assert "QQ" not in countries and "QP" not in countries and "FR" in countries
    for path in ("/people/", "/offices/", "/countries/"):
        assert "Quiet" not in client.get(path).content.decode(), path


def test_their_profiles_are_not_found(client, hidden):
    for path in (
        "/people/quiet-person/",
        "/offices/quiet-office/",
        "/countries/QQ/",
        "/countries/qp/",
    ):
        assert client.get(path).status_code == 404, path
    assert client.get("/people/shen-changyu/").status_code == 200


def test_a_public_profile_lists_no_hidden_office_or_person(client, hidden):
    france = m.Country.objects.get(code="FR")
    f.OfficeFactory(slug="quiet-french-office", name="Quiet French Office", country=france)
    inpi = m.Office.objects.get(slug="inpi-fr")
    f.PersonFactory(slug="quiet-colleague", name="Quiet Colleague", office=inpi)
    assert "Quiet French Office" not in client.get("/countries/FR/").content.decode()
    assert "Quiet Colleague" not in client.get("/offices/inpi-fr/").content.decode()


def test_search_does_not_name_them(client, hidden):
    response = client.get("/search/?q=quiet")
    assert (response.context["countries"], response.context["offices"]) == ([], [])
    assert response.context["people"] == []
    assert ROW.findall(response.content.decode()) == []
    assert client.get("/search/?q=QQ").context["countries"] == []
    assert client.get("/search/?q=QO").context["offices"] == []
    assert [p.slug for p in client.get("/search/?q=shen").context["people"]] == ["shen-changyu"]


def test_facets_and_filters_offer_no_value_counted_only_from_drafts(client, hidden):
    response = client.get("/activities/")
    facets = response.context["facets"]
    assert [p.slug for p in facets["person"]] == ["shen-changyu"]
    assert [o.slug for o in facets["office"]] == ["inpi-fr"]
    assert {c.code for c in facets["country"]} == {"FR"}
    html = response.content.decode()
    assert "Quietland" not in html and "Quietplace" not in html  # nor among the country options
    for query in ("country=QQ", "country=QP", "office=quiet-office", "person=quiet-person"):
        page = client.get(f"/activities/?{query}").content.decode()
        assert "Unknown value" in page, query
        assert ROW.findall(page) == [], query


def test_a_published_record_makes_them_public_everywhere(client, hidden):
    draft = hidden["draft"]
    draft.status = m.Status.PUBLISHED
    draft.save()
    assert "quiet-person" in [p.slug for p in client.get("/people/").context["people"]]
    assert "quiet-office" in [o.slug for o in client.get("/offices/").context["offices"]]
    assert {"QQ", "QP"} <= {c.code for c in client.get("/countries/").context["countries"]}
    for path in (
        "/people/quiet-person/",
        "/offices/quiet-office/",
        "/countries/QQ/",
        "/countries/QP/",
    ):
        assert client.get(path).status_code == 200, path
    assert [p.slug for p in client.get("/search/?q=quiet").context["people"]] == ["quiet-person"]
    assert "quiet-person" in [
        p.slug for p in client.get("/activities/").context["facets"]["person"]
    ]
    api = APIClient()
    assert api.get("/api/v1/people/quiet-person/").status_code == 200
    assert api.get("/api/v1/countries/QP/").status_code == 200


def test_reference_data_is_public_without_any_record(client):
    """A grouping's members, a passage's mentions, a document's publisher and an office's country:
    the reference lists that the seed loads, which no draft creates."""
    member = f.OfficeFactory(slug="member-office")
    f.GroupingFactory(slug="ip5").member_offices.add(member)
    passage = f.PassageFactory()
    mentioned = f.CountryFactory(code="NO", name="Norway")
    passage.countries.add(mentioned)
    publisher = passage.document.publisher
    for path in (
        "/offices/member-office/",
        member.country.get_absolute_url(),
        "/countries/NO/",
        publisher.get_absolute_url(),
    ):
        assert client.get(path).status_code == 200, path
    offices = {o["slug"] for o in APIClient().get("/api/v1/offices/").json()["results"]}
    assert offices == {"member-office", publisher.slug}


# The API


def test_the_api_hides_them_from_anonymous_readers(hidden):
    api = APIClient()
    assert api_keys(api.get("/api/v1/people/"), "slug") == ["shen-changyu"]
    assert "quiet-office" not in api_keys(api.get("/api/v1/offices/"), "slug")
    assert not {"QQ", "QP"} & set(api_keys(api.get("/api/v1/countries/"), "code"))
    for path in ("people/quiet-person/", "offices/quiet-office/", "offices/QO/", "countries/QQ/"):
        assert api.get(f"/api/v1/{path}").status_code == 404, path
    csv = b"".join(api.get("/api/v1/people/?format=csv").streaming_content).decode()
    assert "shen-changyu" in csv and "quiet-person" not in csv
    assert api.get("/api/v1/activities/?person=quiet-person").json() == {
        "person": ["Unknown value: quiet-person."]
    }


def test_staff_with_view_permission_see_drafts_only_people_offices_and_countries(hidden):
    staff = api_as("cooperation.view_person", "cooperation.view_office", "cooperation.view_country")
    assert api_keys(staff.get("/api/v1/people/"), "slug") == ["quiet-person", "shen-changyu"]
    assert staff.get("/api/v1/people/quiet-person/").status_code == 200
    assert staff.get("/api/v1/offices/QO/").json()["slug"] == "quiet-office"
    assert staff.get("/api/v1/countries/QQ/").status_code == 200
    nobody = api_as()
    assert api_keys(nobody.get("/api/v1/people/"), "slug") == ["shen-changyu"]
    assert nobody.get("/api/v1/people/quiet-person/").status_code == 404


def test_hiding_costs_no_query_per_row(client, django_assert_max_num_queries):
    draft = f.AgreementFactory(slug="draft", status=m.Status.DRAFT)
    published = f.AgreementFactory(slug="published")

    def add_people(n: int) -> None:
        for _ in range(n):
            office = f.OfficeFactory()
            m.Participation.objects.create(activity=draft, person=f.PersonFactory(office=office))
            m.Participation.objects.create(
                activity=published, person=f.PersonFactory(office=office)
            )

    add_people(2)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get("/people/").context["people"]) == 2
    with CaptureQueriesContext(connection) as few_api:
        assert APIClient().get("/api/v1/people/?page_size=500").json()["count"] == 2
    add_people(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get("/people/").context["people"]) == 32
    with django_assert_max_num_queries(len(few_api.captured_queries)):
        assert APIClient().get("/api/v1/people/?page_size=500").json()["count"] == 32


# Staff preview


def test_staff_preview_a_draft_under_a_banner_and_anonymous_readers_get_a_404(client, hidden):
    staff = signed_in("agreements.view_agreement")
    response = staff.get("/agreements/quiet-draft/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft — not public" in html and "Quiet draft" in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "X-Cache" not in response  # signed in: never kept in the page cache
    assert client.get("/agreements/quiet-draft/").status_code == 404
    assert client.get("/agreements/quiet-draft/").status_code == 404  # and not from the cache
    published = staff.get("/agreements/published/").content.decode()
    assert "Draft — not public" not in published
    staff.cookies["django_language"] = "zh-hans"
    assert "草稿——未公开" in staff.get("/agreements/quiet-draft/").content.decode()


def test_staff_without_view_permission_get_a_404_for_a_draft(hidden):
    assert signed_in().get("/agreements/quiet-draft/").status_code == 404
    other_type = signed_in("delegations.view_delegation")
    assert other_type.get("/agreements/quiet-draft/").status_code == 404


def test_view_on_site_in_the_admin_opens_the_preview(hidden):
    staff = signed_in("agreements.view_agreement")
    draft = hidden["draft"]
    change = staff.get(reverse("admin:agreements_agreement_change", args=[draft.pk]))
    assert change.status_code == 200
    content_type = ContentType.objects.get_for_model(Agreement)
    link = reverse("admin:view_on_site", args=[content_type.pk, draft.pk])
    assert f'href="{link}"' in change.content.decode()
    response = staff.get(link, follow=True)
    assert response.redirect_chain[-1][0].endswith("/agreements/quiet-draft/")
    assert "Draft — not public" in response.content.decode()


def test_staff_may_open_a_hidden_profile_marked_not_public(client, hidden):
    staff = signed_in("cooperation.view_person")
    response = staff.get("/people/quiet-person/")
    assert response.status_code == 200
    assert "Not public — no published record refers to this" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "Not public" not in staff.get("/people/shen-changyu/").content.decode()
    assert client.get("/people/quiet-person/").status_code == 404


def test_a_filter_by_a_hidden_country_answers_each_reader_by_their_own_rule(hidden):
    # The filters look their values up through statements compiled once per reader's rule: a
    # staff reader's lookup must never be answered by the public one, nor the other way round.
    staff = api_as(
        "cooperation.view_activity", "cooperation.view_country", "cooperation.view_person"
    )
    anonymous = APIClient()
    for _round in range(2):
        assert anonymous.get("/api/v1/agreements/?country=QP").json() == {
            "country": ["Unknown value: QP."]
        }
        assert api_keys(staff.get("/api/v1/agreements/?country=QP"), "id") == ["quiet-draft"]
        assert api_keys(staff.get("/api/v1/agreements/?person=quiet-person"), "id") == [
            "quiet-draft"
        ]
        assert anonymous.get("/api/v1/agreements/?person=quiet-person").status_code == 400
