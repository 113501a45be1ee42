"""M-10 at the exchange: what each successor's trading account receives of a predecessor's (pure).

The predecessor's custody allowances (each vintage) and its cash (whole fen) are divided by the plan's holdings
shares with the registry's own rule, `ets_shared.apportion.apportion` (one copy for both services): floor of each
share, the units — or fen — left over one by one to the largest fractional parts, ties to the successor listed first.
Nothing is created or lost: the parts add up to the whole. A continuing predecessor of a split is one of the parties
and keeps its part in its own account."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ets_shared.apportion import apportion


@dataclass
class Part:
    """One party's part: cash in fen, allowances by vintage (only vintages with something in them)."""

    cash_cents: int = 0
    allowances: dict[int, int] = field(default_factory=dict)


def divide_account(shares: Sequence[tuple[str, Decimal]], allowances: Mapping[int, int], cash_cents: int
                   ) -> dict[str, Part]:
    """Every party's part of the account, in the order of `shares`."""
    parts = {party: Part() for party, _share in shares}
    for party, cents in apportion(cash_cents, shares).items():
        parts[party].cash_cents = cents
    for vintage in sorted(allowances):
        for party, quantity in apportion(allowances[vintage], shares).items():
            if quantity:
                parts[party].allowances[vintage] = quantity
    return parts
