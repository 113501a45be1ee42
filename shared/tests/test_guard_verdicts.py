"""The two request-body guards give the verdicts they gave before they were made cheaper (issue 10): the nesting
check of `body_guard.body_problem` (strings cut out with one regular expression of an alternation per byte, then a
match per bracket) and the byte scan of `input_guard._scan` (one regular expression of every risk). Those first
implementations are kept here as the oracle; generated bodies — bytes over the characters that matter, real JSON
documents, nesting around the limit — and the edge cases each rewrite could get wrong must get the same verdict."""
from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from ets_shared.http import input_guard
from ets_shared.http.body_guard import MAX_DEPTH, body_problem
from ets_shared.http.input_guard import MAX_ITEMS, MAX_MEMBERS, MAX_TEXT

# -- the oracle: the guards as they were at d2bbfd9 ----------------------------------------------------------------

_OLD_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_OLD_BRACKET = re.compile(rb"[\[\]{}]")
_OLD_RISKY = re.compile(rb"\d{16}|\\u00[01][0-9a-fA-F]|\\u007[fF]|\\[bf]|NaN|Infinity|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def old_body_problem(body: bytes) -> str | None:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"the body is not UTF-8 (byte {exc.start}: {exc.reason})"
    if body.count(b"[") + body.count(b"{") <= MAX_DEPTH:
        return None
    depth = 0
    for match in _OLD_BRACKET.finditer(_OLD_STRING.sub(b'""', body)):
        depth += 1 if match.group() in (b"[", b"{") else -1
        if depth > MAX_DEPTH:
            return f"the body nests arrays and objects deeper than {MAX_DEPTH} levels"
    return None


def old_scan(body: bytes) -> tuple[bool, bool]:
    if _OLD_RISKY.search(body) is not None:
        return True, True
    return len(body) > MAX_TEXT or body.count(b",") >= MAX_ITEMS or body.count(b":") > MAX_MEMBERS, False


def same_verdicts(body: bytes) -> None:
    assert body_problem(body) == old_body_problem(body)
    assert input_guard._scan(body) == old_scan(body)


# -- generated bodies ----------------------------------------------------------------------------------------------

# Fragments that matter to either guard: quotes, escapes (an escaped quote or backslash, \b, \f, \u00XX, \u007F),
# brackets in runs (the depth check starts only past MAX_DEPTH openers), digit runs near 16, the non-finite numbers
# and parts of them, raw control bytes and the allowed ones, non-ASCII digits' bytes (² is 0xC2 0xB2; a lone 0xB2
# is not UTF-8), and plain text.
FRAGMENTS = [b'"', b"\\", b'\\"', b"\\\\", b"\\b", b"\\f", b"\\n", b"\\u00", b"\\u001f", b"\\u0020", b"\\u007F",
             b"\\u007f", b"\\u0080", b"[", b"]", b"{", b"}", b"[" * 8, b"{" * 8, b"]" * 8, b"}" * 8, b'{"a": [',
             b"0", b"9", b"7" * 8, b"1" * 15, b"NaN", b"Na", b"N", b"Infinity", b"Infinit", b"-", b"\x00", b"\x08",
             b"\x0b", b"\x0c", b"\x1f", b"\x7f", b"\t", b"\n", b"\r", b" ", b"a", b"b", b"f", b"u", b",", b":",
             b"\xc2\xb2", b"\xb2", b"\xc3\xa9", b"\xff"]
jsonish = st.lists(st.sampled_from(FRAGMENTS), max_size=80).map(b"".join)

scalars = (st.none() | st.booleans() | st.integers(min_value=-(2**60), max_value=2**60)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20))
documents = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                         | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=30)


def nested(document: Any, levels: int, in_object: list[bool]) -> Any:
    """`document` inside `levels` more arrays or objects (a key of brackets and quotes at each object)."""
    for level in range(levels):
        document = {'k"[{': document} if in_object[level % len(in_object)] else [document]
    return document


@hsettings(max_examples=1500, deadline=None)
@given(jsonish)
def test_bytes_of_every_fragment_that_matters_get_the_old_verdicts(body: bytes) -> None:
    same_verdicts(body)


@hsettings(max_examples=600, deadline=None)
@given(documents, st.integers(min_value=0, max_value=40), st.lists(st.booleans(), min_size=1, max_size=5),
       st.booleans())
def test_json_documents_nested_around_the_limit_get_the_old_verdicts(document: Any, levels: int,
                                                                     in_object: list[bool], ascii_only: bool) -> None:
    same_verdicts(json.dumps(nested(document, levels, in_object), ensure_ascii=ascii_only).encode())


@hsettings(max_examples=300, deadline=None)
@given(jsonish, st.integers(min_value=MAX_DEPTH - 2, max_value=MAX_DEPTH + 2), jsonish)
def test_fragments_around_a_nesting_at_the_limit_get_the_old_verdicts(before: bytes, levels: int,
                                                                        after: bytes) -> None:
    same_verdicts(before + b"[" * levels + after + b"]" * levels)
    same_verdicts(b"[" * levels + before + b"]" * levels + after)


# -- the edge cases, each with the verdict it must have ------------------------------------------------------------

DEEP = f"the body nests arrays and objects deeper than {MAX_DEPTH} levels"


@pytest.mark.parametrize(("body", "problem"), [
    (b"[" * MAX_DEPTH + b"]" * MAX_DEPTH, None),  # exactly the limit
    (b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1), DEEP),  # one beyond
    (b"[" * (MAX_DEPTH + 1), DEEP),  # unclosed
    (b"{" * MAX_DEPTH + b"[" + b"}" * MAX_DEPTH, DEEP),  # openers of either kind count alike
    (b"]" * 5 + b"[" * (MAX_DEPTH + 5) + b"]" * (MAX_DEPTH + 5), None),  # closers first: the running depth is 32
    (b"]" * 5 + b"[" * (MAX_DEPTH + 6) + b"]" * (MAX_DEPTH + 6), DEEP),  # … and 33
    (b'["' + b"[" * 40 + b'"]', None),  # brackets inside a string do not nest
    (b'["\\"' + b"[" * 40 + b'"]', None),  # an escaped quote does not end the string
    (b'["\\\\"' + b"[" * 40 + b'"]', DEEP),  # an escaped backslash does: the brackets are outside
    (b'["a", "' + b"[" * 40, DEEP),  # an unclosed last quote: what follows it is not taken for a string
    (b'["a", "b]"' + b"[" * 31 + b"]" * 32, None),  # a closer inside a string does not close
    (b'"' + b"[" * 40 + b'"' + b'"' + b"[" * 33, DEEP),  # an odd number of quotes, no backslash
    (b'"' + b"[" * 40 + b'"' + b'"\\' + b"[" * 33, DEEP),  # the same with a backslash after the unclosed quote
    (b"[" * 40 + b"\xff" + b"]" * 40, "the body is not UTF-8 (byte 40: invalid start byte)"),
])
def test_nesting_edge_cases_keep_their_verdicts(body: bytes, problem: str | None) -> None:
    assert body_problem(body) == problem
    same_verdicts(body)


ORDINARY = b'{"name": "Steel Works", "quantity": "12.5", "year": 2025}'


@pytest.mark.parametrize(("body", "risky"), [
    (ORDINARY, False),
    (b'{"a": ' + b"9" * 15 + b"}", False),  # 15 digits: within 2^53
    (b'{"a": ' + b"9" * 16 + b"}", True),  # 16 digits: may be beyond
    (b'{"a": "' + b"1" * 15 + b'", "b": ' + b"2" * 15 + b"}", False),  # two runs of 15 are not one of 30
    (b'{"a": 1.' + b"0" * 16 + b"}", True),  # any run of 16 digits, as before
    (b'{"a": "\xc2\xb2' + b"1" * 15 + b'"}', False),  # a superscript two is not a digit
    (b'{"a": NaN}', True), (b'{"a": -Infinity}', True), (b'{"a": "NaNa"}', True), (b'{"a": "Nan"}', False),
    (b'{"a": "x\\by"}', True), (b'{"a": "x\\fy"}', True), (b'{"a": "x\\ny\\tz\\r"}', False),
    (b'{"a": "\\\\b"}', True),  # an escaped backslash then b: the old expression saw "\b" there, so does this
    (b'{"a": "\\u001f"}', True), (b'{"a": "\\u0000"}', True), (b'{"a": "\\u0020"}', False),
    (b'{"a": "\\u007f"}', True), (b'{"a": "\\u007F"}', True), (b'{"a": "\\u0080"}', False),
    (b'{"a": "x\x00y"}', True), (b'{"a": "x\x1fy"}', True), (b'{"a": "x\x7fy"}', True),
    (b'{"a": "x\x0by"}', True), (b'{"a": "x\ty\nz\r"}', False),
])
def test_scan_edge_cases_keep_their_verdicts(body: bytes, risky: bool) -> None:
    assert input_guard._scan(body)[1] is risky
    same_verdicts(body)


def test_size_limits_keep_their_verdicts() -> None:
    for body, walked in [(b"a" * MAX_TEXT, False), (b"a" * (MAX_TEXT + 1), True),
                         (b"," * (MAX_ITEMS - 1), False), (b"," * MAX_ITEMS, True),
                         (b":" * MAX_MEMBERS, False), (b":" * (MAX_MEMBERS + 1), True)]:
        assert input_guard._scan(body) == (walked, False)
        same_verdicts(body)


def test_a_bulk_filing_gets_the_old_verdicts() -> None:
    """The bench's 1,000-item verification filing (cli/src/ets_cli/bench.py), and the same spoiled at its end."""
    sources = [{"kind": "electricity", "quantity": "1000", "unit": "10^4 kWh"},
               {"kind": "process", "quantity": "45800", "unit": "tCO2e"}]
    body = json.dumps({"verifications": [
        {"report_id": f"RPT-B1-{n:06d}-2025", "agency_id": "AG-B1", "verified_sources": sources, "findings": "ok"}
        for n in range(1_000)]}).encode()
    assert body_problem(body) is None and input_guard._scan(body) == (True, False)
    for spoiled in (body[:-2] + b", " + b"[" * 40 + b"]" * 40 + b"]}", body[:-3] + b'\\f"}]}',
                    body[:-2] + b", " + b"1" * 16 + b"]}"):
        same_verdicts(spoiled)
        assert (body_problem(spoiled), input_guard._scan(spoiled)) != (None, (True, False))
