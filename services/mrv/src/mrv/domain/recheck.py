"""When the authority must re-check (复查) instead of determining directly (M-15 ¶2).

Triggers, in the article's order:
1. DISCREPANCY: reported and verified emissions differ by >= 10% (of the verified figure [param]) or by
   >= 100,000 t [param];
2. YEAR_ON_YEAR: the verified year-Y emissions differ from year Y-1's determined emissions by >= 20% of Y-1's
   figure [param]; no trigger when there is no Y-1 determination;
3. OBJECTION: the entity objects to the verification report and supplies evidence;
4. AUTHORITY: any other reason the authority records.
"以上" includes the number (M-44): exactly 10% / 100,000 t / 20% triggers. Whole tonnes are compared exactly.
Zero base: when the base figure is 0, any non-zero difference counts as reaching the ratio (an infinite relative
change); 0 vs 0 is no difference.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from ets_shared.errors import RuleViolation

from mrv.domain.policy import DiscrepancyBase, MrvPolicy


class TriggerCode(str, Enum):
    DISCREPANCY = "DISCREPANCY"  # M-15 ¶2(1)
    YEAR_ON_YEAR = "YEAR_ON_YEAR"  # M-15 ¶2(2)
    OBJECTION = "OBJECTION"  # M-15 ¶2(3)
    AUTHORITY = "AUTHORITY"  # M-15 ¶2(4)


@dataclass(frozen=True)
class RecheckTrigger:
    code: TriggerCode
    detail: str


def reaches_ratio(figure: int, base: int, ratio: Decimal) -> bool:
    """|figure - base| >= ratio x base, exactly; from a zero base any difference reaches it."""
    difference = abs(figure - base)
    if base == 0:
        return difference > 0
    return Decimal(difference) >= ratio * base


def _tonnes(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RuleViolation(f"{field} must be a whole number of tonnes >= 0, got {value!r}", field=field,
                            article="M-15")
    return value


def discrepancy_trigger(reported: int, verified: int, policy: MrvPolicy) -> RecheckTrigger | None:
    """M-15 ¶2(1)."""
    _tonnes(reported, "reported")
    _tonnes(verified, "verified")
    difference = abs(reported - verified)
    if policy.recheck_discrepancy_base is DiscrepancyBase.VERIFIED:
        figure, base = reported, verified
    else:
        figure, base = verified, reported
    by_tonnes = difference >= policy.recheck_discrepancy_tonnes
    by_ratio = reaches_ratio(figure, base, policy.recheck_discrepancy_ratio)
    if not (by_tonnes or by_ratio):
        return None
    return RecheckTrigger(
        TriggerCode.DISCREPANCY,
        f"reported {reported} t and verified {verified} t differ by {difference} t (thresholds: "
        f"{policy.recheck_discrepancy_ratio:%} of the {policy.recheck_discrepancy_base.value} figure "
        f"or {policy.recheck_discrepancy_tonnes} t)")


def year_on_year_trigger(verified: int, previous_year_determined: int | None,
                         policy: MrvPolicy) -> RecheckTrigger | None:
    """M-15 ¶2(2)."""
    _tonnes(verified, "verified")
    if previous_year_determined is None:
        return None
    previous = _tonnes(previous_year_determined, "previous_year_determined")
    if not reaches_ratio(verified, previous, policy.recheck_year_on_year_ratio):
        return None
    return RecheckTrigger(
        TriggerCode.YEAR_ON_YEAR,
        f"verified {verified} t differs from the previous year's determined {previous} t by "
        f"{abs(verified - previous)} t (threshold {policy.recheck_year_on_year_ratio:%} of {previous} t)")


def authority_reason_text(reason: str | None) -> str:
    """The authority's recorded reason, stripped; a blank reason is refused."""
    if not isinstance(reason, str) or not reason.strip():
        raise RuleViolation("the authority must record a reason for the re-check", field="reason", article="M-15")
    return reason.strip()


def recheck_triggers(
    reported: int, verified: int, previous_year_determined: int | None, objection: bool,
    authority_reason: str | None, policy: MrvPolicy,
) -> tuple[RecheckTrigger, ...]:
    """Every M-15 ¶2 trigger that applies, in the article's order; empty: determine directly (M-15 ¶1)."""
    triggers = [
        discrepancy_trigger(reported, verified, policy),
        year_on_year_trigger(verified, previous_year_determined, policy),
    ]
    if objection:
        triggers.append(RecheckTrigger(TriggerCode.OBJECTION, "the entity objects to the verification report "
                                                              "with evidence"))
    if authority_reason is not None:
        triggers.append(RecheckTrigger(TriggerCode.AUTHORITY, authority_reason_text(authority_reason)))
    return tuple(t for t in triggers if t is not None)
