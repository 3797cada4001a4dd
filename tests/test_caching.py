"""Anonymous reads come from the page cache until any record changes; nobody else's do."""

import pytest
from django.contrib.auth.models import Permission, User

from cooperation.models import Grouping, Status

from .factories import AgreementFactory, CountryFactory, OfficeFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/agreements/?year=2017"


@pytest.fixture
def agreement():
    return AgreementFactory(slug="kept", title="Before", year=2017)


def test_a_repeated_anonymous_read_is_served_from_the_cache(client, agreement):
    first = client.get(LIST)
    second = client.get(LIST)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "max-age=60" in second["Cache-Control"] and "public" in second["Cache-Control"]
    assert "Cookie" in second["Vary"]  # the language cookie changes the page
    assert second["Content-Security-Policy"]  # headers of the outer middleware still apply


def test_an_edit_is_visible_on_the_next_read(client, agreement):
    client.get(LIST)
    agreement.title = "After"
    agreement.save()
    response = client.get(LIST)
    assert response["X-Cache"] == "miss"
    assert response.json()["results"][0]["title"] == "After"


def test_a_new_party_or_grouping_is_visible_on_the_next_read(client, agreement):
    client.get("/api/v1/agreements/kept/")
    agreement.offices.through.objects.create(activity=agreement, office=OfficeFactory(slug="inpi"))
    assert client.get("/api/v1/agreements/kept/").json()["offices"][0]["slug"] == "inpi"
    agreement.groupings.add(Grouping.objects.create(slug="ip5", name="IP5"))
    assert client.get("/api/v1/agreements/kept/").json()["groupings"] == ["ip5"]


def test_unpublishing_removes_the_record_from_cached_lists_at_once(client, agreement):
    assert client.get(LIST).json()["count"] == 1
    agreement.status = Status.DRAFT
    agreement.save()
    assert client.get(LIST).json()["count"] == 0
    assert client.get("/agreements/kept/").status_code == 404


def test_an_etag_answers_a_conditional_request_with_304(client, agreement):
    etag = client.get(LIST)["ETag"]
    assert client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 304
    agreement.title = "After"
    agreement.save()
    assert client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_signed_in_staff_are_never_served_or_stored_in_the_cache(client, agreement):
    AgreementFactory(slug="draft", year=2017, status=Status.DRAFT)
    client.get(LIST)
    editor = User.objects.create_user("editor", password="a long pass phrase", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_activity"))
    client.force_login(editor)
    response = client.get(LIST)
    assert "X-Cache" not in response
    assert response.json()["count"] == 2
    client.logout()
    assert client.get(LIST).json()["count"] == 1


def test_requests_with_credentials_and_csv_streams_are_not_cached(client, agreement):
    assert "X-Cache" not in client.get(LIST, HTTP_AUTHORIZATION="Token nonsense")
    assert "X-Cache" not in client.get(f"{LIST}&format=csv")
    assert "X-Cache" not in client.get(f"{LIST}&year=abc")  # a 400


def test_each_language_has_its_own_cached_page(client, agreement):
    agreement.passage.countries.add(CountryFactory(code="FR", name="France", name_zh="法国"))
    english = client.get("/countries/FR/")
    client.cookies["django_language"] = "zh-hans"
    chinese = client.get("/countries/FR/")
    assert chinese["X-Cache"] == "miss"
    assert "法国" in chinese.content.decode() and "法国" not in english.content.decode()


def test_anonymous_pages_set_no_cookie_and_carry_no_csrf_token(client, agreement):
    response = client.get("/agreements/kept/")
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_the_language_link_sets_the_cookie_and_returns_to_the_page(client):
    response = client.get("/language/zh-hans/?next=/agreements/%3Fyear%3D2017")
    assert response.status_code == 302 and response["Location"] == "/agreements/?year=2017"
    assert response.cookies["django_language"].value == "zh-hans"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_the_language_link_never_leaves_the_site(client, target):
    response = client.get("/language/en/", {"next": target})
    assert response["Location"] == "/"


def test_an_unknown_language_is_a_404(client):
    assert client.get("/language/xx/").status_code == 404
