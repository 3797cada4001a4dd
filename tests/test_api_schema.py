"""The API's OpenAPI schema, its interactive docs under the CSP, and a schemathesis run over it."""

import json
import re

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from openapi_spec_validator import validate
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup

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
from .schemathesis_checks import EVERY_CHECK

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
        assert parameters[name]["schema"]["items"]["type"] == "string", name
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


@pytest.fixture
def small_world():
    france = CountryFactory(code="FR", name="France")
    office = OfficeFactory(slug="inpi-fr", acronym="INPI", country=france)
    PersonFactory(slug="shen-changyu", office=office)
    GroupingFactory(slug="ip5").member_offices.add(office)
    AgreementFactory(slug="agreement", parties=[office], countries=[france])
    DelegationFactory(slug="delegation")
    MeetingFactory(slug="meeting")
    TrainingFactory(slug="training")


def run_every_check(wsgi_app, headers: dict[str, str], examples: int) -> list[str]:
    """Every operation, positive and negative cases, every check; the failures found."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 40
    failures = []
    for operation in operations:
        for mode in GenerationMode:

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=examples, derandomize=True, database=None, deadline=None,
                suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate],
            )  # fmt: skip
            def every_check_on(case):
                response = case.call(headers=headers)
                try:
                    case.validate_response(response, checks=EVERY_CHECK, headers=headers)
                except (AssertionError, FailureGroup) as error:
                    # Run within its own iteration, so `mode` is this loop's.
                    where = f"{case.method} {case.formatted_path} ({mode.value})"  # noqa: B023
                    failures.append(f"{where}: {error}")

            try:
                every_check_on()
            except Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE  # nothing in this operation can be wrong
    return failures


def test_every_check_passes_on_every_operation_for_an_anonymous_reader(wsgi_app, small_world):
    failures = run_every_check(wsgi_app, {}, examples=3)
    assert not failures, "\n\n".join(failures[:5])


def test_every_check_passes_on_every_operation_for_an_editor_with_a_token(
    wsgi_app, small_world, editor
):
    token = Token.objects.create(user=editor).key
    failures = run_every_check(wsgi_app, {"Authorization": f"Token {token}"}, examples=3)
    assert not failures, "\n\n".join(failures[:5])
