"""The tamper-evident ledger (M-32): registry transactions are append-only and chained by hashes.

Transaction n's hash is SHA-256 over its own content — sequence number, id, kind, purpose, reference, registration
instant and every line (accounts, unit type, vintage, quantity, CCER origin) — and transaction n-1's hash (the first
links to `GENESIS`). `verify` walks the chain (or a range of it, continuing from the hash before it) and names the
first transaction whose sequence, link or content does not hold. The database refuses UPDATE and DELETE on the
transactions and their lines; the chain makes a change by anyone who gets around that detectable, and the daily
chain heads published as events (`ledger.head-published`) let an outside party prove that history was not rewritten
after the fact: a rewritten past changes every later hash, the published one included.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from ets_shared.clock import as_utc

GENESIS = "0" * 64


@dataclass(frozen=True)
class ChainedLine:
    from_account_id: str
    to_account_id: str
    unit_type: str
    vintage: int
    quantity: int
    project_id: str | None = None
    reduction_date: date | None = None
    boundary_entity_id: str | None = None


@dataclass(frozen=True)
class ChainedTransaction:
    seq: int
    transaction_id: str
    kind: str
    purpose: str | None
    reference: str
    registered_at: datetime
    lines: tuple[ChainedLine, ...]
    prev_hash: str
    hash: str = ""


LineContent = list  # [from, to, unit type, vintage, quantity, project, reduction date (ISO) or None, boundary]


def line_content(ln: ChainedLine) -> LineContent:
    return [ln.from_account_id, ln.to_account_id, ln.unit_type, ln.vintage, ln.quantity, ln.project_id,
            ln.reduction_date.isoformat() if ln.reduction_date else None, ln.boundary_entity_id]


#: the canonical JSON, one encoder for every hash (`json.dumps` with these options builds a new one per call)
_CANONICAL = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def chain_instant(registered_at: datetime) -> str:
    """A registration instant as the chain hashes it (UTC, ISO 8601)."""
    return as_utc(registered_at).isoformat()


def content_hash(seq: int, transaction_id: str, kind: str, purpose: str | None, reference: str,
                 registered_at: datetime, lines: list[LineContent], prev_hash: str) -> str:
    """SHA-256 over the canonical JSON of a transaction's content and the previous hash (what every link holds)."""
    return instant_hash(seq, transaction_id, kind, purpose, reference, chain_instant(registered_at), lines, prev_hash)


def instant_hash(seq: int, transaction_id: str, kind: str, purpose: str | None, reference: str, instant: str,
                 lines: list[LineContent], prev_hash: str) -> str:
    """`content_hash` with the instant already as the chain hashes it (`chain_instant`): a batch registers its
    transactions at one instant, formatted once."""
    content = [seq, transaction_id, kind, purpose, reference, instant, lines, prev_hash]
    return hashlib.sha256(_CANONICAL(content).encode()).hexdigest()


def transaction_hash(seq: int, transaction_id: str, kind: str, purpose: str | None, reference: str,
                     registered_at: datetime, lines: Sequence[ChainedLine], prev_hash: str) -> str:
    return content_hash(seq, transaction_id, kind, purpose, reference, registered_at,
                        [line_content(ln) for ln in lines], prev_hash)


def recompute(tx: ChainedTransaction) -> str:
    return transaction_hash(tx.seq, tx.transaction_id, tx.kind, tx.purpose, tx.reference, tx.registered_at,
                            tx.lines, tx.prev_hash)


@dataclass(frozen=True)
class ChainCheck:
    transactions: int
    head_seq: int
    head_hash: str
    intact: bool
    broken_at: int | None = None  # the first transaction that fails
    problem: str | None = None


class ChainWalk:
    """Checks transactions fed in sequence order, continuing a chain that ended at (`after_seq`, `prev_hash`):
    `feed` answers False at the first that fails (its sequence, its link or its content), and `result` says what
    was found. Fed with plain values, so a reader can stream a million rows without building objects for them."""

    def __init__(self, after_seq: int = 0, prev_hash: str = GENESIS) -> None:
        self.count, self.expected, self.prev_hash = 0, after_seq + 1, prev_hash
        self.broken: tuple[int, str] | None = None

    def feed(self, seq: int, transaction_id: str, kind: str, purpose: str | None, reference: str,
             registered_at: datetime, lines: list[LineContent], prev_hash: str, digest: str) -> bool:
        self.count += 1
        if seq != self.expected:
            self.broken = (self.expected, f"transaction {self.expected} is missing (next found: {seq})")
        elif prev_hash != self.prev_hash:
            self.broken = (seq, "its link to the previous transaction does not hold")
        elif content_hash(seq, transaction_id, kind, purpose, reference, registered_at, lines, prev_hash) != digest:
            self.broken = (seq, "its content does not match its hash")
        else:
            self.prev_hash, self.expected = digest, self.expected + 1
            return True
        return False

    def result(self, to_seq: int | None = None) -> ChainCheck:
        head = self.expected - 1
        if self.broken is not None:
            return ChainCheck(self.count, head, self.prev_hash, False, *self.broken)
        if to_seq is not None and head < to_seq:
            return ChainCheck(self.count, head, self.prev_hash, False, self.expected,
                              f"transaction {self.expected} is missing (the range ends at {to_seq})")
        return ChainCheck(self.count, head, self.prev_hash, True)


def verify(transactions: Iterable[ChainedTransaction], *, after_seq: int = 0, prev_hash: str = GENESIS,
           to_seq: int | None = None) -> ChainCheck:
    """Check transactions in sequence order, continuing a chain that ended at (`after_seq`, `prev_hash`); with
    `to_seq`, a chain that does not reach it is broken (its last transactions are missing)."""
    walk = ChainWalk(after_seq, prev_hash)
    for tx in transactions:
        if not walk.feed(tx.seq, tx.transaction_id, tx.kind, tx.purpose, tx.reference, tx.registered_at,
                         [line_content(ln) for ln in tx.lines], tx.prev_hash, tx.hash):
            break
    return walk.result(to_seq)
