"""Turning a posted HTML form into an API body. Repeated rows are named as the API names them
(`sources[0].quantity`), so the problem+json field of a refusal points straight back at the input."""
from __future__ import annotations


def rows(data: dict[str, str], name: str, fields: tuple[str, ...], count: int,
         required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Rows `name[i].field` for i < count; a row whose inputs are all empty (or whose `required` ones are) is left
    out and the rest are numbered as sent (`as_values` renumbers the form the same way when it comes back)."""
    out = []
    for i in range(count):
        row = {f: data.get(f"{name}[{i}].{f}", "").strip() for f in fields}
        if not any(row.values()) or any(not row[f] for f in required):
            continue
        out.append({k: v for k, v in row.items() if v != ""})
    return out


def as_values(name: str, kept: list[dict[str, str]], data: dict[str, str]) -> dict[str, str]:
    """The form's values with the rows renumbered as they were sent, so a refusal's `name[i].field` sits next to
    the input that held it."""
    values = {k: v for k, v in data.items() if not k.startswith(f"{name}[")}
    for i, row in enumerate(kept):
        values.update({f"{name}[{i}].{k}": v for k, v in row.items()})
    return values
