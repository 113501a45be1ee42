"""Events of the mrv service: monitoring plans, reports, verification, re-check, determination, and the deadlines
missed on the way (docs/rules.md §4, M-11..M-15)."""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import AwareDatetime, Field

from ets_shared.contracts.base import CaseEventData, Tonnes, contract

P = "mrv"
Trigger = Literal["DISCREPANCY", "YEAR_ON_YEAR", "OBJECTION", "AUTHORITY"]


@contract(
    producer=P, aggregate="report", event="submitted", version=1,
    example={"report_id": "RPT-1", "entity_id": "E-0001", "compliance_year": 2025, "reported_emissions": 118000,
             "factor_set_id": "SH-2022", "late": False, "submitted_at": "2026-03-20T02:00:00Z"},
)
class EmissionReportSubmitted(CaseEventData):
    """An emitter submitted (or amended) its annual emission report (M-12); due 31 March of the next year."""

    report_id: str
    entity_id: str
    compliance_year: int = Field(ge=2013)
    reported_emissions: Tonnes
    factor_set_id: str
    late: bool
    submitted_at: AwareDatetime


@contract(
    producer=P, aggregate="verification", event="filed", version=1,
    example={"verification_id": "VER-1", "report_id": "RPT-1", "entity_id": "E-0001", "compliance_year": 2025,
             "agency_id": "AG-001", "verifier_id": "VF-001", "verified_emissions": 118000, "late": False,
             "filed_at": "2026-04-20T02:00:00Z"},
)
class VerificationFiled(CaseEventData):
    """A certified verifier of an eligible agency filed the verification report on an emission report (M-13)."""

    verification_id: str
    report_id: str
    entity_id: str
    compliance_year: int = Field(ge=2013)
    agency_id: str
    verifier_id: str
    verified_emissions: Tonnes
    late: bool
    filed_at: AwareDatetime


@contract(
    producer=P, aggregate="recheck", event="opened", version=1,
    example={"entity_id": "E-0003", "compliance_year": 2025, "report_id": "RPT-3", "triggers": ["DISCREPANCY"],
             "opened_at": "2026-04-21T02:00:00Z"},
)
class RecheckOpened(CaseEventData):
    """The authority must re-check (复查) before determining, because an M-15 ¶2 trigger holds."""

    entity_id: str
    compliance_year: int = Field(ge=2013)
    report_id: str
    triggers: list[Trigger]
    opened_at: AwareDatetime


@contract(
    producer=P, aggregate="determination", event="made", version=1,
    example={"determination_id": "DET-1", "entity_id": "E-0001", "compliance_year": 2025,
             "determined_emissions": 118000, "basis": "verification", "triggers": [], "revision": 1,
             "reported_emissions": 118000, "verified_emissions": 118000, "agency_id": "AG-001",
             "determined_at": "2026-04-27T02:00:00Z"},
)
class EmissionsDetermined(CaseEventData):
    """The authority determined (审定) the entity's emissions for the year (M-15); notified to the entity. A later
    revision (after a re-check) supersedes an earlier one: consumers keep the highest `revision`."""

    determination_id: str
    entity_id: str
    compliance_year: int = Field(ge=2013)
    determined_emissions: Tonnes
    basis: Literal["verification", "recheck"]
    triggers: list[Trigger]
    revision: int = Field(ge=1)
    reported_emissions: Tonnes
    verified_emissions: Tonnes
    agency_id: str
    determined_at: AwareDatetime


@contract(
    producer=P, aggregate="monitoring-plan", event="filed", version=1,
    example={"plan_id": "MP-E-0001-2026", "entity_id": "E-0001", "compliance_year": 2026, "version": 2,
             "major_change": True, "change_reason": "new kiln line commissioned; its fuel metering added",
             "late": False, "filed_at": "2025-12-20T02:00:00Z"},
)
class MonitoringPlanFiled(CaseEventData):
    """A covered entity filed its monitoring plan for `compliance_year` (M-11 ¶1: by 31 December of the year
    before), or a new version of it; a new version states its reason, and `major_change` marks a major change the
    authority must be told of promptly (M-11 ¶2). `late`: the first version was filed after the deadline."""

    plan_id: str
    entity_id: str
    compliance_year: int = Field(ge=2013)
    version: int = Field(ge=1)
    major_change: bool
    change_reason: str | None = None
    late: bool
    filed_at: AwareDatetime


@contract(
    producer=P, aggregate="monitoring-plan", event="missing", version=1,
    example={"entity_id": "E-0001", "compliance_year": 2026, "due_on": "2025-12-31",
             "found_at": "2025-12-31T16:00:00Z"},
)
class MonitoringPlanMissing(CaseEventData):
    """At its deadline (M-11: 31 December of the year before) a covered entity had filed no monitoring plan for
    `compliance_year`. Once per entity and year; enforcement opens a case with an order to correct."""

    entity_id: str
    compliance_year: int = Field(ge=2013)
    due_on: date
    found_at: AwareDatetime


@contract(
    producer=P, aggregate="report", event="missing", version=1,
    example={"report_id": "RPT-E-0001-2025", "entity_id": "E-0001", "compliance_year": 2025, "covered": True,
             "due_on": "2026-03-31", "found_at": "2026-03-31T16:00:00Z"},
)
class EmissionReportMissing(CaseEventData):
    """At the report deadline (M-12: 31 March of the next year) an emitter that must report had not. `covered`: a
    covered entity (an M-37 matter); otherwise a reporting-only emitter of M-12 ¶2. Once per entity and year; a late
    report is still accepted (and flagged late)."""

    report_id: str
    entity_id: str
    compliance_year: int = Field(ge=2013)
    covered: bool
    due_on: date
    found_at: AwareDatetime
    exit_report: bool = Field(default=False, description="M-18: the report of an exiting entity's exit year, due "
                                                         "15 days after its exit")


@contract(
    producer=P, aggregate="verification", event="missing", version=1,
    example={"report_id": "RPT-E-0001-2025", "entity_id": "E-0001", "compliance_year": 2025, "agency_id": None,
             "due_on": "2026-04-30", "found_at": "2026-04-30T16:00:00Z"},
)
class VerificationMissing(CaseEventData):
    """At the verification deadline (M-13: 30 April of the next year) a covered entity's report had no verification
    report. `agency_id`: the agency assigned to verify it, where known. Once per report; a late verification is
    still accepted (and flagged late), and the authority may determine without one."""

    report_id: str
    entity_id: str
    compliance_year: int = Field(ge=2013)
    agency_id: str | None = None
    due_on: date
    found_at: AwareDatetime


@contract(
    producer=P, aggregate="determination", event="overdue", version=1,
    example={"report_id": "RPT-E-0003-2025", "entity_id": "E-0003", "compliance_year": 2025,
             "due_by": "2026-05-15", "state": "recheck", "found_at": "2026-05-15T16:00:00Z"},
)
class DeterminationOverdue(CaseEventData):
    """M-15 ¶1, M-43: the determination was not made within its period (by default 30 days from receiving the
    verification report): the authority's inaction is on record. Once per period; the case stays in the queue."""

    report_id: str
    entity_id: str
    compliance_year: int = Field(ge=2013)
    due_by: date
    state: Literal["verified", "recheck"]
    found_at: AwareDatetime


@contract(
    producer=P, aggregate="determination", event="made", version=2,
    example={"determination_id": "DET-E-0001-2025-r1", "report_id": "RPT-E-0001-2025", "entity_id": "E-0001",
             "compliance_year": 2025, "determined_emissions": 118000, "basis": "verification", "triggers": [],
             "revision": 1, "supersedes": None, "reason": None, "reported_emissions": 118000,
             "verified_emissions": 118000, "agency_id": "AG-001", "due_by": "2026-05-20", "late": False,
             "determined_at": "2026-04-27T02:00:00Z", "notified_to": "E-0001",
             "copied_to": ["economy_informatisation", "statistics", "finance"]},
)
class EmissionsDeterminedV2(CaseEventData):
    """The authority determined (审定) the entity's emissions for the year (M-15) — on the verification report
    (`verification`), after a re-check (`recheck`), or from its own figure and stated basis for an entity that never
    reported or whose report was never verified (`authority`; then `reported_emissions` / `verified_emissions` /
    `agency_id` are null where missing). A later revision supersedes an earlier one (`supersedes`, `reason`):
    consumers keep the highest `revision`. Notified to the entity (`notified_to`) and copied to the departments in
    `copied_to` (M-15 ¶1). v1 is still published beside it for determinations on a verification."""

    determination_id: str
    report_id: str
    entity_id: str
    compliance_year: int = Field(ge=2013)
    determined_emissions: Tonnes
    basis: Literal["verification", "recheck", "authority"]
    triggers: list[Trigger]
    revision: int = Field(ge=1)
    supersedes: str | None = None
    reason: str | None = None
    reported_emissions: Tonnes | None = None
    verified_emissions: Tonnes | None = None
    agency_id: str | None = None
    due_by: date | None = Field(default=None, description="M-15: the last day to determine; null: no statutory "
                                                          "period (no verification report was received)")
    late: bool
    determined_at: AwareDatetime
    notified_to: str = Field(description="the entity notified of the result (M-15 ¶1)")
    copied_to: list[str] = Field(description="departments the report, verification and determination are copied "
                                             "to (M-15 ¶1)")


@contract(
    producer=P, aggregate="verification", event="impeded", version=1,
    example={"impediment_id": "VI-RPT-E-0003-2025-1", "report_id": "RPT-E-0003-2025", "entity_id": "E-0003",
             "compliance_year": 2025, "agency_id": "AG-001", "recorded_by": "verifier:V-001@V-001",
             "kind": "documents_refused", "article": "M-38-2",
             "description": "the plant manager refused access to the fuel purchase ledgers twice",
             "evidence": ["site visit minutes 2026-04-08", "email of 2026-04-10"], "occurred_on": "2026-04-10",
             "recorded_at": "2026-04-10T08:00:00Z"},
)
class VerificationImpeded(CaseEventData):
    """The assigned agency recorded that the entity breached M-13 ¶2 during verification: false or untrue documents
    or concealed information (M-38 ¶1: order, fine only if uncorrected), or refused documents or obstructed the
    work (M-38 ¶2: order and fine). Enforcement opens the M-38 case."""

    impediment_id: str
    report_id: str
    entity_id: str
    compliance_year: int = Field(ge=2013)
    agency_id: str
    recorded_by: str
    kind: Literal["false_documents", "information_concealed", "documents_refused", "obstruction"]
    article: Literal["M-38-1", "M-38-2"]
    description: str
    evidence: list[str]
    occurred_on: date
    recorded_at: AwareDatetime
