"""The allocation service's tables (its own database): covered entities, allocation plans and their entries, the
registry (accounts, exchange trading accounts' participants, holdings by vintage and CCER lot, transactions with
their lines), obligations and surrenders."""
from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import BigInteger, Column, Index, MetaData, Table, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from ets_shared.persistence.tables import utc_column


class AllocationTable(SQLModel):
    """The base of this service's tables: their own MetaData, apart from every other service's."""

    metadata = MetaData()
    __table__: ClassVar[Table]  # set by SQLModel on each table class; declared so a type checker knows it


BASE = AllocationTable

ISSUANCE_ACCOUNT = "AUTHORITY-ISSUANCE"
CANCELLATION_ACCOUNT = "AUTHORITY-CANCELLATION"
RECALL_ACCOUNT = "AUTHORITY-RECALL"


class CoveredEntityRow(AllocationTable, table=True):
    """An emitter the authority manages: covered (M-5) or reporting-only (M-12 ¶2), with the basis and first year."""

    __tablename__ = "covered_entity"
    entity_id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=300)
    sector: str = Field(max_length=100)
    registered_at: datetime = Field(sa_column=utc_column())
    status: str = Field(max_length=20)
    exited_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    coverage: str = Field(default="covered", max_length=20, index=True)
    coverage_basis: str | None = Field(default=None, max_length=30)
    first_compliance_year: int | None = None


class KnownEmissionsRow(AllocationTable, table=True):
    """The best annual emissions the authority knows for an emitter-year (declared < reported < determined), to which
    the M-5 thresholds are applied."""

    __tablename__ = "known_emissions"
    entity_id: str = Field(primary_key=True, max_length=64, foreign_key="covered_entity.entity_id")
    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    tonnes: int = Field(sa_type=BigInteger)
    energy_tce: int | None = Field(default=None, sa_type=BigInteger)
    source: str = Field(max_length=20)
    recorded_at: datetime = Field(sa_column=utc_column())


class CoverageApplicationRow(AllocationTable, table=True):
    """M-5 ¶1: an organisation's application to be covered voluntarily, and the authority's decision."""

    __tablename__ = "coverage_application"
    application_id: str = Field(primary_key=True, max_length=100)
    entity_id: str = Field(max_length=64, index=True)
    name: str = Field(max_length=300)
    sector: str = Field(max_length=100)
    compliance_year: int
    statement: str = Field(sa_column=Column(Text, nullable=False))
    annual_emissions: int | None = Field(default=None, sa_type=BigInteger)
    status: str = Field(max_length=20, index=True)
    filed_at: datetime = Field(sa_column=utc_column())
    decided_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    decided_by: str | None = Field(default=None, max_length=200)
    decision_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    correlation_id: str = Field(max_length=100, description="of the filing request: the application's case")


class CoveredListRow(AllocationTable, table=True):
    """M-5 ¶2: one published version of a year's list of covered entities."""

    __tablename__ = "covered_list"
    compliance_year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    version: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    published_at: datetime = Field(sa_column=utc_column())
    published_by: str = Field(max_length=200)
    covered_count: int
    reporting_only_count: int
    digest: str = Field(max_length=64)


class CoveredListEntryRow(AllocationTable, table=True):
    __tablename__ = "covered_list_entry"
    compliance_year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    version: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    entity_id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=300)
    sector: str = Field(max_length=100)
    coverage_basis: str = Field(max_length=30)
    first_compliance_year: int


class AccountRow(AllocationTable, table=True):
    """`linked_account_id`: an exchange trading account's holding account (M-26 ¶2)."""

    __tablename__ = "registry_account"
    account_id: str = Field(primary_key=True, max_length=80)
    kind: str = Field(max_length=30)
    holder_id: str | None = Field(default=None, max_length=64, index=True)
    opened_at: datetime = Field(sa_column=utc_column())
    linked_account_id: str | None = Field(default=None, max_length=80, index=True)


class TradingAccountRow(AllocationTable, table=True):
    """The exchange participant an exchange trading account was opened for (M-22, M-26 ¶2): the member, or a client
    of a comprehensive member, acting through `member_id`."""

    __tablename__ = "registry_trading_account"
    trading_account_id: str = Field(primary_key=True, max_length=80, foreign_key="registry_account.account_id")
    holding_account_id: str = Field(max_length=80, foreign_key="registry_account.account_id")
    participant_id: str = Field(max_length=64)
    participant_kind: str = Field(max_length=10)
    member_id: str = Field(max_length=64, index=True)
    covered_entity_id: str | None = Field(default=None, max_length=64)
    name: str = Field(max_length=300)
    opened_at: datetime = Field(sa_column=utc_column())


class HoldingRow(AllocationTable, table=True):
    """One account's units of one type and vintage; for CCER also one lot (origin), named by `lot`."""

    __tablename__ = "holding"
    __table_args__ = (UniqueConstraint("account_id", "unit_type", "vintage", "lot", name="uq_holding_key"),)
    id: int | None = Field(default=None, primary_key=True)
    account_id: str = Field(max_length=80, foreign_key="registry_account.account_id")
    unit_type: str = Field(max_length=10)
    vintage: int
    lot: str = Field(default="", max_length=250)
    project_id: str | None = Field(default=None, max_length=100)
    reduction_date: date | None = None
    boundary_entity_id: str | None = Field(default=None, max_length=64)
    quantity: int


class RegistryTransactionRow(AllocationTable, table=True):
    """`seq` is the registration order (M-32: effective on registration); `purpose`: a transfer's (`transfers`).
    Append-only and hash-chained (`domain.ledger_chain`): the database refuses UPDATE and DELETE."""

    __tablename__ = "registry_transaction"
    seq: int | None = Field(default=None, primary_key=True)
    transaction_id: str = Field(max_length=100, unique=True)
    kind: str = Field(max_length=20)
    registered_at: datetime = Field(sa_column=utc_column(index=True))
    reference: str = Field(max_length=200)
    purpose: str | None = Field(default=None, max_length=30)
    prev_hash: str = Field(max_length=64, description="M-32: the previous transaction's hash (GENESIS for the first)")
    hash: str = Field(max_length=64, description="M-32: SHA-256 over this transaction's content and `prev_hash`")


class TransactionLineRow(AllocationTable, table=True):
    __tablename__ = "registry_transaction_line"
    id: int | None = Field(default=None, primary_key=True)
    transaction_id: str = Field(max_length=100, index=True, foreign_key="registry_transaction.transaction_id")
    line_no: int
    from_account_id: str = Field(max_length=80, index=True, foreign_key="registry_account.account_id")
    to_account_id: str = Field(max_length=80, index=True, foreign_key="registry_account.account_id")
    unit_type: str = Field(max_length=10)
    vintage: int
    quantity: int
    project_id: str | None = Field(default=None, max_length=100)
    reduction_date: date | None = None
    boundary_entity_id: str | None = Field(default=None, max_length=64)


class PlanRow(AllocationTable, table=True):
    __tablename__ = "allocation_plan"
    compliance_year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    cap: int = Field(sa_type=BigInteger)
    status: str = Field(max_length=20)
    created_at: datetime = Field(sa_column=utc_column())
    approved_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    issued_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    paid_reserve: int = Field(default=0, sa_type=BigInteger, description="M-9: the share of the cap reserved for "
                                                                          "paid allocation")
    paid_issued: int = Field(default=0, sa_type=BigInteger, description="M-9: allowances sold and paid for")


class PlanEntryRow(AllocationTable, table=True):
    """One entity's allocation with the inputs of its method (decimals kept as exact text)."""

    __tablename__ = "allocation_entry"
    compliance_year: int = Field(primary_key=True, foreign_key="allocation_plan.compliance_year",
                                 sa_column_kwargs={"autoincrement": False})
    entity_id: str = Field(primary_key=True, max_length=64, foreign_key="covered_entity.entity_id")
    method: str = Field(max_length=30)
    method_quantity: int
    early_action_bonus: int
    quantity: int
    base_years: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    historical_factor: str | None = Field(default=None, max_length=50)
    benchmark_intensity: str | None = Field(default=None, max_length=50)
    output: str | None = Field(default=None, max_length=50)


class ObligationRow(AllocationTable, table=True):
    """`closes_at`: the instant an unmet obligation becomes a shortfall (the year's window, or later after a late
    determination, M-16); re-dated when the year's policy changes."""

    __tablename__ = "obligation"
    __table_args__ = (Index("ix_obligation_year_status", "compliance_year", "status"),
                      Index("ix_obligation_status_closes_at", "status", "closes_at"))
    entity_id: str = Field(primary_key=True, max_length=64, foreign_key="covered_entity.entity_id")
    compliance_year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    determined_emissions: int
    determination_revision: int
    determination_id: str = Field(max_length=100)
    surrendered_shea: int = 0
    surrendered_ccer: int = 0
    status: str = Field(max_length=20)
    shortfall_detected_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    settled_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    recorded_at: datetime = Field(sa_column=utc_column())
    grace_until: date | None = Field(default=None, description="M-16: last day of the period after a late "
                                                                "determination")
    closes_at: datetime = Field(sa_column=utc_column())
    correlation_id: str = Field(max_length=100, description="of the determination that created the obligation")
    exit_year: bool = Field(default=False, description="M-18: the exit year's obligation, due after its "
                                                       "determination")
    succession_adjustment: int = Field(default=0, sa_type=BigInteger,
                                       description="M-10: + inherited from predecessors, - passed on to successors")


class SurrenderRow(AllocationTable, table=True):
    __tablename__ = "surrender"
    surrender_id: str = Field(primary_key=True, max_length=64)
    entity_id: str = Field(max_length=64, index=True, foreign_key="covered_entity.entity_id")
    compliance_year: int
    transaction_id: str = Field(max_length=100, foreign_key="registry_transaction.transaction_id")
    shea: int
    ccer: int
    late: bool
    surrendered_at: datetime = Field(sa_column=utc_column())


class EntityExitRow(AllocationTable, table=True):
    """M-18: an entity's declared exit, its report's due date and the recall of later vintages' free allowances."""

    __tablename__ = "entity_exit"
    entity_id: str = Field(primary_key=True, max_length=64, foreign_key="covered_entity.entity_id")
    reason: str = Field(max_length=30)
    exit_on: date
    report_due_on: date
    statement: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    declared_at: datetime = Field(sa_column=utc_column())
    declared_by: str = Field(max_length=200)
    recall_transaction_id: str | None = Field(default=None, max_length=100)
    recall: str = Field(sa_column=Column(Text, nullable=False), description="JSON: the recall lines by vintage")
    correlation_id: str = Field(max_length=100)


class SuccessionRow(AllocationTable, table=True):
    """M-10: a merger or split plan as filed, the authority's decision and what it moved."""

    __tablename__ = "succession"
    succession_id: str = Field(primary_key=True, max_length=64)
    kind: str = Field(max_length=10)
    predecessor_ids: str = Field(sa_column=Column(Text, nullable=False), description="JSON list")
    successor_id: str | None = Field(default=None, max_length=64)
    facilities: str = Field(sa_column=Column(Text, nullable=False), description="JSON: the split plan")
    effective_on: date
    statement: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(max_length=10, index=True)
    filed_at: datetime = Field(sa_column=utc_column())
    filed_by: str = Field(max_length=200)
    decided_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    decided_by: str | None = Field(default=None, max_length=200)
    decision_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    moved: str | None = Field(default=None, sa_column=Column(Text, nullable=True),
                              description="JSON: the transactions and obligations it moved")
    correlation_id: str = Field(max_length=100)


class LedgerHeadRow(AllocationTable, table=True):
    """M-32: the chain head at the end of a (Shanghai) day, published once as `ledger.head-published`."""

    __tablename__ = "ledger_head"
    day: date = Field(primary_key=True)
    seq: int
    hash: str = Field(max_length=64)
    published_at: datetime = Field(sa_column=utc_column())


class SaleRow(AllocationTable, table=True):
    """M-9: an auction or fixed-price sale of part of a plan's paid reserve."""

    __tablename__ = "allowance_sale"
    sale_id: str = Field(primary_key=True, max_length=64)
    compliance_year: int = Field(foreign_key="allocation_plan.compliance_year", index=True)
    kind: str = Field(max_length=12)
    quantity: int = Field(sa_type=BigInteger)
    price: str | None = Field(default=None, max_length=30, description="the fixed price (RMB per allowance)")
    reserve_price: str = Field(max_length=30)
    status: str = Field(max_length=10)
    opened_at: datetime = Field(sa_column=utc_column())
    cleared_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    clearing_price: str | None = Field(default=None, max_length=30)
    awarded: int | None = Field(default=None, sa_type=BigInteger)
    correlation_id: str = Field(max_length=100)


class BidRow(AllocationTable, table=True):
    """A sealed bid (or a fixed-price subscription) and, once cleared, its award and payment."""

    __tablename__ = "allowance_bid"
    sale_id: str = Field(primary_key=True, max_length=64, foreign_key="allowance_sale.sale_id")
    bidder_id: str = Field(primary_key=True, max_length=64)
    quantity: int = Field(sa_type=BigInteger)
    price: str = Field(max_length=30)
    placed_at: datetime = Field(sa_column=utc_column())
    awarded: int | None = Field(default=None, sa_type=BigInteger)
    amount: str | None = Field(default=None, max_length=30)
    paid_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    payment_reference: str | None = Field(default=None, max_length=100)
    transaction_id: str | None = Field(default=None, max_length=100)


class SerialBlockRow(AllocationTable, table=True):
    """A block of serial numbers an account holds now (first..last inclusive), of one unit type, vintage and lot.
    Blocks never overlap, so both indexes order them by their last serial: an account's blocks lowest first (what a
    transfer takes) and a serial's block (the first whose last is not below the serial). Neither holds
    `first_serial`, so a transfer's split of the sender's lowest block (its first serial moves up) is a heap-only
    update on PostgreSQL — no new index entries, no dead ones for the next lookup of that account's blocks."""

    __tablename__ = "serial_block"
    __table_args__ = (Index("ix_serial_block_lowest", "account_id", "unit_type", "vintage", "lot", "last_serial"),
                      Index("ix_serial_block_last", "unit_type", "vintage", "last_serial"))
    id: int | None = Field(default=None, primary_key=True)
    account_id: str = Field(max_length=80, foreign_key="registry_account.account_id")
    unit_type: str = Field(max_length=10)
    vintage: int
    lot: str = Field(default="", max_length=250)
    issuer: str = Field(max_length=100)
    first_serial: int = Field(sa_type=BigInteger)
    last_serial: int = Field(sa_type=BigInteger)


class SerialMovementRow(AllocationTable, table=True):
    """A block of serials moved by a registered transaction (or, `transaction_id` null, found held when serial
    numbers were introduced): the serial's history. Read by serial (`ix_serial_movement_serial`) and by the accounts
    it moved between, never by its transaction: `transaction_id` has no index (one fewer written per movement)."""

    __tablename__ = "serial_movement"
    __table_args__ = (Index("ix_serial_movement_serial", "unit_type", "vintage", "first_serial"),)
    id: int | None = Field(default=None, primary_key=True)
    transaction_id: str | None = Field(default=None, max_length=100)
    unit_type: str = Field(max_length=10)
    vintage: int
    lot: str = Field(default="", max_length=250)
    issuer: str = Field(max_length=100)
    first_serial: int = Field(sa_type=BigInteger)
    last_serial: int = Field(sa_type=BigInteger)
    from_account_id: str | None = Field(default=None, max_length=80, index=True)
    to_account_id: str = Field(max_length=80, index=True)


class SerialCounterRow(AllocationTable, table=True):
    """The next free serial number of a unit type and vintage."""

    __tablename__ = "serial_counter"
    unit_type: str = Field(primary_key=True, max_length=10)
    vintage: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    next_serial: int = Field(sa_type=BigInteger)
