"""The verifier-oversight service's tables (its own database): the M-14 directory and its history, tenders with
their lots, bids and awards, verifiers, training sessions and certificates, covered entities and the assignment of
their verification (with its history and progress), advisory relations, the evaluation panel, the versioned
scoring table, evaluations with their deductions, the blacklist, inspection draws and inspections.

Lists that belong to one record and are read with it (an agency's fields, a tender's lots, a draw's population, an
inspection's checklist) are JSON documents; exact decimals (prices, scores, ratios) are text."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, BigInteger, Column, ForeignKeyConstraint, MetaData, Table, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from ets_shared.persistence.tables import utc_column


class OversightTable(SQLModel):
    """The base of this service's tables: their own MetaData, apart from every other service's."""

    metadata = MetaData()
    __table__: ClassVar[Table]  # set by SQLModel on each table class; declared so a type checker knows it


def _json() -> Any:
    return Field(sa_column=Column(JSON, nullable=False))


class AgencyRow(OversightTable, table=True):
    __tablename__ = "agency"
    agency_id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=300)
    credit_code: str = Field(max_length=18, index=True)
    filed_at: datetime = Field(sa_column=utc_column())
    fields: list[str] = _json()
    status: str = Field(max_length=20, index=True)
    version: int


class AgencyVersionRow(OversightTable, table=True):
    """M-14: every version of a directory entry, with why it changed."""

    __tablename__ = "agency_version"
    agency_id: str = Field(primary_key=True, max_length=64, foreign_key="agency.agency_id")
    version: int = Field(primary_key=True)
    name: str = Field(max_length=300)
    status: str = Field(max_length=20)
    fields: list[str] = _json()
    reason: str = Field(max_length=1000)
    changed_at: datetime = Field(sa_column=utc_column())
    changed_by: str = Field(max_length=200)


class TenderRow(OversightTable, table=True):
    __tablename__ = "tender"
    tender_id: str = Field(primary_key=True, max_length=64)
    year: int = Field(index=True)
    title: str = Field(max_length=300)
    conditions: list[str] = _json()
    lots: list[dict[str, Any]] = _json()
    bid_deadline: date
    published_at: datetime = Field(sa_column=utc_column())


class BidRow(OversightTable, table=True):
    __tablename__ = "bid"
    __table_args__ = (UniqueConstraint("tender_id", "lot_no", "agency_id"),)
    bid_id: str = Field(primary_key=True, max_length=64)
    tender_id: str = Field(max_length=64, index=True, foreign_key="tender.tender_id")
    lot_no: int
    agency_id: str = Field(max_length=64, index=True, foreign_key="agency.agency_id")
    statement: str = Field(sa_column=Column(Text, nullable=False))
    price: str | None = Field(default=None, max_length=40)
    submitted_at: datetime = Field(sa_column=utc_column())
    score: str | None = Field(default=None, max_length=10)
    score_reason: str | None = Field(default=None, max_length=2000)
    scored_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class LotAwardRow(OversightTable, table=True):
    """V: a lot of a year's tender awarded to an agency: it is selected for the year in the lot's sectors."""

    __tablename__ = "lot_award"
    tender_id: str = Field(primary_key=True, max_length=64, foreign_key="tender.tender_id")
    lot_no: int = Field(primary_key=True)
    agency_id: str = Field(primary_key=True, max_length=64, foreign_key="agency.agency_id")
    year: int = Field(index=True)
    sectors: list[str] = _json()
    expected_volume: int
    winners: int
    reason: str = Field(max_length=2000)
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


class TrainingSessionRow(OversightTable, table=True):
    __tablename__ = "training_session"
    training_id: str = Field(primary_key=True, max_length=64)
    year: int = Field(index=True)
    title: str = Field(max_length=300)
    held_on: date
    attendees: list[str] = _json()
    results: dict[str, int] = _json()


class CertificateRow(OversightTable, table=True):
    __tablename__ = "certificate"
    verifier_id: str = Field(primary_key=True, max_length=64, foreign_key="verifier.verifier_id")
    year: int = Field(primary_key=True)
    agency_id: str = Field(max_length=64, index=True, foreign_key="agency.agency_id")
    certificate_no: str = Field(max_length=64, unique=True)
    issued_at: datetime = Field(sa_column=utc_column())
    revoked_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    exam_score: int | None = None
    training_id: str | None = Field(default=None, max_length=64, foreign_key="training_session.training_id")
    revocation_reason: str | None = Field(default=None, max_length=1000)


class CoveredEntityRow(OversightTable, table=True):
    """From allocation's EntityRegistered: who must be verified, and in which sector."""

    __tablename__ = "covered_entity"
    entity_id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=300)
    sector: str = Field(max_length=100, index=True)
    covered: bool
    registered_at: datetime = Field(sa_column=utc_column())


class EngagementRow(OversightTable, table=True):
    """M-13 ¶1: the current assignment of an entity-year, and its progress from mrv's events."""

    __tablename__ = "engagement"
    entity_id: str = Field(primary_key=True, max_length=64)
    year: int = Field(primary_key=True, index=True)
    agency_id: str = Field(max_length=64, index=True, foreign_key="agency.agency_id")
    revision: int
    reason: str = Field(max_length=2000)
    assigned_at: datetime = Field(sa_column=utc_column())
    proposal_id: str | None = Field(default=None, max_length=64)
    verification_id: str | None = Field(default=None, max_length=150)
    verified_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    missing_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    recheck_opened_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    determined_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    determined_revision: int | None = None


class AssignmentRevisionRow(OversightTable, table=True):
    """Every assignment and reassignment of an entity-year, kept."""

    __tablename__ = "assignment_revision"
    entity_id: str = Field(primary_key=True, max_length=64)
    year: int = Field(primary_key=True)
    revision: int = Field(primary_key=True)
    agency_id: str = Field(max_length=64, foreign_key="agency.agency_id")
    reason: str = Field(max_length=2000)
    proposal_id: str | None = Field(default=None, max_length=64)
    assigned_at: datetime = Field(sa_column=utc_column())
    assigned_by: str = Field(max_length=200)


class AssignmentProposalRow(OversightTable, table=True):
    __tablename__ = "assignment_proposal"
    proposal_id: str = Field(primary_key=True, max_length=64)
    year: int = Field(index=True)
    entries: list[dict[str, str]] = _json()
    unplaced: list[dict[str, str]] = _json()
    status: str = Field(max_length=20)
    proposed_at: datetime = Field(sa_column=utc_column())
    proposed_by: str = Field(max_length=200)
    decided_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class VerificationRecordRow(OversightTable, table=True):
    """From mrv's VerificationFiled: which agency verified which entity-year (the rotation rule's history)."""

    __tablename__ = "verification_record"
    entity_id: str = Field(primary_key=True, max_length=64)
    year: int = Field(primary_key=True)
    agency_id: str = Field(max_length=64, index=True)
    verification_id: str = Field(max_length=150)
    filed_at: datetime = Field(sa_column=utc_column())


class AdvisoryRelationRow(OversightTable, table=True):
    __tablename__ = "advisory_relation"
    id: int | None = Field(default=None, primary_key=True)
    agency_id: str = Field(max_length=64, index=True, foreign_key="agency.agency_id")
    entity_id: str = Field(max_length=64, index=True)
    from_year: int
    to_year: int | None = None
    description: str = Field(max_length=1000)
    declared_at: datetime = Field(sa_column=utc_column())
    declared_by: str = Field(max_length=200)


class PanelMemberRow(OversightTable, table=True):
    __tablename__ = "panel_member"
    year: int = Field(primary_key=True)
    member_id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=300)
    kind: str = Field(max_length=20)
    affiliation: str = Field(max_length=300)
    conflicts: list[dict[str, Any]] = _json()
    appointed_at: datetime = Field(sa_column=utc_column())


class ScoringTableRow(OversightTable, table=True):
    """考核记分细则: one adopted version of a year's scoring table."""

    __tablename__ = "scoring_table"
    year: int = Field(primary_key=True)
    version: int = Field(primary_key=True)
    items: list[dict[str, Any]] = _json()
    adopted_at: datetime = Field(sa_column=utc_column())
    adopted_by: str = Field(max_length=200)
    reason: str = Field(max_length=1000)


class EvaluationYearRow(OversightTable, table=True):
    """A year whose evaluation is final (all its agencies at once), and the table version it was scored under."""

    __tablename__ = "evaluation_year"
    year: int = Field(primary_key=True)
    finalised_at: datetime = Field(sa_column=utc_column())
    table_version: int
    finalised_by: str = Field(max_length=200)


class EvaluationRow(OversightTable, table=True):
    __tablename__ = "evaluation"
    agency_id: str = Field(primary_key=True, max_length=64, foreign_key="agency.agency_id")
    year: int = Field(primary_key=True, index=True)
    opened_at: datetime = Field(sa_column=utc_column())
    finalised_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    final_score: int | None = None
    grade: str | None = Field(default=None, max_length=20)
    rank: int | None = None
    table_version: int | None = None


class DeductionRow(OversightTable, table=True):
    __tablename__ = "deduction"
    __table_args__ = (ForeignKeyConstraint(["agency_id", "year"], ["evaluation.agency_id", "evaluation.year"]),)
    deduction_id: str = Field(primary_key=True, max_length=200)
    agency_id: str = Field(max_length=64, index=True)
    year: int = Field(index=True)
    code: str = Field(max_length=64)
    points: int
    reason: str = Field(max_length=2000)
    source: str = Field(max_length=20)
    evidence: list[str] = _json()
    recorded_at: datetime = Field(sa_column=utc_column())
    table_version: int
    reference: str | None = Field(default=None, max_length=200)
    entity_id: str | None = Field(default=None, max_length=64)
    measure: str | None = Field(default=None, max_length=40)
    unscored: str | None = Field(default=None, max_length=500)
    status: str = Field(max_length=20, index=True)
    contest_grounds: str | None = Field(default=None, max_length=4000)
    contested_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    review_reason: str | None = Field(default=None, max_length=2000)
    reviewed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class InspectionDrawRow(OversightTable, table=True):
    __tablename__ = "inspection_draw"
    draw_id: str = Field(primary_key=True, max_length=64)
    agency_id: str = Field(max_length=64, index=True, foreign_key="agency.agency_id")
    year: int = Field(index=True)
    seed: int = Field(sa_column=Column(BigInteger, nullable=False))
    drawn_at: datetime = Field(sa_column=utc_column())
    random_ratio: str = Field(max_length=20, description="the policy's ratio the draw used, as an exact decimal")
    random_minimum: int
    population_ids: list[str] = _json()
    targeted: list[dict[str, str]] = _json()
    random_ids: list[str] = _json()


class InspectionRow(OversightTable, table=True):
    __tablename__ = "inspection"
    inspection_id: str = Field(primary_key=True, max_length=64)
    kind: str = Field(max_length=20)
    agency_id: str = Field(max_length=64, index=True, foreign_key="agency.agency_id")
    entity_id: str = Field(max_length=64)
    year: int = Field(index=True)
    inspected_on: date
    team: list[str] = _json()
    checklist: list[dict[str, str]] = _json()
    findings: list[dict[str, Any]] = _json()
    record: str = Field(sa_column=Column(Text, nullable=False))
    draw_id: str | None = Field(default=None, max_length=64, foreign_key="inspection_draw.draw_id")
    reason: str | None = Field(default=None, max_length=2000)
    signatures: list[dict[str, str]] = _json()
    completed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    recorded_at: datetime = Field(sa_column=utc_column())
