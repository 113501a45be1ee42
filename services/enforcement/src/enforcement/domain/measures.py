"""M-40 administrative measures, "in addition to" M-37, M-38, M-39, for violations of M-12, M-13 ¶2 and M-16.

The authority may take any of the measures (还可以采取以下措施); item (2) names two separate losses, so the officer
selects from four `MeasureKind`s. Each yields concrete `Measure` records for the government systems that act on
them, with the affected calendar years counted from the Shanghai year Y of the decision:
(1) `credit_record`: credit-information record (记入信用信息记录); notification of market regulation (工商), tax and
    financial (金融) departments; publication on the government website or media when `published` (the authority
    decides whether to publish) — no period is stated, so no years.
(2) `special_fund_ineligible`: no energy-saving special-fund support in the current and next year (Y..Y+1);
    `award_ineligible`: no "advanced collective and individual" awards for 3 years (3年内, calendar years Y..Y+2).
(3) `project_assessment_refused`: project-approval departments refuse the energy-assessment report of its new
    fixed-asset projects of the next year (Y+1).
Each kind is applied at most once per case (Conflict on repeat); M-41 / M-42 cases are refused (article "M-40").
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ets_shared.clock import regulatory_date
from ets_shared.errors import Conflict, RuleViolation

from enforcement.domain.cases import PenaltyCase
from enforcement.domain.lifecycle import begin, record
from enforcement.domain.history import Closure, StepKind
from enforcement.domain.policy import DEFAULT_POLICY, EnforcementPolicy


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
    FINANCE = "finance"  # 金融: financial-sector regulators and institutions (not 财政)
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
    from_year: int | None  # inclusive; None when the text states no period
    to_year: int | None  # inclusive
    decided_at: datetime
    detail: str


def apply_measures(case: PenaltyCase, selected: Iterable[MeasureKind | str], decided_at: datetime, *,
                   actor: str, published: bool = True, policy: EnforcementPolicy = DEFAULT_POLICY) -> list[Measure]:
    """Apply the selected M-40 measures to the case's party; returns one `Measure` per concrete effect. The credit
    record is published on the government website or media only when `published`."""
    rule = case.rule(policy)
    if not rule.measures_apply:
        raise RuleViolation(f"M-40 measures follow violations of M-12, M-13 ¶2 and M-16 only, not an "
                            f"{case.article} case ({rule.breaches})", field="measures", article="M-40")
    kinds = _parse(selected)
    at = begin(case, decided_at, actor, policy)
    if case.closure is Closure.DISMISSED:
        raise Conflict(f"case {case.case_id} was dismissed", field="measures")
    if case.order_issued_at is None and case.complied_at is None:
        raise Conflict(f"case {case.case_id} has no order yet; measures follow an established violation",
                       field="measures")
    again = sorted(k.value for k in kinds if k.value in case.measures_applied)
    if again:
        raise Conflict(f"already applied to case {case.case_id}: {', '.join(again)}", field="measures",
                       article="M-40")
    year = regulatory_date(at).year
    made = [m for kind in MeasureKind if kind in kinds
            for m in _effects(case, kind, year, at, rule.breaches, published)]
    case.measures_applied.extend(k.value for k in MeasureKind if k in kinds)
    record(case, at, StepKind.MEASURES_APPLIED, actor, "; ".join(f"{m.article} {m.detail}" for m in made))
    return made


def _parse(selected: Iterable[MeasureKind | str]) -> set[MeasureKind]:
    try:
        kinds = {MeasureKind(k) for k in selected}
    except (ValueError, TypeError):
        known = ", ".join(k.value for k in MeasureKind)
        raise RuleViolation(f"unknown M-40 measure; expected {known}", field="measures", article="M-40") from None
    if not kinds:
        raise RuleViolation("select at least one M-40 measure", field="measures", article="M-40")
    return kinds


def _effects(case: PenaltyCase, kind: MeasureKind, year: int, at: datetime, breaches: str,
             published: bool) -> list[Measure]:
    def m(effect: MeasureEffect, item: str, deps: tuple[Department, ...], first: int | None, last: int | None,
          detail: str) -> Measure:
        return Measure(case.case_id, case.party_id, kind, effect, f"M-40({item})", deps, first, last, at, detail)

    what = f"{case.article} violation of {breaches}: {case.allegation}"
    if kind is MeasureKind.CREDIT_RECORD:
        made = [
            m(MeasureEffect.CREDIT_RECORD_ENTERED, "1", (Department.CREDIT_INFORMATION,), None, None,
              f"credit record: {what}"),
            m(MeasureEffect.DEPARTMENTS_NOTIFIED, "1",
              (Department.MARKET_REGULATION, Department.TAX, Department.FINANCE), None, None, f"notified: {what}"),
        ]
        if published:
            made.append(m(MeasureEffect.PUBLISHED, "1", (Department.PUBLIC,), None, None, f"published: {what}"))
        return made
    if kind is MeasureKind.SPECIAL_FUND_INELIGIBLE:
        return [m(MeasureEffect.SPECIAL_FUND_INELIGIBLE, "2", (Department.ENERGY_SAVING_FUND,), year, year + 1,
                  f"no energy-saving special-fund support {year}-{year + 1}")]
    if kind is MeasureKind.AWARD_INELIGIBLE:
        return [m(MeasureEffect.AWARD_INELIGIBLE, "2", (Department.ENERGY_SAVING_AWARDS,), year, year + 2,
                  f"no energy-saving advanced-unit awards {year}-{year + 2}")]
    return [m(MeasureEffect.PROJECT_ASSESSMENT_REFUSED, "3", (Department.PROJECT_APPROVAL,), year + 1, year + 1,
              f"energy-assessment reports of new fixed-asset projects refused in {year + 1}")]
