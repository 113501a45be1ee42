"""What the mrv's HTTP API returns (pydantic), built from domain records."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Iterable, Literal

from pydantic import BaseModel

from mrv.adapters.determinations import HistoricalDetermination
from mrv.domain.emissions import ActivitySource
from mrv.domain.recheck import RecheckTrigger
from mrv.domain.report_case import ReportCase
from mrv.domain.reports import Determination, Objection, Recheck, Verification
from mrv.service_layer.commands import Source
from mrv.service_layer.publishing import trigger_codes


def _sources(sources: Iterable[ActivitySource]) -> list[Source]:
    return [Source(kind=s.kind.value, quantity=s.quantity, unit=s.unit, fuel=s.fuel, description=s.description)
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
    basis: Literal["verification", "recheck", "historical"]
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
                   basis="historical", triggers=[], trigger_details=[], revision=None, determined_at=h.imported_at, due_by=None,
                   late=None, reason=f"imported by {h.imported_by}")


class CasePublic(BaseModel):
    """The whole compliance year of one entity: report, verification, objections, re-checks, determinations."""

    report_id: str
    state: str
    report: ReportPublic
    verification: VerificationPublic | None
    objections: list[ObjectionPublic]
    rechecks: list[RecheckPublic]
    determinations: list[DeterminationPublic]
    determination_due_by: date | None

    @classmethod
    def of(cls, case: ReportCase) -> "CasePublic":
        report = ReportPublic.of(case)
        return cls(report_id=report.report_id, state=case.state.value, report=report,
                   verification=VerificationPublic.of(case.verification) if case.verification else None,
                   objections=[ObjectionPublic.of(o) for o in case.objections],
                   rechecks=[RecheckPublic.of(r) for r in case.rechecks],
                   determinations=[DeterminationPublic.of(d) for d in case.determinations],
                   determination_due_by=case.determination_due_by)


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
