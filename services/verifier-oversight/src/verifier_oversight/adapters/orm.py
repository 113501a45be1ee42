"""The verifier-oversight service's tables (its own database): the M-14 directory, tender awards, verifiers and
their yearly work certificates, evaluations with their deductions, the blacklist, inspection draws and inspections."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, ForeignKeyConstraint, Text
from sqlmodel import Field

from ets_shared.persistence.tables import service_table_base, utc_column

OversightTable = service_table_base("VerifierOversight")


class AgencyRow(OversightTable, table=True):
    __tablename__ = "agency"
    agency_id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=300)
    credit_code: str = Field(max_length=18, index=True)
    filed_at: datetime = Field(sa_column=utc_column())
    status: str = Field(max_length=20, index=True)


class TenderAwardRow(OversightTable, table=True):
    __tablename__ = "tender_award"
    agency_id: str = Field(primary_key=True, max_length=64, foreign_key="agency.agency_id")
    year: int = Field(primary_key=True, index=True)
    awarded_at: datetime = Field(sa_column=utc_column())


class BlacklistEntryRow(OversightTable, table=True):
    __tablename__ = "blacklist_entry"
    agency_id: str = Field(primary_key=True, max_length=64, foreign_key="agency.agency_id")
    evaluated_year: int = Field(primary_key=True)
    from_year: int = Field(index=True)
    to_year: int = Field(index=True)
    reason: str = Field(max_length=1000)
    listed_at: datetime = Field(sa_column=utc_column())


class VerifierRow(OversightTable, table=True):
    __tablename__ = "verifier"
    verifier_id: str = Field(primary_key=True, max_length=64)
    agency_id: str = Field(max_length=64, index=True, foreign_key="agency.agency_id")
    name: str = Field(max_length=300)
    registered_at: datetime = Field(sa_column=utc_column())


class CertificateRow(OversightTable, table=True):
    __tablename__ = "certificate"
    verifier_id: str = Field(primary_key=True, max_length=64, foreign_key="verifier.verifier_id")
    year: int = Field(primary_key=True)
    agency_id: str = Field(max_length=64, index=True, foreign_key="agency.agency_id")
    certificate_no: str = Field(max_length=64, unique=True)
    issued_at: datetime = Field(sa_column=utc_column())
    revoked_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    exam_score: int | None = None
    revocation_reason: str | None = Field(default=None, max_length=1000)


class EvaluationRow(OversightTable, table=True):
    __tablename__ = "evaluation"
    agency_id: str = Field(primary_key=True, max_length=64, foreign_key="agency.agency_id")
    year: int = Field(primary_key=True, index=True)
    opened_at: datetime = Field(sa_column=utc_column())
    finalised_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    final_score: int | None = None
    grade: str | None = Field(default=None, max_length=20)


class DeductionRow(OversightTable, table=True):
    __tablename__ = "deduction"
    __table_args__ = (ForeignKeyConstraint(["agency_id", "year"], ["evaluation.agency_id", "evaluation.year"]),)
    agency_id: str = Field(primary_key=True, max_length=64)
    year: int = Field(primary_key=True)
    deduction_id: str = Field(primary_key=True, max_length=200)
    code: str = Field(max_length=64)
    points: int
    reason: str = Field(max_length=1000)
    source: str = Field(max_length=20)
    reference: str | None = Field(default=None, max_length=200)
    recorded_at: datetime = Field(sa_column=utc_column())


class InspectionDrawRow(OversightTable, table=True):
    __tablename__ = "inspection_draw"
    draw_id: str = Field(primary_key=True, max_length=64)
    year: int = Field(index=True)
    seed: int = Field(sa_column=Column(BigInteger, nullable=False))
    drawn_at: datetime = Field(sa_column=utc_column())
    random_ratio: str = Field(max_length=20, description="the policy's ratio the draw used, as an exact decimal")
    random_minimum: int
    population_ids: list[Any] = Field(sa_column=Column(JSON, nullable=False))
    targeted_ids: list[Any] = Field(sa_column=Column(JSON, nullable=False))
    random_ids: list[Any] = Field(sa_column=Column(JSON, nullable=False))
    all_ids: list[Any] = Field(sa_column=Column(JSON, nullable=False))


class InspectionRow(OversightTable, table=True):
    __tablename__ = "inspection"
    inspection_id: str = Field(primary_key=True, max_length=64)
    agency_id: str = Field(max_length=64, index=True, foreign_key="agency.agency_id")
    entity_id: str = Field(max_length=64)
    year: int = Field(index=True)
    experts: list[Any] = Field(sa_column=Column(JSON, nullable=False))
    record: str = Field(sa_column=Column(Text, nullable=False))
    findings: list[Any] = Field(sa_column=Column(JSON, nullable=False))
    draw_id: str | None = Field(default=None, max_length=64, foreign_key="inspection_draw.draw_id")
    inspected_at: datetime = Field(sa_column=utc_column())
