"""The shape bounds of every JSON body (`ets_shared.http.input_guard`): what the byte scan lets through unwalked,
what only the size walk checks, and that every refusal names its field."""
from __future__ import annotations

import json

import pytest

from ets_shared.http import input_guard
from ets_shared.http.input_guard import MAX_ITEMS, MAX_MEMBERS, MAX_TEXT, InputOutOfBounds, check_body


def refused(body: bytes) -> str:
    with pytest.raises(InputOutOfBounds) as caught:
        check_body(body)
    return str(caught.value)


def bulk(items: int = 1_000, **overrides: object) -> dict:
    """A bulk filing's shape: a thousand items of a few fields, well over the 100,000-byte scan limit."""
    return {"items": [{"entity_id": f"E-{n:05d}", "compliance_year": 2025, "quantity": "12345.678",
                       "note": "x" * 80, "sources": [{"kind": "process", "quantity": "1.5"}], **overrides}
                      for n in range(items)]}


def test_a_backspace_or_form_feed_escape_in_a_small_body_is_refused_naming_its_field():
    assert "body.name" in refused(b'{"name": "Steel\\bWorks"}')
    assert "body.name" in refused(b'{"name": "Steel\\fWorks"}')


def test_a_non_finite_number_in_a_small_body_is_refused():
    assert "finite" in refused(b'{"price": NaN}') and "body.price" in refused(b'{"price": -Infinity}')


def test_an_object_of_more_than_1000_members_in_a_small_body_is_refused():
    members = {f"k{n}": 1 for n in range(MAX_MEMBERS + 1)}
    body = json.dumps({"labels": members}).encode()
    assert len(body) < MAX_TEXT and body.count(b",") < MAX_ITEMS
    assert f"at most {MAX_MEMBERS} members" in refused(body)
    check_body(json.dumps({"labels": dict(list(members.items())[:MAX_MEMBERS])}).encode())  # exactly 1,000: fine


def test_a_bulk_body_within_bounds_is_checked_without_naming_every_value(monkeypatch):
    body = json.dumps(bulk()).encode()
    assert len(body) > MAX_TEXT

    def named_walk(field, value):
        raise AssertionError("the named walk ran for a body whose only risk is its size")

    monkeypatch.setattr(input_guard, "check_value", named_walk)
    check_body(body)


def test_a_long_string_deep_in_a_bulk_body_is_refused_naming_its_path():
    document = bulk()
    document["items"][500]["sources"][0]["kind"] = "k" * (MAX_TEXT + 1)
    assert "body.items[500].sources[0].kind" in refused(json.dumps(document).encode())
    document["items"][500]["sources"][0]["kind"] = "k" * MAX_TEXT  # exactly the bound: fine
    check_body(json.dumps(document).encode())


def test_an_array_of_more_than_10000_items_is_refused_naming_it():
    assert "body.items" in refused(json.dumps({"items": [1] * (MAX_ITEMS + 1)}).encode())
    check_body(json.dumps({"items": [1] * MAX_ITEMS}).encode())


def test_a_bulk_body_with_an_out_of_range_number_is_walked_by_name():
    document = bulk()
    document["items"][999]["compliance_year"] = 2**53 + 1
    assert "body.items[999].compliance_year" in refused(json.dumps(document).encode())


def test_a_body_that_is_not_json_is_left_to_the_route():
    check_body(b"x" * (MAX_TEXT + 1))
