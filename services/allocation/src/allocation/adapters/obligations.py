"""Obligations and surrenders in and out of their tables. Obligations are read as columns and written by primary
key in bulk: one tick may move 10,000 of them."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from allocation.adapters.orm import (
    CoveredEntityRow, ObligationRow, PlanEntryRow, PlanRow, RegistryTransactionRow, SurrenderRow,
)
from allocation.adapters.registry_store import by_year_in_chunks
from allocation.domain import AllocationPolicy, Coverage, Obligation, ObligationStatus, PlanStatus, Surrender
from ets_shared.errors import NotFound
from ets_shared.persistence.bulk import insert_rows, update_rows

_OBLIGATION = ObligationRow.__table__


#: the columns `obligation_of` reads: a surrender's reading selects only these — the row's other three timestamps
#: (recorded, settled, closes at) cost a date-time conversion each per row and were a third of a surrender
#: group's obligations read in SQLAlchemy (~330 of ~900 µs per 20 rows on SQLite)
_READ_COLUMNS = tuple(_OBLIGATION.c[name] for name in (
    "entity_id", "compliance_year", "determined_emissions", "determination_revision", "surrendered_shea",
    "surrendered_ccer", "status", "shortfall_detected_at", "grace_until", "exit_year", "succession_adjustment",
    "correlation_id"))


def obligation_of(row) -> Obligation:  # an ObligationRow, a row of its columns or of `_READ_COLUMNS`
    return Obligation(row.entity_id, row.compliance_year, row.determined_emissions, row.determination_revision,
                      row.surrendered_shea, row.surrendered_ccer, ObligationStatus(row.status),
                      row.shortfall_detected_at, row.grace_until, row.exit_year, row.succession_adjustment,
                      correlation_id=row.correlation_id)


def _columns(ob: Obligation, policy: AllocationPolicy) -> dict:
    return {"entity_id": ob.entity_id, "compliance_year": ob.year, "determined_emissions": ob.determined_emissions,
            "determination_revision": ob.determination_revision, "surrendered_shea": ob.surrendered_shea,
            "surrendered_ccer": ob.surrendered_ccer, "status": ob.status.value,
            "shortfall_detected_at": ob.shortfall_detected_at, "grace_until": ob.grace_until,
            "exit_year": ob.exit_year, "succession_adjustment": ob.succession_adjustment,
            "closes_at": ob.closes_at(policy), "correlation_id": ob.correlation_id}


_ENTITY = CoveredEntityRow.__table__
_ENTRY, _PLAN = PlanEntryRow.__table__, PlanRow.__table__
#: a surrender's reading, in one statement built once: the obligation (locked), that its entity is covered, and the
#: entity's allocation under the year's plan once issued (M-17's base)
_SURRENDER_READING = (
    select(*_READ_COLUMNS, _ENTITY.c.coverage,
           select(_ENTRY.c.quantity).join(_PLAN, _PLAN.c.compliance_year == _ENTRY.c.compliance_year)
           .where(_ENTRY.c.compliance_year == _OBLIGATION.c.compliance_year,
                  _ENTRY.c.entity_id == _OBLIGATION.c.entity_id, _PLAN.c.status == PlanStatus.ISSUED.value)
           .scalar_subquery().label("allocation_issued"))
    .join(_ENTITY, _ENTITY.c.entity_id == _OBLIGATION.c.entity_id)
    .with_for_update(of=_OBLIGATION))
_FOR_SURRENDER = _SURRENDER_READING.where(_OBLIGATION.c.entity_id == bindparam("entity_id"),
                                          _OBLIGATION.c.compliance_year == bindparam("year"))
#: the same for a group of surrenders of one year (`surrender.surrender_together`)
_FOR_SURRENDERS = _SURRENDER_READING.where(_OBLIGATION.c.entity_id.in_(bindparam("entity_ids", expanding=True)),
                                           _OBLIGATION.c.compliance_year == bindparam("year"))

#: a consumed batch's obligations (locked), built once
_AHEAD = select(_OBLIGATION).where(_OBLIGATION.c.entity_id.in_(bindparam("entity_ids", expanding=True)),
                                  _OBLIGATION.c.compliance_year == bindparam("year")).with_for_update()


class ObligationRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._stored: set[tuple[str, int]] = set()
        #: obligations read ahead (None: there is none), each handed out once by `find` and forgotten when written;
        #: kept by the transaction's session, as the repository starts afresh for each event of a consumed batch
        self._ahead: dict[tuple[str, int], Obligation | None] = session.info.setdefault("allocation.obligations", {})
        #: obligations saved by `save_later`, not yet written: (columns, new?) by key, in the session likewise
        self._pending: dict[tuple[str, int], tuple[dict, bool]] = session.info.setdefault(
            "allocation.obligations_pending", {})

    def save_later(self, obligation: Obligation, policy: AllocationPolicy, **extra) -> None:
        """`save`, written with the others saved later in this transaction by `write_pending` (one statement, at the
        unit of work's commit: the caller defers it there). Every read of the table here writes them first."""
        key = (obligation.entity_id, obligation.year)
        if key in self._pending:
            self.write_pending()
        self._ahead.pop(key, None)
        self._pending[key] = (_columns(obligation, policy) | extra, key not in self._stored)

    def write_pending(self) -> None:
        if not self._pending:
            return
        pending = list(self._pending.values())
        self._pending.clear()
        inserts: dict[tuple[str, ...], list[dict]] = {}  # one multi-row INSERT per set of columns
        for columns, new in pending:
            if new:
                inserts.setdefault(tuple(columns), []).append(columns)
                self._stored.add((columns["entity_id"], columns["compliance_year"]))
        for rows in inserts.values():
            insert_rows(self.session, ObligationRow, rows)
        update_rows(self.session, ObligationRow, [columns for columns, new in pending if not new])

    def read_ahead(self, keys: Iterable[tuple[str, int]]) -> None:
        """Read (and lock) the obligations of these (entity, year) in one query per year and 500 entities, so that
        the first `find` of each queries nothing (a consumed batch of determinations). What this repository writes
        afterwards is forgotten here: a later `find` reads it again."""
        self.write_pending()
        for year, part in by_year_in_chunks(keys):
            self._ahead.update(((e, year), None) for e in part)
            for row in self.session.execute(_AHEAD, {"entity_ids": part, "year": year}):
                self._ahead[(row.entity_id, year)] = obligation_of(row)

    def find(self, entity_id: str, year: int) -> Obligation | None:
        if (entity_id, year) in self._pending:
            self.write_pending()
        if (entity_id, year) in self._ahead:
            ahead = self._ahead.pop((entity_id, year))
            if ahead is not None:
                self._stored.add((entity_id, year))
            return ahead
        row = self.session.execute(select(_OBLIGATION).where(
            _OBLIGATION.c.entity_id == entity_id, _OBLIGATION.c.compliance_year == year).with_for_update()).first()
        if row is None:
            return None
        self._stored.add((entity_id, year))
        return obligation_of(row)

    def for_surrender(self, entity_id: str, year: int) -> tuple[Obligation, int] | None:
        """A covered entity's obligation for `year` (locked) and its allocation issued under that year's plan (0
        before issuance), in one query; None when there is no such obligation or the entity is not covered (the
        caller then finds out which, to say so)."""
        self.write_pending()
        row = self.session.execute(_FOR_SURRENDER, {"entity_id": entity_id, "year": year}).first()
        if row is None or row.coverage != Coverage.COVERED.value:
            return None
        self._stored.add((entity_id, year))
        return obligation_of(row), row.allocation_issued or 0

    def for_surrenders(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], tuple[Obligation, int]]:
        """`for_surrender` of many (entity, year) at once, one query per year and 500 entities: the covered ones
        found, by key."""
        self.write_pending()
        by_year: dict[int, list[str]] = {}
        for entity_id, year in sorted(set(keys)):
            by_year.setdefault(year, []).append(entity_id)
        found: dict[tuple[str, int], tuple[Obligation, int]] = {}
        for year, entity_ids in by_year.items():
            for start in range(0, len(entity_ids), 500):
                for row in self.session.execute(_FOR_SURRENDERS, {"entity_ids": entity_ids[start:start + 500],
                                                                  "year": year}):
                    if row.coverage == Coverage.COVERED.value:
                        self._stored.add((row.entity_id, year))
                        found[(row.entity_id, year)] = (obligation_of(row), row.allocation_issued or 0)
        return found

    def save(self, obligation: Obligation, policy: AllocationPolicy, **extra) -> None:
        """Insert or update one obligation under its year's policy (which dates `closes_at`); `extra` sets the row's
        own columns (determination_id, recorded_at, settled_at)."""
        self.save_all([obligation], policy, **extra)

    def save_all(self, obligations: Sequence[Obligation], policy: AllocationPolicy, **extra) -> None:
        self.write_pending()
        for ob in obligations:
            self._ahead.pop((ob.entity_id, ob.year), None)
        new = [_columns(o, policy) | extra for o in obligations if (o.entity_id, o.year) not in self._stored]
        known = [_columns(o, policy) | extra for o in obligations if (o.entity_id, o.year) in self._stored]
        if new:
            insert_rows(self.session, ObligationRow, new)
            for o in new:
                self._stored.add((o["entity_id"], o["compliance_year"]))
        if known:
            update_rows(self.session, ObligationRow, known)

    def unmet(self, entity_id: str) -> list[Obligation]:
        """The entity's obligations with something left to surrender (open or in shortfall), locked, by year."""
        query = (select(_OBLIGATION).where(ObligationRow.entity_id == entity_id,
                                           ObligationRow.status.in_([ObligationStatus.OPEN.value,
                                                                     ObligationStatus.SHORTFALL.value]))
                 .order_by(ObligationRow.compliance_year).with_for_update())
        self.write_pending()
        rows = self.session.execute(query).all()
        self._stored.update((r.entity_id, r.compliance_year) for r in rows)
        return [ob for ob in map(obligation_of, rows) if ob.remaining > 0]

    def closing(self, now: datetime) -> list[Obligation]:
        """OPEN determined obligations (unmet by construction) whose last surrender day has passed by `now`
        (`closes_at <= now`, one indexed range), locked; by year and entity."""
        query = (select(_OBLIGATION).where(ObligationRow.status == ObligationStatus.OPEN.value,
                                           ObligationRow.closes_at <= now,
                                           ObligationRow.determination_revision > 0)
                 .order_by(ObligationRow.compliance_year, ObligationRow.entity_id).with_for_update())
        self.write_pending()
        rows = self.session.execute(query).all()
        self._stored.update((r.entity_id, r.compliance_year) for r in rows)
        return [obligation_of(r) for r in rows]

    def redate(self, year: int, policy: AllocationPolicy) -> int:
        """The year's policy changed: every OPEN obligation's `closes_at` follows it. Returns how many moved."""
        query = select(_OBLIGATION).where(ObligationRow.compliance_year == year,
                                          ObligationRow.status == ObligationStatus.OPEN.value).with_for_update()
        self.write_pending()
        moved = [{"entity_id": r.entity_id, "compliance_year": year, "closes_at": closes_at}
                 for r in self.session.execute(query).all()
                 if r.closes_at != (closes_at := obligation_of(r).closes_at(policy))]
        if moved:
            self._ahead.clear()
            update_rows(self.session, ObligationRow, moved)
        return len(moved)

    def list(self, year: int | None, status: ObligationStatus | None, offset: int, limit: int) -> list[ObligationRow]:
        query = select(ObligationRow).order_by(ObligationRow.compliance_year, ObligationRow.entity_id)
        if year is not None:
            query = query.where(ObligationRow.compliance_year == year)
        if status is not None:
            query = query.where(ObligationRow.status == status.value)
        self.write_pending()
        return list(self.session.execute(query.offset(offset).limit(limit)).scalars())

    def row(self, entity_id: str, year: int) -> ObligationRow:
        self.write_pending()
        row = self.session.get(ObligationRow, (entity_id, year))
        if row is None:
            raise NotFound(f"entity {entity_id} has no determined obligation for {year}", field="compliance_year")
        return row


class SurrenderRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, surrender: Surrender) -> None:
        self.add_all([surrender])

    def add_all(self, surrenders: Sequence[Surrender]) -> None:
        insert_rows(self.session, SurrenderRow, [dict(vars(s)) for s in surrenders])  # Core: no ORM flush

    def list(self, entity_id: str, year: int | None = None) -> list[Surrender]:
        """In registration order (the registry transaction's sequence)."""
        query = (select(SurrenderRow).join(RegistryTransactionRow,
                                           RegistryTransactionRow.transaction_id == SurrenderRow.transaction_id)
                 .where(SurrenderRow.entity_id == entity_id).order_by(RegistryTransactionRow.seq))
        if year is not None:
            query = query.where(SurrenderRow.compliance_year == year)
        return [_surrender_of(row) for row in self.session.execute(query).scalars()]


def _surrender_of(row: SurrenderRow) -> Surrender:
    return Surrender(row.surrender_id, row.entity_id, row.compliance_year, row.transaction_id, row.shea, row.ccer,
                     row.late, row.surrendered_at)
