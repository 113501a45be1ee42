"""M-40 administrative measures, "in addition to" M-37, M-38, M-39, for violations of M-12, M-13 ¶2 and M-16 —
methods of `PenaltyCase` and the measures' time windows.

The authority may take the measures (还可以采取以下措施); the officer selects among four `MeasureKind`s (item (2)
names two separate losses), through four eyes where the policy says so. Each becomes concrete `Measure`s with a
first and last day (Shanghai dates) counted from the decision's date D in year Y:
(1) `credit_record`: the credit-information record, the notice to market regulation (工商), tax and financial (金融)
    departments and the publication on the government website or media — one bundle, publication included (the
    article joins them with "并"); they stand for the year's `publicity_years` (D .. D + N years - 1 day).
(2) `special_fund_ineligible`: no energy-saving special-fund support in the current and next year (D .. 31 Dec
    Y+1; the years Y and Y+1); `award_ineligible`: no "advanced collective and individual" awards within 3 years
    (3年内: D .. D + 3 years - 1 day).
(3) `project_assessment_refused`: energy-assessment reports of new fixed-asset projects refused in the next year
    (1 Jan .. 31 Dec Y+1).
Each kind is applied at most once per case; M-41 / M-42 cases are refused (article "M-40"). A decision revoked on
appeal lifts its measures (they are void from the start).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from ets_shared.clock import regulatory_date
from ets_shared.errors import Conflict, RuleViolation

from enforcement.domain.case_state import CaseState
from enforcement.domain.history import Closure, DecisionKind, StepKind, require_text
from enforcement.domain.policy import EnforcementPolicy, add_years

if TYPE_CHECKING:
    from enforcement.domain.history import CaseStep


class MeasureKind(StrEnum):
    """The items of M-40 an officer selects."""

    CREDIT_RECORD = "credit_record"  # M-40(1)
    SPECIAL_FUND_INELIGIBLE = "special_fund_ineligible"  # M-40(2), first half
    AWARD_INELIGIBLE = "award_ineligible"  # M-40(2), second half
    PROJECT_ASSESSMENT_REFUSED = "project_assessment_refused"  # M-40(3)


class MeasureEffect(StrEnum):
    CREDIT_RECORD_ENTERED = "credit_record_entered"
    DEPARTMENTS_NOTIFIED = "departments_notified"
    PUBLISHED = "published"
    SPECIAL_FUND_INELIGIBLE = "special_fund_ineligible"
    AWARD_INELIGIBLE = "award_ineligible"
    PROJECT_ASSESSMENT_REFUSED = "project_assessment_refused"


class Department(StrEnum):
    """Who must act on a measure (the consumers of its event)."""

    CREDIT_INFORMATION = "credit_information"  # the public credit-information platform
    MARKET_REGULATION = "market_regulation"  # 工商, today 市场监管
    TAX = "tax"  # 税务
    FINANCE = "finance"  # 金融 (and the finance bureau that funds the special fund)
    PUBLIC = "public"  # government website or media (政府网站或者媒体)
    ENERGY_SAVING_FUND = "energy_saving_fund"  # administrators of the energy-saving special fund
    ENERGY_SAVING_AWARDS = "energy_saving_awards"  # organisers of the advanced-unit awards
    PROJECT_APPROVAL = "project_approval"  # 项目审批部门


@dataclass(frozen=True)
class Measure:
    case_id: str
    party_id: str
    kind: MeasureKind
    effect: MeasureEffect
    article: str  # "M-40(1)", "M-40(2)", "M-40(3)"
    departments: tuple[Department, ...]
    starts_on: date  # first day in force (Shanghai)
    ends_on: date  # last day in force
    decided_at: datetime
    detail: str
    decision_no: int  # which measures decision of the case made it
    lifted_at: datetime | None = None

    @property
    def from_year(self) -> int:
        return self.starts_on.year

    @property
    def to_year(self) -> int:
        return self.ends_on.year

    def in_force_on(self, day: date) -> bool:
        return self.lifted_at is None and self.starts_on <= day <= self.ends_on

    def bars_year(self, year: int) -> bool:
        """For the year-counted items (special funds, project assessment): the year is one the measure names."""
        return self.lifted_at is None and self.from_year <= year <= self.to_year


def measures_for(case: CaseState, kinds: Iterable[MeasureKind], decided_at: datetime, decision_no: int,
                 breaches: str, policy: EnforcementPolicy) -> list[Measure]:
    """The concrete effects of the selected items, with their windows."""
    day = regulatory_date(decided_at)
    year = day.year
    publicity_end = add_years(day, policy.publicity_years) - timedelta(days=1)
    what = f"{case.article} violation of {breaches}: {case.allegation}"

    def m(kind: MeasureKind, effect: MeasureEffect, item: str, deps: tuple[Department, ...], first: date,
          last: date, detail: str) -> Measure:
        return Measure(case.case_id, case.party_id, kind, effect, f"M-40({item})", deps, first, last, decided_at,
                       detail, decision_no)

    made: list[Measure] = []
    for kind in (k for k in MeasureKind if k in set(kinds)):
        if kind is MeasureKind.CREDIT_RECORD:
            made += [
                m(kind, MeasureEffect.CREDIT_RECORD_ENTERED, "1", (Department.CREDIT_INFORMATION,), day,
                  publicity_end, f"credit record: {what}"),
                m(kind, MeasureEffect.DEPARTMENTS_NOTIFIED, "1",
                  (Department.MARKET_REGULATION, Department.TAX, Department.FINANCE), day, publicity_end,
                  f"notified: {what}"),
                m(kind, MeasureEffect.PUBLISHED, "1", (Department.PUBLIC,), day, publicity_end, f"published: {what}"),
            ]
        elif kind is MeasureKind.SPECIAL_FUND_INELIGIBLE:
            made.append(m(kind, MeasureEffect.SPECIAL_FUND_INELIGIBLE, "2", (Department.ENERGY_SAVING_FUND,), day,
                          date(year + 1, 12, 31), f"no energy-saving special-fund support {year}-{year + 1}"))
        elif kind is MeasureKind.AWARD_INELIGIBLE:
            last = add_years(day, 3) - timedelta(days=1)
            made.append(m(kind, MeasureEffect.AWARD_INELIGIBLE, "2", (Department.ENERGY_SAVING_AWARDS,), day, last,
                          f"no energy-saving advanced-unit awards from {day} to {last}"))
        else:
            made.append(m(kind, MeasureEffect.PROJECT_ASSESSMENT_REFUSED, "3", (Department.PROJECT_APPROVAL,),
                          date(year + 1, 1, 1), date(year + 1, 12, 31),
                          f"energy-assessment reports of new fixed-asset projects refused in {year + 1}"))
    return made


def _not_a_kind(value: object) -> MeasureKind:
    raise TypeError(f"{value!r} is not a measure's name")


def parse_measure_kinds(selected: Iterable[object]) -> list[MeasureKind]:
    try:
        kinds = [MeasureKind(k) if isinstance(k, str) else _not_a_kind(k) for k in selected]
    except (ValueError, TypeError):
        known = ", ".join(k.value for k in MeasureKind)
        raise RuleViolation(f"unknown M-40 measure; expected {known}", field="measures", article="M-40") from None
    if not kinds:
        raise RuleViolation("select at least one M-40 measure", field="measures", article="M-40")
    return list(dict.fromkeys(kinds))


class MeasuresMixin(CaseState):
    def apply_measures(self, selected: Iterable[MeasureKind | str], at: datetime, actor: str,
                       reasons: str, policy: EnforcementPolicy) -> list[CaseStep]:
        kinds = parse_measure_kinds(selected)
        payload = {"measures": [k.value for k in kinds], "reasons": reasons}
        return self._decide(DecisionKind.MEASURES, payload, f"M-40 measures {', '.join(payload['measures'])}: "
                                                            f"{reasons}", at, actor, policy)

    def measures_applied(self) -> list[MeasureKind]:
        return list(dict.fromkeys(m.kind for m in self.measures))

    def _check_measures(self, payload: Mapping[str, Any], policy: EnforcementPolicy) -> None:
        rule = self.rule(policy)
        if not rule.measures_apply:
            raise RuleViolation(f"M-40 measures follow violations of M-12, M-13 ¶2 and M-16 only, not an "
                                f"{self.article} case ({rule.breaches})", field="measures", article="M-40")
        if self.closure in (Closure.DISMISSED, Closure.REVOKED):
            raise Conflict(f"case {self.case_id} was {self.closure}", field="measures")
        if self.order is None and self.complied_at is None:
            raise Conflict(f"case {self.case_id} has no order yet; measures follow an established violation",
                           field="measures")
        kinds = parse_measure_kinds(payload["measures"])
        again = sorted(k.value for k in kinds if k in self.measures_applied())
        if again:
            raise Conflict(f"already applied to case {self.case_id}: {', '.join(again)}", field="measures",
                           article="M-40")
        require_text(payload["reasons"], "reasons")

    def _apply_measures(self, payload: Mapping[str, Any], at: datetime, actor: str,
                        approved_by: str | None, policy: EnforcementPolicy) -> None:
        batch = max((m.decision_no for m in self.measures), default=0) + 1
        made = measures_for(self, parse_measure_kinds(payload["measures"]), at, batch, self.rule(policy).breaches,
                            policy)
        self.measures.extend(made)
        approved = f" (approved by {approved_by})" if approved_by else ""
        self._record(at, StepKind.MEASURES_APPLIED, approved_by or actor,
                     f"decided by {actor}{approved}: {payload['reasons']}; "
                     + "; ".join(f"{m.article} {m.detail} ({m.starts_on}..{m.ends_on})" for m in made), ref=batch)

    def _lift_measures(self, at: datetime, actor: str, why: str) -> None:
        live = [m for m in self.measures if m.lifted_at is None]
        if not live:
            return
        self.measures = [replace(m, lifted_at=at) if m.lifted_at is None else m for m in self.measures]
        self._record(at, StepKind.MEASURES_LIFTED, actor,
                     f"lifted ({why}): " + ", ".join(sorted({m.effect.value for m in live})))
