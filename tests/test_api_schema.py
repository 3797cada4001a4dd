"""The API's OpenAPI schema, its interactive docs under the CSP, and a schemathesis run over it."""

import json
import re

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error

from .factories import (
    AgreementFactory,
    CountryFactory,
    DelegationFactory,
    GroupingFactory,
    MeetingFactory,
    OfficeFactory,
    PersonFactory,
    TrainingFactory,
)
from .test_api import staff_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema():
    response = APIClient().get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_schema_is_valid_openapi_3(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")


def test_schema_lists_every_endpoint_and_typed_filters(schema):
    for name in ["activities", "agreements", "delegations", "meetings", "trainings", "countries", "offices",
                 "people", "groupings", "figures"]:  # fmt: skip
        assert f"/api/v1/{name}/" in schema["paths"]
    assert "/api/v1/countries/{code}/" in schema["paths"]
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/meetings/"]["get"]["parameters"]}
    for name in ["year", "year_min", "year_max", "month", "page", "page_size"]:
        assert parameters[name]["schema"]["type"] == "integer", name
    for name in ["country", "office", "grouping", "person", "kind"]:
        assert parameters[name]["schema"] == {"type": "array", "items": {"type": "string"}}, name
    assert parameters["updated_since"]["schema"]["format"] == "date-time"
    assert parameters["format"]["schema"]["enum"] == ["csv", "json"]
    assert "series" in parameters and "q" in parameters and "ordering" in parameters
    assert "text/csv" in schema["paths"]["/api/v1/meetings/"]["get"]["responses"]["200"]["content"]


def test_docs_page_loads_only_same_origin_scripts_and_styles():
    response = APIClient().get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    sources = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S)
    assert sources, html
    for attributes, body in sources:
        src = re.search(r'src="([^"]+)"', attributes).group(1)
        assert src.startswith("/") and not src.startswith("//"), src
        assert body.strip() == ""
    assert (
        "<style" not in html
        and "style=" not in html
        and " on" not in re.sub(r"<script.*?</script>", "", html)
    )
    for asset in re.findall(r'(?:src|href)="/static/([^"]+)"', html):
        assert finders.find(asset), asset
    script = APIClient().get(re.findall(r'src="(/api/v1/docs/[^"]*)"', html)[0])
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in script.content.decode()


@pytest.fixture
def wsgi_app():
    """The real WSGI application, but without closing the test's database connection after each request
    (Django's own test client does the same)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_schemathesis_finds_no_server_error_on_any_operation(wsgi_app):
    france = CountryFactory(code="FR", name="France")
    office = OfficeFactory(slug="inpi-fr", acronym="INPI", country=france)
    PersonFactory(slug="shen-changyu", office=office)
    GroupingFactory(slug="ip5").member_offices.add(office)
    AgreementFactory(slug="agreement", parties=[office], countries=[france])
    DelegationFactory(slug="delegation")
    MeetingFactory(slug="meeting")
    TrainingFactory(slug="training")
    _, user = staff_client(username="superuser")
    user.is_superuser = True
    user.save()
    token = Token.objects.get(user=user).key

    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 40
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=6, derandomize=True, database=None, deadline=None,
            suppress_health_check=list(HealthCheck),
        )  # fmt: skip
        def not_a_server_error_on(case):
            response = case.call(headers={"Authorization": f"Token {token}"})
            case.validate_response(response, checks=[not_a_server_error])

        not_a_server_error_on()
