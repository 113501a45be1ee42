"""M-32: the hash the registry's store writes for a transaction (`instant_hash`, its instant formatted once per batch
by `chain_instant`, one shared encoder) is byte for byte the chain's canonical hash — SHA-256 of the compact JSON of
the content and the previous hash, non-ASCII text as is — for any instant's zone, kind, purpose and lines."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone

import pytest

from allocation.domain.ledger_chain import GENESIS, chain_instant, content_hash, instant_hash

EAST_8 = timezone(timedelta(hours=8))
CASES = [
    (1, "TRD-1", "transfer", "trade_delivery", "TRD-1", datetime(2026, 6, 1, 2, tzinfo=timezone.utc),
     [["A-T", "B-T", "SHEA", 2025, 7, None, None, None]], GENESIS),
    (2, "ISS-上海", "issue", None, "allocation:2025", datetime(2026, 6, 1, 10, 0, 0, 123456, tzinfo=EAST_8),
     [["ISSUANCE", "E-1", "SHEA", 2025, 1_000_000, None, None, None]], "a" * 64),
    (3, "SUR-9", "surrender", None, "surrender:E-1:2025", datetime(2026, 12, 31, 23, 59, 59, tzinfo=timezone.utc),
     [["E-1", "X-SURRENDER", "SHEA", 2025, 5, None, None, None],
      ["E-1", "X-SURRENDER", "CCER", 2024, 3, "P-9", "2024-03-01", "E-2"]], "b" * 64),
]


def canonical(seq, transaction_id, kind, purpose, reference, registered_at, lines, prev_hash) -> str:
    """The chain's hash as M-32's ledger defines it, written out: what every stored hash must equal."""
    content = [seq, transaction_id, kind, purpose, reference,
               registered_at.astimezone(timezone.utc).isoformat(), lines, prev_hash]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


@pytest.mark.parametrize("case", CASES, ids=["delivery", "issue-at-utc+8-non-ascii", "surrender-two-lines"])
def test_m32_the_hash_of_an_instant_formatted_once_equals_the_chains_canonical_hash(case):
    seq, transaction_id, kind, purpose, reference, at, lines, prev = case
    expected = canonical(*case)
    assert instant_hash(seq, transaction_id, kind, purpose, reference, chain_instant(at), lines, prev) == expected
    assert content_hash(*case) == expected


def test_m32_equal_instants_in_two_zones_are_hashed_as_one():
    utc = datetime(2026, 6, 1, 2, tzinfo=timezone.utc)
    assert chain_instant(utc.astimezone(EAST_8)) == chain_instant(utc) == "2026-06-01T02:00:00+00:00"
