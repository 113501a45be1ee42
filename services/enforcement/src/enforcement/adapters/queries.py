"""Read-side queries over measures and cases for the department query API and public disclosure (no locks, no
aggregates loaded for change)."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ets_shared.clock import start_of_day
from enforcement.adapters.orm import MeasureRow, PenaltyCaseRow
from enforcement.adapters.repository import measure_of
from enforcement.domain import Measure


def measures_of(session: Session, party_id: str) -> list[Measure]:
    rows = session.execute(select(MeasureRow).where(MeasureRow.party_id == party_id)
                           .order_by(MeasureRow.starts_on, MeasureRow.case_id, MeasureRow.effect)).scalars()
    return [measure_of(r) for r in rows]


def measures_in_force(session: Session, on: date, *, offset: int = 0, limit: int = 100,
                      effects: tuple[str, ...] = ()) -> list[Measure]:
    query = select(MeasureRow).where(MeasureRow.lifted_at.is_(None), MeasureRow.starts_on <= on,
                                     MeasureRow.ends_on >= on)
    if effects:
        query = query.where(MeasureRow.effect.in_(effects))
    rows = session.execute(query.order_by(MeasureRow.starts_on, MeasureRow.case_id, MeasureRow.effect)
                           .offset(offset).limit(limit)).scalars()
    return [measure_of(r) for r in rows]


def public_cases(session: Session, on: date, *, offset: int = 0, limit: int = 100) -> list[PenaltyCaseRow]:
    """Cases whose penalty decision stands and is in its publicity period on `on`, or that carry an M-40
    publication in force on `on`."""
    published = select(MeasureRow.case_id).where(MeasureRow.effect == "published", MeasureRow.lifted_at.is_(None),
                                                  MeasureRow.starts_on <= on, MeasureRow.ends_on >= on)
    fine_public = (PenaltyCaseRow.fine_revoked_at.is_(None) & (PenaltyCaseRow.fine_public_until >= on)
                   & (PenaltyCaseRow.fine_decided_at < start_of_day(on + timedelta(days=1))))
    query = select(PenaltyCaseRow).where(or_(fine_public, PenaltyCaseRow.case_id.in_(published)))
    return list(session.execute(query.order_by(PenaltyCaseRow.opened_at, PenaltyCaseRow.case_id)
                                .offset(offset).limit(limit)).scalars())


def measures_of_cases(session: Session, case_ids: list[str]) -> dict[str, list[Measure]]:
    found: dict[str, list[Measure]] = {case_id: [] for case_id in case_ids}
    if case_ids:
        rows = session.execute(select(MeasureRow).where(MeasureRow.case_id.in_(case_ids))
                               .order_by(MeasureRow.starts_on, MeasureRow.effect)).scalars()
        for r in rows:
            found[r.case_id].append(measure_of(r))
    return found
