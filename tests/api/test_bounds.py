"""Issue 9: every field and parameter a service accepts is bounded — read from the OpenAPI documents, so a route
added later is held to it too. Integers have a minimum and a maximum, strings a maximum length and either a pattern
that excludes control characters, an enum or a format, arrays a maximum number of items, and no input is a float
(exact quantities are decimal strings: `ets_shared.bounds.exact_decimal`)."""
from __future__ import annotations

from typing import Any

import pytest

from ets_cli.clients import openapi_document

SERVICES = {"allocation": "allocation", "mrv": "mrv", "verifier-oversight": "verifier_oversight",
            "exchange": "exchange", "enforcement": "enforcement"}
FORMATS = {"date", "date-time", "uuid", "email"}


def unbounded(schema: dict[str, Any], where: str, doc: dict[str, Any], seen: frozenset[str] = frozenset()
              ) -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return []
        return unbounded(doc["components"]["schemas"][name], where, doc, seen | {name})
    found: list[str] = []
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, []):
            found += unbounded(option, where, doc, seen)
    kind = schema.get("type")
    if "enum" in schema or "const" in schema:
        return found
    if kind == "integer" and ("maximum" not in schema and "exclusiveMaximum" not in schema
                              or "minimum" not in schema and "exclusiveMinimum" not in schema):
        found.append(f"{where}: integer without minimum and maximum")
    elif kind == "number":
        found.append(f"{where}: a float (exact values are decimal strings)")
    elif kind == "string" and schema.get("format") not in FORMATS:
        if "maxLength" not in schema and "pattern" not in schema:
            found.append(f"{where}: string without maxLength")
        elif "pattern" not in schema:
            found.append(f"{where}: string without a pattern (control characters)")
    elif kind == "array":
        if "maxItems" not in schema:
            found.append(f"{where}: array without maxItems")
        found += unbounded(schema.get("items", {}), f"{where}[]", doc, seen)
    elif kind == "object" or "properties" in schema:
        for name, sub in schema.get("properties", {}).items():
            found += unbounded(sub, f"{where}.{name}", doc, seen)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            if "maxProperties" not in schema:
                found.append(f"{where}: map without maxProperties")
            found += unbounded(extra, f"{where}{{}}", doc, seen)
    return found


@pytest.mark.parametrize("service", list(SERVICES))
def test_every_field_and_parameter_is_bounded(service, tmp_path):
    doc = openapi_document(service)
    problems: list[str] = []
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            label = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                problems += unbounded(parameter["schema"], f"{label} {parameter['in']}.{parameter['name']}", doc)
            for media in operation.get("requestBody", {}).get("content", {}).values():
                problems += unbounded(media.get("schema", {}), f"{label} body", doc)
    assert not problems, f"{len(problems)} unbounded inputs:\n" + "\n".join(sorted(set(problems)))
