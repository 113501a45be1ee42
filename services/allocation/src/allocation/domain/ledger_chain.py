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


def transaction_hash(seq: int, transaction_id: str, kind: str, purpose: str | None, reference: str,
                     registered_at: datetime, lines: Sequence[ChainedLine], prev_hash: str) -> str:
    content = [seq, transaction_id, kind, purpose, reference, as_utc(registered_at).isoformat(),
               [[ln.from_account_id, ln.to_account_id, ln.unit_type, ln.vintage, ln.quantity, ln.project_id,
                 ln.reduction_date.isoformat() if ln.reduction_date else None, ln.boundary_entity_id]
                for ln in lines], prev_hash]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


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


def verify(transactions: Iterable[ChainedTransaction], *, after_seq: int = 0, prev_hash: str = GENESIS,
           to_seq: int | None = None) -> ChainCheck:
    """Check transactions in sequence order, continuing a chain that ended at (`after_seq`, `prev_hash`); with
    `to_seq`, a chain that does not reach it is broken (its last transactions are missing)."""
    count, expected = 0, after_seq + 1
    for tx in transactions:
        count += 1
        if tx.seq != expected:
            return ChainCheck(count, expected - 1, prev_hash, False, expected,
                              f"transaction {expected} is missing (next found: {tx.seq})")
        if tx.prev_hash != prev_hash:
            return ChainCheck(count, expected - 1, prev_hash, False, tx.seq,
                              "its link to the previous transaction does not hold")
        if recompute(tx) != tx.hash:
            return ChainCheck(count, expected - 1, prev_hash, False, tx.seq, "its content does not match its hash")
        prev_hash, expected = tx.hash, expected + 1
    if to_seq is not None and expected - 1 < to_seq:
        return ChainCheck(count, expected - 1, prev_hash, False, expected,
                          f"transaction {expected} is missing (the range ends at {to_seq})")
    return ChainCheck(count, expected - 1, prev_hash, True)
