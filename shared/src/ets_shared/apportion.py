"""Largest-remainder apportionment (Hamilton): one copy for every service that divides a whole among parties by
percent shares — allocation's succession (M-10: holdings and obligations by the plan's shares) and the exchange's
(M-10: a predecessor's custody allowances and its cash, in fen, by the same holdings shares).

Rule: each party gets floor(quantity x its share / 100); the units left over go one by one to the parties with the
largest fractional parts, ties to the one listed first. Every unit goes to exactly one party: the parts always add
up to the whole."""
from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, Decimal

HUNDRED = Decimal(100)


def apportion(quantity: int, shares: Sequence[tuple[str, Decimal]]) -> dict[str, int]:
    """Split a whole quantity by percent shares (summing to 100) by the largest remainder; ties to the first."""
    exact = [(party, Decimal(quantity) * share / HUNDRED) for party, share in shares]
    parts = {party: int(value.to_integral_value(rounding=ROUND_FLOOR)) for party, value in exact}
    left = quantity - sum(parts.values())
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i][1] - parts[exact[i][0]]), i))
    for i in order[:left]:
        parts[exact[i][0]] += 1
    return parts
