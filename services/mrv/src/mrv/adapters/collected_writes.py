"""Report cases written set-based: what `ReportCaseRepository.save` would hand the ORM one object at a time — a new
case row, the changed columns of a loaded one, new child rows (verification, objection, re-check, determination),
a re-check's grown triggers — collected and written with Core multi-row statements (`ets_shared.persistence.bulk`):
one INSERT per table and one UPDATE per set of changed columns, however many cases.

For many cases in one transaction (a bulk request of 1,000 reports or verifications, the tick that determines every
verified figure): the ORM's flush cost about as much per case as the rest of the use case. The loaded rows are kept
current in memory (`loaded_rows.keep`), so the next use case of the transaction on the same case agrees with what
was written.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy.orm import Session

from ets_shared.persistence.bulk import insert_rows, table_of, update_rows
from mrv.adapters.loaded_rows import keep
from mrv.adapters.orm import DeterminationRow, ObjectionRow, RecheckRow, ReportCaseRow, VerificationRow

_CHILD_TABLES = (VerificationRow, ObjectionRow, RecheckRow, DeterminationRow)  # inserted after the cases they name


class CollectedWrites:
    def __init__(self) -> None:
        self.new: dict[str, dict[str, Any]] = {}  # cases added: their columns, inserted together
        self.changed: dict[str, dict[str, Any]] = {}  # per loaded case: the columns that changed
        self.children: dict[type, list[Any]] = defaultdict(list)  # new child rows: their columns, or ORM objects
        self.grown_rechecks: list[dict[str, Any]] = []

    def __bool__(self) -> bool:
        return bool(self.new or self.changed or self.children or self.grown_rechecks)

    def add_case(self, report_id: str, columns: dict[str, Any]) -> dict[str, Any]:
        """A new case's row, as its columns (no ORM object: building one cost more than writing it)."""
        row = self.new[report_id] = dict.fromkeys(_column_names(ReportCaseRow)) | columns
        return row

    def assign(self, report_id: str, row: Any, values: dict[str, Any]) -> None:
        """Set what changed on the case's row: a new one is written whole; a loaded one is updated in memory
        without the ORM noticing, and the change is kept for the UPDATE."""
        if report_id in self.new:
            self.new[report_id].update(values)
            return
        for key, value in values.items():
            if getattr(row, key) != value:
                keep(row, key, value)
                self.changed.setdefault(report_id, {})[key] = value

    def add_child(self, model: type, row: Any) -> Any:
        """A new child row of `model`: its columns (a dict), or an ORM object of it."""
        self.children[model].append(row)
        return row

    def grow_recheck(self, row: Any, triggers: list[dict[str, Any]]) -> None:
        if row.triggers != triggers:
            keep(row, "triggers", triggers)
            self.grown_rechecks.append({"report_id": row.report_id, "seq": row.seq, "triggers": triggers})

    def write(self, session: Session) -> None:
        insert_rows(session, ReportCaseRow, list(self.new.values()))
        update_rows(session, ReportCaseRow, [{"report_id": report_id, **columns}
                                             for report_id, columns in self.changed.items()])
        for table in _CHILD_TABLES:
            insert_rows(session, table, [_columns(row) for row in self.children.get(table, ())])
        update_rows(session, RecheckRow, self.grown_rechecks)


def _columns(row: Any) -> dict[str, Any]:
    if isinstance(row, dict):
        return row
    return {name: getattr(row, name) for name in _column_names(type(row))}


def _column_names(model: type) -> tuple[str, ...]:
    names = _COLUMNS.get(model)
    if names is None:
        names = _COLUMNS[model] = tuple(column.name for column in table_of(model).columns)
    return names


_COLUMNS: dict[type, tuple[str, ...]] = {}
