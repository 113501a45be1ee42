"""Report cases (the M-12..M-15 aggregate) in and out of the mrv's tables.

A case is one `report_case` row plus its verification, objections, re-checks and determinations. Cases are loaded
in batches (one query per child table per 500 cases), as plain rows read with Core (`loaded_rows`: no ORM object
per row), and the repository holds the rows it loaded so `save` writes back without a query only the columns that
changed, inserts only what is new, and updates the one re-check that can grow (joined triggers).
"""
from __future__ import annotations

import builtins
from collections import defaultdict
from datetime import date, datetime
from typing import Any, Sequence

from sqlalchemy import String, cast, exists, select, update
from sqlalchemy.orm import Session

from ets_shared.errors import NotFound
from ets_shared.persistence.bulk import table_of
from mrv.adapters import codec
from mrv.adapters.collected_writes import CollectedWrites
from mrv.adapters.loaded_rows import rows_of, write_changes
from mrv.adapters.orm import (
    CoveredEntityRow, DeterminationRow, ObjectionRow, RecheckRow, ReportCaseRow, VerificationRow, reports_in,
)
from mrv.domain.report_case import ReportCase
from mrv.domain.reports import (
    CaseState, Determination, DeterminationBasis, EmissionReport, Objection, Recheck, Verification,
)

CHUNK = 500
_PRELOADED = "mrv.preloaded_cases"  # session.info key: cases read ahead for a bulk request
_CASES = ReportCaseRow.__table__  # cases are read with Core (`loaded_rows`)
_CHILDREN: tuple[tuple[str, type[ObjectionRow] | type[RecheckRow] | type[DeterminationRow], Any], ...] = (
    ("objections", ObjectionRow, ObjectionRow.seq), ("rechecks", RecheckRow, RecheckRow.seq),
    ("determinations", DeterminationRow, DeterminationRow.revision))


#: a report filed before its entity was registered as covered, not yet verified: covered by the registration
_UNVERIFIED = (ReportCaseRow.state == CaseState.REPORTED.value, ReportCaseRow.covered.is_(False))


class ReportCaseRepository:
    def __init__(self, session: Session, *, lock: bool = False) -> None:
        """`lock`: cases loaded for change are locked (SELECT … FOR UPDATE) until the transaction ends, so an
        objection and the tick's determination of one case queue instead of overwriting each other on
        PostgreSQL; the unit of work sets it, read-only endpoints do not."""
        self.session = session
        self._lock = lock
        self._rows: dict[str, Any] = {}  # the loaded cases' rows; a case added set-based: its columns
        self._loaded: dict[str, dict[str, list[Any]]] = {}
        self._collected: CollectedWrites | None = None
        self._reports: dict[str, EmissionReport | None] = {}  # each case's report as last loaded or saved

    # -- reading ---------------------------------------------------------------------------------------------------
    def find(self, report_id: str) -> ReportCase | None:
        preloaded = self.session.info.get(_PRELOADED)
        if preloaded is not None and report_id in preloaded:  # once: a second use case reads it afresh
            found = preloaded.pop(report_id)
            return None if found is None else self._case_of(*found)
        rows = rows_of(self.session, self._locking(select(_CASES).where(ReportCaseRow.report_id == report_id)))
        return self.load_many(rows)[0] if rows else None

    def preload(self, report_ids: Sequence[str]) -> list[Any]:
        """Read many cases at once (locked like `find`'s) for the use cases of one bulk request, which share this
        session's transaction: each `find` of one of them takes it from here instead of five queries. Returns the
        rows found."""
        ids = sorted(set(report_ids))
        rows: list[Any] = []
        for start in range(0, len(ids), CHUNK):
            rows += rows_of(self.session, self._locking(
                select(_CASES).where(ReportCaseRow.report_id.in_(ids[start:start + CHUNK]))))
        children = self._children([r.report_id for r in rows])
        preloaded = self.session.info.setdefault(_PRELOADED, {})
        preloaded.update(dict.fromkeys(ids))
        preloaded.update({r.report_id: (r, children[r.report_id]) for r in rows})
        return rows

    def get(self, report_id: str) -> ReportCase:
        case = self.find(report_id)
        if case is None:
            raise NotFound(f"no emission report {report_id}", field="report_id")
        return case

    def find_many(self, report_ids: Sequence[str]) -> dict[str, ReportCase]:
        """The cases of `report_ids` that exist (locked for change), by id; one case object per id."""
        rows: list[Any] = []
        unique = sorted(set(report_ids))
        for start in range(0, len(unique), CHUNK):
            rows += rows_of(self.session, self._locking(
                select(_CASES).where(ReportCaseRow.report_id.in_(unique[start:start + CHUNK]))))
        return {row.report_id: case for row, case in zip(rows, self.load_many(rows), strict=True)}

    def list(self, year: int | None, state: str | None, offset: int, limit: int | None) -> builtins.list[ReportCase]:
        query = select(_CASES).order_by(ReportCaseRow.compliance_year, ReportCaseRow.report_id)
        if year is not None:
            query = query.where(ReportCaseRow.compliance_year == year)
        if state is not None:
            query = query.where(ReportCaseRow.state == state)
        return self.load_many(rows_of(self.session, query.offset(offset).limit(limit)))

    def without_report(self, year: int) -> builtins.list[tuple[str, bool]]:
        """Entities that must report for `year` (covered or reporting-only from that year or before) and have no
        case for it: (entity_id, whether it was covered in that year), in entity order."""
        query = (select(CoveredEntityRow.entity_id, CoveredEntityRow.covered_from)
                 .where(CoveredEntityRow.first_compliance_year <= year,
                        reports_in(year),
                        ~exists().where(ReportCaseRow.entity_id == CoveredEntityRow.entity_id,
                                        ReportCaseRow.compliance_year == year))
                 .order_by(CoveredEntityRow.entity_id))
        return [(r.entity_id, r.covered_from is not None and r.covered_from <= year)
                for r in self.session.execute(query)]

    def exit_reports_missing(self, today: date) -> builtins.list[ReportCase]:
        """M-18: exit reports whose due day is before `today` (Shanghai), without a report and not yet flagged."""
        query = (select(_CASES).where(ReportCaseRow.exit_report_due < today,
                                      ReportCaseRow.submitted_at.is_(None),
                                      ReportCaseRow.report_missing_at.is_(None))
                 .order_by(ReportCaseRow.report_id))
        return self.load_many(rows_of(self.session, self._locking(query)))

    def unverified(self, year: int) -> builtins.list[ReportCase]:
        """Covered entities' reports of `year` still without a verification and not yet flagged, locked."""
        query = (select(_CASES).where(ReportCaseRow.compliance_year == year,
                                      ReportCaseRow.state == CaseState.REPORTED.value,
                                      ReportCaseRow.covered.is_(True),
                                      ReportCaseRow.verification_missing_at.is_(None))
                 .order_by(ReportCaseRow.report_id))
        return self.load_many(rows_of(self.session, self._locking(query)))

    def overdue(self, today: date) -> builtins.list[ReportCase]:
        """Cases whose determination was due before `today` (Shanghai) and not yet flagged for that date, locked."""
        query = (select(_CASES).where(ReportCaseRow.decision_due_by < today,
                                      (ReportCaseRow.overdue_flagged_for.is_(None))
                                      | (ReportCaseRow.overdue_flagged_for != ReportCaseRow.decision_due_by))
                 .order_by(ReportCaseRow.decision_due_by, ReportCaseRow.report_id))
        return self.load_many(rows_of(self.session, self._locking(query)))

    def queue(self, *, year: int | None, states: Sequence[str], due_before: date | None, overdue_on: date | None,
              trigger: str | None, offset: int, limit: int) -> builtins.list[ReportCase]:
        """Cases awaiting the authority's determination (M-15), earliest deadline first (none last); `trigger`: only
        re-checks one of whose records names that M-15 ¶2 code (the caller keeps those whose open one does)."""
        awaiting = ReportCaseRow.state.in_([CaseState.VERIFIED.value, CaseState.RECHECK.value]) | (
            ReportCaseRow.covered.is_(True) & (
                ((ReportCaseRow.state == CaseState.AWAITING_REPORT.value)
                 & ReportCaseRow.report_missing_at.is_not(None))
                | ((ReportCaseRow.state == CaseState.REPORTED.value)
                   & ReportCaseRow.verification_missing_at.is_not(None))))
        query = select(_CASES).where(awaiting, ReportCaseRow.state.in_(states))
        if year is not None:
            query = query.where(ReportCaseRow.compliance_year == year)
        if due_before is not None:
            query = query.where(ReportCaseRow.decision_due_by <= due_before)
        if overdue_on is not None:
            query = query.where(ReportCaseRow.decision_due_by < overdue_on)
        if trigger is not None:
            query = query.where(ReportCaseRow.state == CaseState.RECHECK.value, exists().where(
                RecheckRow.report_id == ReportCaseRow.report_id,
                cast(RecheckRow.triggers, String).like(f'%"{trigger}"%')))
        query = query.order_by(ReportCaseRow.decision_due_by.is_(None), ReportCaseRow.decision_due_by,
                               ReportCaseRow.report_id)
        return self.load_many(rows_of(self.session, query.offset(offset).limit(limit)))

    def _locking(self, query):
        return query.with_for_update() if self._lock else query

    def due_for_determination(self, now: datetime) -> builtins.list[ReportCase]:
        """VERIFIED cases whose auto-determination instant has come (one indexed range query)."""
        query = (select(_CASES).where(ReportCaseRow.auto_determine_at <= now,
                                      ReportCaseRow.state == CaseState.VERIFIED.value)
                 .order_by(ReportCaseRow.auto_determine_at, ReportCaseRow.report_id))
        if self._lock:
            query = query.with_for_update()
        return self.load_many(rows_of(self.session, query))

    def load_many(self, rows: Sequence[Any]) -> builtins.list[ReportCase]:
        children = self._children([r.report_id for r in rows])
        return [self._case_of(row, children[row.report_id]) for row in rows]

    def _children(self, ids: builtins.list[str]) -> dict[str, dict[str, builtins.list[Any]]]:
        children: dict[str, dict[str, builtins.list[Any]]] = defaultdict(lambda: defaultdict(list))
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            for v in rows_of(self.session, select(table_of(VerificationRow)).where(
                    VerificationRow.report_id.in_(chunk))):
                children[v.report_id]["verification"].append(v)
            for name, table, order in _CHILDREN:
                for child in rows_of(self.session, select(table_of(table)).where(table.report_id.in_(chunk))
                                     .order_by(table.report_id, order)):
                    children[child.report_id][name].append(child)
        return children

    def _case_of(self, row: Any, loaded: dict[str, builtins.list[Any]]) -> ReportCase:
        self._rows[row.report_id] = row
        self._loaded[row.report_id] = {name: list(loaded[name]) for name in
                                       ("verification", "objections", "rechecks", "determinations")}
        case = _case(row, loaded)
        self._reports[row.report_id] = case.report  # as loaded: `save` writes its columns only when it changed
        return case

    # -- writing ---------------------------------------------------------------------------------------------------
    def collect_writes(self) -> None:
        """From here on `add` and `save` collect what they write, and `write_collected` writes it set-based
        (`collected_writes`): for many cases in one transaction."""
        if self._collected is None:
            self._collected = CollectedWrites()

    def write_collected(self) -> None:
        """Write what was collected and go back to writing through the ORM (the unit of work's commit does it too;
        a use case that reads the cases after writing them calls it first)."""
        collected, self._collected = self._collected, None
        if collected:
            collected.write(self.session)

    def add(self, report_id: str, case: ReportCase) -> None:
        """A new case: with its report, or (found missing at the deadline) without one; `save` writes the rest."""
        columns: dict[str, Any] = dict(report_id=report_id, entity_id=case.entity_id, compliance_year=case.year,
                                       state=case.state.value, covered=case.covered,
                                       correlation_id=case.correlation_id)
        self._rows[report_id] = (self._collected.add_case(report_id, columns) if self._collected is not None
                                 else self._added(ReportCaseRow(**columns)))
        self._loaded[report_id] = {"verification": [], "objections": [], "rechecks": [], "determinations": []}
        self.save(case, report_id=report_id, auto_determine_at=None)

    def save(self, case: ReportCase, *, auto_determine_at: datetime | None, report_id: str | None = None) -> None:
        """Write a loaded (or just added) case back: state, flags, the report (filed or amended), and any new child
        records."""
        report = case.report
        report_id = report.report_id if report is not None else report_id or report_id_of(case)
        row = self._rows[report_id]
        values: dict[str, Any] = dict(
            state=case.state.value, covered=case.covered, determination_due_by=case.determination_due_by,
            auto_determine_at=auto_determine_at, report_missing_at=case.report_missing_at,
            verification_missing_at=case.verification_missing_at, decision_due_by=case.decision_due_by,
            overdue_flagged_for=case.overdue_flagged_for, exit_report_due=case.exit_report_due)
        if report is not None and report is not self._reports.get(report_id):  # filed or amended: a new report
            self._reports[report_id] = report
            values.update(late=report.late, submitted_at=report.submitted_at, amended_at=report.amended_at,
                          sources=codec.sources_to_json(report.sources), reported_emissions=report.emissions,
                          **codec.breakdown_columns(report.breakdown))
        if self._collected is not None:
            self._collected.assign(report_id, row, values)
        else:
            write_changes(self.session, ReportCaseRow, row, ("report_id",), values)
        loaded = self._loaded[report_id]
        if case.verification is not None and not loaded["verification"]:
            loaded["verification"].append(self._new_row(VerificationRow, _verification_columns(case.verification)))
        for seq, objection in enumerate(case.objections[len(loaded["objections"]):], len(loaded["objections"])):
            loaded["objections"].append(self._added(ObjectionRow(
                report_id=report_id, seq=seq, evidence=list(objection.evidence), filed_at=objection.filed_at)))
        for seq, recheck in enumerate(case.rechecks):
            triggers = codec.triggers_to_json(recheck.triggers)
            if seq < len(loaded["rechecks"]):
                if self._collected is not None:
                    self._collected.grow_recheck(loaded["rechecks"][seq], triggers)
                else:
                    write_changes(self.session, RecheckRow, loaded["rechecks"][seq], ("report_id", "seq"),
                                  {"triggers": triggers})
                continue
            loaded["rechecks"].append(self._added(RecheckRow(
                report_id=report_id, seq=seq, triggers=triggers, opened_at=recheck.opened_at,
                due_by=recheck.due_by)))
        for determination in case.determinations[len(loaded["determinations"]):]:
            loaded["determinations"].append(self._new_row(DeterminationRow,
                                                          determination_columns(report_id, determination)))

    def cover_unverified_reports(self, from_years: dict[str, int]) -> builtins.list[tuple[str, str]]:
        """Entities turned out to be covered, each from its year ({entity id: year}): their reports of those years
        not yet verified become covered reports, set-based (one query per 500 entities, one UPDATE per 500 reports);
        earlier years stay reporting-only reports. Returns (entity id, report id) of each report covered, in the
        order of `from_years`. Such a report is only ever filed by a committed request, never pending in this
        session: the query need not flush it first."""
        entity_ids = builtins.list(from_years)
        found: dict[str, builtins.list[str]] = defaultdict(builtins.list)
        with self.session.no_autoflush:
            for start in range(0, len(entity_ids), 500):
                rows = self.session.execute(
                    select(ReportCaseRow.entity_id, ReportCaseRow.report_id, ReportCaseRow.compliance_year)
                    .where(ReportCaseRow.entity_id.in_(entity_ids[start:start + 500]), *_UNVERIFIED)
                    .order_by(ReportCaseRow.report_id))
                for entity_id, report_id, year in rows:
                    if year >= from_years[entity_id]:
                        found[entity_id].append(report_id)
        covered = [(entity_id, report_id) for entity_id in entity_ids for report_id in found.get(entity_id, ())]
        report_ids = [report_id for _, report_id in covered]
        for start in range(0, len(report_ids), 500):
            self.session.execute(update(ReportCaseRow).where(
                ReportCaseRow.report_id.in_(report_ids[start:start + 500]), *_UNVERIFIED).values(covered=True))
        return covered

    def _added(self, row: Any) -> Any:
        if self._collected is not None:
            return self._collected.add_child(type(row), row)
        self.session.add(row)
        return row

    def _new_row(self, model: type, columns: dict[str, Any]) -> Any:
        """A new child row: collected as its columns, or added to the session as an ORM object."""
        if self._collected is not None:
            return self._collected.add_child(model, columns)
        return self._added(model(**columns))


def determination_columns(report_id: str, d: Determination) -> dict[str, Any]:
    return dict(determination_id=d.determination_id, report_id=report_id, entity_id=d.entity_id,
                compliance_year=d.year, emissions=d.emissions, basis=d.basis.value,
                triggers=codec.triggers_to_json(d.triggers), revision=d.revision, determined_at=d.determined_at,
                due_by=d.due_by, reason=d.reason)


def determination_from(row: Any) -> Determination:
    return Determination(row.determination_id, row.entity_id, row.compliance_year, row.emissions,
                         DeterminationBasis(row.basis), codec.triggers_from_json(row.triggers), row.revision,
                         row.determined_at, row.due_by, row.reason)


def _verification_columns(v: Verification) -> dict[str, Any]:
    return dict(report_id=v.report_id, verification_id=v.verification_id, agency_id=v.agency_id,
                verifier_id=v.verifier_id, certificate_no=v.certificate_no,
                verified_sources=codec.sources_to_json(v.verified_sources), **codec.breakdown_columns(v.breakdown),
                verified_emissions=v.emissions, findings=list(v.findings), submitted_at=v.submitted_at, late=v.late)


def report_id_of(case: ReportCase) -> str:
    """A case's id: its report's (`RPT-<entity>-<year>`, whether the report was filed or found missing)."""
    return f"RPT-{case.entity_id}-{case.year}"


def _report(row: Any) -> EmissionReport | None:
    """The filed report: its columns are null while the report is missing and written together when it is filed."""
    if row.submitted_at is None:
        return None
    if row.sources is None or row.reported_emissions is None or row.late is None:
        raise ValueError(f"report_case {row.report_id} is filed without its sources, emissions or lateness")
    return EmissionReport(
        row.report_id, row.entity_id, row.compliance_year, codec.sources_from_json(row.sources),
        codec.breakdown_from(row, row.reported_emissions), row.submitted_at, row.late, row.covered, row.amended_at)


def _case(row: Any, children: dict[str, list[Any]]) -> ReportCase:
    report = _report(row)
    verification = None
    for v in children["verification"]:
        verification = Verification(
            v.verification_id, v.report_id, v.agency_id, v.verifier_id, v.certificate_no,
            codec.sources_from_json(v.verified_sources), codec.breakdown_from(v, v.verified_emissions),
            tuple(v.findings), v.submitted_at, v.late)
    return ReportCase(
        row.entity_id, row.compliance_year, row.correlation_id, CaseState(row.state), report, verification,
        tuple(Objection(tuple(o.evidence), o.filed_at) for o in children["objections"]),
        tuple(Recheck(codec.triggers_from_json(r.triggers), r.opened_at, r.due_by) for r in children["rechecks"]),
        tuple(determination_from(d) for d in children["determinations"]), row.determination_due_by, row.covered,
        row.report_missing_at, row.verification_missing_at, row.overdue_flagged_for, row.exit_report_due)
