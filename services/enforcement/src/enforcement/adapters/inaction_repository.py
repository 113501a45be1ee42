"""M-43 inaction flags in and out of `inaction_flag`."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from enforcement.adapters.orm import InactionFlagRow
from enforcement.domain import InactionFlag

_FIELDS = [f.name for f in fields(InactionFlag)]
_FLAG = InactionFlagRow.__table__


class InactionFlags:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._rows: dict[str, InactionFlagRow] = {}
        #: subjects read ahead without an open flag (`save` takes a subject out), and the open flags read ahead, kept
        #: by the transaction's session: the repository starts afresh for each event of a consumed batch
        self._none_open: set[str] = session.info.setdefault("enforcement.subjects_without_open_flags", set())
        self._open_ahead: dict[str, list[InactionFlagRow]] = session.info.setdefault("enforcement.open_flags", {})

    def read_open_ahead(self, subject_refs: Sequence[str]) -> None:
        """The open flags about these subjects in one query per 500, so that `open_about` them queries nothing. Most
        subjects have none: their ids are asked first (a Core query), the rows only of those found."""
        refs = sorted(set(subject_refs))
        for start in range(0, len(refs), 500):
            part = refs[start:start + 500]
            flagged = list(self.session.execute(select(_FLAG.c.flag_id).where(
                _FLAG.c.resolved_at.is_(None), _FLAG.c.subject_ref.in_(part))).scalars())
            rows = self.session.execute(select(InactionFlagRow).where(InactionFlagRow.flag_id.in_(flagged))
                                        .order_by(InactionFlagRow.found_at)).scalars().all() if flagged else []
            for row in rows:
                self._open_ahead.setdefault(row.subject_ref, []).append(row)
            self._none_open.update(ref for ref in part if ref not in self._open_ahead)

    def find(self, flag_id: str) -> InactionFlag | None:
        row = self.session.get(InactionFlagRow, flag_id)
        return None if row is None else self._flag(row)

    def open_about(self, *, subject_ref: str | None = None, case_id: str | None = None) -> list[InactionFlag]:
        if case_id is None and subject_ref in self._none_open:
            return []
        query = select(InactionFlagRow).where(InactionFlagRow.resolved_at.is_(None))
        if subject_ref is not None:
            query = query.where(InactionFlagRow.subject_ref == subject_ref)
        if case_id is not None:
            query = query.where(InactionFlagRow.case_id == case_id)
        return [self._flag(r) for r in self.session.execute(query.order_by(InactionFlagRow.found_at)).scalars()]

    def list(self, *, open_: bool, responsible: str | None, service: str | None, offset: int,
             limit: int) -> list[InactionFlag]:
        """Open flags, or (`open_` False) resolved ones."""
        resolved = InactionFlagRow.resolved_at
        query = select(InactionFlagRow).where(resolved.is_(None) if open_ else resolved.is_not(None))
        if responsible is not None:
            query = query.where(InactionFlagRow.responsible == responsible)
        if service is not None:
            query = query.where(InactionFlagRow.service == service)
        rows = self.session.execute(query.order_by(InactionFlagRow.found_at, InactionFlagRow.flag_id)
                                    .offset(offset).limit(limit)).scalars()
        return [self._flag(r) for r in rows]

    def save(self, flag: InactionFlag) -> None:
        values = {name: getattr(flag, name) for name in _FIELDS}
        self._none_open.discard(flag.subject_ref)
        self._open_ahead.pop(flag.subject_ref, None)
        row = self._rows.get(flag.flag_id)
        if row is None:
            row = self._rows[flag.flag_id] = InactionFlagRow(**values)
            self.session.add(row)
        else:
            for name, value in values.items():
                setattr(row, name, value)

    def _flag(self, row: InactionFlagRow) -> InactionFlag:
        self._rows[row.flag_id] = row
        return InactionFlag(**{name: getattr(row, name) for name in _FIELDS})
