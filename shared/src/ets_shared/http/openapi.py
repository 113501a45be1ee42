"""The error responses in every service's OpenAPI document, declared once for all routes.

Each operation gets the problem+json responses it can give, with the `Problem` schema and an example:
401 and 403 where it needs a bearer token, 404 where it names a record (a path parameter) or writes, 409 on writes
(the record's state, or an `Idempotency-Key` still in progress), 422 where it takes input (FastAPI's own 422
schema is replaced: validation problems are problem+json too), 400 where it takes a JSON body (not UTF-8, nested too
deeply). Writes also declare the `Idempotency-Key` header.

Every input without a bound of its own is documented with the bounds `ets_shared.http.input_guard` enforces on it.
"""
from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from ets_shared.http.input_guard import MAX_INT, MAX_ITEMS, MAX_MEMBERS, MAX_PARAM, MAX_TEXT
from ets_shared.http.problems import PROBLEM_JSON

WRITES = {"post", "put", "patch", "delete"}
PROBLEM_SCHEMA = {
    "title": "Problem",
    "description": "RFC 9457 problem details; `type` is a stable `urn:ets:problem:<code>`",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "field": {"type": "string", "description": "the input field at fault (dotted path)"},
        "article": {"type": "string", "description": "the regulation article of the rule, e.g. M-16"},
        "invalid_params": {"type": "array", "items": {
            "type": "object", "required": ["name", "reason"],
            "properties": {"name": {"type": "string"}, "reason": {"type": "string"}}}},
    },
}
EXAMPLES: dict[int, tuple[str, dict[str, Any]]] = {
    400: ("The body cannot be read", {"type": "urn:ets:problem:malformed-body", "title": "The body cannot be read",
                                      "status": 400, "detail": "the body is not UTF-8 (byte 17)", "field": "body"}),
    401: ("No valid bearer token", {"type": "urn:ets:problem:unauthenticated",
                                    "title": "A valid bearer token is required", "status": 401,
                                    "detail": "invalid bearer token: Signature has expired"}),
    403: ("The caller's role or party may not do this", {
        "type": "urn:ets:problem:forbidden", "title": "Not allowed for this caller", "status": 403,
        "detail": "role 'entity' may not do this; allowed: authority"}),
    404: ("No such record", {"type": "urn:ets:problem:not-found", "title": "No such record", "status": 404,
                             "detail": "no entity E-0001", "field": "entity_id"}),
    409: ("The record's current state does not allow this", {
        "type": "urn:ets:problem:conflict", "title": "The request conflicts with the record's current state",
        "status": 409, "detail": "already submitted", "field": "report_id"}),
    422: ("A field is invalid or a rule refuses the request", {
        "type": "urn:ets:problem:validation-error", "title": "The request is not valid", "status": 422,
        "detail": "invalid field 'query.offset': Input should be less than or equal to 10000000",
        "invalid_params": [{"name": "query.offset",
                            "reason": "Input should be less than or equal to 10000000"}]}),
}
IDEMPOTENCY_KEY = {"name": "Idempotency-Key", "in": "header", "required": False,
                   "description": "retry-safe writes: the first answer to a key is replayed to the same caller",
                   "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[\\x21-\\x7e]+$"}}


def install_error_responses(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(title=app.title, version=app.version, description=app.description,
                                   routes=app.routes)
            app.openapi_schema = declare_errors(document)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to customise the schema


def declare_errors(document: dict[str, Any]) -> dict[str, Any]:
    plain_times(document)
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = PROBLEM_SCHEMA
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    for operations in document.get("paths", {}).values():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for status in statuses(method, operation):
                summary, example = EXAMPLES[status]
                responses[str(status)] = {"description": summary, "content": {PROBLEM_JSON: {
                    "schema": {"$ref": "#/components/schemas/Problem"}, "example": example}}}
            for parameter in operation.get("parameters", []):
                default_bounds(parameter.get("schema", {}), document, set(), MAX_PARAM, PARAM_TEXT)
            for media in operation.get("requestBody", {}).get("content", {}).values():
                default_bounds(media.get("schema", {}), document, set(), MAX_TEXT, BODY_TEXT)
            if method in WRITES:
                parameters = operation.setdefault("parameters", [])
                if not any(p.get("name") == IDEMPOTENCY_KEY["name"] for p in parameters):
                    parameters.append(IDEMPOTENCY_KEY)
    return document


def statuses(method: str, operation: dict[str, Any]) -> list[int]:
    secured = bool(operation.get("security"))
    has_path = any(p.get("in") == "path" for p in operation.get("parameters", []))
    takes_input = bool(operation.get("parameters")) or "requestBody" in operation or method in WRITES
    found = []
    if "requestBody" in operation:
        found.append(400)
    if secured:
        found += [401, 403]
    if has_path or method in WRITES:
        found.append(404)
    if method in WRITES:
        found.append(409)
    if takes_input or "422" in operation.get("responses", {}):
        found.append(422)
    return found


PARAM_TEXT = "^[^\\x00-\\x1f\\x7f]*$"
BODY_TEXT = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]*$"
FORMATS = {"date", "date-time", "uuid", "email", "binary"}


def default_bounds(schema: dict[str, Any], document: dict[str, Any], seen: set[str], max_text: int,
                   text_pattern: str) -> None:
    """Write the input guard's bounds into `schema` wherever it has none of its own."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name not in seen:
            seen.add(name)
            default_bounds(document["components"]["schemas"][name], document, seen, max_text, text_pattern)
        return
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, []):
            default_bounds(option, document, seen, max_text, text_pattern)
    kind = schema.get("type")
    if "enum" in schema or "const" in schema:
        return
    if kind == "integer":
        if "minimum" not in schema and "exclusiveMinimum" not in schema:
            schema["minimum"] = -MAX_INT
        if "maximum" not in schema and "exclusiveMaximum" not in schema:
            schema["maximum"] = MAX_INT
    elif kind == "string" and schema.get("format") not in FORMATS:
        schema["maxLength"] = min(schema.get("maxLength", max_text), max_text)
        schema.setdefault("pattern", text_pattern)
    elif kind == "array":
        schema["maxItems"] = min(schema.get("maxItems", MAX_ITEMS), MAX_ITEMS)
        default_bounds(schema.get("items", {}), document, seen, max_text, text_pattern)
    elif kind == "object" or "properties" in schema:
        for sub in schema.get("properties", {}).values():
            default_bounds(sub, document, seen, max_text, text_pattern)
        if isinstance(schema.get("additionalProperties"), dict):
            schema["maxProperties"] = min(schema.get("maxProperties", MAX_MEMBERS), MAX_MEMBERS)
            default_bounds(schema["additionalProperties"], document, seen, max_text, text_pattern)


TIME_OF_DAY = {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$", "maxLength": 15,
               "description": "a time of day, HH:MM[:SS[.ffffff]] (Shanghai time unless the field says otherwise)"}


def plain_times(node: Any) -> None:
    """A `time` field is written as `09:30:00`, without the UTC offset JSON Schema's `format: time` demands: declare
    it by a pattern instead, so the document says what the service sends and accepts."""
    if isinstance(node, dict):
        if node.get("format") == "time" and node.get("type") == "string":
            del node["format"]
            node.update({k: v for k, v in TIME_OF_DAY.items() if k not in node or k == "pattern"})
        for value in node.values():
            plain_times(value)
    elif isinstance(node, list):
        for value in node:
            plain_times(value)
