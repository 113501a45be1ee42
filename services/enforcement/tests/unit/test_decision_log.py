"""M-43: the decision log's hash chain — every entry linked to the one before; a changed, removed or inserted entry
is found, and named."""
from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from enforcement.domain.decision_log import GENESIS, ChainCheck, LogEntry, entry_hash, recompute, verify

AT = datetime(2026, 7, 1, tzinfo=timezone.utc)


def chain(n: int) -> list[LogEntry]:
    entries, prev = [], GENESIS
    for seq in range(1, n + 1):
        fields = dict(seq=seq, at=AT + timedelta(minutes=seq), recorded_at=AT + timedelta(minutes=seq),
                      subject_ref="case:C-1", case_id="C-1", kind="fine_decided", actor="enforcement_officer:li",
                      detail=f"step {seq}", ref=None, correlation_id="corr", prev_hash=prev)
        prev = entry_hash(**fields)
        entries.append(LogEntry(**fields, hash=prev))
    return entries


def test_m43_an_untouched_chain_verifies():
    entries = chain(5)
    check = verify(entries)
    assert (check.intact, check.entries, check.head_hash) == (True, 5, entries[-1].hash)
    assert all(recompute(e) == e.hash for e in entries)


def test_m43_a_tampered_log_row_is_detected():
    entries = chain(5)
    entries[2] = replace(entries[2], detail="fine 1.00 yuan")  # the amount rewritten in place
    check = verify(entries)
    assert (check.intact, check.broken_at) == (False, 3) and "content" in check.problem


def test_m43_a_rehashed_row_breaks_the_next_link():
    entries = chain(5)
    forged = replace(entries[2], actor="enforcement_officer:someone_else")
    entries[2] = replace(forged, hash=recompute(forged))  # a forger who recomputes the row's own hash
    check = verify(entries)
    assert (check.intact, check.broken_at) == (False, 4) and "link" in check.problem


def test_m43_a_removed_or_inserted_row_is_detected():
    entries = chain(5)
    check = verify(entries[:2] + entries[3:])
    assert (check.intact, check.broken_at) == (False, 3) and "missing" in check.problem
    check = verify(entries[:2] + [replace(entries[2], seq=3)] + [replace(entries[2], seq=4)] + entries[3:])
    assert not check.intact


def test_m43_an_entrys_hash_is_sha256_of_its_fields_as_compact_utf8_json():
    """The formula is part of the log: entries written before a release must verify after it, and an auditor
    recomputes them outside the platform. Non-ASCII text (the reasons are often Chinese) is hashed as UTF-8."""
    at = datetime(2026, 7, 1, 2, 30, tzinfo=timezone.utc)
    written = ('[1,"2026-07-01T02:30:00+00:00","2026-07-01T02:30:00+00:00","case:CASE-M39-E-0002-2025",'
               '"CASE-M39-E-0002-2025","fine_decided","enforcement_officer:li","罚款 50,000.00 yuan: 未足额清缴",2,'
               '"corr-1","' + GENESIS + '"]')
    got = entry_hash(1, at, at, "case:CASE-M39-E-0002-2025", "CASE-M39-E-0002-2025", "fine_decided",
                     "enforcement_officer:li", "罚款 50,000.00 yuan: 未足额清缴", 2, "corr-1", GENESIS)
    assert got == hashlib.sha256(written.encode()).hexdigest()
    assert got == "1139d626f656324c1866d92443ce73aba896bde668571ffb89e88763a0e50ed6"


@pytest.mark.parametrize("changed", [
    {"seq": 9}, {"at": AT + timedelta(days=1)}, {"recorded_at": AT + timedelta(days=1)},
    {"subject_ref": "case:C-2"}, {"case_id": "C-2"}, {"kind": "fine_declined"}, {"actor": "enforcement_officer:wu"},
    {"detail": "step 3, amended"}, {"ref": 3}, {"correlation_id": "corr-2"}, {"prev_hash": "f" * 64}])
def test_m43_every_field_of_an_entry_is_under_its_hash(changed):
    entry = chain(3)[2]
    assert recompute(replace(entry, **changed)) != entry.hash


def test_m43_a_broken_chain_names_the_entries_read_and_the_last_head_that_held():
    entries = chain(5)
    good_head = entries[1].hash  # entries 1 and 2 hold
    missing = verify(entries[:2] + entries[3:])
    assert missing == ChainCheck(3, good_head, False, 3, "entry 3 is missing (next found: 4)")
    relinked = verify(entries[:2] + [replace(entries[2], prev_hash="f" * 64)] + entries[3:])
    assert (relinked.entries, relinked.head_hash, relinked.intact, relinked.broken_at) == (3, good_head, False, 3)
    tampered = verify(entries[:2] + [replace(entries[2], detail="fine 1.00 yuan")] + entries[3:])
    assert (tampered.entries, tampered.head_hash, tampered.intact, tampered.broken_at) == (3, good_head, False, 3)
    continued = verify(entries[2:], after_seq=2, prev_hash=good_head)
    assert continued == ChainCheck(3, entries[-1].hash, True)
