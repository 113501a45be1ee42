"""M-43: the decision log — every step of every case and every accountability record, each with who, when and why,
appended in one sequence and chained by hashes so that no entry can be changed, removed or slipped in unnoticed.

Entry n's hash is SHA-256 over its own fields and entry n-1's hash (the first links to `GENESIS`). `verify` walks the
chain and names the first entry whose hash, link or sequence number does not hold. (The database also refuses
UPDATE and DELETE on the log; the chain makes tampering by anyone who gets around that detectable.)
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from ets_shared.clock import as_utc

GENESIS = "0" * 64


@dataclass(frozen=True)
class LogEntry:
    seq: int
    at: datetime  # the regulatory instant of the decision
    recorded_at: datetime  # wall clock when it was written
    subject_ref: str  # "case:CASE-…", "inaction:…", "policy:2026"
    case_id: str | None
    kind: str
    actor: str
    detail: str  # the decision and its reasons
    ref: int | None
    correlation_id: str
    prev_hash: str
    hash: str


def entry_hash(seq: int, at: datetime, recorded_at: datetime, subject_ref: str, case_id: str | None, kind: str,
               actor: str, detail: str, ref: int | None, correlation_id: str, prev_hash: str) -> str:
    fields = [seq, as_utc(at).isoformat(), as_utc(recorded_at).isoformat(), subject_ref, case_id, kind, actor,
              detail, ref, correlation_id, prev_hash]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def recompute(entry: LogEntry) -> str:
    return entry_hash(entry.seq, entry.at, entry.recorded_at, entry.subject_ref, entry.case_id, entry.kind,
                      entry.actor, entry.detail, entry.ref, entry.correlation_id, entry.prev_hash)


@dataclass(frozen=True)
class ChainCheck:
    entries: int
    head_hash: str
    intact: bool
    broken_at: int | None = None  # the first entry that fails
    problem: str | None = None


def verify(entries: Iterable[LogEntry], *, after_seq: int = 0, prev_hash: str = GENESIS) -> ChainCheck:
    """Check entries in sequence order, continuing a chain that ended at (`after_seq`, `prev_hash`)."""
    count, expected_seq = 0, after_seq + 1
    for entry in entries:
        count += 1
        if entry.seq != expected_seq:
            return ChainCheck(count, prev_hash, False, expected_seq,
                              f"entry {expected_seq} is missing (next found: {entry.seq})")
        if entry.prev_hash != prev_hash:
            return ChainCheck(count, prev_hash, False, entry.seq, "its link to the previous entry does not hold")
        if recompute(entry) != entry.hash:
            return ChainCheck(count, prev_hash, False, entry.seq, "its content does not match its hash")
        prev_hash, expected_seq = entry.hash, expected_seq + 1
    return ChainCheck(count, prev_hash, True)
