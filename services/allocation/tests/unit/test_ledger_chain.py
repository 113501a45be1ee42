"""M-32: the chain's hash covers every field of a transaction and the previous hash; verify names the first break."""
from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, datetime, timezone

from allocation.domain.ledger_chain import (
    GENESIS, ChainCheck, ChainedLine, ChainedTransaction, ChainWalk, recompute, verify,
)

AT = datetime(2026, 6, 5, 2, tzinfo=timezone.utc)


def _chain(n: int) -> list[ChainedTransaction]:
    chain, prev = [], GENESIS
    for seq in range(1, n + 1):
        tx = ChainedTransaction(seq, f"TX-{seq}", "transfer", None, "ref", AT,
                                (ChainedLine("ACC-A", "ACC-B", "SHEA", 2025, seq),), prev)
        tx = replace(tx, hash=recompute(tx))
        chain.append(tx)
        prev = tx.hash
    return chain


def test_m32_an_intact_chain_verifies_and_ends_at_its_head():
    chain = _chain(5)
    check = verify(chain)
    assert (check.intact, check.transactions, check.head_seq, check.head_hash) == (True, 5, 5, chain[-1].hash)
    assert verify(chain[2:], after_seq=2, prev_hash=chain[1].hash).intact


def test_m32_any_changed_field_breaks_the_chain_at_that_transaction():
    chain = _chain(4)
    for changed in (replace(chain[2], lines=(replace(chain[2].lines[0], quantity=99),)),
                    replace(chain[2], registered_at=AT.replace(hour=3)), replace(chain[2], reference="other"),
                    replace(chain[2], kind="issue")):
        check = verify(chain[:2] + [changed] + chain[3:])
        assert (check.intact, check.broken_at, check.head_seq) == (False, 3, 2)


def test_m32_a_removed_or_relinked_transaction_is_found():
    chain = _chain(4)
    assert verify(chain[:2] + chain[3:]).broken_at == 3
    rehashed = replace(chain[2], lines=(replace(chain[2].lines[0], quantity=99),))
    rehashed = replace(rehashed, hash=recompute(rehashed))  # rewritten consistently: the next link breaks
    check = verify(chain[:2] + [rehashed] + chain[3:])
    assert (check.broken_at, check.problem) == (4, "its link to the previous transaction does not hold")


def test_m32_a_changed_purpose_or_ccer_origin_breaks_the_chain_too():
    ccer = ChainedLine("ACC-A", "ACC-B", "CCER", 2023, 5, "P-1", date(2023, 5, 1), "E-1")
    tx = ChainedTransaction(1, "TX-1", "transfer", "exchange_deposit", "ref", AT, (ccer,), GENESIS)
    tx = replace(tx, hash=recompute(tx))
    assert verify([tx]).intact
    for changed in (replace(tx, purpose="holder_transfer"), replace(tx, purpose=None),
                    replace(tx, lines=(replace(ccer, reduction_date=date(2023, 5, 2)),)),
                    replace(tx, lines=(replace(ccer, reduction_date=None),)),
                    replace(tx, lines=(replace(ccer, project_id="P-2"),)),
                    replace(tx, lines=(replace(ccer, boundary_entity_id=None),))):
        assert (verify([changed]).intact, verify([changed]).broken_at) == (False, 1)


def test_m32_an_outside_party_recomputes_a_hash_from_the_documented_canonical_json():
    """SHA-256 of the compact UTF-8 JSON [seq, id, kind, purpose, reference, UTC instant, lines, previous hash]."""
    line = ChainedLine("ACC-A", "ACC-B", "CCER", 2023, 5, "P-1", date(2023, 5, 1), None)
    tx = ChainedTransaction(7, "TX-7", "transfer", None, "上海 ref", AT, (line,), GENESIS)
    canonical = ('[7,"TX-7","transfer",null,"上海 ref","2026-06-05T02:00:00+00:00",'
                 '[["ACC-A","ACC-B","CCER",2023,5,"P-1","2023-05-01",null]],"' + GENESIS + '"]')
    assert recompute(tx) == hashlib.sha256(canonical.encode()).hexdigest()


def test_m32_a_walk_starts_after_the_genesis_by_default():
    chain = _chain(2)
    walk = ChainWalk()
    assert walk.feed(1, "TX-1", "transfer", None, "ref", AT, [["ACC-A", "ACC-B", "SHEA", 2025, 1, None, None, None]],
                     GENESIS, chain[0].hash)
    assert walk.result() == ChainCheck(1, 1, chain[0].hash, True)
    assert verify(chain[1:]).broken_at == 1  # a chain fed from its second transaction misses the first


def test_m32_a_broken_chain_reports_what_was_read_up_to_the_break_and_the_intact_head_before_it():
    chain = _chain(4)
    changed = replace(chain[2], reference="other")
    check = verify(chain[:2] + [changed] + chain[3:])
    assert check == ChainCheck(3, 2, chain[1].hash, False, 3, "its content does not match its hash")


def test_m32_a_range_is_intact_when_it_reaches_to_seq_and_broken_when_it_stops_short():
    chain = _chain(3)
    assert verify(chain, to_seq=3) == ChainCheck(3, 3, chain[2].hash, True)
    assert verify(chain[:2], to_seq=3) == ChainCheck(2, 2, chain[1].hash, False, 3,
                                                     "transaction 3 is missing (the range ends at 3)")
