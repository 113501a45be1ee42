"""Events of the mrv service: reports, verification, re-check, determination (regulation.md §4, M-12..M-15)."""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import AwareDatetime, Field

from ets_shared.contracts.base import EventData, Tonnes, contract

P = "mrv"
Trigger = Literal["DISCREPANCY", "YEAR_ON_YEAR", "OBJECTION", "AUTHORITY"]


@contract(
    producer=P, aggregate="report", event="submitted", version=1,
    example={"report_id": "RPT-1", "entity_id": "E-0001", "compliance_year": 2025, "reported_emissions": 118000,
             "factor_set_id": "SH-2022", "late": False, "submitted_at": "2026-03-20T02:00:00Z"},
)
class EmissionReportSubmitted(EventData):
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
class VerificationFiled(EventData):
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
class RecheckOpened(EventData):
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
class EmissionsDetermined(EventData):
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
    producer=P, aggregate="verification", event="missing", version=1,
    example={"report_id": "RPT-E-0001-2025", "entity_id": "E-0001", "compliance_year": 2025, "agency_id": None,
             "due_on": "2026-04-30", "found_at": "2026-04-30T16:00:00Z"},
)
class VerificationMissing(EventData):
    """At the verification deadline (M-13: 30 April of the next year) a covered entity's report had no verification
    report. `agency_id`: the agency assigned to verify it, where known. Once per report; a late verification is
    still accepted (and flagged late), and the authority may determine without one."""

    report_id: str
    entity_id: str
    compliance_year: int = Field(ge=2013)
    agency_id: str | None = None
    due_on: date
    found_at: AwareDatetime
