"""The enforcement service's tables (its own database): cases, their step history (M-43 audit trail), the M-40
measures applied, and late settlements that arrived before their shortfall."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Column, Index, Text
from sqlmodel import Field

from ets_shared.persistence.tables import service_table_base, utc_column
from ets_shared.persistence.types import MoneyType

EnforcementTable = service_table_base("Enforcement")


class PenaltyCaseRow(EnforcementTable, table=True):
    __tablename__ = "penalty_case"
    __table_args__ = (Index("ix_penalty_case_due", "closed_at", "next_due_at"),)
    case_id: str = Field(primary_key=True, max_length=100)
    article: str = Field(max_length=10, index=True)
    party_kind: str = Field(max_length=20)
    party_id: str = Field(max_length=64, index=True)
    opened_at: datetime = Field(sa_column=utc_column())
    source: str = Field(max_length=10)
    allegation: str = Field(sa_column=Column(Text, nullable=False))
    order_kind: str = Field(max_length=10)
    order_detail: str = Field(sa_column=Column(Text, nullable=False))
    source_ref: str | None = Field(default=None, max_length=200)
    compliance_year: int | None = Field(default=None, index=True)
    shortfall_tonnes: int | None = None
    outstanding_tonnes: int | None = None
    status: str = Field(max_length=20, index=True)
    order_issued_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    order_deadline: date | None = None
    overdue_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    complied_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    fine_amount: Decimal | None = Field(default=None, sa_column=Column(MoneyType(), nullable=True))
    fine_reasons: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    fine_decided_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    fine_declined_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    fine_paid_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    fine_window_end: date | None = None
    measures_applied: str = Field(default="", max_length=200, description="M-40 kinds, comma-separated")
    inaction_flagged_for: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    closed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    closure: str | None = Field(default=None, max_length=20)
    next_due_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True),
                                         description="when time alone next changes the case (domain next_due)")


class CaseStepRow(EnforcementTable, table=True):
    """One step of a case's history, append-only (M-43)."""

    __tablename__ = "case_step"
    case_id: str = Field(primary_key=True, max_length=100, foreign_key="penalty_case.case_id")
    seq: int = Field(primary_key=True)
    at: datetime = Field(sa_column=utc_column())
    kind: str = Field(max_length=30)
    actor: str = Field(max_length=200)
    detail: str = Field(sa_column=Column(Text, nullable=False))


class MeasureRow(EnforcementTable, table=True):
    """One concrete M-40 effect on a party (credit record, notification, publication, lost eligibility)."""

    __tablename__ = "measure"
    case_id: str = Field(primary_key=True, max_length=100, foreign_key="penalty_case.case_id")
    effect: str = Field(primary_key=True, max_length=40)
    party_id: str = Field(max_length=64, index=True)
    kind: str = Field(max_length=40)
    article: str = Field(max_length=10)
    departments: str = Field(max_length=200, description="comma-separated")
    from_year: int | None = None
    to_year: int | None = None
    decided_at: datetime = Field(sa_column=utc_column())
    detail: str = Field(sa_column=Column(Text, nullable=False))
