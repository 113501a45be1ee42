"""The mrv's tables (its own database): one row per entity-year case with its verification, objections, re-checks
and determinations (M-12..M-15), determinations imported from the legacy system, and this service's copies of who
is covered (allocation) and who may sign (verifier-oversight, V).

Exact decimals of the emissions breakdown (direct/indirect/total tCO2e before rounding) are kept as text, so no
database rounds them through a float; activity sources, findings, evidence and triggers are JSON documents.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Column, Index, MetaData, Table, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from ets_shared.persistence.tables import utc_column


class MrvTable(SQLModel):
    """The base of this service's tables: their own MetaData, apart from every other service's."""

    metadata = MetaData()
    __table__: ClassVar[Table]  # set by SQLModel on each table class; declared so a type checker knows it


def _json() -> Any:
    return Field(sa_column=Column(JSON, nullable=False))


class ReportCaseRow(MrvTable, table=True):
    """One entity-year: the emission report (M-12; its columns null while the report is missing) and the case's
    state. `auto_determine_at` is set only while VERIFIED under the automatic option (M-15 ¶1), `decision_due_by`
    only while a determination is due (M-15, the queue's deadline), so the tick finds due cases by one index each."""

    __tablename__ = "report_case"
    __table_args__ = (UniqueConstraint("entity_id", "compliance_year"),)
    report_id: str = Field(primary_key=True, max_length=150)
    entity_id: str = Field(max_length=64, index=True)
    compliance_year: int = Field(index=True)
    state: str = Field(max_length=20, index=True)
    covered: bool
    late: bool | None = None
    factor_set_id: str | None = Field(default=None, max_length=40)
    sources: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    direct: str | None = Field(default=None, max_length=60)
    indirect: str | None = Field(default=None, max_length=60)
    total: str | None = Field(default=None, max_length=60)
    reported_emissions: int | None = None
    submitted_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    amended_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    determination_due_by: date | None = None
    auto_determine_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True, index=True))
    correlation_id: str = Field(max_length=100)
    report_missing_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    verification_missing_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    decision_due_by: date | None = Field(default=None, index=True)
    overdue_flagged_for: date | None = None
    exit_report_due: date | None = Field(default=None, index=True, description="M-18: an exiting entity's report "
                                                                               "of its exit year is due this day")


class VerificationRow(MrvTable, table=True):
    """M-13: the verification report on one emission report, signed under a certificate (V)."""

    __tablename__ = "verification"
    report_id: str = Field(primary_key=True, max_length=150, foreign_key="report_case.report_id")
    verification_id: str = Field(max_length=150, unique=True)
    agency_id: str = Field(max_length=64, index=True)
    verifier_id: str = Field(max_length=64, index=True)
    certificate_no: str = Field(max_length=100)
    verified_sources: list[dict[str, Any]] = _json()
    direct: str = Field(max_length=60)
    indirect: str = Field(max_length=60)
    total: str = Field(max_length=60)
    factor_set_id: str = Field(max_length=40)
    verified_emissions: int
    findings: list[str] = _json()
    submitted_at: datetime = Field(sa_column=utc_column())
    late: bool


class ObjectionRow(MrvTable, table=True):
    """M-15 ¶2(3): the entity's objection to the verification report, with its evidence."""

    __tablename__ = "objection"
    report_id: str = Field(primary_key=True, max_length=150, foreign_key="report_case.report_id")
    seq: int = Field(primary_key=True)
    evidence: list[str] = _json()
    filed_at: datetime = Field(sa_column=utc_column())


class RecheckRow(MrvTable, table=True):
    """M-15 ¶2: a re-check (复查) and the triggers it was opened (or later joined) for."""

    __tablename__ = "recheck"
    report_id: str = Field(primary_key=True, max_length=150, foreign_key="report_case.report_id")
    seq: int = Field(primary_key=True)
    triggers: list[dict[str, str]] = _json()
    opened_at: datetime = Field(sa_column=utc_column())
    due_by: date


class DeterminationRow(MrvTable, table=True):
    """M-15: a determination (审定); revisions of the same entity-year supersede earlier ones."""

    __tablename__ = "determination"
    __table_args__ = (Index("ix_determination_entity_year", "entity_id", "compliance_year", "revision"),)
    determination_id: str = Field(primary_key=True, max_length=150)
    report_id: str = Field(max_length=150, index=True, foreign_key="report_case.report_id")
    entity_id: str = Field(max_length=64)
    compliance_year: int = Field(index=True)
    emissions: int
    basis: str = Field(max_length=20)
    triggers: list[dict[str, str]] = _json()
    revision: int
    determined_at: datetime = Field(sa_column=utc_column())
    due_by: date | None = None
    reason: str | None = Field(default=None, max_length=2000)


class HistoricalDeterminationRow(MrvTable, table=True):
    """An earlier year's determined emissions imported from the legacy system (for the M-15 ¶2(2) comparison)."""

    __tablename__ = "historical_determination"
    entity_id: str = Field(primary_key=True, max_length=64)
    compliance_year: int = Field(primary_key=True)
    emissions: int
    imported_at: datetime = Field(sa_column=utc_column())
    imported_by: str = Field(max_length=200)


class CoveredEntityRow(MrvTable, table=True):
    """From allocation's EntityRegistered: covered entities (M-5) versus reporting-only emitters (M-12 ¶2), the first
    year they must report for, and the first year they are covered (a reporting-only emitter covered later keeps its
    earlier reporting years)."""

    __tablename__ = "covered_entity"
    entity_id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=300)
    sector: str = Field(max_length=100)
    covered: bool
    registered_at: datetime = Field(sa_column=utc_column())
    first_compliance_year: int = Field(index=True, description="the first year it must report for")
    covered_from: int | None = Field(default=None, description="the first year it is covered (plans are owed from "
                                                                "the next one); null while reporting-only")
    last_compliance_year: int | None = Field(default=None, description="M-18 exit / M-10 succession: the last year "
                                             "it reports for; null while it exists")


class EntitySuccessorRow(MrvTable, table=True):
    """M-10, from allocation's `succession.approved`: a successor that took over a predecessor's reporting duty and
    history (it files, amends and reads the predecessor's reports of the years before the succession)."""

    __tablename__ = "entity_successor"
    predecessor_id: str = Field(primary_key=True, max_length=64)
    successor_id: str = Field(primary_key=True, max_length=64, index=True)
    succession_id: str = Field(max_length=64)
    effective_on: date


def reports_in(year: int) -> Any:
    """The entity still exists in `year` (it did not exit or pass to a successor before it, M-18, M-10)."""
    return CoveredEntityRow.last_compliance_year.is_(None) | (CoveredEntityRow.last_compliance_year >= year)


class MonitoringPlanRow(MrvTable, table=True):
    """M-11: an entity's monitoring plan for a year — its versions are `monitoring_plan_version` rows; a row without
    versions is a plan found missing at the deadline."""

    __tablename__ = "monitoring_plan"
    # an entity's plan of a year: the tick's search for covered entities owing a plan asks this of each entity
    # (`MonitoringRepository.owing`); with only single-column indexes SQLite took the year's and read every plan of
    # the year per entity — quadratic in the entities (a second 1,000-entity bench year: 0.4 s a tick)
    __table_args__ = (Index("ix_monitoring_plan_entity_year", "entity_id", "compliance_year"),)
    plan_id: str = Field(primary_key=True, max_length=150)
    entity_id: str = Field(max_length=64)
    compliance_year: int = Field(index=True)
    late: bool = False
    missing_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    correlation_id: str = Field(max_length=100)


class MonitoringPlanVersionRow(MrvTable, table=True):
    """One version of a monitoring plan: its content (scope, sources with method, instruments and frequency,
    responsible staff) and, from the second on, the reason for the change (M-11 ¶2)."""

    __tablename__ = "monitoring_plan_version"
    plan_id: str = Field(primary_key=True, max_length=150, foreign_key="monitoring_plan.plan_id")
    version: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    content: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    filed_at: datetime = Field(sa_column=utc_column())
    change_reason: str | None = Field(default=None, max_length=2000)
    major_change: bool = False


class AgencyEligibilityRow(MrvTable, table=True):
    """From verifier-oversight: may the agency take verification work for the year (selected, not blacklisted)?"""

    __tablename__ = "agency_eligibility"
    agency_id: str = Field(primary_key=True, max_length=64)
    compliance_year: int = Field(primary_key=True)
    eligible: bool
    reason: str = Field(max_length=1000)
    changed_at: datetime = Field(sa_column=utc_column())


class VerifierCertificateRow(MrvTable, table=True):
    """From verifier-oversight: a verification work certificate (核查工作证) for a year, and its revocation."""

    __tablename__ = "verifier_certificate"
    __table_args__ = (Index("ix_verifier_certificate_verifier_year", "verifier_id", "compliance_year"),)
    certificate_no: str = Field(primary_key=True, max_length=100)
    verifier_id: str = Field(max_length=64)
    agency_id: str = Field(max_length=64, index=True)
    compliance_year: int = Field(index=True)
    issued_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    revoked_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    revoke_reason: str | None = Field(default=None, max_length=1000)


class AgencyFilingRow(MrvTable, table=True):
    """From verifier-oversight's AgencyFiled / AgencyFilingChanged: the agency's directory status (M-14), latest
    version kept."""

    __tablename__ = "agency_filing"
    agency_id: str = Field(primary_key=True, max_length=64)
    status: str = Field(max_length=20)
    version: int
    changed_at: datetime = Field(sa_column=utc_column())


class AgencyAwardRow(MrvTable, table=True):
    """From verifier-oversight's TenderAwarded: a lot of the year's tender won by the agency (V)."""

    __tablename__ = "agency_award"
    agency_id: str = Field(primary_key=True, max_length=64)
    compliance_year: int = Field(primary_key=True)
    tender_id: str = Field(primary_key=True, max_length=64)
    lot_no: int = Field(primary_key=True)
    awarded_at: datetime = Field(sa_column=utc_column())


class AgencyBlacklistingRow(MrvTable, table=True):
    """From verifier-oversight's AgencyBlacklisted: the years the agency may not sign (V)."""

    __tablename__ = "agency_blacklisting"
    agency_id: str = Field(primary_key=True, max_length=64)
    evaluated_year: int = Field(primary_key=True)
    from_year: int
    to_year: int
    reason: str = Field(max_length=1000)


class VerificationAssignmentRow(MrvTable, table=True):
    """From verifier-oversight's VerificationAssigned: the agency commissioned to verify the entity-year (M-13 ¶1),
    latest revision kept."""

    __tablename__ = "verification_assignment"
    entity_id: str = Field(primary_key=True, max_length=64)
    compliance_year: int = Field(primary_key=True)
    agency_id: str = Field(max_length=64, index=True)
    revision: int
    assigned_at: datetime = Field(sa_column=utc_column())


class VerificationImpedimentRow(MrvTable, table=True):
    """The assigned agency's record of false documents, concealment, refused documents or obstruction (M-13 ¶2,
    M-38)."""

    __tablename__ = "verification_impediment"
    impediment_id: str = Field(primary_key=True, max_length=120)
    report_id: str = Field(max_length=100, index=True)
    entity_id: str = Field(max_length=64)
    compliance_year: int
    agency_id: str = Field(max_length=64)
    recorded_by: str = Field(max_length=200)
    kind: str = Field(max_length=30)
    description: str = Field(sa_column=Column(Text, nullable=False))
    evidence: str = Field(sa_column=Column(Text, nullable=False), description="JSON list")
    occurred_on: date
    recorded_at: datetime = Field(sa_column=utc_column())
