"""What drf-spectacular cannot see in the API's code, added to its OpenAPI schema by one hook:
who may call each operation, every status it can answer with the one error shape, the rate-limit
headers, the CSV representation of the lists, and each filter's limits."""

from django.utils.encoding import force_str

from . import api_glossary
from .models import KINDS_BY_TYPE, ActivityType, Kind
from .throttling import LIMIT, REMAINING, RESET

READS = {"get", "head", "options"}
TOKEN_AND_SESSION = [{"tokenAuth": []}, {"cookieAuth": []}]

ERROR = {
    "type": "object",
    "description": (
        "Every 4xx answer under /api/. `detail` says what went wrong when it is not one "
        "parameter's or field's fault; otherwise each parameter or field at fault is a key, with "
        'its messages: `{"year": ["Enter a whole number."]}`. A nested field\'s errors nest the '
        'same way: `{"parties": [{"office": ["Unknown value: XX."]}]}`. `non_field_errors` '
        "holds what concerns several fields at once."
    ),
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, in a sentence."},
        "non_field_errors": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": {
        "description": "The messages for the parameter or field named by the key.",
    },
    "example": {"year": ["Enter a whole number."]},
}

RATE_HEADERS = {
    LIMIT: ("Requests an anonymous client may make in the window.", "integer"),
    REMAINING: ("Requests left in the window.", "integer"),
    RESET: ("When the window starts afresh, in seconds since 1970 (UTC).", "integer"),
}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before the next request.",
        "schema": {"type": "integer"},
        "required": True,
    }
}

# Answers that any operation may give, and those that only some do.
STATUSES = {
    "400": "A query parameter or a field of the body is not valid, or the query names a "
    "parameter the operation does not know: each is named with its messages.",
    "401": "The credentials sent are not valid (a token that does not exist, a wrong password).",
    "403": "Signed in, but without the permission this write needs (or, with a session, "
    "without a CSRF token).",
    "404": "No such record, or a page past the last one. Drafts are not found by readers who "
    "may not see them.",
    "405": "The path does not answer this method; `Allow` lists those it does.",
    "409": "A delete: other records still refer to this one (the message says which). A change: "
    "the `version` sent is not the record's current one; read it again and redo the change.",
    "429": "Too many requests: wait the `Retry-After` seconds. Anonymous readers are "
    "throttled per address; the token endpoint locks an account after five wrong passwords.",
    "503": "The database is briefly unavailable: retry after `Retry-After` seconds.",
}


def _error(code: str) -> dict:
    response = {
        "description": STATUSES[code],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    if code in ("429", "503"):
        response["headers"] = dict(RETRY_AFTER)
    return response


def _rate_headers() -> dict:
    return {
        name: {"description": text, "schema": {"type": kind}}
        for name, (text, kind) in RATE_HEADERS.items()
    }


def _statuses(path: str, method: str) -> list[str]:
    if path.endswith("/schema/"):
        return ["400", "405"]
    if path.endswith("/auth/token/"):
        return ["400", "405", "429", "503"]
    codes = ["400", "401", "404", "405", "503"]
    if method not in READS:
        codes.append("403")
    else:
        codes.append("429")
    if method in ("put", "patch", "delete"):
        codes.append("409")
    return codes


def _security(path: str, method: str) -> list[dict]:
    if path.endswith("/auth/token/"):
        return []  # the username and password are the credentials
    if method in READS:
        # Anonymous reads are the point of the public API; signed-in staff also see drafts.
        return [{}, *TOKEN_AND_SESSION]
    return list(TOKEN_AND_SESSION)


def _view(callback):
    view = callback.cls(**getattr(callback, "initkwargs", {}) or {})
    view.request, view.format_kwarg, view.kwargs, view.args = None, None, {}, ()
    view.action = "list"
    return view


def _csv(view, list_schema: dict) -> dict:
    columns = [name for name, value in view.csv_columns()]
    return {
        "schema": {
            "type": "string",
            "description": (
                "CSV (RFC 4180, UTF-8) with a header row, one row per record that the filters "
                "select, every page at once. Columns: " + ", ".join(columns) + ". Lists are "
                "joined with '; ', a nested record is given by its key; a cell that a "
                "spreadsheet would run as a formula starts with an apostrophe."
            ),
            "x-columns": columns,
            "example": ",".join(columns) + "\r\n",
        }
    }


PAGING = {"page", "page_size", "limit", "offset"}
NO_NUL = "^[^\\x00]*$"
OTHER_PARAMETERS = {
    "format": "`json` (the default) or `csv`: the record as one CSV row under a header row.",
}


def _filter_limits(parameter: dict, filterset) -> None:
    """The bounds a filter's form field enforces, so that a schema-valid value is accepted."""
    schema = parameter.setdefault("schema", {})
    strings = schema.get("items", schema)
    found = filterset.base_filters.get(parameter["name"]) if filterset else None
    if found is not None:
        if parameter["name"] == "kind" and hasattr(filterset, "kind_choices"):
            strings["enum"] = [value for value, label in filterset.kind_choices()]
        extra = found.extra
        if "min_value" in extra:
            schema["minimum"] = extra["min_value"]
        if "max_value" in extra:
            schema["maximum"] = extra["max_value"]
        if "max_length" in extra and schema.get("type") == "string":
            schema["maxLength"] = extra["max_length"]
        if not parameter.get("description"):
            text = extra.get("help_text") or found.label or parameter["name"]
            parameter["description"] = force_str(text)
    if not parameter.get("description") and parameter["name"] in OTHER_PARAMETERS:
        parameter["description"] = OTHER_PARAMETERS[parameter["name"]]
    if strings.get("type") == "string" and not ({"enum", "format", "pattern"} & set(strings)):
        strings["pattern"] = NO_NUL  # PostgreSQL cannot compare a NUL: every filter refuses it
    if parameter["name"] not in PAGING:
        # An empty value is no filter at all, as when a search form leaves a field blank.
        parameter["allowEmptyValue"] = True
    example = api_glossary.PARAMETERS.get(parameter["name"])
    choices = strings.get("enum")
    if choices and example not in choices:  # e.g. the kinds of this list only
        example = choices[0]
    if isinstance(example, int) and strings.get("type") == "string":
        example = str(example)  # a filter that takes its number as text
    if example is not None and "example" not in parameter:
        parameter["example"] = [example] if schema.get("type") == "array" else example


def _refuse_nul(schema: dict) -> None:
    """Text in a request body cannot hold a NUL character (Django refuses it): say so."""
    if schema.get("type") == "string" and not ({"enum", "format", "pattern"} & set(schema)):
        schema["pattern"] = NO_NUL
    for child in (schema.get("properties") or {}).values():
        _refuse_nul(child)
    if isinstance(schema.get("items"), dict):
        _refuse_nul(schema["items"])


def _describe(properties: dict, parent: str = "") -> None:
    """The glossary's meaning (and example) for each field that has no description of its own."""
    for name, schema in properties.items():
        _describe(schema.get("properties") or {}, name)  # nested records: the source, …
        if isinstance(schema.get("items"), dict):
            _describe(schema["items"].get("properties") or {}, name)
        found = api_glossary.FIELDS.get(f"{parent}.{name}") or api_glossary.FIELDS.get(name)
        if schema.get("description") or found is None:
            continue
        text, example = found
        if "$ref" in schema:  # a $ref takes no siblings in OpenAPI 3.0
            schema["allOf"] = [{"$ref": schema.pop("$ref")}]
        schema["description"] = text
        if example is not None and "example" not in schema:
            schema["example"] = example


def _kinds_per_type(schemas: dict) -> None:
    """Each type's records take only that type's kinds (a 400 otherwise): its own enum."""
    for activity_type, kinds in KINDS_BY_TYPE.items():
        name = ActivityType(activity_type).name.title()  # Agreement, Delegation, …
        for component in (name, f"{name}Request", f"Patched{name}Request"):
            kind = schemas.get(component, {}).get("properties", {}).get("kind")
            if kind is not None:
                values = [Kind(k).value for k in kinds]
                kind.pop("$ref", None)
                kind.pop("allOf", None)
                kind.update({"type": "string", "enum": values, "example": values[0]})
                kind.setdefault("description", f"The kind of {ActivityType(activity_type).label}.")


def document_responses(result, generator, request, public):
    """POSTPROCESSING_HOOKS: security, error answers, rate-limit headers, CSV and filter limits."""
    # drf-spectacular names a `pk` lookup `id` in the schema's paths.
    views = {
        (path.replace("{pk}", "{id}"), method.lower()): callback
        for path, _regex, method, callback in generator.endpoints
    }
    schemas = result["components"]["schemas"]
    schemas["Error"] = ERROR
    _kinds_per_type(schemas)
    for name, schema in schemas.items():
        if name.endswith("Request"):
            _refuse_nul(schema)
        _describe(schema.get("properties") or {})
        _describe((schema.get("items") or {}).get("properties") or {})
    for path, operations in result["paths"].items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            operation["security"] = _security(path, method)
            callback = views.get((path, method))
            view = _view(callback) if callback is not None else None
            filterset = getattr(view, "filterset_class", None)
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    _filter_limits(parameter, filterset)
            body = operation.get("requestBody", {}).get("content", {})
            for media_type in [m for m in body if m != "application/json"]:
                # Nested records (parties, source) have no form encoding: writes are JSON.
                del body[media_type]
            responses = operation["responses"]
            for code in _statuses(path, method):
                responses.setdefault(code, _error(code))
            for code, response in responses.items():
                if method in READS and code[0] in "24" and path.startswith("/api/v1/"):
                    headers = response.setdefault("headers", {})
                    headers.update({k: v for k, v in _rate_headers().items() if k not in headers})
                content = response.get("content", {})
                if "text/csv" not in content:
                    continue
                if method == "get" and hasattr(view, "csv_columns"):
                    content["text/csv"] = _csv(view, content["application/json"])
                else:
                    del content["text/csv"]  # a write answers JSON
    return result
