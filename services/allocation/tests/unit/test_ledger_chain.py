"""M-32: the chain's hash covers every field of a transaction and the previous hash; verify names the first break."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from allocation.domain.ledger_chain import GENESIS, ChainedLine, ChainedTransaction, recompute, verify

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
