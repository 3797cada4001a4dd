"""The API's error answers: one JSON shape for every 4xx, naming the parameter or field at fault;
the rate-limit headers; and the schema's account of them, of security and of CSV."""

import csv
import io
import json

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from cooperation.throttling import AnonRateLimit

from .factories import AgreementFactory, CountryFactory, OfficeFactory
from .test_api import staff_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def schema(api):
    return json.loads(api.get("/api/v1/schema/?format=json").content)


def test_an_unknown_query_parameter_is_a_400_naming_it_and_listing_the_valid_ones(api):
    response = api.get("/api/v1/agreements/?contry=FR&year=2017")
    assert response.status_code == 400
    (message,) = response.json()["contry"]
    assert list(response.json()) == ["contry"]
    for valid in ["country", "year", "page", "page_size", "cursor", "format", "ordering"]:
        assert valid in message
    assert api.get("/api/v1/countries/?region=europe&page_size=5").status_code == 200


def test_a_path_under_the_api_that_matches_nothing_is_a_json_404(api, client):
    response = api.get("/api/v1/no-such-list/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]
    assert "text/html" in client.get("/no-such-page/")["Content-Type"]


def test_a_method_a_path_does_not_answer_is_a_405_listing_those_it_does(api):
    response = api.generic("TRACE", "/api/v1/figures/")
    assert response.status_code == 405
    assert "GET" in response["Allow"] and response.json()["detail"]


def test_a_protected_delete_is_a_409_saying_what_refers_to_the_record():
    office = OfficeFactory(slug="inpi-fr", acronym="INPI")
    AgreementFactory(slug="agreement", parties=[office])
    client, _user = staff_client("cooperation.delete_office")
    response = client.delete("/api/v1/offices/inpi-fr/")
    assert response.status_code == 409
    assert "refer to it" in response.json()["detail"]


def test_answers_the_throttle_never_sees_still_tell_the_clients_standing(
    api, settings, monkeypatch
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_CLASSES": ["cooperation.throttling.AnonRateLimit"],
    }
    monkeypatch.setattr(AnonRateLimit, "THROTTLE_RATES", {"anon": "5/minute"})
    cache.clear()
    CountryFactory(code="FR", name="France")
    assert api.get("/api/v1/countries/")["X-RateLimit-Remaining"] == "4"
    missing = api.get("/api/v1/no-such-thing/")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/json"
    assert (missing["X-RateLimit-Limit"], missing["X-RateLimit-Remaining"]) == ("5", "4")
    token = api.post("/api/v1/auth/token/", {"username": "nobody", "password": "wrong"})
    assert token.status_code == 400 and token["X-RateLimit-Remaining"] == "4"
    assert "X-RateLimit-Limit" not in api.get("/countries/")  # the catalogue is not limited


def test_anonymous_answers_carry_the_rate_limit_and_a_429_says_when_to_retry(
    api, settings, monkeypatch
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_CLASSES": ["cooperation.throttling.AnonRateLimit"],
    }
    monkeypatch.setattr(AnonRateLimit, "THROTTLE_RATES", {"anon": "2/minute"})
    cache.clear()
    CountryFactory(code="FR", name="France")
    first = api.get("/api/v1/countries/")
    assert (first["X-RateLimit-Limit"], first["X-RateLimit-Remaining"]) == ("2", "1")
    assert int(first["X-RateLimit-Reset"]) > 0
    assert api.get("/api/v1/countries/?format=csv")["X-RateLimit-Remaining"] == "0"
    refused = api.get("/api/v1/countries/FR/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0 and refused["X-RateLimit-Remaining"] == "0"
    assert refused.json()["detail"]


def test_the_schema_lets_anyone_read_and_asks_a_token_or_session_to_write(schema):
    listing = schema["paths"]["/api/v1/agreements/"]
    assert {} in listing["get"]["security"]
    assert {} not in listing["post"]["security"]
    assert {"tokenAuth": []} in listing["post"]["security"]
    assert schema["paths"]["/api/v1/auth/token/"]["post"]["security"] == []
    assert "400" in schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]


def test_the_schema_documents_every_error_status_with_the_one_error_shape(schema):
    error = {"$ref": "#/components/schemas/Error"}
    detail = schema["paths"]["/api/v1/agreements/{slug}/"]
    for method, codes in {"get": ["400", "401", "404", "405", "429"],
                          "delete": ["401", "403", "404", "409"]}.items():  # fmt: skip
        for code in codes:
            assert (
                detail[method]["responses"][code]["content"]["application/json"]["schema"] == error
            )
    assert "Retry-After" in detail["get"]["responses"]["429"]["headers"]
    assert "X-RateLimit-Remaining" in detail["get"]["responses"]["200"]["headers"]


def test_every_csv_list_documents_the_columns_it_answers_with(api, schema):
    AgreementFactory(slug="agreement")
    lists = [path for path, ops in schema["paths"].items() if "text/csv" in
             ops.get("get", {}).get("responses", {}).get("200", {}).get("content", {})]  # fmt: skip
    assert {"/api/v1/agreements/", "/api/v1/countries/", "/api/v1/figures/{id}/"} <= set(lists)
    for path in [p for p in lists if "{" not in p]:
        documented = schema["paths"][path]["get"]["responses"]["200"]["content"]["text/csv"]
        response = api.get(f"{path}?format=csv")
        text = b"".join(response.streaming_content).decode()
        header = next(csv.reader(io.StringIO(text)))
        assert header == documented["schema"]["x-columns"], path


def test_every_filter_parameter_is_described(schema):
    for path, operations in schema["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            if parameter["in"] != "query":
                continue
            assert parameter.get("description"), (path, parameter["name"])


def _undescribed(properties: dict, where: str) -> list[str]:
    missing = []
    for name, field in properties.items():
        if not field.get("description"):
            missing.append(f"{where}.{name}")
        missing += _undescribed(field.get("properties") or {}, f"{where}.{name}")
        missing += _undescribed(
            (field.get("items") or {}).get("properties") or {}, f"{where}.{name}"
        )
    return missing


def test_every_field_of_every_record_is_described(schema):
    missing = []
    for name, component in schema["components"]["schemas"].items():
        missing += _undescribed(component.get("properties") or {}, name)
    assert missing == []
    status = schema["components"]["schemas"]["Agreement"]["properties"]["status"]
    assert status["allOf"] == [{"$ref": "#/components/schemas/PublicationStatusEnum"}]
    assert status["example"] == "published"


def test_every_query_parameter_has_an_example_its_schema_accepts(schema):
    from openapi_schema_validator import OAS30Validator

    for path, operations in schema["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] != "query":
                    continue
                assert "example" in parameter, (path, parameter["name"])
                errors = list(OAS30Validator(parameter["schema"]).iter_errors(parameter["example"]))
                assert errors == [], (path, parameter["name"], parameter)


def test_an_empty_year_is_no_filter_and_a_year_zero_is_a_400_not_a_server_error(api):
    AgreementFactory(slug="agreement")
    for query in ["year_max=", "year_min=&country=", "year=2017&country="]:
        response = api.get(f"/api/v1/activities/?{query}")
        assert response.status_code == 200, query
        assert response.json()["count"] == 1, query
    for name in ["in_force_on", "expires_before"]:
        response = api.get(f"/api/v1/agreements/?{name}=0000")
        assert response.status_code == 400 and list(response.json()) == [name]


def test_each_type_of_record_takes_only_its_own_kinds_in_the_schema(schema):
    trainings = schema["components"]["schemas"]["TrainingRequest"]["properties"]["kind"]["enum"]
    assert "workshop" in trainings and "mou" not in trainings
    agreements = schema["components"]["schemas"]["Agreement"]["properties"]["kind"]["enum"]
    assert "mou" in agreements and "workshop" not in agreements


def test_a_cursor_beyond_the_databases_integers_is_a_400_naming_it(api):
    AgreementFactory(slug="agreement")
    response = api.get("/api/v1/trainings/?cursor=6.32071648368599874448")
    assert response.status_code == 400 and list(response.json()) == ["cursor"]
    assert api.get("/api/v1/trainings/?cursor=6.320716483685998744").status_code == 200
