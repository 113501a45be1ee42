"""Repositories: covered entities and allocation plans (loaded whole or only the entries a command touches).
Obligations and surrenders: `obligations`; the registry: `registry_store`."""
from __future__ import annotations

import builtins
import json
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from allocation.adapters.orm import CoveredEntityRow, PlanEntryRow, PlanRow
from allocation.adapters.registry_store import chunks
from allocation.domain import (
    AllocationEntry, AllocationMethod, AllocationPlan, BaseYearEmission, Coverage, CoveredEntity, EntityStatus,
    PlanStatus, Standing, exit_year_of,
)
from ets_shared.errors import Conflict, NotFound
from ets_shared.persistence.bulk import insert_rows
from ets_shared.persistence.mapping import to_domain


_ENTITY = CoveredEntityRow.__table__
#: a consumed batch's entities' standing, built once
_STANDING_OF = select(_ENTITY.c.entity_id, _ENTITY.c.coverage, _ENTITY.c.status, _ENTITY.c.exited_at).where(
    _ENTITY.c.entity_id.in_(bindparam("ids", expanding=True)))
_STANDING = "allocation.standing_ahead"  # session.info: entities' standing read ahead for a consumed batch


class EntityRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        #: read ahead: kept alive in the session's (weak) identity map for the rest of the transaction
        self._held: list[CoveredEntityRow] = session.info.setdefault("allocation.entities_held", [])

    def find(self, entity_id: str) -> CoveredEntity | None:
        row = self.session.get(CoveredEntityRow, entity_id)
        return to_domain(row, CoveredEntity) if row else None

    def get(self, entity_id: str) -> CoveredEntity:
        entity = self.find(entity_id)
        if entity is None:
            raise NotFound(f"no covered entity {entity_id}", field="entity_id")
        return entity

    def exists(self, entity_id: str) -> bool:
        return self.session.get(CoveredEntityRow, entity_id) is not None  # read ahead: no query

    def read_ahead(self, entity_ids: Sequence[str]) -> None:
        """Load these entities into the session, one query per 500, so that `find` and `exists` of them query
        nothing for the rest of the transaction (a consumed batch: `ets_shared.messaging.consumers.reads_ahead`)."""
        for ids in chunks(sorted(set(entity_ids))):
            self._held += self.session.execute(
                select(CoveredEntityRow).where(CoveredEntityRow.entity_id.in_(ids))).scalars().all()

    def read_standing_ahead(self, entity_ids: Sequence[str]) -> None:
        """Read these entities' `standing` as three columns, one query per 500, so that `standing` of them queries
        nothing for the rest of the transaction: for a consumed batch of determinations, whose events change no
        entity (loading the whole rows cost more than the rest of the read-ahead)."""
        held: dict[str, Standing | None] = self.session.info.setdefault(_STANDING, {})
        for ids in chunks(sorted(set(entity_ids) - held.keys())):
            held.update(dict.fromkeys(ids))
            for row in self.session.execute(_STANDING_OF, {"ids": list(ids)}):
                held[row.entity_id] = Standing(row.coverage == Coverage.COVERED.value,
                                               exit_year_of(EntityStatus(row.status), row.exited_at))

    def standing(self, entity_id: str) -> Standing | None:
        """Whether the entity is covered and the year it exited; None for an entity this registry does not know."""
        held = self.session.info.get(_STANDING)
        if held is not None and entity_id in held:
            return held[entity_id]
        entity = self.find(entity_id)
        return None if entity is None else Standing(entity.is_covered, entity.exit_year)

    def require(self, entity_id: str) -> None:
        """NotFound unless the entity is registered (without loading it)."""
        if not self.exists(entity_id):
            raise NotFound(f"no covered entity {entity_id}", field="entity_id")

    def require_covered(self, entity_id: str) -> None:
        """NotFound unless registered; Conflict for a reporting-only emitter (no account, no obligation)."""
        row = self.session.get(CoveredEntityRow, entity_id)
        if row is None:
            raise NotFound(f"no covered entity {entity_id}", field="entity_id")
        if row.coverage != Coverage.COVERED.value:
            raise Conflict(f"{entity_id} is a reporting-only emitter (M-12 ¶2): it holds no account", field="entity_id",
                           article="M-5")

    def existing_ids(self, entity_ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for ids in chunks(sorted(set(entity_ids))):
            found.update(self.session.execute(
                select(CoveredEntityRow.entity_id).where(CoveredEntityRow.entity_id.in_(ids))).scalars())
        return found

    def covered_ids(self, entity_ids: Sequence[str]) -> set[str]:
        """Those of `entity_ids` that are covered (not reporting-only)."""
        found: set[str] = set()
        for ids in chunks(sorted(set(entity_ids))):
            found.update(self.session.execute(
                select(CoveredEntityRow.entity_id).where(CoveredEntityRow.entity_id.in_(ids),
                                                         CoveredEntityRow.coverage == Coverage.COVERED.value)
            ).scalars())
        return found

    def add_all(self, entities: Sequence[CoveredEntity]) -> None:
        """Bulk insert (a batch registers up to 10,000 entities in one transaction)."""
        if entities:
            insert_rows(self.session, CoveredEntityRow, [_entity_columns(e) for e in entities])

    def save(self, entity: CoveredEntity) -> None:
        """Write back a loaded entity (coverage changes: a reporting-only emitter covered)."""
        row = self.session.get(CoveredEntityRow, entity.entity_id)
        for key, value in _entity_columns(entity).items():
            setattr(row, key, value)

    def list(self, offset: int, limit: int, coverage: Coverage | None = None) -> list[CoveredEntity]:
        query = select(CoveredEntityRow).order_by(CoveredEntityRow.entity_id).offset(offset).limit(limit)
        if coverage is not None:
            query = query.where(CoveredEntityRow.coverage == coverage.value)
        return [to_domain(r, CoveredEntity) for r in self.session.execute(query).scalars()]

    def all_of(self, coverage: Coverage) -> builtins.list[CoveredEntity]:
        query = (select(CoveredEntityRow).where(CoveredEntityRow.coverage == coverage.value)
                 .order_by(CoveredEntityRow.entity_id))
        return [to_domain(r, CoveredEntity) for r in self.session.execute(query).scalars()]

    def count(self, coverage: Coverage) -> int:
        query = select(func.count()).where(CoveredEntityRow.coverage == coverage.value)
        return self.session.execute(query).scalar_one()


def _entity_columns(e: CoveredEntity) -> dict:
    return {"entity_id": e.entity_id, "name": e.name, "sector": e.sector, "registered_at": e.registered_at,
            "status": e.status.value, "exited_at": e.exited_at, "coverage": e.coverage.value,
            "coverage_basis": e.coverage_basis.value if e.coverage_basis else None,
            "first_compliance_year": e.first_compliance_year}


_ENTRY = PlanEntryRow.__table__


def _entry(row) -> AllocationEntry:  # a row of allocation_entry's columns
    dec = (lambda v: Decimal(v) if v is not None else None)  # noqa: E731 - a one-line converter for this mapping
    base_years = tuple(BaseYearEmission(int(y), e) for y, e in sorted(json.loads(row.base_years or "{}").items()))
    return AllocationEntry(row.entity_id, AllocationMethod(row.method), row.method_quantity, row.early_action_bonus,
                           base_years, dec(row.historical_factor), dec(row.benchmark_intensity), dec(row.output))


def _entry_row(year: int, e: AllocationEntry) -> dict:
    text = (lambda v: str(v) if v is not None else None)  # noqa: E731 - a one-line converter for this mapping
    return {"compliance_year": year, "entity_id": e.entity_id, "method": e.method.value,
            "method_quantity": e.method_quantity, "early_action_bonus": e.early_action_bonus, "quantity": e.quantity,
            "historical_factor": text(e.historical_factor), "benchmark_intensity": text(e.benchmark_intensity),
            "output": text(e.output),
            "base_years": json.dumps({str(b.year): b.emissions for b in e.base_years}) if e.base_years else None}


class PlanRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._loaded: dict[int, set[str]] = {}

    def exists(self, year: int) -> bool:
        return self.session.get(PlanRow, year) is not None

    def get(self, year: int, entity_ids: Sequence[str] | None = None, *, lock: bool = True) -> AllocationPlan:
        """The plan (locked for a write); with `entity_ids`, only those entries are loaded, the rest as totals."""
        query = select(PlanRow).where(PlanRow.compliance_year == year)
        row = self.session.execute(query.with_for_update() if lock else query).scalar_one_or_none()
        if row is None:
            raise NotFound(f"no allocation plan for {year}", field="compliance_year")
        entries: list[AllocationEntry] = []
        base = select(_ENTRY).where(_ENTRY.c.compliance_year == year).order_by(_ENTRY.c.entity_id)
        for ids in ([None] if entity_ids is None else chunks(sorted(set(entity_ids)))):
            query = base if ids is None else base.where(_ENTRY.c.entity_id.in_(ids))
            entries.extend(_entry(r) for r in self.session.execute(query))
        count, total = self.session.execute(
            select(func.count(), func.coalesce(func.sum(PlanEntryRow.quantity), 0))
            .where(PlanEntryRow.compliance_year == year)).one()
        self._loaded[year] = {e.entity_id for e in entries}
        return AllocationPlan(year, row.cap, PlanStatus(row.status), entries, row.approved_at, row.issued_at,
                              other_entries=count - len(entries),
                              other_allocated=int(total) - sum(e.quantity for e in entries),
                              paid_reserve=row.paid_reserve, paid_issued=row.paid_issued)

    def add(self, plan: AllocationPlan, created_at) -> None:
        self.session.add(PlanRow(compliance_year=plan.year, cap=plan.cap, status=plan.status.value,
                                 created_at=created_at, paid_reserve=plan.paid_reserve))
        self._loaded[plan.year] = set()

    def save(self, plan: AllocationPlan) -> None:
        row = self.session.get(PlanRow, plan.year)
        if row is None:
            raise NotFound(f"no allocation plan for {plan.year}", field="compliance_year")
        row.cap, row.status, row.approved_at, row.issued_at = (plan.cap, plan.status.value, plan.approved_at,
                                                               plan.issued_at)
        row.paid_issued, row.paid_reserve = plan.paid_issued, plan.paid_reserve
        loaded = self._loaded.setdefault(plan.year, set())
        current = {e.entity_id for e in plan.entries}
        for entity_id in loaded - current:
            self.session.delete(self.session.get(PlanEntryRow, (plan.year, entity_id)))
        new = [_entry_row(plan.year, e) for e in plan.entries if e.entity_id not in loaded]
        if new:
            insert_rows(self.session, PlanEntryRow, new)
        self._loaded[plan.year] = current

    def issued_free(self, entity_id: str, after_year: int) -> dict[int, int]:
        """The free allowances issued to the entity under the plans of the years after `after_year` (M-18)."""
        query = (select(PlanEntryRow.compliance_year, PlanEntryRow.quantity)
                 .join(PlanRow, PlanRow.compliance_year == PlanEntryRow.compliance_year)
                 .where(PlanEntryRow.entity_id == entity_id, PlanEntryRow.compliance_year > after_year,
                        PlanRow.status == PlanStatus.ISSUED.value))
        return {year: quantity for year, quantity in self.session.execute(query)}

    def entries(self, year: int, offset: int, limit: int) -> list[AllocationEntry]:
        query = (select(_ENTRY).where(_ENTRY.c.compliance_year == year)
                 .order_by(_ENTRY.c.entity_id).offset(offset).limit(limit))
        return [_entry(r) for r in self.session.execute(query)]
