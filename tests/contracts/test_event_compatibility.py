"""Published events are public contracts: a breaking change to a published v<N> fails CI, naming the field.

`tests/contracts/published/` holds the schema of every subject as it was first published (`ets contracts-freeze`
adds new ones and never rewrites old ones)."""
from __future__ import annotations

import json
import re
from typing import Literal

import pytest
from pydantic import BaseModel, ConfigDict

from ets_cli.tools import published_schema_path
from ets_shared.contracts import CATALOGUE
from ets_shared.contracts.compatibility import breaking_changes

SUBJECT = re.compile(r"^ets\.[a-z-]+\.[a-z-]+\.[a-z-]+\.v\d+$")


@pytest.mark.parametrize("subject", sorted(CATALOGUE))
def test_published_event_schema_has_no_breaking_change(subject):
    path = published_schema_path(subject)
    assert path.exists(), f"{subject} is not frozen: run `./ets contracts-freeze` and commit {path.name}"
    problems = breaking_changes(json.loads(path.read_text()), CATALOGUE[subject].model_json_schema())
    assert not problems, (f"breaking change to published {subject}: {problems}. Publish a new "
                          f"v{CATALOGUE[subject].contract.version + 1} contract beside it instead.")


@pytest.mark.parametrize("subject", sorted(CATALOGUE))
def test_subject_follows_the_naming_rule_and_example_is_valid(subject):
    contract = CATALOGUE[subject]
    assert subject == "ets.calendar.tick.v1" or SUBJECT.match(subject), subject
    assert subject.endswith(f".v{contract.contract.version}")
    contract.example()  # the example every consumer test feeds to subscribers


class Line(BaseModel):
    model_config = ConfigDict(extra="ignore")
    vintage: int
    quantity: int


class V1(BaseModel):
    entity_id: str
    quantity: int
    lines: list[Line]
    note: str | None = None
    kind: Literal["a", "b"] = "a"


def problems_with(new: type[BaseModel]) -> list[str]:
    return breaking_changes(V1.model_json_schema(), new.model_json_schema())


def test_adding_an_optional_field_is_compatible():
    class New(V1):
        extra: str | None = None

    assert problems_with(New) == []


def test_removed_field_is_breaking_and_named():
    class New(BaseModel):
        entity_id: str
        lines: list[Line]
        note: str | None = None
        kind: Literal["a", "b"] = "a"

    assert problems_with(New) == ["data.quantity: field removed or renamed"]


def test_renamed_field_is_breaking_and_named():
    class New(BaseModel):
        entity: str
        quantity: int
        lines: list[Line]
        note: str | None = None
        kind: Literal["a", "b"] = "a"

    assert problems_with(New) == ["data.entity_id: field removed or renamed", "data.entity: new required field"]


def test_changed_type_is_breaking_and_named_also_inside_nested_lists():
    class NewLine(BaseModel):
        vintage: str
        quantity: int

    class New(V1):
        lines: list[NewLine]

    assert problems_with(New) == ["data.lines[].vintage: type changed from integer to string"]


def test_new_required_field_and_optional_made_required_are_breaking():
    class New(V1):
        sector: str
        note: str

    problems = problems_with(New)
    assert "data.sector: new required field" in problems
    assert any(p.startswith("data.note:") for p in problems)


def test_widened_enum_is_breaking_for_old_consumers():
    class New(V1):
        kind: Literal["a", "b", "c"] = "a"

    assert [p.split(":")[0] for p in problems_with(New)] == ["data.kind"]
