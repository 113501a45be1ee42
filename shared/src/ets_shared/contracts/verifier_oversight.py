"""Events of the verifier-oversight service (regulation.md §9, M-14): who may sign verification work."""
from __future__ import annotations

from pydantic import AwareDatetime, Field

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
