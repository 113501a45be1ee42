"""Is a new version of an event schema still compatible with what consumers of the published version expect?

Consumers ignore unknown fields, so adding an optional field is safe. Breaking (needs a new `v<N+1>` subject):
a field removed or renamed, a field's type changed (including its allowed values), a new required field, or an
optional field made required. Each problem names the field by its path, e.g. `data.lines[].vintage`.
"""
from __future__ import annotations

from typing import Any

Schema = dict[str, Any]


def _resolve(node: Schema, defs: Schema) -> Schema:
    while "$ref" in node:
        node = defs[node["$ref"].split("/")[-1]]
    return node


def _signature(node: Schema, defs: Schema) -> str:
    """A readable type description: `integer`, `string(date-time)`, `enum[a|b]`, `array<integer>`, `a | b`."""
    node = _resolve(node, defs)
    if "anyOf" in node or "oneOf" in node:
        variants = node["anyOf"] if "anyOf" in node else node["oneOf"]
        return " | ".join(sorted(_signature(n, defs) for n in variants))
    if "enum" in node:
        return "enum[" + "|".join(map(str, node["enum"])) + "]"
    if "const" in node:
        return f"const[{node['const']}]"
    kind = node.get("type", "any")
    if kind == "array":
        return f"array<{_signature(node.get('items', {}), defs)}>"
    if kind == "object" and "properties" in node:
        return "object"
    return f"{kind}({node['format']})" if "format" in node else str(kind)


def _objects(node: Schema, defs: Schema) -> list[Schema]:
    """Object schemas reachable directly (through anyOf/array items) from a property, to compare recursively."""
    node = _resolve(node, defs)
    if node.get("type") == "object" and "properties" in node:
        return [node]
    if node.get("type") == "array":
        return _objects(node.get("items", {}), defs)
    return [o for n in node.get("anyOf", []) for o in _objects(n, defs)]


def breaking_changes(old: Schema, new: Schema, path: str = "data") -> list[str]:
    return _compare(old, new, old.get("$defs", {}), new.get("$defs", {}), path)


def _compare(old: Schema, new: Schema, old_defs: Schema, new_defs: Schema, path: str) -> list[str]:
    old, new = _resolve(old, old_defs), _resolve(new, new_defs)
    problems: list[str] = []
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
    for name, old_field in old_props.items():
        where = f"{path}.{name}"
        if name not in new_props:
            problems.append(f"{where}: field removed or renamed")
            continue
        before, after = _signature(old_field, old_defs), _signature(new_props[name], new_defs)
        if before != after:
            problems.append(f"{where}: type changed from {before} to {after}")
            continue
        suffix = "[]" if _resolve(old_field, old_defs).get("type") == "array" else ""
        for o, n in zip(_objects(old_field, old_defs), _objects(new_props[name], new_defs), strict=False):
            problems += _compare(o, n, old_defs, new_defs, where + suffix)
    for name in sorted(new_required - old_required):
        state = "optional field made required" if name in old_props else "new required field"
        problems.append(f"{path}.{name}: {state}")
    return problems
