"""The enforcement service's tables (its own database): cases with their proposals (four eyes), objections and
appeals and M-40 measures; the hash-chained decision log that holds every case's steps (M-43); inaction flags."""
from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar
from decimal import Decimal

from sqlalchemy import Column, Index, MetaData, Table, Text
from sqlmodel import Field, SQLModel

from ets_shared.persistence.tables import utc_column
from ets_shared.persistence.types import MoneyType

class EnforcementTable(SQLModel):
    """The base of this service's tables: their own MetaData, apart from every other service's."""

    metadata = MetaData()
    __table__: ClassVar[Table]  # set by SQLModel on each table class; declared so a type checker knows it


class PenaltyCaseRow(EnforcementTable, table=True):
    __tablename__ = "penalty_case"
    __table_args__ = (Index("ix_penalty_case_due", "closed_at", "next_due_at"),)
    case_id: str = Field(primary_key=True, max_length=100)
    article: str = Field(max_length=10, index=True)
    party_kind: str = Field(max_length=20)
    party_id: str = Field(max_length=64, index=True)
    opened_at: datetime = Field(sa_column=utc_column())
    opened_by: str = Field(max_length=200)
    source: str = Field(max_length=10)
    allegation: str = Field(sa_column=Column(Text, nullable=False))
    order_kind: str = Field(max_length=10)
    order_detail: str = Field(sa_column=Column(Text, nullable=False))
    correlation_id: str = Field(max_length=100, index=True)
    source_ref: str | None = Field(default=None, max_length=200)
    compliance_year: int | None = Field(default=None, index=True)
    shortfall_tonnes: int | None = None
    outstanding_tonnes: int | None = None
    status: str = Field(max_length=20, index=True)
    order_issued_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    order_issued_by: str | None = Field(default=None, max_length=200)
    order_deadline: date | None = None
    overdue_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    complied_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    fine_amount: Decimal | None = Field(default=None, sa_column=Column(MoneyType(), nullable=True))
    fine_original_amount: Decimal | None = Field(default=None, sa_column=Column(MoneyType(), nullable=True))
    fine_reasons: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    fine_decided_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    fine_decided_by: str | None = Field(default=None, max_length=200)
    fine_approved_by: str | None = Field(default=None, max_length=200)
    fine_public_until: date | None = Field(default=None, index=True)
    fine_served_on: date | None = None
    fine_service_method: str | None = Field(default=None, max_length=20)
    fine_payment_due: date | None = None
    fine_payment_overdue_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    fine_paid_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    fine_revoked_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    fine_declined_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    fine_window_end: date | None = None
    inaction_flagged_for: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    closed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    closure: str | None = Field(default=None, max_length=20)
    next_due_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True),
                                         description="when time alone next changes the case (domain next_due)")


class DecisionLogRow(EnforcementTable, table=True):
    """M-43: every step of every case and every accountability record, in one hash-chained sequence. Append-only:
    the migration installs triggers that refuse UPDATE and DELETE on both SQLite and PostgreSQL."""

    __tablename__ = "decision_log"
    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    at: datetime = Field(sa_column=utc_column())
    recorded_at: datetime = Field(sa_column=utc_column())
    subject_ref: str = Field(max_length=200, index=True)
    case_id: str | None = Field(default=None, max_length=100, index=True)
    kind: str = Field(max_length=30)
    actor: str = Field(max_length=200)
    detail: str = Field(sa_column=Column(Text, nullable=False))
    ref: int | None = None
    correlation_id: str = Field(max_length=100)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class ProposalRow(EnforcementTable, table=True):
    """A decision awaiting (or past) its second officer (four eyes, M-43)."""

    __tablename__ = "case_proposal"
    case_id: str = Field(primary_key=True, max_length=100, foreign_key="penalty_case.case_id")
    no: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    kind: str = Field(max_length=20)
    payload: str = Field(sa_column=Column(Text, nullable=False), description="the decision's terms, JSON")
    summary: str = Field(sa_column=Column(Text, nullable=False))
    proposed_by: str = Field(max_length=200)
    proposed_at: datetime = Field(sa_column=utc_column())
    reviewed_by: str | None = Field(default=None, max_length=200)
    reviewed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    approved: bool | None = None
    review_reasons: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class ChallengeRow(EnforcementTable, table=True):
    """An objection (陈述、申辩) or appeal (行政复议、行政诉讼) with its outcome."""

    __tablename__ = "case_challenge"
    case_id: str = Field(primary_key=True, max_length=100, foreign_key="penalty_case.case_id")
    no: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    kind: str = Field(max_length=20)
    grounds: str = Field(sa_column=Column(Text, nullable=False))
    filed_by: str = Field(max_length=200)
    filed_at: datetime = Field(sa_column=utc_column())
    filed_on: date
    body: str | None = Field(default=None, max_length=200)
    outcome: str | None = Field(default=None, max_length=20)
    outcome_reasons: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    decided_by: str | None = Field(default=None, max_length=200)
    decided_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    amount: Decimal | None = Field(default=None, sa_column=Column(MoneyType(), nullable=True))


class MeasureRow(EnforcementTable, table=True):
    """One concrete M-40 effect on a party (credit record, notification, publication, lost eligibility) with the
    days it stands."""

    __tablename__ = "measure"
    __table_args__ = (Index("ix_measure_window", "effect", "starts_on", "ends_on"),)
    case_id: str = Field(primary_key=True, max_length=100, foreign_key="penalty_case.case_id")
    effect: str = Field(primary_key=True, max_length=40)
    party_id: str = Field(max_length=64, index=True)
    kind: str = Field(max_length=40)
    article: str = Field(max_length=10)
    departments: str = Field(max_length=200, description="comma-separated")
    starts_on: date
    ends_on: date
    decided_at: datetime = Field(sa_column=utc_column())
    detail: str = Field(sa_column=Column(Text, nullable=False))
    decision_no: int
    lifted_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class InactionFlagRow(EnforcementTable, table=True):
    """M-43: a deadline an official let pass, here or in another service, until the act came."""

    __tablename__ = "inaction_flag"
    flag_id: str = Field(primary_key=True, max_length=200)
    responsible: str = Field(max_length=40)
    service: str = Field(max_length=40)
    subject_ref: str = Field(max_length=200, index=True)
    duty: str = Field(sa_column=Column(Text, nullable=False))
    due_on: date | None = None
    found_at: datetime = Field(sa_column=utc_column())
    party_id: str | None = Field(default=None, max_length=64)
    case_id: str | None = Field(default=None, max_length=100, index=True)
    resolved_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True, index=True))
    resolution: str | None = Field(default=None, sa_column=Column(Text, nullable=True))



class ExpectedMarketReportRow(EnforcementTable, table=True):
    """M-42(1): a trading day the exchange opened, whose market report (`exchange.market-day.reported`) is due by
    `due_at`; `missing_found_at` when the first tick after the deadline found none (its case opened then)."""

    __tablename__ = "expected_market_report"
    trading_date: date = Field(primary_key=True)
    exchange_id: str = Field(max_length=64)
    due_at: datetime = Field(sa_column=utc_column(index=True))
    reported_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    missing_found_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
