"""What callers ask the verifier-oversight service to do (also the HTTP request bodies).

Rule checks (credit code form, exam pass mark, expert count, scoring codes) are the domain's, so a refusal names
the field as the rule does (e.g. `exam_score`, `experts`); the models here only fix the shapes.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")]
Year = Annotated[int, Field(ge=2013, le=2100, description="Compliance year whose reports are verified")]
Text = Annotated[str, Field(min_length=1, max_length=1000)]


class FileAgency(BaseModel):
    """M-14: file (备案) an agency into the public directory."""

    agency_id: Id
    name: str = Field(min_length=1, max_length=300)
    credit_code: str = Field(max_length=64, description="Unified social credit code (18 digits/capital letters)")


class AwardTender(BaseModel):
    """V: the agency was selected by public tender for a compliance year."""

    compliance_year: Year


class ChangeAgencyStatus(BaseModel):
    reason: Text


class RegisterVerifier(BaseModel):
    verifier_id: Id
    name: str = Field(min_length=1, max_length=300)


class IssueCertificate(BaseModel):
    """V: the year's verification work certificate (核查工作证) for a verifier who passed the training exam."""

    compliance_year: Year
    exam_score: int = Field(description="Training exam score of 100; at least the year's pass mark")
    certificate_no: str = Field(min_length=1, max_length=64)


class RevokeCertificate(BaseModel):
    reason: Text


class RecordDeduction(BaseModel):
    """V: one item of the year's scoring table (考核记分细则) deducted from the agency's 100 points."""

    deduction_id: Id | None = Field(default=None, description="Chosen by the caller for idempotency; else assigned")
    code: str = Field(min_length=1, max_length=64, description="A code of the year's scoring table")
    source: str = Field(description="inspection, determination or other")
    reason: Text
    reference: str | None = Field(default=None, max_length=200, description="e.g. an inspection or determination id")


class DrawInspectionSample(BaseModel):
    """V: random sampling combined with targeted selection (随机抽取与重点选取相结合), reproducible from its seed."""

    draw_id: Id | None = Field(default=None, description="Assigned when absent")
    compliance_year: Year
    population: list[Id] = Field(max_length=100_000, description="Entity ids the draw is made from")
    targeted: list[Id] = Field(default_factory=list, description="Entities inspected in any case (重点选取)")
    seed: int | None = Field(default=None, ge=0, le=2**63 - 1, description="Chosen and recorded when absent")


class FindingIn(BaseModel):
    severity: Literal["MAJOR", "MINOR"]
    description: Text


class RecordInspection(BaseModel):
    """V: an on-site inspection (现场检查) by the evaluation panel; its findings become deductions."""

    inspection_id: Id
    agency_id: Id
    entity_id: Id
    compliance_year: Year
    experts: list[str] = Field(description="Distinct panel experts present; at least the year's minimum")
    record: str = Field(max_length=20_000, description="The on-site record (现场记录)")
    findings: list[FindingIn] = Field(default_factory=list)
    draw_id: Id | None = Field(default=None, description="The draw that selected the entity, if any")
