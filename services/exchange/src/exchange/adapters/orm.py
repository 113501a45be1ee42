"""The exchange's tables (its own database; membership now, order books and trades with the trading issue)."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from ets_shared.persistence.tables import service_table_base, utc_column

ExchangeTable = service_table_base("Exchange")


class MemberRow(ExchangeTable, table=True):
    __tablename__ = "member"
    member_id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=300)
    kind: str = Field(max_length=20)
    covered_entity_id: str | None = Field(default=None, max_length=64, unique=True)
    admitted_at: datetime = Field(sa_column=utc_column())
    status: str = Field(max_length=20)
    status_reason: str | None = Field(default=None, max_length=1000)
    status_changed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class ComprehensiveApplicationRow(ExchangeTable, table=True):
    __tablename__ = "comprehensive_application"
    application_id: str = Field(primary_key=True, max_length=64)
    member_id: str = Field(max_length=64, index=True, foreign_key="member.member_id")
    applied_at: datetime = Field(sa_column=utc_column())
    status: str = Field(max_length=20)
    decided_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    decision_reason: str | None = Field(default=None, max_length=1000)
