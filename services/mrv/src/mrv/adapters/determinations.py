"""Determinations as records to look up: the latest of an entity-year, lists by year, the previous year's figure
for the M-15 ¶2(2) comparison, and imports of earlier years from the legacy system."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mrv.adapters.orm import DeterminationRow, HistoricalDeterminationRow
from mrv.adapters.repository import determination_from
from mrv.domain.reports import Determination

_DETERMINED = "mrv.preloaded_determined"  # session.info key: earlier years' figures read ahead for a bulk request


@dataclass(frozen=True)
class HistoricalDetermination:
    """An earlier year's determined emissions, imported (not determined by this service)."""

    entity_id: str
    year: int
    emissions: int
    imported_at: datetime
    imported_by: str


class DeterminationRecords:
    def __init__(self, session: Session) -> None:
        self.session = session

    def latest(self, entity_id: str, year: int) -> Determination | None:
        query = (select(DeterminationRow)
                 .where(DeterminationRow.entity_id == entity_id, DeterminationRow.compliance_year == year)
                 .order_by(DeterminationRow.revision.desc()).limit(1))
        row = self.session.execute(query).scalars().first()
        return determination_from(row) if row is not None else None

    def historical(self, entity_id: str, year: int) -> HistoricalDetermination | None:
        row = self.session.get(HistoricalDeterminationRow, (entity_id, year))
        if row is None:
            return None
        return HistoricalDetermination(row.entity_id, row.compliance_year, row.emissions, row.imported_at,
                                       row.imported_by)

    def determined_emissions(self, entity_id: str, year: int) -> int | None:
        """The year's determined emissions: this service's latest revision, else the legacy import, else None
        (read ahead for a bulk request's entities by `preload_determined`)."""
        preloaded = self.session.info.get(_DETERMINED)
        if preloaded is not None and (entity_id, year) in preloaded:
            return preloaded[(entity_id, year)]
        own = self.latest(entity_id, year)
        if own is not None:
            return own.emissions
        imported = self.historical(entity_id, year)
        return imported.emissions if imported is not None else None

    def preload_determined(self, entity_years: Iterable[tuple[str, int]]) -> None:
        """`determined_emissions` of many entity-years in two queries per year, for the verifications of one bulk
        request (which determine no earlier year: the figures hold for its transaction)."""
        found = self.session.info.setdefault(_DETERMINED, {})
        by_year: dict[int, list[str]] = {}
        for entity_id, year in set(entity_years):
            by_year.setdefault(year, []).append(entity_id)
        for year, entity_ids in by_year.items():
            for start in range(0, len(entity_ids), 500):
                chunk = entity_ids[start:start + 500]
                imported = dict(self.session.execute(select(
                    HistoricalDeterminationRow.entity_id, HistoricalDeterminationRow.emissions).where(
                    HistoricalDeterminationRow.compliance_year == year,
                    HistoricalDeterminationRow.entity_id.in_(chunk))).all())
                own = dict(self.session.execute(select(DeterminationRow.entity_id, DeterminationRow.emissions).where(
                    DeterminationRow.compliance_year == year, DeterminationRow.entity_id.in_(chunk))
                    .order_by(DeterminationRow.revision)).all())  # the latest revision wins
                found.update({(e, year): own.get(e, imported.get(e)) for e in chunk})

    def list(self, year: int | None, offset: int, limit: int) -> list[Determination]:
        query = select(DeterminationRow).order_by(DeterminationRow.compliance_year, DeterminationRow.entity_id,
                                                  DeterminationRow.revision)
        if year is not None:
            query = query.where(DeterminationRow.compliance_year == year)
        return [determination_from(r) for r in self.session.execute(query.offset(offset).limit(limit)).scalars()]

    def import_historical(self, record: HistoricalDetermination) -> HistoricalDetermination | None:
        """Store (or replace) an imported figure; returns the one it replaced, if any."""
        row = self.session.get(HistoricalDeterminationRow, (record.entity_id, record.year))
        previous = self.historical(record.entity_id, record.year)
        if row is None:
            self.session.add(HistoricalDeterminationRow(
                entity_id=record.entity_id, compliance_year=record.year, emissions=record.emissions,
                imported_at=record.imported_at, imported_by=record.imported_by))
        else:
            row.emissions, row.imported_at, row.imported_by = record.emissions, record.imported_at, record.imported_by
        return previous
