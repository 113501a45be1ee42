"""Serial numbers (as the EU Union Registry keeps them): every unit issued carries a serial number, unique within its
unit type and vintage, and units are held as **blocks** — unit type, vintage, lot (a CCER's origin), issuer and a
first–last range. Issuance creates a block from the next free serials; every other movement (transfer, surrender,
cancellation, recall, succession) moves blocks from the sender to the receiver, taking the lowest serials first and
splitting the last block it needs: never creating or losing a serial. A surrendered or cancelled unit's block rests
in the cancellation account; a recalled one in the recall account."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Block:
    unit_type: str
    vintage: int
    lot: str
    issuer: str
    first: int
    last: int
    block_id: int | None = None

    @property
    def size(self) -> int:
        return self.last - self.first + 1


def label(unit_type: str, vintage: int, serial: int) -> str:
    return f"{unit_type}-{vintage}-{serial:012d}"


def split_off(blocks: list[Block], quantity: int) -> tuple[list[Block], list[Block]]:
    """Take `quantity` serials from `blocks` (ordered by first serial), lowest first: the blocks moved, and the
    sender's blocks that remain changed. A block taken whole moves as it is, its id with it (the receiver holds that
    block now); the last block needed, when only its lowest serials are taken, is split: the sender's keeps its id
    with a later first serial, the part moved is a new block (no id). Raises if the blocks hold fewer units than
    asked."""
    whole = 0  # the blocks taken whole, from the front: removed at once (a pop(0) each moved the rest every time)
    for head in blocks:
        if quantity <= 0:
            break
        size = head.last - head.first + 1
        if quantity < size:  # only its lowest serials: split
            part = Block(head.unit_type, head.vintage, head.lot, head.issuer, head.first, head.first + quantity - 1)
            head.first += quantity
            moved = blocks[:whole]
            moved.append(part)
            del blocks[:whole]
            return moved, blocks
        whole += 1
        quantity -= size
    if quantity > 0:
        raise RuntimeError("the serial blocks hold fewer units than the holding")
    moved = blocks[:whole]
    del blocks[:whole]
    return moved, blocks


def coalesce(moved: list[Block]) -> tuple[list[Block], list[int]]:
    """The blocks one line moves (one unit type, vintage and lot; lowest first), adjacent ones of the same issuer
    joined: the receiver holds one block, and the history one movement, per contiguous range — not one per piece the
    sender happened to hold (after a few thousand trades a sender's lowest serials are many pieces of a few units,
    most of them adjacent). A joined block keeps the row of its highest piece (none: a piece split off, a new row),
    so no block's last serial ever moves; the rows of the pieces below it are absorbed (their ids returned, to be
    deleted: their serials are in the joined block). Serials moved, and each serial's history, are the same."""
    joined: list[Block] = []
    absorbed: list[int] = []
    for b in moved:
        below = joined[-1] if joined else None
        if below is not None and below.issuer == b.issuer and below.last + 1 == b.first:
            if below.block_id is not None:
                absorbed.append(below.block_id)
            joined[-1] = Block(b.unit_type, b.vintage, b.lot, b.issuer, below.first, b.last, b.block_id)
        else:
            joined.append(b)
    return joined, absorbed


def subtract(ranges: list[tuple[int, int]], first: int, last: int) -> list[tuple[int, int]]:
    """Ranges (first, last) less [first, last]."""
    out = []
    for a, b in ranges:
        if b < first or a > last:
            out.append((a, b))
            continue
        if a < first:
            out.append((a, first - 1))
        if b > last:
            out.append((last + 1, b))
    return out
