"""An entity's surrender obligation for compliance year Y (M-16, M-17; docs/rules.md §5).

- The obligation is the determined year-Y emissions (M-15/M-16 ¶1). Determinations may arrive out of order; a
  re-check re-determination has a higher revision, and only a higher revision replaces the figure.
- M-16 ¶1: surrender from `surrender_open` (Shanghai date) through the obligation's own last day
  (`surrender_until`): the window's close date, or — for an entity whose emissions were determined or raised late —
  the last day of `policy.surrender_days_after_determination` days counted from that determination, whichever is
  later. The seed makes the duty "依据经审定的上一年度碳排放量": it is measured by the determined figure, so an
  entity cannot be in breach before it has had a full period with that figure (the platform's reading, README).
  Before the window: refused. After its last day: only to make good a recorded SHORTFALL; open until met.
- M-18: the obligation of an exiting entity's exit year (`exit_year`) opens with its determination and lasts the
  period after it (`surrender_days_after_determination`), not the next year's window.
- M-16 ¶2: only allowance (SHEA) vintages <= Y count (banking yes, borrowing no). Never more than what remains.
- M-17: CCERs follow M-17, not the vintage rule: 1:1 up to floor(ccer_ratio x the entity's year-Y allocation) over
  all its surrenders for Y; never CCERs from a project inside the emission boundary of a Shanghai covered entity
  (the seed's wording: any covered entity, so the surrendering entity's own boundary included); never reductions
  before the earliest date.
- §5 / M-39: at `closes_at` (00:00 Shanghai on the day after the obligation's last day) an OPEN obligation that is
  not met becomes SHORTFALL, once. A revision while in SHORTFALL changes the figure but gives no new period (the
  M-39 case follows the new figure).
Accepted lines must then be moved to the cancellation account by `Registry.surrender` (M-16 ¶1: 注销).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_FLOOR, Decimal
from enum import Enum

from ets_shared.clock import regulatory_date, start_of_day
from ets_shared.errors import Conflict, RuleViolation

from allocation.domain.policy import AllocationPolicy
from allocation.domain.units import UnitLine, UnitType, check_unit_line


class ObligationStatus(str, Enum):
    OPEN = "open"
    SETTLED = "settled"
    SHORTFALL = "shortfall"
    PASSED_ON = "passed_on"  # M-10: what was unmet passed to the successor(s) of a merger or split


@dataclass(frozen=True)
class SurrenderResult:
    accepted: tuple[UnitLine, ...]
    shea: int
    ccer: int
    remaining: int
    settled: bool


@dataclass(frozen=True)
class Surrender:
    """One recorded surrender (M-16, M-17): what was cancelled against the year's obligation, by which registry
    transaction, and whether it came late (after a recorded shortfall)."""

    surrender_id: str
    entity_id: str
    compliance_year: int
    transaction_id: str
    shea: int
    ccer: int
    late: bool
    surrendered_at: datetime

    @property
    def quantity(self) -> int:
        return self.shea + self.ccer


def ccer_limit(policy: AllocationPolicy, allocation_for_year: int) -> int:
    """M-17: the most CCERs an entity may surrender for the year: floor(ratio x its year-Y allocation)."""
    return int((policy.ccer_ratio * Decimal(allocation_for_year)).to_integral_value(rounding=ROUND_FLOOR))


def require_obligation(obligation: Obligation | None, entity_id: str, year: int) -> Obligation:
    """No determination yet means nothing to surrender against: a Conflict, not a rule breach."""
    if obligation is None or not obligation.is_determined:
        raise Conflict(f"entity {entity_id} has no determined emissions for {year} yet", article="M-16")
    return obligation


@dataclass
class Obligation:
    entity_id: str
    year: int
    determined_emissions: int = 0
    determination_revision: int = 0
    surrendered_shea: int = 0
    surrendered_ccer: int = 0
    status: ObligationStatus = ObligationStatus.OPEN
    shortfall_detected_at: datetime | None = None
    grace_until: date | None = None  # M-16: last day of the period after the latest (raising) determination
    exit_year: bool = False  # M-18: the year of the entity's exit — surrendered from its determination, for its period
    succession_adjustment: int = 0  # M-10: + inherited from a predecessor, - passed on to successors
    # the compliance case's id: the first determination's (a successor's obligation: the predecessor's); every
    # event of the obligation (settled, shortfall detected or revised) carries it to enforcement
    correlation_id: str = field(kw_only=True)

    @property
    def total(self) -> int:
        """What must be surrendered: the determined emissions, with what a succession passed on or brought."""
        return self.determined_emissions + self.succession_adjustment

    @property
    def is_determined(self) -> bool:
        return self.determination_revision > 0 or self.succession_adjustment > 0

    @property
    def surrendered(self) -> int:
        return self.surrendered_shea + self.surrendered_ccer

    @property
    def remaining(self) -> int:
        return max(self.total - self.surrendered, 0)

    def surrender_until(self, policy: AllocationPolicy) -> date:
        """The last (Shanghai) day to surrender for the year: the window's close, or later after a late
        determination (M-16, the platform's reading)."""
        self._check_policy(policy)
        if self.exit_year and self.grace_until is not None:
            return self.grace_until  # M-18: "根据审定结论完成配额清缴义务" — the period after the determination
        return max(policy.surrender_close, self.grace_until or policy.surrender_close)

    def closes_at(self, policy: AllocationPolicy) -> datetime:
        """The instant an unmet obligation becomes a shortfall: 00:00 Shanghai after `surrender_until`."""
        return start_of_day(self.surrender_until(policy) + timedelta(days=1))

    def apply_determination(self, revision: int, emissions: int, determined_at: datetime,
                            policy: AllocationPolicy) -> bool:
        """Apply a determination if it is newer than the one held; return whether it was applied. A first or
        raising determination outside a shortfall gives the entity its period after it (M-16)."""
        if isinstance(revision, bool) or not isinstance(revision, int) or revision < 1:
            raise RuleViolation("a determination revision is a whole number from 1", field="revision",
                                article="M-15")
        if isinstance(emissions, bool) or not isinstance(emissions, int) or emissions < 0:
            raise RuleViolation("determined emissions are whole tonnes, at least 0", field="emissions",
                                article="M-15")
        self._check_policy(policy)
        if revision <= self.determination_revision:
            return False
        raised = not self.is_determined or emissions > self.determined_emissions
        self.determination_revision, self.determined_emissions = revision, emissions
        if raised and self.status is not ObligationStatus.SHORTFALL:
            period_end = policy.surrender_period_end(regulatory_date(determined_at))
            self.grace_until = max(period_end, self.grace_until or period_end)
        self._recompute()
        return True

    def surrender(self, lines: Sequence[UnitLine], now: datetime, policy: AllocationPolicy,
                  allocation_for_year: int) -> SurrenderResult:
        require_obligation(self, self.entity_id, self.year)
        self._check_policy(policy)
        self._check_window(now, policy)
        if not lines:
            raise RuleViolation("a surrender needs at least one line", field="lines", article="M-16")
        for i, line in enumerate(lines):
            self._check_line(line, f"lines[{i}]", policy)
        shea = sum(ln.quantity for ln in lines if ln.unit_type is UnitType.SHEA)
        ccer = sum(ln.quantity for ln in lines if ln.unit_type is UnitType.CCER)
        if shea + ccer > self.remaining:
            raise RuleViolation(f"{shea + ccer} units exceed what remains of the {self.year} obligation "
                                f"({self.remaining})", field="lines", article="M-16")
        if isinstance(allocation_for_year, bool) or not isinstance(allocation_for_year, int) \
                or allocation_for_year < 0:
            raise RuleViolation("the year's allocation is a whole number of at least 0",
                                field="allocation_for_year", article="M-17")
        limit = ccer_limit(policy, allocation_for_year)
        if self.surrendered_ccer + ccer > limit:
            raise RuleViolation(f"CCERs for {self.year} are limited to {limit} ({policy.ccer_ratio} of the "
                                f"allocation {allocation_for_year}); {self.surrendered_ccer} already used",
                                field="lines", article="M-17")
        self.surrendered_shea += shea
        self.surrendered_ccer += ccer
        self._recompute()
        return SurrenderResult(tuple(lines), shea, ccer, self.remaining, self.status is ObligationStatus.SETTLED)

    def pass_on(self, quantity: int) -> None:
        """M-10: `quantity` of what remains passes to successors; passed on whole, the obligation is PASSED_ON."""
        if not 0 < quantity <= self.remaining:
            raise RuleViolation(f"{quantity} cannot pass on: {self.remaining} remain", field="quantity",
                                article="M-10")
        self.succession_adjustment -= quantity
        if self.remaining == 0:
            self.status = ObligationStatus.PASSED_ON

    def inherit(self, quantity: int, grace_until: date | None, in_shortfall: datetime | None) -> None:
        """M-10: a predecessor's unmet obligation of this year joins this one, with its surrender period (the later
        of both) and, if it was in shortfall, its shortfall (the M-39 case follows it)."""
        self.succession_adjustment += quantity
        if grace_until is not None:
            self.grace_until = max(grace_until, self.grace_until or grace_until)
        if in_shortfall is not None and self.status is not ObligationStatus.SHORTFALL:
            self.status, self.shortfall_detected_at = ObligationStatus.SHORTFALL, in_shortfall
        self._recompute()

    def close(self, now: datetime, policy: AllocationPolicy) -> int | None:
        """At/after the close instant, an unmet OPEN obligation becomes SHORTFALL: return the shortfall, once."""
        self._check_policy(policy)
        if now < self.closes_at(policy) or self.status is not ObligationStatus.OPEN or not self.is_determined:
            return None  # a determined OPEN obligation is unmet by construction (see _recompute)
        self.status, self.shortfall_detected_at = ObligationStatus.SHORTFALL, now
        return self.remaining

    def _recompute(self) -> None:
        if self.status is ObligationStatus.PASSED_ON:
            return
        if self.is_determined and self.surrendered >= self.total:
            self.status = ObligationStatus.SETTLED
        elif self.status is ObligationStatus.SETTLED:
            self.status = ObligationStatus.OPEN  # a higher re-determination reopened it

    def _check_policy(self, policy: AllocationPolicy) -> None:
        if policy.year != self.year:
            raise RuleViolation(f"the {policy.year} policy does not govern the {self.year} obligation", field="year")

    def _check_window(self, now: datetime, policy: AllocationPolicy) -> None:
        today = regulatory_date(now)
        if today < policy.surrender_open and not self.exit_year:
            raise RuleViolation(f"surrender for {self.year} opens on {policy.surrender_open}", article="M-16")
        if now < self.closes_at(policy) or self.status is ObligationStatus.SHORTFALL:
            return
        last_day = self.surrender_until(policy)
        if self.status is ObligationStatus.OPEN:
            raise Conflict(f"the {self.year} surrender period ended on {last_day}; the shortfall must be recorded "
                           "(close) before it can be made good", article="M-16")
        raise RuleViolation(f"the {self.year} surrender period ended on {last_day}", article="M-16")

    def _check_line(self, line: UnitLine, path: str, policy: AllocationPolicy) -> None:
        check_unit_line(line, path)
        if line.unit_type is UnitType.SHEA and line.vintage > self.year:
            raise RuleViolation(f"allowances of vintage {line.vintage} are later than the compliance year "
                                f"{self.year}", field=f"{path}.vintage", article="M-16")
        if line.origin is None:
            return
        if line.origin.boundary_entity_id is not None:
            raise RuleViolation(f"project {line.origin.project_id} lies inside the emission boundary of covered "
                                f"entity {line.origin.boundary_entity_id}",
                                field=f"{path}.origin.boundary_entity_id", article="M-17")
        if line.origin.reduction_date < policy.ccer_earliest_reduction_date:
            raise RuleViolation(f"reductions before {policy.ccer_earliest_reduction_date} are not eligible",
                                field=f"{path}.origin.reduction_date", article="M-17")
