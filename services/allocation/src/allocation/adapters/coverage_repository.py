"""Known emissions, voluntary applications and published lists in and out of their tables (M-5, M-12 ¶2)."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from allocation.adapters.orm import (
    CoverageApplicationRow, CoveredListEntryRow, CoveredListRow, KnownEmissionsRow,
)
from allocation.adapters.registry_store import by_year_in_chunks
from allocation.domain import CoverageApplication, CoveredEntity, KnownEmissions
from ets_shared.errors import NotFound
from ets_shared.persistence.mapping import to_domain, to_row


class EmissionsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        #: read ahead and not found: `record` need not look again (kept by the transaction's session, as the
        #: repository starts afresh for each event of a consumed batch), and the rows found, kept alive in the
        #: session's (weak) identity map
        self._absent: set[tuple[str, int]] = session.info.setdefault("allocation.emissions_absent", set())
        self._held: list[KnownEmissionsRow] = session.info.setdefault("allocation.emissions_held", [])

    def record(self, figure: KnownEmissions) -> bool:
        """Keep `figure` if it is at least as authoritative as the one held for its entity-year."""
        key = (figure.entity_id, figure.year)
        if key in self._absent:
            self._absent.discard(key)
            row = None
        else:
            row = self.session.get(KnownEmissionsRow, key)
        held = to_domain(row, KnownEmissions) if row is not None else None
        if not figure.replaces(held):
            return False
        if row is None:
            self.session.add(to_row(figure, KnownEmissionsRow))
        else:
            to_row(figure, KnownEmissionsRow, row)
        return True

    def read_ahead(self, keys: Sequence[tuple[str, int]]) -> None:
        """Load the figures held for these (entity, year) into the session, one query per year and 500 entities, so
        that `record` of them queries nothing (a consumed batch)."""
        for year, part in by_year_in_chunks(keys):
            rows = self.session.execute(select(KnownEmissionsRow).where(
                KnownEmissionsRow.year == year, KnownEmissionsRow.entity_id.in_(part))).scalars().all()
            self._held += rows
            found = {row.entity_id for row in rows}
            self._absent.update((e, year) for e in part if e not in found)

    def add_new(self, figures: Sequence[KnownEmissions]) -> None:
        """Bulk insert the first figures of entities registered in this transaction."""
        self._absent.difference_update((f.entity_id, f.year) for f in figures)
        if figures:
            self.session.execute(insert(KnownEmissionsRow), [
                {"entity_id": f.entity_id, "year": f.year, "tonnes": f.tonnes, "energy_tce": f.energy_tce,
                 "source": f.source.value, "recorded_at": f.recorded_at} for f in figures])

    def latest_before(self, entity_ids: Sequence[str], year: int) -> dict[str, KnownEmissions]:
        """Each entity's figure for the latest year before `year` the authority knows (the base of year's list)."""
        latest = (select(KnownEmissionsRow.entity_id, func.max(KnownEmissionsRow.year).label("year"))
                  .where(KnownEmissionsRow.year < year, KnownEmissionsRow.entity_id.in_(entity_ids))
                  .group_by(KnownEmissionsRow.entity_id).subquery())
        query = select(KnownEmissionsRow).join(
            latest, (KnownEmissionsRow.entity_id == latest.c.entity_id) & (KnownEmissionsRow.year == latest.c.year))
        return {r.entity_id: to_domain(r, KnownEmissions) for r in self.session.execute(query).scalars()}

    def of(self, entity_id: str) -> list[KnownEmissions]:
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
