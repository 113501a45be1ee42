"""What the mrv's HTTP API returns (pydantic), built from domain records."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Iterable, Literal

from pydantic import BaseModel

from mrv.adapters.determinations import HistoricalDetermination
from mrv.domain.emissions import ActivitySource
from mrv.domain.monitoring import MonitoringPlan, PlanVersion
from mrv.domain.policy import MrvPolicy
from mrv.domain.recheck import RecheckTrigger
from mrv.domain.report_case import ReportCase
from mrv.domain.reports import CaseState, Determination, Objection, Recheck, Verification
from mrv.service_layer.commands import Source
from mrv.service_layer.publishing import trigger_codes


def _sources(sources: Iterable[ActivitySource]) -> list[Source]:
    """Built without validating again what was validated on the way in (the domain holds the request's `Source`s):
    the exact-decimal check of each quantity cost 30 µs per source, a tenth of a bulk report's CPU."""
    return [Source.model_construct(kind=s.kind.value, quantity=s.quantity, unit=s.unit, fuel=s.fuel,
                                   description=s.description)
            for s in sources]


class TriggerPublic(BaseModel):
    code: Literal["DISCREPANCY", "YEAR_ON_YEAR", "OBJECTION", "AUTHORITY"]
    detail: str


def _triggers(triggers: Iterable[RecheckTrigger]) -> list[TriggerPublic]:
    return [TriggerPublic(code=t.code.value, detail=t.detail) for t in triggers]


class ReportPublic(BaseModel):
    report_id: str
    entity_id: str
    compliance_year: int
    reported_emissions: int  # whole tCO2e, ROUND_HALF_UP of `total`
    direct: Decimal
    indirect: Decimal
    total: Decimal
    factor_set_id: str
    late: bool
    covered: bool
    state: str
    submitted_at: datetime
    amended_at: datetime | None
    sources: list[Source]

    @classmethod
    def of(cls, case: ReportCase) -> "ReportPublic":
        r = case.report
        assert r is not None
        return cls(report_id=r.report_id, entity_id=r.entity_id, compliance_year=r.year,
                   reported_emissions=r.emissions, direct=r.breakdown.direct, indirect=r.breakdown.indirect,
                   total=r.breakdown.total, factor_set_id=r.breakdown.factor_set_id, late=r.late, covered=r.covered,
                   state=case.state.value, submitted_at=r.submitted_at, amended_at=r.amended_at,
                   sources=_sources(r.sources))


class VerificationPublic(BaseModel):
    verification_id: str
    report_id: str
    agency_id: str
    verifier_id: str
    certificate_no: str
    verified_emissions: int
    direct: Decimal
    indirect: Decimal
    total: Decimal
    verified_sources: list[Source]
    findings: list[str]
    submitted_at: datetime
    late: bool

    @classmethod
    def of(cls, v: Verification) -> "VerificationPublic":
        return cls(verification_id=v.verification_id, report_id=v.report_id, agency_id=v.agency_id,
                   verifier_id=v.verifier_id, certificate_no=v.certificate_no, verified_emissions=v.emissions,
                   direct=v.breakdown.direct, indirect=v.breakdown.indirect, total=v.breakdown.total,
                   verified_sources=_sources(v.verified_sources), findings=list(v.findings),
                   submitted_at=v.submitted_at, late=v.late)


class RecheckPublic(BaseModel):
    triggers: list[TriggerPublic]
    opened_at: datetime
    due_by: date

    @classmethod
    def of(cls, r: Recheck) -> "RecheckPublic":
        return cls(triggers=_triggers(r.triggers), opened_at=r.opened_at, due_by=r.due_by)


class ObjectionPublic(BaseModel):
    evidence: list[str]
    filed_at: datetime

    @classmethod
    def of(cls, o: Objection) -> "ObjectionPublic":
        return cls(evidence=list(o.evidence), filed_at=o.filed_at)


class DeterminationPublic(BaseModel):
    """A determination of this service, or (basis "historical") a figure imported from the legacy system."""

    determination_id: str | None
    entity_id: str
    compliance_year: int
    emissions: int
    basis: Literal["verification", "recheck", "authority", "historical"]
    triggers: list[str]  # the distinct M-15 ¶2 codes of the re-check it ended; empty for basis verification
    trigger_details: list[TriggerPublic]
    revision: int | None
    determined_at: datetime
    due_by: date | None
    late: bool | None
    reason: str | None

    @classmethod
    def of(cls, d: Determination) -> "DeterminationPublic":
        return cls(determination_id=d.determination_id, entity_id=d.entity_id, compliance_year=d.year,
                   emissions=d.emissions, basis=d.basis.value, triggers=trigger_codes(d.triggers),
                   trigger_details=_triggers(d.triggers), revision=d.revision,
                   determined_at=d.determined_at, due_by=d.due_by, late=d.late, reason=d.reason)

    @classmethod
    def imported(cls, h: HistoricalDetermination) -> "DeterminationPublic":
        return cls(determination_id=None, entity_id=h.entity_id, compliance_year=h.year, emissions=h.emissions,
                   basis="historical", triggers=[], trigger_details=[], revision=None, determined_at=h.imported_at,
                   due_by=None,
                   late=None, reason=f"imported by {h.imported_by}")


class CasePublic(BaseModel):
    """The whole compliance year of one entity: report (null while missing), verification, objections, re-checks,
    determinations, and the deadlines found missed."""

    report_id: str
    entity_id: str
    compliance_year: int
    state: str
    covered: bool
    report: ReportPublic | None
    verification: VerificationPublic | None
    objections: list[ObjectionPublic]
    rechecks: list[RecheckPublic]
    determinations: list[DeterminationPublic]
    determination_due_by: date | None
    decision_due_by: date | None  # the authority's current deadline to determine (M-15), while one runs
    report_missing_at: datetime | None  # M-12: no report at the deadline
    verification_missing_at: datetime | None  # M-13: no verification at the deadline
    determination_overdue_for: date | None  # M-15/M-43: the due date found passed without a determination

    @classmethod
    def of(cls, case: ReportCase) -> "CasePublic":
        return cls(report_id=f"RPT-{case.entity_id}-{case.year}", entity_id=case.entity_id,
                   compliance_year=case.year, state=case.state.value, covered=case.covered,
                   report=ReportPublic.of(case) if case.report else None,
                   verification=VerificationPublic.of(case.verification) if case.verification else None,
                   objections=[ObjectionPublic.of(o) for o in case.objections],
                   rechecks=[RecheckPublic.of(r) for r in case.rechecks],
                   determinations=[DeterminationPublic.of(d) for d in case.determinations],
                   determination_due_by=case.determination_due_by, decision_due_by=case.decision_due_by,
                   report_missing_at=case.report_missing_at, verification_missing_at=case.verification_missing_at,
                   determination_overdue_for=case.overdue_flagged_for)


class VerificationFiledPublic(BaseModel):
    verification_id: str
    report_id: str
    verified_emissions: int
    state: str
    triggers: list[str]  # M-15 ¶2(1)(2) codes that opened a re-check; empty: determined after the objection period
    verification: VerificationPublic
    recheck: RecheckPublic | None

    @classmethod
    def of(cls, case: ReportCase, v: Verification) -> "VerificationFiledPublic":
        recheck = case.open_recheck_record
        return cls(verification_id=v.verification_id, report_id=v.report_id, verified_emissions=v.emissions,
                   state=case.state.value, triggers=trigger_codes(recheck.triggers) if recheck else [],
                   verification=VerificationPublic.of(v), recheck=RecheckPublic.of(recheck) if recheck else None)


class RecheckOpenedPublic(BaseModel):
    report_id: str
    state: str
    triggers: list[str]
    recheck: RecheckPublic

    @classmethod
    def of(cls, report_id: str, case: ReportCase, recheck: Recheck) -> "RecheckOpenedPublic":
        return cls(report_id=report_id, state=case.state.value, triggers=trigger_codes(recheck.triggers),
                   recheck=RecheckPublic.of(recheck))


Awaiting = Literal["verified", "recheck", "no_report", "no_verification"]
#: what a case in the determination queue waits for, by its state (a determined case is in no queue)
AWAITING: dict[CaseState, Awaiting] = {CaseState.AWAITING_REPORT: "no_report", CaseState.REPORTED: "no_verification",
                                       CaseState.VERIFIED: "verified", CaseState.RECHECK: "recheck"}


class QueueItemPublic(BaseModel):
    """One case awaiting the authority's determination (M-15), with its deadline and triggers."""

    report_id: str
    entity_id: str
    compliance_year: int
    state: str
    awaiting: Awaiting
    reported_emissions: int | None
    verified_emissions: int | None
    verification_received_at: datetime | None
    objection_period_ends_at: datetime | None
    due_by: date | None  # M-15: none runs without a verification report
    days_left: int | None  # to `due_by`, from this service's regulatory date (negative: overdue)
    overdue: bool
    triggers: list[str]
    late_report: bool | None
    late_verification: bool | None

    @classmethod
    def of(cls, case: ReportCase, policy: MrvPolicy, today: date) -> "QueueItemPublic":
        r, v = case.report, case.verification
        due = case.decision_due_by
        awaiting = AWAITING[case.state]
        recheck = case.open_recheck_record
        return cls(report_id=f"RPT-{case.entity_id}-{case.year}", entity_id=case.entity_id,
                   compliance_year=case.year, state=case.state.value, awaiting=awaiting,
                   reported_emissions=r.emissions if r else None, verified_emissions=v.emissions if v else None,
                   verification_received_at=v.submitted_at if v else None,
                   objection_period_ends_at=case.objection_period_ends_at(policy), due_by=due,
                   days_left=(due - today).days if due else None, overdue=bool(due and today > due),
                   triggers=trigger_codes(recheck.triggers) if recheck else [],
                   late_report=r.late if r else None, late_verification=v.late if v else None)


class BulkResultPublic(BaseModel):
    """One item of a bulk determination: the determination, or the problem that refused it."""

    report_id: str
    status: Literal["determined", "refused"]
    determination: DeterminationPublic | None = None
    problem: dict | None = None


class PlanSourcePublic(BaseModel):
    name: str
    kind: str
    method: str
    instruments: str
    frequency: str


class ResponsiblePersonPublic(BaseModel):
    name: str
    role: str


class PlanVersionPublic(BaseModel):
    version: int
    boundary: str
    sources: list[PlanSourcePublic]
    responsible_staff: list[ResponsiblePersonPublic]
    filed_at: datetime
    change_reason: str | None
    major_change: bool

    @classmethod
    def of(cls, v: PlanVersion) -> "PlanVersionPublic":
        return cls(version=v.version, boundary=v.content.boundary,
                   sources=[PlanSourcePublic(**vars(s)) for s in v.content.sources],
                   responsible_staff=[ResponsiblePersonPublic(**vars(p)) for p in v.content.responsible_staff],
                   filed_at=v.filed_at, change_reason=v.change_reason, major_change=v.major_change)


class MonitoringPlanPublic(BaseModel):
    """M-11: an entity's monitoring plan for a year with every version (the current one last)."""

    plan_id: str
    entity_id: str
    compliance_year: int
    late: bool
    missing_at: datetime | None
    versions: list[PlanVersionPublic]

    @classmethod
    def of(cls, plan: MonitoringPlan) -> "MonitoringPlanPublic":
        return cls(plan_id=plan.plan_id, entity_id=plan.entity_id, compliance_year=plan.year, late=plan.late,
                   missing_at=plan.missing_at, versions=[PlanVersionPublic.of(v) for v in plan.versions])


class PlanNotFiledPublic(BaseModel):
    """A covered entity owing a plan for the year that has filed none: missing (past the deadline) or not yet."""

    entity_id: str
    compliance_year: int
    due_on: date
    missing_at: datetime | None
