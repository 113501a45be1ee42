"""New case rows and decision-log entries of one transaction, collected and written set-based: one multi-row INSERT
per table (`ets_shared.persistence.bulk`) instead of an ORM object and a flush per case and per step.

A consumed batch of shortfalls opens a case per event, each with two steps: through the ORM every case cost a
flush (its row before its children) and three objects, and each event's `find` flushed the previous event's steps —
most of the enforcement service's CPU of the year's close. Collected, they are written when the transaction commits,
or at once before anything reads the case or log tables in it (`CaseRepository` and `DecisionLog` call
`write_collected` before every query), so what the transaction reads always includes what it wrote. The log's head
(its last sequence number and hash) is kept here too: read once per transaction, not once per event.

Kept in the session's `info`, so the repositories of every event of a consumed batch share it; the unit of work
drops it with a rollback (`discard_collected`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from ets_shared.persistence.bulk import insert_rows
from enforcement.adapters.orm import DecisionLogRow, PenaltyCaseRow

_KEY = "enforcement.collected_writes"


@dataclass
class CollectedWrites:
    cases: dict[str, dict[str, Any]] = field(default_factory=dict)  # new cases' rows, by case id
    log: list[dict[str, Any]] = field(default_factory=list)  # decision-log entries, in sequence order
    head: tuple[int, str] | None = None  # the log's last (seq, hash) in this transaction, once read
    absent: set[str] = field(default_factory=set)  # case ids read ahead and found not to exist

    def write(self, session: Session) -> None:
        """INSERT what was collected (the cases before the log entries about them) and start collecting anew."""
        cases, self.cases = list(self.cases.values()), {}
        entries, self.log = self.log, []
        insert_rows(session, PenaltyCaseRow, cases)
        insert_rows(session, DecisionLogRow, entries)


def collected(session: Session) -> CollectedWrites:
    found = session.info.get(_KEY)
    if found is None:
        found = session.info[_KEY] = CollectedWrites()
    return found


def write_collected(session: Session) -> None:
    found = session.info.get(_KEY)
    if found is not None and (found.cases or found.log):
        found.write(session)


def discard_collected(session: Session) -> None:
    """After a rollback or commit: nothing collected survives the transaction, nor the head it read."""
    session.info.pop(_KEY, None)
