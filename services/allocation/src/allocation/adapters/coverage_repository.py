"""Known emissions, voluntary applications and published lists in and out of their tables (M-5, M-12 ¶2)."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import bindparam, func, insert, select
from sqlalchemy.orm import Session

from allocation.adapters.orm import (
    CoverageApplicationRow, CoveredListEntryRow, CoveredListRow, KnownEmissionsRow,
)
from allocation.adapters.registry_store import by_year_in_chunks
from allocation.domain import CoverageApplication, CoveredEntity, EmissionsSource, KnownEmissions
from ets_shared.errors import NotFound
from ets_shared.persistence.bulk import insert_rows, update_rows
from ets_shared.persistence.mapping import to_domain, to_row


_KNOWN = KnownEmissionsRow.__table__
#: a consumed batch's figures, built once (building and keying the statement cost more than SQLite running it)
_KNOWN_OF = select(_KNOWN).where(_KNOWN.c.year == bindparam("year"),
                                 _KNOWN.c.entity_id.in_(bindparam("ids", expanding=True)))


def _known_of(row) -> KnownEmissions:  # a row of known_emissions' columns
    return KnownEmissions(row.entity_id, row.year, row.tonnes, row.energy_tce, EmissionsSource(row.source),
                          row.recorded_at)


class EmissionsRepository:
    """Figures read and written as columns (Core): a consumed batch of 10,000 determinations or reports replaced
    one ORM row's figure per event and flushed them one UPDATE each."""

    def __init__(self, session: Session) -> None:
        self.session = session
        #: figures known to be stored (None: none is), read ahead or written here; and those recorded and not yet
        #: written (figure, new?): both kept by the transaction's session, as the repository starts afresh for each
        #: event of a consumed batch
        self._stored: dict[tuple[str, int], KnownEmissions | None] = session.info.setdefault(
            "allocation.emissions_stored", {})
        self._pending: dict[tuple[str, int], tuple[KnownEmissions, bool]] = session.info.setdefault(
            "allocation.emissions_pending", {})

    def record(self, figure: KnownEmissions) -> bool:
        """Keep `figure` if it is at least as authoritative as the one held for its entity-year (written now)."""
        kept = self.record_later(figure)
        self.write_pending()
        return kept

    def record_later(self, figure: KnownEmissions) -> bool:
        """`record`, written with the others recorded later in this transaction by `write_pending` (at the unit of
        work's commit: the caller defers it there). Every other read of the table here writes them first."""
        key = (figure.entity_id, figure.year)
        held: KnownEmissions | None
        if key in self._pending:
            held, new = self._pending[key]
        else:
            if key not in self._stored:
                row = self.session.execute(select(_KNOWN).where(_KNOWN.c.entity_id == figure.entity_id,
                                                                _KNOWN.c.year == figure.year)).first()
                self._stored[key] = None if row is None else _known_of(row)
            held = self._stored[key]
            new = held is None
        if not figure.replaces(held):
            return False
        self._pending[key] = (figure, new)
        return True

    def write_pending(self) -> None:
        if not self._pending:
            return
        pending = list(self._pending.values())
        self._pending.clear()
        columns = [({"entity_id": f.entity_id, "year": f.year, "tonnes": f.tonnes, "energy_tce": f.energy_tce,
                     "source": f.source.value, "recorded_at": f.recorded_at}, new) for f, new in pending]
        insert_rows(self.session, KnownEmissionsRow, [c for c, new in columns if new])
        update_rows(self.session, KnownEmissionsRow, [c for c, new in columns if not new])
        self._stored.update(((f.entity_id, f.year), f) for f, _ in pending)

    def read_ahead(self, keys: Sequence[tuple[str, int]]) -> None:
        """Read the figures held for these (entity, year), one query per year and 500 entities, so that `record`
        of them queries nothing (a consumed batch)."""
        self.write_pending()
        for year, part in by_year_in_chunks(k for k in keys if k not in self._stored):
            self._stored.update(((e, year), None) for e in part)
            for row in self.session.execute(_KNOWN_OF, {"year": year, "ids": part}):
                self._stored[(row.entity_id, year)] = _known_of(row)

    def add_new(self, figures: Sequence[KnownEmissions]) -> None:
        """Bulk insert the first figures of entities registered in this transaction."""
        self.write_pending()
        if figures:
            insert_rows(self.session, KnownEmissionsRow, [  # Core: the ORM's bulk path cost several times more
                {"entity_id": f.entity_id, "year": f.year, "tonnes": f.tonnes, "energy_tce": f.energy_tce,
                 "source": f.source.value, "recorded_at": f.recorded_at} for f in figures])
            self._stored.update(((f.entity_id, f.year), f) for f in figures)

    def latest_before(self, entity_ids: Sequence[str], year: int) -> dict[str, KnownEmissions]:
        """Each entity's figure for the latest year before `year` the authority knows (the base of year's list)."""
        self.write_pending()
        latest = (select(KnownEmissionsRow.entity_id, func.max(KnownEmissionsRow.year).label("year"))
                  .where(KnownEmissionsRow.year < year, KnownEmissionsRow.entity_id.in_(entity_ids))
                  .group_by(KnownEmissionsRow.entity_id).subquery())
        query = select(KnownEmissionsRow).join(
            latest, (KnownEmissionsRow.entity_id == latest.c.entity_id) & (KnownEmissionsRow.year == latest.c.year))
        return {r.entity_id: to_domain(r, KnownEmissions) for r in self.session.execute(query).scalars()}

    def of(self, entity_id: str) -> list[KnownEmissions]:
        self.write_pending()
        query = select(KnownEmissionsRow).where(KnownEmissionsRow.entity_id == entity_id).order_by(
            KnownEmissionsRow.year)
        return [to_domain(r, KnownEmissions) for r in self.session.execute(query).scalars()]


class ApplicationRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._rows: dict[str, CoverageApplicationRow] = {}

    def find(self, application_id: str) -> CoverageApplication | None:
        row = self.session.get(CoverageApplicationRow, application_id, with_for_update=True)
        if row is None:
            return None
        self._rows[application_id] = row
        return to_domain(row, CoverageApplication)

    def get(self, application_id: str) -> CoverageApplication:
        application = self.find(application_id)
        if application is None:
            raise NotFound(f"no coverage application {application_id}", field="application_id")
        return application

    def add(self, application: CoverageApplication) -> None:
        self._rows[application.application_id] = to_row(application, CoverageApplicationRow)
        self.session.add(self._rows[application.application_id])

    def save(self, application: CoverageApplication) -> None:
        to_row(application, CoverageApplicationRow, self._rows[application.application_id])

    def list(self, *, entity_id: str | None, status: str | None, year: int | None, offset: int,
             limit: int) -> list[CoverageApplication]:
        query = select(CoverageApplicationRow).order_by(CoverageApplicationRow.filed_at,
                                                        CoverageApplicationRow.application_id)
        for column, value in ((CoverageApplicationRow.entity_id, entity_id),
                              (CoverageApplicationRow.status, status),
                              (CoverageApplicationRow.compliance_year, year)):
            if value is not None:
                query = query.where(column == value)
        rows = self.session.execute(query.offset(offset).limit(limit)).scalars()
        return [to_domain(r, CoverageApplication) for r in rows]


class CoveredListRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def latest(self, year: int, version: int | None = None) -> CoveredListRow | None:
        query = select(CoveredListRow).where(CoveredListRow.compliance_year == year)
        if version is not None:
            query = query.where(CoveredListRow.version == version)
        return self.session.execute(query.order_by(CoveredListRow.version.desc()).limit(1)).scalars().first()

    def entity_ids(self, year: int, version: int) -> set[str]:
        query = select(CoveredListEntryRow.entity_id).where(CoveredListEntryRow.compliance_year == year,
                                                            CoveredListEntryRow.version == version)
        return set(self.session.execute(query).scalars())

    def add(self, header: CoveredListRow, entities: Sequence[CoveredEntity]) -> None:
        self.session.add(header)
        self.session.flush()
        if entities:
            self.session.execute(insert(CoveredListEntryRow), [
                {"compliance_year": header.compliance_year, "version": header.version, "entity_id": e.entity_id,
                 "name": e.name, "sector": e.sector, "coverage_basis": _basis(e),
                 "first_compliance_year": e.first_compliance_year} for e in entities])

    def entries(self, year: int, version: int, offset: int, limit: int) -> list[CoveredListEntryRow]:
        query = (select(CoveredListEntryRow).where(CoveredListEntryRow.compliance_year == year,
                                                   CoveredListEntryRow.version == version)
                 .order_by(CoveredListEntryRow.entity_id).offset(offset).limit(limit))
        return list(self.session.execute(query).scalars())

    def published(self) -> list[CoveredListRow]:
        query = select(CoveredListRow).order_by(CoveredListRow.compliance_year, CoveredListRow.version)
        return list(self.session.execute(query).scalars())


def _basis(entity: CoveredEntity) -> str:
    """What a published list records of an entity's coverage: its basis, set whenever an entity is covered."""
    if entity.coverage_basis is None:
        raise ValueError(f"entity {entity.entity_id} is on the covered list without the basis of its coverage")
    return entity.coverage_basis.value
