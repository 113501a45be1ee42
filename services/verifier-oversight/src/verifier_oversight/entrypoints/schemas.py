"""What the HTTP API returns: public views of agencies, certificates, evaluations, the blacklist and inspections."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel

from verifier_oversight.adapters.evaluation_repository import StoredDraw
from verifier_oversight.domain.agencies import Agency, BlacklistEntry
from verifier_oversight.domain.certificates import Certificate, Verifier
from verifier_oversight.domain.evaluation import Evaluation
from verifier_oversight.domain.inspections import Inspection


class AgencyPublic(BaseModel):
    agency_id: str
    name: str
    credit_code: str
    status: str
    filed_at: datetime

    @classmethod
    def of(cls, agency: Agency, **extra: object) -> "AgencyPublic":
        return cls(agency_id=agency.agency_id, name=agency.name, credit_code=agency.credit_code,
                   status=agency.status.value, filed_at=agency.filed_at, **extra)


class DirectoryEntry(AgencyPublic):
    selected_years: list[int]  # the compliance years the agency was selected by tender for


class EligibilityPublic(BaseModel):
    agency_id: str
    compliance_year: int
    eligible: bool
    reason: str


class VerifierPublic(BaseModel):
    verifier_id: str
    agency_id: str
    name: str

    @classmethod
    def of(cls, verifier: Verifier) -> "VerifierPublic":
        return cls(**vars(verifier))


class CertificatePublic(BaseModel):
    verifier_id: str
    agency_id: str
    compliance_year: int
    certificate_no: str
    exam_score: int | None
    issued_at: datetime
    revoked_at: datetime | None
    revocation_reason: str | None

    @classmethod
    def of(cls, c: Certificate) -> "CertificatePublic":
        return cls(verifier_id=c.verifier_id, agency_id=c.agency_id, compliance_year=c.year,
                   certificate_no=c.certificate_no, exam_score=c.exam_score, issued_at=c.issued_at,
                   revoked_at=c.revoked_at, revocation_reason=c.revocation_reason)


class SigningEligibilityPublic(BaseModel):
    verifier_id: str
    agency_id: str
    compliance_year: int
    at: datetime | None
    may_sign: bool
    reason: str


class DeductionPublic(BaseModel):
    deduction_id: str
    code: str
    points: int
    reason: str
    source: str
    reference: str | None


class EvaluationPublic(BaseModel):
    agency_id: str
    compliance_year: int
    score: int  # 100 minus the deductions so far (final once finalised)
    deductions: list[DeductionPublic]
    finalised_at: datetime | None
    final_score: int | None
    grade: str | None

    @classmethod
    def of(cls, e: Evaluation, **extra: object) -> "EvaluationPublic":
        deductions = [DeductionPublic(**{**vars(d), "source": d.source.value}) for d in e.deductions]
        return cls(agency_id=e.agency_id, compliance_year=e.year, score=e.score, deductions=deductions,
                   finalised_at=e.finalised_at, final_score=e.final_score,
                   grade=e.grade.value if e.grade else None, **extra)


class BlacklistEntryPublic(BaseModel):
    agency_id: str
    agency_name: str | None = None
    evaluated_year: int
    from_year: int
    to_year: int
    reason: str
    listed_at: datetime | None = None

    @classmethod
    def of(cls, entry: BlacklistEntry, **extra: object) -> "BlacklistEntryPublic":
        return cls(**vars(entry), **extra)


class FinalisationPublic(EvaluationPublic):
    blacklist: BlacklistEntryPublic | None
    suspension_recommended: bool  # practice of other pilots (consecutive FAIL years): for the authority to act


class AgencyDetail(AgencyPublic):
    selected_years: list[int]
    verifiers: list[VerifierPublic]
    certificates: list[CertificatePublic]
    evaluations: list[EvaluationPublic]
    blacklist: list[BlacklistEntryPublic]


class DrawPublic(BaseModel):
    draw_id: str
    compliance_year: int
    seed: int
    drawn_at: datetime
    random_ratio: Decimal
    random_minimum: int
    population_size: int
    targeted: list[str]
    random: list[str]
    selected: list[str]  # targeted + random, sorted

    @classmethod
    def of(cls, s: StoredDraw, **extra: object) -> "DrawPublic":
        d = s.draw
        return cls(draw_id=s.draw_id, compliance_year=s.year, seed=d.seed, drawn_at=s.drawn_at,
                   random_ratio=s.random_ratio, random_minimum=s.random_minimum,
                   population_size=len(d.population_ids), targeted=list(d.targeted_ids), random=list(d.random_ids),
                   selected=list(d.all_ids), **extra)


class DrawDetail(DrawPublic):
    population: list[str]
    reproduced: bool  # re-running the recorded seed over the recorded population gives the same entities


class FindingPublic(BaseModel):
    severity: str
    description: str


class InspectionPublic(BaseModel):
    inspection_id: str
    agency_id: str
    entity_id: str
    compliance_year: int
    experts: list[str]
    record: str
    findings: list[FindingPublic]
    draw_id: str | None
    inspected_at: datetime

    @classmethod
    def of(cls, i: Inspection, draw_id: str | None, inspected_at: datetime) -> "InspectionPublic":
        return cls(inspection_id=i.inspection_id, agency_id=i.agency_id, entity_id=i.entity_id,
                   compliance_year=i.year, experts=list(i.experts), record=i.record,
                   findings=[FindingPublic(severity=f.severity.value, description=f.description) for f in i.findings],
                   draw_id=draw_id, inspected_at=inspected_at)


class InspectionRecorded(InspectionPublic):
    evaluation: EvaluationPublic  # the agency's evaluation with the findings deducted
