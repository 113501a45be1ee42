"""M-43: the decision log's hash chain — every entry linked to the one before; a changed, removed or inserted entry
is found, and named."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from enforcement.domain.decision_log import GENESIS, LogEntry, entry_hash, recompute, verify

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
