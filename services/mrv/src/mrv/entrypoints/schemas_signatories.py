"""What the mrv HTTP API of `entrypoints.http_signatories` returns (its response models)."""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class AgencyStandingPublic(BaseModel):
    agency_id: str
    filing_status: str | None  # null: its filing has not reached mrv
    selected: bool  # won a lot of the year's tender
    blacklisted: bool
    ineligible_reason: str | None  # verifier oversight's "not eligible" verdict for the year, if any
    assignments: int  # entities whose verification for the year is assigned to it
    may_sign: bool
    waiting_for: list[str]  # every fact still missing or barring it


class CertificatePublic(BaseModel):
    certificate_no: str
    verifier_id: str
    agency_id: str
    issued_at: datetime | None  # null: only its revocation is known so far
    revoked_at: datetime | None
    revoke_reason: str | None
    valid: bool
    may_sign: bool  # valid, and its agency may sign
    waiting_for: list[str]


class SignatoriesPublic(BaseModel):
    compliance_year: int
    agencies: list[AgencyStandingPublic]
    certificates: list[CertificatePublic]


class SignatoryCheck(BaseModel):
    compliance_year: int
    entity_id: str
    agency_id: str
    verifier_id: str
    may_sign: bool
    reason: str  # "may sign under certificate ..." or the first fact that refuses it
    certificate_no: str | None
