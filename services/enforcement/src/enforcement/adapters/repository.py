"""`PenaltyCase`s in and out of the enforcement tables: the case row, its proposals, objections and appeals, its M-40
measures, and its steps — which live in the decision log (`DecisionLog`), appended, never rewritten.

`save` writes only what changed since the case was loaded and stores `next_due_at` (the case's `next_due`), so a
tick selects just the cases time changes (`due`). A new case's row is collected and written with the others of the
transaction (`collected_writes`); every query here writes what was collected first.
"""
from __future__ import annotations

import builtins
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ets_shared.clock import start_of_day
from ets_shared.errors import NotFound
from enforcement.adapters.collected_writes import collected, write_collected
from enforcement.adapters.decision_log import DecisionLog
from enforcement.adapters.orm import ChallengeRow, MeasureRow, PenaltyCaseRow, ProposalRow
from enforcement.domain import (Article, CaseSource, CaseStatus, Challenge, ChallengeKind, ChallengeOutcome, Closure,
                                DecisionKind, Department, EnforcementPolicy, Measure, MeasureEffect, MeasureKind,
                                Order, OrderKind, PartyKind, Penalty, PenaltyCase, Proposal)

Child = TypeVar("Child")
ChildRow = TypeVar("ChildRow", ProposalRow, ChallengeRow, MeasureRow)
_SCALARS = ("case_id", "party_id", "opened_at", "opened_by", "allegation", "order_detail", "correlation_id",
            "source_ref", "compliance_year", "shortfall_tonnes", "outstanding_tonnes", "complied_at",
            "fine_declined_at", "fine_window_end", "inaction_flagged_for", "closed_at")


@dataclass
class _Loaded:
    steps: int = 0
    proposals: dict[int, Proposal] = field(default_factory=dict)
    challenges: dict[int, Challenge] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)
    row: PenaltyCaseRow | None = None  # a strong reference: the session's identity map is weak; None: collected


class CaseRepository:
    def __init__(self, session: Session, log: DecisionLog | None = None, *, lock: bool = False) -> None:
        """`lock`: cases loaded for change are locked (SELECT … FOR UPDATE) until the transaction ends, so two
        writers of one case (a settlement event and a payment) queue instead of overwriting each other on
        PostgreSQL; the unit of work sets it, read-only endpoints do not."""
        self.session = session
        self.log = log or DecisionLog(session)
        self._lock = lock
        self._loaded: dict[str, _Loaded] = {}
        #: (article, party, year) read ahead without a case (`save` of a new case takes its own out), kept by the
        #: transaction's session: the repository starts afresh for each event of a consumed batch
        self._without: set[tuple[str, str, int]] = session.info.setdefault("enforcement.pairs_without_case", set())

    def read_ahead_without(self, article: Article, pairs: Sequence[tuple[str, int]]) -> None:
        """Serialize on every (party, year) pair (in one order: sorted), then find in one query per year and 500
        parties which have no case under `article`, so that `latest` of them queries nothing (a consumed batch)."""
        write_collected(self.session)
        by_year: dict[int, list[str]] = {}
        for party_id, year in sorted(set(pairs)):
            self.serialize(party_id, year)
            by_year.setdefault(year, []).append(party_id)
        for year, parties in by_year.items():
            for start in range(0, len(parties), 500):
                part = parties[start:start + 500]
                having = set(self.session.execute(select(PenaltyCaseRow.party_id).where(
                    PenaltyCaseRow.article == article.value, PenaltyCaseRow.compliance_year == year,
                    PenaltyCaseRow.party_id.in_(part))).scalars())
                self._without.update((article.value, p, year) for p in part if p not in having)

    def read_ahead_absent(self, cases: Sequence[tuple[str, str, int | None]]) -> None:
        """Serialize on every (party, year) pair of these (case id, party, year) (in one order: sorted), then find in
        one query per 500 which of the case ids do not exist, so that `find` of them queries nothing (a consumed
        batch of violations, each opening its case)."""
        write_collected(self.session)
        for party_id, year in sorted({(p, y) for _, p, y in cases if y is not None}):
            self.serialize(party_id, year)
        ids = sorted({case_id for case_id, _, _ in cases})
        absent = collected(self.session).absent
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            having = set(self.session.execute(select(PenaltyCaseRow.case_id).where(
                PenaltyCaseRow.case_id.in_(part))).scalars())
            absent.update(case_id for case_id in part if case_id not in having)

    def serialize(self, party_id: str, compliance_year: int) -> None:
        """Until this transaction ends, be the only writer of the party's cases of that year: two events about one
        entity-year (a shortfall and its late settlement, a missing report and the late one) applied at the same
        instant cannot each miss the other. PostgreSQL: an advisory lock on the pair; SQLite has one writer."""
        if self.session.get_bind().dialect.name == "postgresql":
            digest = hashlib.sha256(f"{party_id}|{compliance_year}".encode()).digest()
            self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                 {"key": int.from_bytes(digest[:8], "big", signed=True)})

    # -- reading -------------------------------------------------------------------------------------------------
    def find(self, case_id: str) -> PenaltyCase | None:
        if case_id in collected(self.session).absent:
            return None
        write_collected(self.session)
        row = self.session.get(PenaltyCaseRow, case_id, with_for_update=self._lock or None)
        return None if row is None else self._cases([row])[0]

    def get(self, case_id: str) -> PenaltyCase:
        case = self.find(case_id)
        if case is None:
            raise NotFound(f"no case {case_id}", field="case_id")
        return case

    def latest(self, article: Article, party_id: str, compliance_year: int) -> PenaltyCase | None:
        """The party's most recently opened case under `article` for that year (M-39: a later shortfall of the year
        after the first was made good opens another)."""
        if (article.value, party_id, compliance_year) in self._without:
            return None
        write_collected(self.session)
        query = (select(PenaltyCaseRow).where(PenaltyCaseRow.article == article.value,
                                              PenaltyCaseRow.party_id == party_id,
                                              PenaltyCaseRow.compliance_year == compliance_year)
                 .order_by(PenaltyCaseRow.opened_at.desc(), PenaltyCaseRow.case_id.desc()).limit(1))
        rows = list(self.session.execute(self._locking(query)).scalars())
        return self._cases(rows)[0] if rows else None

    def due(self, now: datetime, after: str = "", limit: int = 500) -> builtins.list[PenaltyCase]:
        """Open cases that time changes up to `now` (next_due_at <= now), in case_id order after `after`."""
        query = (select(PenaltyCaseRow)
                 .where(PenaltyCaseRow.closed_at.is_(None), PenaltyCaseRow.next_due_at <= now,
                        PenaltyCaseRow.case_id > after)
                 .order_by(PenaltyCaseRow.case_id).limit(limit))
        return self._cases(list(self.session.execute(self._locking(query)).scalars()))

    def open_of_policy_year(self, year: int, after: str = "", limit: int = 500) -> builtins.list[PenaltyCase]:
        """Open cases that follow `year`'s policy: of that compliance year, or without one and opened that year."""
        opened_that_year = (PenaltyCaseRow.compliance_year.is_(None)
                            & (PenaltyCaseRow.opened_at >= start_of_day(date(year, 1, 1)))
                            & (PenaltyCaseRow.opened_at < start_of_day(date(year + 1, 1, 1))))
        query = (select(PenaltyCaseRow)
                 .where(PenaltyCaseRow.closed_at.is_(None), PenaltyCaseRow.case_id > after,
                        (PenaltyCaseRow.compliance_year == year) | opened_that_year)
                 .order_by(PenaltyCaseRow.case_id).limit(limit))
        return self._cases(list(self.session.execute(self._locking(query)).scalars()))

    def list(self, *, party_id: str | None = None, party_kind: str | None = None, article: str | None = None,
             status: str | None = None, compliance_year: int | None = None, offset: int = 0,
             limit: int = 100) -> builtins.list[PenaltyCase]:
        """Cases matching the filters, with their children but without their history (`get` loads one whole)."""
        query = select(PenaltyCaseRow)
        for column, value in ((PenaltyCaseRow.party_id, party_id), (PenaltyCaseRow.party_kind, party_kind),
                              (PenaltyCaseRow.article, article), (PenaltyCaseRow.status, status),
                              (PenaltyCaseRow.compliance_year, compliance_year)):
            if value is not None:
                query = query.where(column == value)
        write_collected(self.session)
        rows = list(self.session.execute(query.order_by(PenaltyCaseRow.opened_at, PenaltyCaseRow.case_id)
                                         .offset(offset).limit(limit)).scalars())
        return self._cases(rows, history=False)

    def _locking(self, query):
        write_collected(self.session)  # every query of the case tables sees the cases collected so far
        return query.with_for_update() if self._lock else query

    # -- writing -------------------------------------------------------------------------------------------------
    def save(self, case: PenaltyCase, policy: EnforcementPolicy) -> None:
        values = _row_values(case)
        values["next_due_at"] = case.next_due(policy)
        loaded = self._loaded.get(case.case_id)
        pending = collected(self.session)
        if loaded is None:  # every case loaded here is held there; any other one is new: its row is collected
            self._without.discard((values["article"], case.party_id, case.compliance_year))
            pending.absent.discard(case.case_id)
            pending.cases[case.case_id] = values
            loaded = self._loaded[case.case_id] = _Loaded()
        elif loaded.row is None:  # new in this transaction
            if case.case_id in pending.cases:
                pending.cases[case.case_id] = values
            else:  # written already (a query came between): changed like any stored row
                loaded.row = self.session.get(PenaltyCaseRow, case.case_id)
        if loaded.row is not None:
            for name, value in values.items():  # only what changed: a tick saves thousands of cases
                if getattr(loaded.row, name) != value:
                    setattr(loaded.row, name, value)
        for step in case.history[loaded.steps:]:
            self.log.append(at=step.at, subject_ref=f"case:{case.case_id}", case_id=case.case_id,
                            kind=step.kind.value, actor=step.actor, detail=step.detail, ref=step.ref,
                            correlation_id=case.correlation_id)
        loaded.steps = len(case.history)
        if case.case_id in pending.cases and (case.proposals or case.challenges or case.measures):
            write_collected(self.session)  # the case row before its children (foreign keys)
        for p in case.proposals:
            if loaded.proposals.get(p.no) != p:
                self.session.merge(ProposalRow(case_id=case.case_id, no=p.no, kind=p.kind.value,
                                               payload=json.dumps(dict(p.payload), sort_keys=True),
                                               summary=p.summary, proposed_by=p.proposed_by,
                                               proposed_at=p.proposed_at, reviewed_by=p.reviewed_by,
                                               reviewed_at=p.reviewed_at, approved=p.approved,
                                               review_reasons=p.review_reasons))
                loaded.proposals[p.no] = p
        for c in case.challenges:
            if loaded.challenges.get(c.no) != c:
                self.session.merge(ChallengeRow(case_id=case.case_id, no=c.no, kind=c.kind.value, grounds=c.grounds,
                                                filed_by=c.filed_by, filed_at=c.filed_at, filed_on=c.filed_on,
                                                body=c.body, outcome=c.outcome.value if c.outcome else None,
                                                outcome_reasons=c.outcome_reasons, decided_by=c.decided_by,
                                                decided_at=c.decided_at, amount=c.amount))
                loaded.challenges[c.no] = c
        for m in case.measures:
            if loaded.measures.get(m.effect.value) != m:
                self.session.merge(MeasureRow(case_id=m.case_id, effect=m.effect.value, party_id=m.party_id,
                                              kind=m.kind.value, article=m.article,
                                              departments=",".join(d.value for d in m.departments),
                                              starts_on=m.starts_on, ends_on=m.ends_on, decided_at=m.decided_at,
                                              detail=m.detail, decision_no=m.decision_no, lifted_at=m.lifted_at))
                loaded.measures[m.effect.value] = m

    # -- mapping -------------------------------------------------------------------------------------------------
    def _cases(self, rows: builtins.list[PenaltyCaseRow], *, history: bool = True) -> builtins.list[PenaltyCase]:
        ids = [r.case_id for r in rows]
        histories = self.log.histories(ids) if history else {i: [] for i in ids}
        proposals = _children(self.session, ProposalRow, ids, _proposal)
        challenges = _children(self.session, ChallengeRow, ids, _challenge)
        measures = _children(self.session, MeasureRow, ids, measure_of)
        cases = []
        for row in rows:
            case = _case(row, histories[row.case_id], proposals.get(row.case_id, []),
                         challenges.get(row.case_id, []), measures.get(row.case_id, []))
            if history:  # only a case loaded whole may be saved
                self._loaded[row.case_id] = _Loaded(
                    len(case.history), {p.no: p for p in case.proposals}, {c.no: c for c in case.challenges},
                    {m.effect.value: m for m in case.measures}, row)
            cases.append(case)
        return cases


def _children(session: Session, table: type[ChildRow], case_ids: list[str],
              build: Callable[[ChildRow], Child]) -> dict[str, list[Child]]:
    """Each case's child records of `table` (proposals, challenges or measures), built by `build`, in order."""
    found: dict[str, list[Child]] = {}
    if case_ids:
        for row in session.execute(select(table).where(table.case_id.in_(case_ids))).scalars():
            found.setdefault(row.case_id, []).append(build(row))
    return {k: sorted(v, key=lambda x: getattr(x, "no", 0) or getattr(x, "decision_no", 0)) for k, v in found.items()}


def _row_values(case: PenaltyCase) -> dict:
    values = {name: getattr(case, name) for name in _SCALARS}
    order, penalty = case.order, case.penalty
    values.update(
        article=case.article.value, party_kind=case.party_kind.value, source=case.source.value,
        order_kind=case.order_kind.value, status=case.status.value,
        closure=case.closure.value if case.closure else None,
        order_issued_at=order and order.issued_at, order_issued_by=order and order.issued_by,
        order_deadline=order and order.deadline, overdue_at=order and order.overdue_at,
        fine_amount=penalty and penalty.amount, fine_original_amount=penalty and penalty.original_amount,
        fine_reasons=penalty and penalty.reasons, fine_decided_at=penalty and penalty.decided_at,
        fine_decided_by=penalty and penalty.decided_by, fine_approved_by=penalty and penalty.approved_by,
        fine_public_until=penalty and penalty.public_until, fine_served_on=penalty and penalty.served_on,
        fine_service_method=penalty and penalty.service_method,
        fine_payment_due=penalty and penalty.payment_due,
        fine_payment_overdue_at=penalty and penalty.payment_overdue_at, fine_paid_at=penalty and penalty.paid_at,
        fine_revoked_at=penalty and penalty.revoked_at)
    return values


def _case(row: PenaltyCaseRow, history, proposals, challenges, measures) -> PenaltyCase:
    order = None if row.order_issued_at is None or row.order_deadline is None else Order(
        row.order_issued_at, row.order_deadline, row.order_issued_by or "", row.overdue_at)
    penalty = None if row.fine_decided_at is None or row.fine_amount is None else Penalty(
        amount=row.fine_amount, reasons=row.fine_reasons or "", decided_at=row.fine_decided_at,
        decided_by=row.fine_decided_by or "", approved_by=row.fine_approved_by, public_until=row.fine_public_until,
        original_amount=row.fine_original_amount, served_on=row.fine_served_on,
        service_method=row.fine_service_method, payment_due=row.fine_payment_due,
        payment_overdue_at=row.fine_payment_overdue_at, paid_at=row.fine_paid_at, revoked_at=row.fine_revoked_at)
    return PenaltyCase(
        **{name: getattr(row, name) for name in _SCALARS}, article=Article(row.article),
        party_kind=PartyKind(row.party_kind), source=CaseSource(row.source), order_kind=OrderKind(row.order_kind),
        status=CaseStatus(row.status), closure=Closure(row.closure) if row.closure else None, order=order,
        penalty=penalty, history=history, proposals=list(proposals), challenges=list(challenges),
        measures=list(measures))


def _proposal(row: ProposalRow) -> Proposal:
    return Proposal(row.no, DecisionKind(row.kind), json.loads(row.payload), row.summary, row.proposed_by,
                    row.proposed_at, row.reviewed_by, row.reviewed_at, row.approved, row.review_reasons)


def _challenge(row: ChallengeRow) -> Challenge:
    return Challenge(row.no, ChallengeKind(row.kind), row.grounds, row.filed_by, row.filed_at, row.filed_on, row.body,
                     ChallengeOutcome(row.outcome) if row.outcome else None, row.outcome_reasons, row.decided_by,
                     row.decided_at, Decimal(row.amount) if row.amount is not None else None)


def measure_of(row: MeasureRow) -> Measure:
    return Measure(row.case_id, row.party_id, MeasureKind(row.kind), MeasureEffect(row.effect), row.article,
                   tuple(Department(d) for d in row.departments.split(",") if d), row.starts_on, row.ends_on,
                   row.decided_at, row.detail, row.decision_no, row.lifted_at)

