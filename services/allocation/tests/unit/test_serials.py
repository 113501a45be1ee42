"""M-32 serial numbers: blocks of serials move lowest first, split at the last block needed, never created or lost."""
import pytest

from allocation.domain.serials import Block, coalesce, label, split_off, subtract


def blocks() -> list[Block]:
    return [Block("SHEA", 2024, "", "SH", 1, 10, block_id=7), Block("SHEA", 2024, "", "SH", 21, 25, block_id=8)]


def test_m32_a_block_holds_first_to_last_inclusive():
    assert Block("SHEA", 2024, "", "SH", 5, 5).size == 1
    assert Block("SHEA", 2024, "", "SH", 1, 10).size == 10


def test_m32_a_serial_label_names_unit_type_vintage_and_a_twelve_digit_serial():
    assert label("CCER", 2023, 42) == "CCER-2023-000000000042"


def test_m32_split_off_takes_the_lowest_serials_and_splits_the_last_block_needed():
    moved, kept = split_off(blocks(), 12)
    assert [(b.first, b.last) for b in moved] == [(1, 10), (21, 22)]
    assert all((b.unit_type, b.vintage, b.lot, b.issuer) == ("SHEA", 2024, "", "SH") for b in moved)
    # the block taken whole moves with its id (its row changes hands); the part split off is a new block
    assert [b.block_id for b in moved] == [7, None]
    assert [(b.first, b.last, b.block_id) for b in kept] == [(23, 25, 8)]  # the split block keeps its id
    assert sum(b.size for b in moved) == 12


def test_m32_split_off_of_exactly_one_block_leaves_the_others_whole():
    moved, kept = split_off(blocks(), 10)
    assert [(b.first, b.last) for b in moved] == [(1, 10)]
    assert [(b.first, b.last, b.block_id) for b in kept] == [(21, 25, 8)]


def test_m32_split_off_of_part_of_the_first_block_moves_its_lowest_serials():
    moved, kept = split_off(blocks(), 1)
    assert [(b.first, b.last, b.block_id) for b in moved] == [(1, 1, None)]
    assert [(b.first, b.last, b.block_id) for b in kept] == [(2, 10, 7), (21, 25, 8)]


def test_m32_split_off_of_everything_empties_the_sender_and_of_more_raises():
    moved, kept = split_off(blocks(), 15)
    assert [(b.first, b.last) for b in moved] == [(1, 10), (21, 25)] and kept == []
    with pytest.raises(RuntimeError, match="fewer units"):
        split_off(blocks(), 16)


@pytest.mark.parametrize("first, last, expected", [
    (1, 10, [(20, 30)]),                        # the whole first range, nothing of the second
    (5, 24, [(1, 4), (25, 30)]),                # the middle: each range keeps what lies outside
    (11, 19, [(1, 10), (20, 30)]),              # between the ranges: nothing removed
    (10, 20, [(1, 9), (21, 30)]),               # touching each range by one serial (inclusive bounds)
    (0, 31, []),                                # everything
    (22, 25, [(1, 10), (20, 21), (26, 30)]),    # inside one range: it is cut in two
])
def test_m32_subtract_removes_an_inclusive_range_of_serials(first, last, expected):
    assert subtract([(1, 10), (20, 30)], first, last) == expected


def test_m32_coalesce_joins_adjacent_pieces_of_one_issuer_into_the_highest_pieces_row():
    pieces = [Block("SHEA", 2024, "", "SH", 1, 2, block_id=3), Block("SHEA", 2024, "", "SH", 3, 5, block_id=9),
              Block("SHEA", 2024, "", "SH", 6, 6, block_id=4), Block("SHEA", 2024, "", "SH", 8, 9, block_id=5),
              Block("SHEA", 2024, "", "SH", 10, 11), Block("SHEA", 2024, "", "XX", 12, 12, block_id=6)]
    joined, absorbed = coalesce(pieces)
    # one block per contiguous range of one issuer; each keeps the row of its highest piece (its last serial never
    # moves) — a piece split off, no row, makes the joined block a new one
    assert [(b.first, b.last, b.block_id) for b in joined] == [(1, 6, 4), (8, 11, None), (12, 12, 6)]
    assert sorted(absorbed) == [3, 5, 9]
    assert [s for b in joined for s in range(b.first, b.last + 1)] == [
        s for b in pieces for s in range(b.first, b.last + 1)]  # the same serials, none created or lost


def test_m32_coalesce_leaves_pieces_apart_as_they_are():
    pieces = blocks()
    joined, absorbed = coalesce(pieces)
    assert joined == pieces and absorbed == []
