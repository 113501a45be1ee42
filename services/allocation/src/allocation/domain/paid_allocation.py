"""Paid allocation (有偿分配, M-9): the share of the cap the plan reserves for sale (`paid_share` [param]), sold by
auction or at a fixed price; the allowances are issued to a buyer only once the settlement bank confirms its
payment. Free + paid never exceeds the cap: free entries are limited to cap - reserve, sales to the reserve.

- **Auction**: sealed bids (quantity, price per allowance) from covered entities of the year, one per bidder (a
  later bid replaces its own while the sale is open); bids below the reserve price (`auction_reserve_price`
  [param]) are not admitted. At the close every admitted bid is ranked by price, highest first; the clearing price
  is the price of the lowest bid that is (at least partly) filled, and every winner pays it (uniform price). Bids
  above it are filled in full; the bids at it share what is left **pro rata** to their quantities.
- **Fixed-price sale**: every subscription at the set price; oversubscribed, all share **pro rata**.
- **Rounding rule** (`pro_rata`): floor(left x quantity / total at the margin) each; the units left over go one by
  one to the largest remainders, ties to the earlier bid. No unit is created or lost.
- Money is exact (Decimal, 2 places); amount = quantity x price.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_FLOOR, Decimal

from ets_shared.errors import RuleViolation


@dataclass(frozen=True)
class Bid:
    bidder_id: str
    quantity: int
    price: Decimal
    placed_at: datetime


@dataclass(frozen=True)
class Award:
    bidder_id: str
    quantity: int
    price: Decimal

    @property
    def amount(self) -> Decimal:
        return (self.price * self.quantity).quantize(Decimal("0.01"))


def paid_reserve(cap: int, share: Decimal) -> int:
    """The plan's reserve for paid allocation: floor(cap x paid_share)."""
    return int((Decimal(cap) * share).to_integral_value(rounding=ROUND_FLOOR))


def pro_rata(left: int, bids: Sequence[Bid]) -> dict[str, int]:
    """Share `left` units among `bids` (in bid order) by their quantities; largest remainder, ties to the earlier."""
    total = sum(b.quantity for b in bids)
    if total <= left:
        return {b.bidder_id: b.quantity for b in bids}
    parts = {b.bidder_id: left * b.quantity // total for b in bids}
    rest = left - sum(parts.values())
    order = sorted(range(len(bids)), key=lambda i: (-(left * bids[i].quantity % total), i))
    for i in order[:rest]:
        parts[bids[i].bidder_id] += 1
    return parts


def clear_auction(supply: int, bids: Sequence[Bid], reserve_price: Decimal) -> tuple[Decimal | None, list[Award]]:
    """The clearing price (None when no bid is admitted) and the awards, highest price first."""
    admitted = sorted((b for b in bids if b.price >= reserve_price), key=lambda b: (-b.price, b.placed_at))
    awards: list[Award] = []
    left, clearing = supply, None
    for price in sorted({b.price for b in admitted}, reverse=True):
        if left <= 0:
            break
        level = [b for b in admitted if b.price == price]
        filled = pro_rata(left, level)
        awards += [Award(b.bidder_id, filled[b.bidder_id], price) for b in level if filled[b.bidder_id]]
        left -= sum(filled.values())
        clearing = price
    return clearing, [Award(a.bidder_id, a.quantity, clearing) for a in awards] if clearing is not None else []


def fill_fixed_price(supply: int, bids: Sequence[Bid], price: Decimal) -> list[Award]:
    ordered = sorted(bids, key=lambda b: b.placed_at)
    filled = pro_rata(supply, ordered)
    return [Award(b.bidder_id, filled[b.bidder_id], price) for b in ordered if filled[b.bidder_id]]


def check_bid(kind: str, quantity: int, price: Decimal, sale_price: Decimal, reserve_price: Decimal,
              supply: int) -> None:
    if quantity > supply:
        raise RuleViolation(f"the sale offers {supply} allowances", field="quantity", article="M-9")
    if kind == "fixed_price" and price != sale_price:
        raise RuleViolation(f"the fixed price is {sale_price}", field="price", article="M-9")
    if kind == "auction" and price < reserve_price:
        raise RuleViolation(f"bids below the reserve price of {reserve_price} are not admitted", field="price",
                            article="M-9")
