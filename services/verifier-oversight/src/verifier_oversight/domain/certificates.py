"""Verifiers and the yearly verification work certificate (核查工作证) (V, "before": 培训及核查证发放).

Rules that live here:
- V: a verifier receives the year's work certificate only if its agency is selected by tender for that year, filed,
  not suspended and not blacklisted for it, and the verifier attended that year's training and passed its exam
  (`training.passed_training`: score >= exam_pass_mark, default 60 of 100);
- one certificate per verifier and year (a revoked one is not replaced within that year); certificate numbers are
  unique; revocation needs a reason and is final.

"year" is the compliance year whose emission reports are verified. Times are aware UTC datetimes.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Iterable

from ets_shared.errors import Conflict, RuleViolation

from .agencies import Agency, AgencyStatus, BlacklistEntry, TenderAward, agency_bar

if TYPE_CHECKING:
    from .training import TrainingPass


@dataclass(frozen=True)
class Verifier:
    verifier_id: str
    agency_id: str
    name: str


@dataclass(frozen=True)
class Certificate:
    verifier_id: str
    agency_id: str
    year: int
    certificate_no: str
    issued_at: datetime
    revoked_at: datetime | None = None
    exam_score: int | None = None
    training_id: str | None = None
    revocation_reason: str | None = None

    def valid_at(self, moment: datetime | None = None) -> bool:
        """moment None: not revoked. Otherwise: issued at or before `moment` and not yet revoked at `moment`."""
        if moment is None:
            return self.revoked_at is None
        return self.issued_at <= moment and (self.revoked_at is None or moment < self.revoked_at)


def register_verifier(verifier_id: str, agency: Agency, name: str, verifiers: Iterable[Verifier]) -> Verifier:
    """A verifier (核查人员) works for one filed agency; ids are unique."""
    if not name.strip():
        raise RuleViolation("verifier name is required", field="name", article="V")
    if agency.status is AgencyStatus.DEREGISTERED:
        raise RuleViolation(f"agency {agency.agency_id} is deregistered", field="agency_id", article="M-14")
    if any(v.verifier_id == verifier_id for v in verifiers):
        raise Conflict(f"verifier {verifier_id} already registered", field="verifier_id", article="V")
    return Verifier(verifier_id, agency.agency_id, name.strip())


def default_certificate_no(verifier_id: str, year: int) -> str:
    return f"HCZ-{year}-{verifier_id}"


def issue_certificate(verifier: Verifier, agency: Agency, year: int, certificate_no: str, issued_at: datetime,
                      passed: TrainingPass | None, training_refusal: str, awards: Iterable[TenderAward],
                      blacklist: Iterable[BlacklistEntry], certificates: Iterable[Certificate]) -> Certificate:
    """V: the year's verification work certificate for a verifier who attended the training and passed its exam
    (`passed`; else refused with `training_refusal`)."""
    if verifier.agency_id != agency.agency_id:
        raise RuleViolation("verifier does not belong to this agency", field="verifier_id", article="V")
    bar = agency_bar(agency, year, awards, blacklist)
    if bar is not None:
        raise RuleViolation(bar, field="compliance_year", article="V")
    if passed is None:
        raise RuleViolation(training_refusal, field="verifier_id", article="V")
    if not certificate_no.strip():
        raise RuleViolation("certificate number is required", field="certificate_no", article="V")
    for c in certificates:
        if c.certificate_no == certificate_no:
            raise Conflict(f"certificate number {certificate_no} already issued", field="certificate_no", article="V")
        if c.verifier_id == verifier.verifier_id and c.year == year:
            raise Conflict(f"verifier {verifier.verifier_id} already had a certificate for {year}",
                           field="verifier_id", article="V")
    return Certificate(verifier.verifier_id, agency.agency_id, year, certificate_no, issued_at,
                       exam_score=passed.score, training_id=passed.training_id)


def revoke_certificate(certificate: Certificate, revoked_at: datetime, reason: str) -> Certificate:
    if certificate.revoked_at is not None:
        raise Conflict(f"certificate {certificate.certificate_no} is already revoked", article="V")
    if not reason.strip():
        raise RuleViolation("a revocation needs a reason", field="reason", article="V")
    return replace(certificate, revoked_at=revoked_at, revocation_reason=reason.strip())
