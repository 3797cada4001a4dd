"""schemathesis' checks, all of them, as the API's schema test and scripts/fuzz_api.py run them.

Two are narrowed where the API is right and a schema cannot say so: a 400 for a rule beyond any
schema passes positive_data_acceptance, and a value that goes on the wire as empty passes
negative_data_rejection (an empty value is no filter: the schema's allowEmptyValue).
"""

import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    allow_header_conformance,
    content_type_conformance,
    ensure_resource_availability,
    ignored_auth,
    missing_required_header,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
    use_after_free,
)

# Rules a schema cannot state: a key must name a record that exists (and that the reader may see),
# bounds must be in order, cursor paging keeps one order, a password must be right. A 400 for one of
# these, naming its parameter or field, is the answer a schema-valid request deserves.
RULES_BEYOND_THE_SCHEMA = (
    "Unknown value:",
    "does not exist",
    "already exists",
    "From year must not be after to year.",
    "Cursor paging follows the newest-first order",
    "Unable to log in with provided credentials.",
    "No passage",
    "No office has the slug or acronym",
    "has no day",  # the 31st of a month that has 30 days
    "Enter a valid URL.",  # Django's URL validator is stricter than the format `uri`
    "Give a report passage as 'document' and 'ref'",
)


def _messages(body) -> list[str]:
    if isinstance(body, dict):
        return [m for value in body.values() for m in _messages(value)]
    if isinstance(body, list):
        return [m for value in body for m in _messages(value)]
    return [str(body)]


@schemathesis.check
def positive_data_acceptance_beyond_the_schema(ctx, response, case):
    """schemathesis' positive_data_acceptance, but a 400 for a rule beyond the schema passes."""
    if response.status_code == 400:
        messages = _messages(response.json())
        if messages and all(any(rule in m for rule in RULES_BEYOND_THE_SCHEMA) for m in messages):
            return True
    return positive_data_acceptance(ctx, response, case)


def _empty(value) -> bool:
    return value in (None, "") or (isinstance(value, list) and any(_empty(v) for v in value))


@schemathesis.check
def negative_data_rejection_but_empty_values(ctx, response, case):
    """schemathesis' negative_data_rejection, but a value sent as empty (`?q=`, which is how None
    or a list of None goes on the wire) is no filter, as the schema's allowEmptyValue says."""
    if any(_empty(value) for value in (case.query or {}).values()):
        return True
    return negative_data_rejection(ctx, response, case)


EVERY_CHECK = [
    not_a_server_error, status_code_conformance, content_type_conformance,
    response_headers_conformance, response_schema_conformance, negative_data_rejection_but_empty_values,
    positive_data_acceptance_beyond_the_schema, missing_required_header, unsupported_method,
    allow_header_conformance, use_after_free, ensure_resource_availability, ignored_auth,
]  # fmt: skip


@schemathesis.deserializer("text/csv")
def _csv_text(ctx, response):
    # The schema describes CSV as a string whose columns it lists (tests/test_api_errors.py checks them).
    return response.content.decode()
