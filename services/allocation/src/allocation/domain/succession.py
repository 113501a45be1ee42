"""Succession (配额承继, M-10): a merger or a split of covered entities, approved by the authority.

- **Merger**: the surviving or newly established unit (`successor_id`, a registered covered entity — a new unit is
  registered first) inherits 100 % of each predecessor's allowances (every unit type, vintage and CCER lot) and of
  its obligations not yet met.
- **Split**: the entity files a plan by emission facilities (依据排放设施的归属): each facility goes to one successor
  with its share of the holdings and of the obligations, in percent. The plan must account for exactly 100 % of
  both — 99.99 % is refused, 100 % accepted. The predecessor may itself keep facilities (派生分立).
- **Rounding rule** (`apportion`, the one copy in `ets_shared.apportion`, which the exchange uses too): each
  successor gets floor(quantity x its share / 100) of every holding line and every unmet obligation; the units left
  over go one by one to the successors with the largest fractional parts, ties to the one listed first in the plan
  (largest remainder, Hamilton). Every unit goes to exactly one successor: the parts always add up to the whole.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from ets_shared.apportion import HUNDRED, apportion
from ets_shared.errors import RuleViolation

__all__ = ["HUNDRED", "Facility", "SuccessionKind", "apportion", "check_plan", "successor_shares"]


class SuccessionKind(str, Enum):
    MERGER = "merger"
    SPLIT = "split"


@dataclass(frozen=True)
class Facility:
    """One emission facility (排放设施, M-44(4)) of a split plan and the successor that owns it after the split."""

    facility_id: str
    successor_id: str
    holdings_share: Decimal  # percent of the predecessor's allowances
    obligations_share: Decimal  # percent of its unmet obligations


def check_plan(kind: SuccessionKind, predecessor_ids: Sequence[str], successor_id: str | None,
               facilities: Sequence[Facility]) -> None:
    if not predecessor_ids or len(set(predecessor_ids)) != len(predecessor_ids):
        raise RuleViolation("name each predecessor once", field="predecessor_ids", article="M-10")
    if kind is SuccessionKind.MERGER:
        if successor_id is None:
            raise RuleViolation("a merger names the surviving or new unit", field="successor_id", article="M-10")
        if successor_id in predecessor_ids:
            raise RuleViolation("the surviving unit is the successor, not a predecessor", field="successor_id",
                                article="M-10")
        if facilities:
            raise RuleViolation("a merger passes everything to its successor; facilities belong to a split plan",
                                field="facilities", article="M-10")
        return
    if len(predecessor_ids) != 1:
        raise RuleViolation("a split divides one entity", field="predecessor_ids", article="M-10")
    if successor_id is not None:
        raise RuleViolation("a split's successors are named by its facilities", field="successor_id",
                            article="M-10")
    if len({f.successor_id for f in facilities}) < 2:
        raise RuleViolation("a split plan gives facilities to at least two units", field="facilities",
                            article="M-10")
    if len({f.facility_id for f in facilities}) != len(facilities):
        raise RuleViolation("each facility appears once in the plan", field="facilities", article="M-10")
    for name in ("holdings_share", "obligations_share"):
        total = sum((getattr(f, name) for f in facilities), Decimal(0))
        if total != HUNDRED:
            raise RuleViolation(f"the split plan accounts for {total} % of the {name.split('_')[0]}; it must "
                                "account for exactly 100 %", field=f"facilities.{name}", article="M-10")


def successor_shares(kind: SuccessionKind, successor_id: str | None, facilities: Sequence[Facility],
                     name: str) -> list[tuple[str, Decimal]]:
    """Each successor's share in percent (the sum of its facilities'), in the order of the plan."""
    if kind is SuccessionKind.MERGER:
        assert successor_id is not None
        return [(successor_id, HUNDRED)]
    shares: dict[str, Decimal] = {}
    for f in facilities:
        shares[f.successor_id] = shares.get(f.successor_id, Decimal(0)) + getattr(f, name)
    return list(shares.items())
