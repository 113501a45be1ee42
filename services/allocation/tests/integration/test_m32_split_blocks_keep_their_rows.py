"""M-32 serial blocks, on SQLite and PostgreSQL: in one batch, a block that changes hands and blocks only split by the
account that keeps them (on SQLite written by a statement of their first serial alone) are each updated in their own
row — the same row id, account and serials — and the batch leaves the blocks and movements that one transaction after
the other leaves."""
from __future__ import annotations

import itertools

from .test_m32_serial_blocks_in_a_batch import blocks, deliver, migrated, movements, prepared  # noqa: F401

# A's 1..10 go whole to B (changes hands); C sends 2 of its 16..20 (split, C keeps 18..20); D sends 5: the 16..17 it
# just received and 21..23 of its own 21..25 (split, D keeps 24..25)
SPLITS = [("A", "B", 10), ("C", "D", 2), ("D", "B", 5)]


def test_m32_blocks_split_and_kept_stay_in_their_rows_with_their_account(migrated):  # noqa: F811
    batched, one_by_one = migrated("batched"), migrated("one_by_one")
    for factory in (batched, one_by_one):
        prepared(factory)
    before = {account: i for i, account, *_ in blocks(batched)}
    deliver(batched, SPLITS, itertools.count())
    ids = itertools.count()
    for delivery in SPLITS:
        deliver(one_by_one, [delivery], ids)

    rows = {i: (account, first, last) for i, account, first, last in blocks(batched)}
    assert rows[before["A-T"]] == ("B-T", 1, 10)  # changed hands, whole
    assert rows[before["C-T"]] == ("C-T", 18, 20)  # split, kept
    assert rows[before["D-T"]] == ("D-T", 24, 25)  # split, kept
    assert rows[before["B-T"]] == ("B-T", 11, 15)  # untouched
    held = sorted(rows.values(), key=lambda b: b[1])
    assert held == sorted([(account, first, last) for _, account, first, last in blocks(one_by_one)],
                          key=lambda b: b[1])
    assert movements(batched) == movements(one_by_one)
