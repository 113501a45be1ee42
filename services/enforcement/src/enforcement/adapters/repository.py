"""Repositories: `PenaltyCase`s (with their step history) and M-40 measures in and out of the enforcement tables.

A case's history is append-only: `save` inserts only the steps added since the case was loaded. `save` also stores
`next_due_at` (the domain's `next_due`), so a tick selects just the cases time changes (`due`).
"""
from __future__ import annotations

import dataclasses
import enum
import hashlib
import typing
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ets_shared.clock import start_of_day
from ets_shared.errors import NotFound
from ets_shared.persistence.mapping import to_row
from enforcement.adapters.orm import CaseStepRow, MeasureRow, PenaltyCaseRow
from enforcement.domain import CaseStep, EnforcementPolicy, Measure, PenaltyCase, StepKind, next_due


_CASE_FIELDS = [f.name for f in dataclasses.fields(PenaltyCase) if f.name not in ("history", "measures_applied")]
_CASE_ENUMS = {name: kind for name, hint in typing.get_type_hints(PenaltyCase).items()
               for kind in (hint, *typing.get_args(hint)) if isinstance(kind, type) and issubclass(kind, enum.Enum)}


class CaseRepository:
    def __init__(self, session: Session, *, lock: bool = False) -> None:
        """`lock`: cases loaded for change are locked (SELECT … FOR UPDATE) until the transaction ends, so two
        writers of one case (e.g. a settlement event and a payment) queue instead of overwriting each other on
        PostgreSQL; the unit of work sets it, read-only endpoints do not."""
        self.session = session
        self._lock = lock
        self._loaded_steps: dict[str, int] = {}
        self._rows: dict[str, PenaltyCaseRow] = {}  # strong references: the session's identity map is weak

    def serialize(self, party_id: str, compliance_year: int) -> None:
        """Until this transaction ends, be the only writer of the party's cases of that year. Two events about one
        entity-year — a shortfall and its late settlement or revision, a missing report and the late report — may be
        applied at the same instant by two consumers; each may find no case yet and each leave a fact for the other
        (`EarlyFacts`, `EarlySettlements`) that neither sees. PostgreSQL: a transaction-scoped advisory lock on the
        pair (the second waits, then reads what the first committed); SQLite admits one writer at a time anyway."""
        if self.session.get_bind().dialect.name == "postgresql":
            digest = hashlib.sha256(f"{party_id}|{compliance_year}".encode()).digest()
            self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                 {"key": int.from_bytes(digest[:8], "big", signed=True)})

    def find(self, case_id: str) -> PenaltyCase | None:
        row = self.session.get(PenaltyCaseRow, case_id, with_for_update=self._lock or None)
        return None if row is None else self._cases([row])[0]

    def get(self, case_id: str) -> PenaltyCase:
        case = self.find(case_id)
        if case is None:
            raise NotFound(f"no case {case_id}", field="case_id")
        return case

    def due(self, now: datetime, after: str = "", limit: int = 500) -> list[PenaltyCase]:
        """Open cases that time changes up to `now` (next_due_at <= now), in case_id order after `after`."""
        query = (select(PenaltyCaseRow)
                 .where(PenaltyCaseRow.closed_at.is_(None), PenaltyCaseRow.next_due_at <= now,
                        PenaltyCaseRow.case_id > after)
                 .order_by(PenaltyCaseRow.case_id).limit(limit))
        return self._cases(list(self.session.execute(self._locking(query)).scalars()))

    def open_of_policy_year(self, year: int, after: str = "", limit: int = 500) -> list[PenaltyCase]:
        """Open cases that follow `year`'s policy: of that compliance year, or without one and opened that year."""
        opened_that_year = (PenaltyCaseRow.compliance_year.is_(None)
                            & (PenaltyCaseRow.opened_at >= start_of_day(date(year, 1, 1)))
                            & (PenaltyCaseRow.opened_at < start_of_day(date(year + 1, 1, 1))))
        query = (select(PenaltyCaseRow)
                 .where(PenaltyCaseRow.closed_at.is_(None), PenaltyCaseRow.case_id > after,
                        (PenaltyCaseRow.compliance_year == year) | opened_that_year)
                 .order_by(PenaltyCaseRow.case_id).limit(limit))
        return self._cases(list(self.session.execute(self._locking(query)).scalars()))

    def _locking(self, query):  # noqa: ANN001, ANN202
        return query.with_for_update() if self._lock else query

    def list(self, *, party_id: str | None = None, party_kind: str | None = None, article: str | None = None,
             status: str | None = None, compliance_year: int | None = None, offset: int = 0,
             limit: int = 100) -> list[PenaltyCase]:
        """Cases matching the filters, without their history (read only; `get` loads one case with it)."""
        query = select(PenaltyCaseRow)
        for column, value in ((PenaltyCaseRow.party_id, party_id), (PenaltyCaseRow.party_kind, party_kind),
                              (PenaltyCaseRow.article, article), (PenaltyCaseRow.status, status),
                              (PenaltyCaseRow.compliance_year, compliance_year)):
            if value is not None:
                query = query.where(column == value)
        rows = self.session.execute(query.order_by(PenaltyCaseRow.opened_at, PenaltyCaseRow.case_id)
                                    .offset(offset).limit(limit)).scalars()
        return [self._case(row, []) for row in rows]

    def measures(self, case_id: str) -> list[MeasureRow]:
        query = select(MeasureRow).where(MeasureRow.case_id == case_id).order_by(MeasureRow.decided_at,
                                                                                  MeasureRow.effect)
        return list(self.session.execute(query).scalars())

    def save(self, case: PenaltyCase, policy: EnforcementPolicy) -> None:
        values = {name: getattr(case, name) for name in _CASE_FIELDS}
        values = {k: (v.value if isinstance(v, enum.Enum) else v) for k, v in values.items()}
        values.update(measures_applied=",".join(case.measures_applied), next_due_at=next_due(case, policy))
        row = self._rows.get(case.case_id)  # every case loaded here is held there; any other one is new
        if row is None:
            self._rows[case.case_id] = PenaltyCaseRow(**values)
            self.session.add(self._rows[case.case_id])
            self.session.flush()  # the case row before its steps (foreign key; no ORM relationship orders them)
        else:
            for name, value in values.items():  # only what changed: a tick saves thousands of cases
                if getattr(row, name) != value:
                    setattr(row, name, value)
        start = self._loaded_steps.get(case.case_id, 0)
        self.session.add_all(CaseStepRow(case_id=case.case_id, seq=seq, at=s.at, kind=s.kind.value, actor=s.actor,
                                         detail=s.detail)
                             for seq, s in enumerate(case.history[start:], start=start + 1))
        self._loaded_steps[case.case_id] = len(case.history)

    def add_measures(self, measures: Iterable[Measure]) -> None:
        self.session.add_all(to_row(m, MeasureRow, departments=",".join(d.value for d in m.departments))
                             for m in measures)

    def _cases(self, rows: list[PenaltyCaseRow]) -> list[PenaltyCase]:
        histories: dict[str, list[CaseStep]] = {r.case_id: [] for r in rows}
        if rows:
            steps = select(CaseStepRow).where(CaseStepRow.case_id.in_(histories)).order_by(
                CaseStepRow.case_id, CaseStepRow.seq)
            for s in self.session.execute(steps).scalars():
                histories[s.case_id].append(CaseStep(at=s.at, kind=StepKind(s.kind), actor=s.actor, detail=s.detail))
        self._loaded_steps.update((case_id, len(history)) for case_id, history in histories.items())
        self._rows.update((row.case_id, row) for row in rows)
        return [self._case(row, histories[row.case_id]) for row in rows]

    @staticmethod
    def _case(row: PenaltyCaseRow, history: list[CaseStep]) -> PenaltyCase:
        """Like `to_domain`, with the enum fields resolved once (a tick maps thousands of rows)."""
        values = {name: getattr(row, name) for name in _CASE_FIELDS}
        values.update({name: kind(values[name]) for name, kind in _CASE_ENUMS.items() if values[name] is not None})
        return PenaltyCase(**values, history=history,
                           measures_applied=[k for k in row.measures_applied.split(",") if k])
