"""Events of the verifier-oversight service (docs/rules.md §9, M-13 ¶1, M-14, M-41): the public directory, the
yearly tender, certificates, assignment of each entity's verification, the evaluation's results, the blacklist and
the agency violations that are M-41 enforcement matters.

Who may sign a year's verification is the conjunction of separate facts, each its own event (filing, tender award,
certificate, assignment, blacklist); mrv combines them and answers "may sign" only once all have arrived."""
from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, Field

from ets_shared.contracts.base import EventData, contract

P = "verifier-oversight"


@contract(
    producer=P, aggregate="agency", event="filed", version=1,
    example={"agency_id": "AG-001", "name": "Shanghai Verification Co.", "credit_code": "91310000MA1FL0001X",
             "filed_at": "2025-01-10T02:00:00Z"},
)
class AgencyFiled(EventData):
    """An agency was filed (备案) and listed in the public directory of verification agencies (M-14)."""

    agency_id: str
    name: str
    credit_code: str = Field(description="Unified social credit code")
    filed_at: AwareDatetime
    fields: list[str] | None = Field(default=None, description="Sectors the agency is competent to verify")


@contract(
    producer=P, aggregate="agency", event="eligibility-changed", version=1,
    example={"agency_id": "AG-001", "compliance_year": 2025, "eligible": True, "reason": "selected by tender",
             "changed_at": "2026-01-15T02:00:00Z"},
)
class AgencyEligibilityChanged(EventData):
    """Whether an agency may take verification work for a compliance year changed: selected by tender (eligible),
    blacklisted or de-selected (not eligible)."""

    agency_id: str
    compliance_year: int = Field(ge=2013)
    eligible: bool
    reason: str
    changed_at: AwareDatetime


@contract(
    producer=P, aggregate="verifier", event="certified", version=1,
    example={"verifier_id": "VF-001", "agency_id": "AG-001", "compliance_year": 2025,
             "certificate_no": "HCZ-2025-0001", "issued_at": "2026-01-20T02:00:00Z"},
)
class VerifierCertified(EventData):
    """A verifier passed the year's training exam and holds the verification work certificate (核查工作证)."""

    verifier_id: str
    agency_id: str
    compliance_year: int = Field(ge=2013)
    certificate_no: str
    issued_at: AwareDatetime


@contract(
    producer=P, aggregate="verifier", event="certificate-revoked", version=1,
    example={"verifier_id": "VF-001", "agency_id": "AG-001", "compliance_year": 2025,
             "certificate_no": "HCZ-2025-0001", "revoked_at": "2026-03-01T02:00:00Z", "reason": "left the agency"},
)
class VerifierCertificateRevoked(EventData):
    """A verifier's certificate for a year was revoked; it may no longer sign verification work for that year."""

    verifier_id: str
    agency_id: str
    compliance_year: int = Field(ge=2013)
    certificate_no: str
    revoked_at: AwareDatetime
    reason: str


@contract(
    producer=P, aggregate="agency", event="filing-changed", version=1,
    example={"agency_id": "AG-001", "version": 2, "name": "Shanghai Verification Co.", "status": "SUSPENDED",
             "fields": ["industry", "power"], "reason": "two consecutive failed evaluations",
             "changed_at": "2026-06-10T02:00:00Z"},
)
class AgencyFilingChanged(EventData):
    """An agency's entry in the public directory (M-14) changed: name, fields of competence, or status (FILED,
    SUSPENDED, DEREGISTERED). `version` counts the entry's versions (1 = the filing); consumers keep the highest."""

    agency_id: str
    version: int = Field(ge=2)
    name: str
    status: Literal["FILED", "SUSPENDED", "DEREGISTERED"]
    fields: list[str]
    reason: str
    changed_at: AwareDatetime


@contract(
    producer=P, aggregate="tender", event="awarded", version=1,
    example={"tender_id": "TND-2025", "lot_no": 1, "agency_id": "AG-001", "compliance_year": 2025,
             "sectors": ["industry"], "expected_volume": 40, "reason": "highest technical score (88.5)",
             "awarded_at": "2025-01-20T02:00:00Z"},
)
class TenderAwarded(EventData):
    """A lot of the year's public tender (V, 事前) was awarded to the agency, with the reason: it is selected to
    verify the lot's sectors for the compliance year."""

    tender_id: str
    lot_no: int = Field(ge=1)
    agency_id: str
    compliance_year: int = Field(ge=2013)
    sectors: list[str]
    expected_volume: int = Field(ge=1, description="Entities the lot expects to be verified")
    reason: str
    awarded_at: AwareDatetime


@contract(
    producer=P, aggregate="assignment", event="made", version=1,
    example={"assignment_id": "ASG-E-0001-2025-1", "entity_id": "E-0001", "compliance_year": 2025,
             "agency_id": "AG-001", "revision": 1, "reason": "bulk proposal PRP-2025-1: least loaded (3/40)",
             "assigned_at": "2025-02-01T02:00:00Z"},
)
class VerificationAssigned(EventData):
    """The authority commissioned the agency to verify the entity's report for the year (M-13 ¶1). A reassignment
    is a higher `revision` and supersedes the earlier one: only the latest assigned agency may sign."""

    assignment_id: str
    entity_id: str
    compliance_year: int = Field(ge=2013)
    agency_id: str
    revision: int = Field(ge=1)
    reason: str
    assigned_at: AwareDatetime


@contract(
    producer=P, aggregate="agency", event="blacklisted", version=1,
    example={"agency_id": "AG-001", "evaluated_year": 2025, "from_year": 2026, "to_year": 2030,
             "reason": "evaluation of 2025: score 55 below 60 (不合格)", "listed_at": "2026-06-10T02:00:00Z"},
)
class AgencyBlacklisted(EventData):
    """The agency failed its evaluation and is on the verification blacklist (V): no assignments, no certificates and
    no signatures for compliance years from_year..to_year, both included."""

    agency_id: str
    evaluated_year: int = Field(ge=2013)
    from_year: int = Field(ge=2013)
    to_year: int = Field(ge=2013)
    reason: str
    listed_at: AwareDatetime


GradeName = Literal["EXCELLENT", "PASS", "FAIL"]


class AgencyResult(BaseModel):
    agency_id: str
    name: str
    score: int = Field(ge=0, le=100)
    grade: GradeName
    rank: int = Field(ge=1)


@contract(
    producer=P, aggregate="evaluation", event="results-published", version=1,
    example={"compliance_year": 2025, "table_version": 1, "published_at": "2026-06-10T02:00:00Z",
             "results": [{"agency_id": "AG-001", "name": "Shanghai Verification Co.", "score": 92,
                          "grade": "EXCELLENT", "rank": 1}]},
)
class EvaluationResultsPublished(EventData):
    """The year's evaluation of every agency that worked (V, 事后) is final: scores, grades 优良 EXCELLENT / 合格 PASS /
    不合格 FAIL and the ranking, under the named version of the year's scoring table."""

    compliance_year: int = Field(ge=2013)
    table_version: int = Field(ge=0, description="0: the platform's default table (none adopted for the year)")
    published_at: AwareDatetime
    results: list[AgencyResult]


@contract(
    producer=P, aggregate="agency", event="violation-found", version=1,
    example={"finding_id": "INSP-2025-07-F1", "agency_id": "AG-001", "compliance_year": 2025,
             "violation": "false_report", "item_code": "FALSE_REPORT", "entity_id": "E-0001",
             "description": "verified emissions copied from the entity's report without site data",
             "evidence": ["inspection INSP-2025-07", "photo 12: meter readings"],
             "found_at": "2026-05-12T02:00:00Z"},
)
class AgencyViolationFound(EventData):
    """A deduction recorded an agency violation that is an M-41 enforcement matter: a false report, a major error
    in a report, or unauthorised use or disclosure of the entity's data (M-13 ¶3). `finding_id` is unique: the
    same finding is never reported twice."""

    finding_id: str
    agency_id: str
    compliance_year: int = Field(ge=2013)
    violation: Literal["false_report", "major_error", "data_misuse"]
    item_code: str
    entity_id: str | None = None
    description: str
    evidence: list[str]
    found_at: AwareDatetime
