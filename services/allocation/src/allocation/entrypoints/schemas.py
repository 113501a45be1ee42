"""What the allocation service's HTTP API returns, and who may see an entity's records."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from pydantic import BaseModel

from allocation.adapters.orm import HoldingRow, ObligationRow, RegistryTransactionRow, TransactionLineRow
from allocation.adapters.obligations import obligation_of
from allocation.domain import AllocationEntry, AllocationPlan, CoveredEntity, Obligation, RegistryTransaction, Surrender
from allocation.service_layer.registration import account_id
from ets_shared.auth import Principal, Role
from ets_shared.clock import regulatory_date
from ets_shared.errors import Forbidden

SUPERVISORS = (Role.AUTHORITY, Role.ENFORCEMENT_OFFICER)


def may_see(caller: Principal, entity_id: str) -> None:
    """The authority and the enforcement office see every entity's records; an entity only its own."""
    if not (caller.has(*SUPERVISORS) or (caller.has(Role.ENTITY) and caller.owns(entity_id))):
        raise Forbidden("an entity sees only its own records", field="entity_id")


class EntityPublic(BaseModel):
    entity_id: str
    name: str
    sector: str
    status: str
    coverage: str  # covered (M-5) or reporting_only (M-12 ¶2)
    coverage_basis: str | None  # threshold, voluntary or reporting_threshold
    first_compliance_year: int | None
    registered_at: datetime
    exited_at: datetime | None
    account_id: str | None  # the holding account of a covered entity

    @classmethod
    def of(cls, e: CoveredEntity) -> EntityPublic:
        return cls(entity_id=e.entity_id, name=e.name, sector=e.sector, status=e.status.value,
                   coverage=e.coverage.value, coverage_basis=e.coverage_basis.value if e.coverage_basis else None,
                   first_compliance_year=e.first_compliance_year, registered_at=e.registered_at,
                   exited_at=e.exited_at, account_id=account_id(e.entity_id) if e.is_covered else None)


class PlanPublic(BaseModel):
    compliance_year: int
    cap: int
    status: str
    allocated: int  # free (M-8)
    free: int  # = allocated
    paid_reserve: int  # M-9: kept for sale (the year's paid_share of the cap)
    paid: int  # M-9: sold, paid for and issued
    remaining: int  # what free allocation may still take: cap - free - paid_reserve
    entries_count: int
    approved_at: datetime | None
    issued_at: datetime | None

    @classmethod
    def of(cls, p: AllocationPlan) -> PlanPublic:
        return cls(compliance_year=p.year, cap=p.cap, status=p.status.value, allocated=p.allocated,
                   free=p.allocated, paid_reserve=p.paid_reserve, paid=p.paid_issued, remaining=p.remaining,
                   entries_count=p.entries_count, approved_at=p.approved_at,
                   issued_at=p.issued_at)


class EntryPublic(BaseModel):
    entity_id: str
    method: str
    method_quantity: int
    early_action_bonus: int
    quantity: int
    base_years: dict[int, int] | None
    factor: Decimal | None
    intensity: Decimal | None
    output: Decimal | None

    @classmethod
    def of(cls, e: AllocationEntry) -> EntryPublic:
        return cls(entity_id=e.entity_id, method=e.method.value, method_quantity=e.method_quantity,
                   early_action_bonus=e.early_action_bonus, quantity=e.quantity,
                   base_years={b.year: b.emissions for b in e.base_years} or None, factor=e.historical_factor,
                   intensity=e.benchmark_intensity, output=e.output)


class HoldingPublic(BaseModel):
    unit_type: str
    vintage: int
    quantity: int


class LotPublic(HoldingPublic):
    project_id: str | None
    reduction_date: date | None
    boundary_entity_id: str | None

    @classmethod
    def of(cls, row: HoldingRow) -> LotPublic:
        return cls(**row.model_dump(include=set(cls.model_fields)))


class TransactionLinePublic(BaseModel):
    from_account_id: str
    to_account_id: str
    unit_type: str
    vintage: int
    quantity: int
    project_id: str | None = None
    reduction_date: date | None = None
    boundary_entity_id: str | None = None


class TransactionPublic(BaseModel):
    transaction_id: str
    kind: str
    registered_at: datetime
    reference: str | None
    lines: list[TransactionLinePublic]
    purpose: str | None = None  # of a transfer: exchange_deposit, exchange_withdrawal, trade_delivery, holder_transfer

    @classmethod
    def of(cls, tx: RegistryTransactionRow, lines: list[TransactionLineRow]) -> TransactionPublic:
        return cls(transaction_id=tx.transaction_id, kind=tx.kind, registered_at=tx.registered_at,
                   reference=tx.reference, purpose=tx.purpose,
                   lines=[TransactionLinePublic(**ln.model_dump(include=set(TransactionLinePublic.model_fields)))
                          for ln in lines])

    @classmethod
    def registered(cls, tx: RegistryTransaction, reference: str | None = None) -> TransactionPublic:
        return cls(transaction_id=tx.transaction_id, kind=tx.kind.value, registered_at=tx.registered_at,
                   reference=reference, purpose=tx.purpose.value if tx.purpose else None, lines=[TransactionLinePublic(
                       from_account_id=ln.from_account_id, to_account_id=ln.to_account_id,
                       unit_type=ln.unit_type.value, vintage=ln.vintage, quantity=ln.quantity,
                       project_id=ln.origin.project_id if ln.origin else None,
                       reduction_date=ln.origin.reduction_date if ln.origin else None,
                       boundary_entity_id=ln.origin.boundary_entity_id if ln.origin else None) for ln in tx.lines])


class ObligationPublic(BaseModel):
    entity_id: str
    compliance_year: int
    determined_emissions: int
    inherited: int  # M-10: + from predecessors, - passed on to successors; the obligation is the sum of both
    determination_revision: int
    determination_id: str
    surrendered: int
    surrendered_shea: int
    surrendered_ccer: int
    remaining: int
    status: str
    surrender_until: date  # M-16: the last day to surrender (the window, or later after a late determination)
    shortfall_at: datetime  # the instant an unmet obligation becomes a shortfall
    shortfall_detected_at: datetime | None
    settled_at: datetime | None

    @classmethod
    def of(cls, row: ObligationRow) -> ObligationPublic:
        ob = obligation_of(row)
        return cls(entity_id=ob.entity_id, compliance_year=ob.year, determined_emissions=ob.determined_emissions,
                   inherited=ob.succession_adjustment,
                   determination_revision=ob.determination_revision, determination_id=row.determination_id,
                   surrendered=ob.surrendered, surrendered_shea=ob.surrendered_shea,
                   surrendered_ccer=ob.surrendered_ccer, remaining=ob.remaining, status=ob.status.value,
                   surrender_until=regulatory_date(row.closes_at - timedelta(seconds=1)), shortfall_at=row.closes_at,
                   shortfall_detected_at=ob.shortfall_detected_at, settled_at=row.settled_at)


class SurrenderPublic(BaseModel):
    surrender_id: str
    entity_id: str
    compliance_year: int
    quantity: int
    surrendered: int
    remaining: int
    status: str
    late: bool
    transaction_id: str
    surrendered_at: datetime

    @classmethod
    def of(cls, ob: Obligation, row: Surrender) -> SurrenderPublic:
        return cls(surrender_id=row.surrender_id, entity_id=row.entity_id, compliance_year=row.compliance_year,
                   quantity=row.quantity, surrendered=ob.surrendered, remaining=ob.remaining,
                   status=ob.status.value, late=row.late, transaction_id=row.transaction_id,
                   surrendered_at=row.surrendered_at)


class SurrenderRecordPublic(BaseModel):
    surrender_id: str
    entity_id: str
    compliance_year: int
    shea: int
    ccer: int
    late: bool
    transaction_id: str
    surrendered_at: datetime

    @classmethod
    def of(cls, surrender: Surrender) -> SurrenderRecordPublic:
        return cls(**{name: getattr(surrender, name) for name in cls.model_fields})
