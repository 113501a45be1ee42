"""Repositories of the evaluation side: the versioned scoring table, evaluations with their deductions and the
year's finalisation, the panel, inspection draws and inspections."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ets_shared.errors import NotFound
from ets_shared.persistence.mapping import to_domain, to_row
from verifier_oversight.adapters.orm import (
    DeductionRow, EvaluationRow, EvaluationYearRow, InspectionDrawRow, InspectionRow, PanelMemberRow,
    ScoringTableRow,
)
from verifier_oversight.domain.evaluation import Deduction, Evaluation
from verifier_oversight.domain.inspections import (
    ChecklistItem, CheckResult, Finding, Inspection, InspectionDraw, Signature, Targeted, reproduces,
)
from verifier_oversight.domain.panel import DeclaredConflict, MemberKind, PanelMember
from verifier_oversight.domain.policy import OversightPolicy
from verifier_oversight.domain.scoring import Band, ItemKind, ScoringItem, ScoringTable, Violation, default_table


def item_document(item: ScoringItem) -> dict:
    return {"code": item.code, "description": item.description, "kind": item.kind.value, "points": item.points,
            "cap": item.cap, "bands": [{"from_ratio": str(b.from_ratio), "points": b.points} for b in item.bands],
            "violation": item.violation.value if item.violation else None}


def item_of(doc: dict) -> ScoringItem:
    return ScoringItem(doc["code"], doc["description"], ItemKind(doc["kind"]), doc["points"], doc.get("cap"),
                       tuple(Band(Decimal(b["from_ratio"]), b["points"]) for b in doc.get("bands") or ()),
                       Violation(doc["violation"]) if doc.get("violation") else None)


class ScoringTableRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        #: read once per transaction (kept by its session; the repository starts afresh for each event of a
        #: consumed batch); `add` forgets it
        self._current: dict[int, ScoringTable] = session.info.setdefault("verifier-oversight.scoring", {})

    def current(self, year: int) -> ScoringTable:
        """The latest adopted version, or the platform default (version 0)."""
        if year not in self._current:
            self._current[year] = self._latest(year)
        return self._current[year]

    def _latest(self, year: int) -> ScoringTable:
        query = (select(ScoringTableRow).where(ScoringTableRow.year == year)
                 .order_by(ScoringTableRow.version.desc()).limit(1))
        row = self.session.execute(query).scalar_one_or_none()
        return default_table(year) if row is None else self._table(row)

    def version(self, year: int, version: int) -> ScoringTable:
        if version == 0:
            return default_table(year)
        row = self.session.get(ScoringTableRow, (year, version))
        if row is None:
            raise NotFound(f"no version {version} of the {year} scoring table", field="version", article="V")
        return self._table(row)

    def versions(self, year: int) -> list[ScoringTable]:
        query = select(ScoringTableRow).where(ScoringTableRow.year == year).order_by(ScoringTableRow.version)
        return [default_table(year), *(self._table(r) for r in self.session.execute(query).scalars())]

    def add(self, table: ScoringTable) -> None:
        if table.adopted_at is None or table.adopted_by is None:  # the platform default (version 0) is not stored
            raise ValueError(f"the {table.year} scoring table version {table.version} was not adopted")
        self._current.pop(table.year, None)
        self.session.add(ScoringTableRow(year=table.year, version=table.version, adopted_at=table.adopted_at,
                                         adopted_by=table.adopted_by, reason=table.reason,
                                         items=[item_document(i) for i in table.items.values()]))

    @staticmethod
    def _table(row: ScoringTableRow) -> ScoringTable:
        items = {d["code"]: item_of(d) for d in row.items}
        return ScoringTable(row.year, row.version, items, row.adopted_at, row.adopted_by, row.reason)


def _deduction(row: DeductionRow) -> Deduction:
    return to_domain(row, Deduction, evidence=tuple(row.evidence),
                     measure=None if row.measure is None else Decimal(row.measure))


class EvaluationRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, agency_id: str, year: int) -> Evaluation | None:
        """The evaluation with its deductions (writers lock the agency row first: AgencyRepository.find)."""
        row = self.session.get(EvaluationRow, (agency_id, year))
        return None if row is None else self._with_deductions([row])[0]

    def get(self, agency_id: str, year: int) -> Evaluation:
        evaluation = self.find(agency_id, year)
        if evaluation is None:
            raise NotFound(f"no evaluation of {agency_id} for {year}", field="agency_id", article="V")
        return evaluation

    def of_year(self, year: int, offset: int = 0, limit: int | None = None) -> list[Evaluation]:
        query = (select(EvaluationRow).where(EvaluationRow.year == year)
                 .order_by(EvaluationRow.agency_id).offset(offset).limit(limit))
        return self._with_deductions(list(self.session.execute(query).scalars()))

    def of_agency(self, agency_id: str, years: range | None = None) -> list[Evaluation]:
        query = select(EvaluationRow).where(EvaluationRow.agency_id == agency_id)
        if years is not None:
            query = query.where(EvaluationRow.year >= years.start, EvaluationRow.year < years.stop)
        return self._with_deductions(list(self.session.execute(query.order_by(EvaluationRow.year)).scalars()))

    def deduction_owner(self, deduction_id: str) -> tuple[str, int] | None:
        row = self.session.get(DeductionRow, deduction_id)
        return None if row is None else (row.agency_id, row.year)

    def _with_deductions(self, rows: list[EvaluationRow]) -> list[Evaluation]:
        if not rows:
            return []
        keys = {(r.agency_id, r.year) for r in rows}
        query = (select(DeductionRow)
                 .where(DeductionRow.agency_id.in_({a for a, _ in keys}), DeductionRow.year.in_({y for _, y in keys}))
                 .order_by(DeductionRow.recorded_at, DeductionRow.deduction_id))
        found: dict[tuple[str, int], list[Deduction]] = {}
        for d in self.session.execute(query).scalars():
            if (d.agency_id, d.year) in keys:
                found.setdefault((d.agency_id, d.year), []).append(_deduction(d))
        return [to_domain(r, Evaluation, deductions=tuple(found.get((r.agency_id, r.year), ()))) for r in rows]

    def save(self, evaluation: Evaluation, at: datetime) -> None:
        """Write the evaluation and its deductions (new ones added, changed ones updated; none is ever deleted)."""
        key = (evaluation.agency_id, evaluation.year)
        row = self.session.get(EvaluationRow, key)
        self.session.add(to_row(evaluation, EvaluationRow, row, **({} if row else {"opened_at": at})))
        self.session.flush()
        for d in evaluation.deductions:
            self.session.add(to_row(d, DeductionRow, self.session.get(DeductionRow, d.deduction_id),
                                    evidence=list(d.evidence),
                                    measure=None if d.measure is None else str(d.measure)))

    # -- the year --------------------------------------------------------------------------------------------
    def year_finalised(self, year: int) -> EvaluationYearRow | None:
        return self.session.get(EvaluationYearRow, year)

    def mark_year_final(self, year: int, at: datetime, table_version: int, by: str) -> None:
        self.session.add(EvaluationYearRow(year=year, finalised_at=at, table_version=table_version, finalised_by=by))

    def fail_years(self, agency_id: str, years: range) -> set[int]:
        query = select(EvaluationRow.year).where(EvaluationRow.agency_id == agency_id, EvaluationRow.grade == "FAIL",
                                                 EvaluationRow.year >= years.start, EvaluationRow.year < years.stop)
        return set(self.session.execute(query).scalars())


class PanelRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def of_year(self, year: int) -> dict[str, PanelMember]:
        query = select(PanelMemberRow).where(PanelMemberRow.year == year).order_by(PanelMemberRow.member_id)
        return {r.member_id: self._member(r) for r in self.session.execute(query).scalars()}

    def get(self, year: int, member_id: str) -> PanelMember:
        row = self.session.get(PanelMemberRow, (year, member_id))
        if row is None:
            raise NotFound(f"{member_id} is not on the {year} panel", field="member_id", article="V")
        return self._member(row)

    def save(self, member: PanelMember, at: datetime) -> None:
        row = self.session.get(PanelMemberRow, (member.year, member.member_id))
        conflicts = [vars(c) for c in member.conflicts]
        self.session.add(to_row(member, PanelMemberRow, row, conflicts=conflicts,
                                **({} if row else {"appointed_at": at})))

    @staticmethod
    def _member(row: PanelMemberRow) -> PanelMember:
        return to_domain(row, PanelMember, kind=MemberKind(row.kind),
                         conflicts=tuple(DeclaredConflict(**c) for c in row.conflicts))


@dataclass(frozen=True)
class StoredDraw:
    """A recorded inspection draw with the sampling parameters it was made under (to re-run it later)."""

    draw_id: str
    year: int
    draw: InspectionDraw
    drawn_at: datetime
    random_ratio: Decimal
    random_minimum: int

    def reproduces(self) -> bool:
        """Re-run from the recorded seed, population and parameters: True if the same entities come out."""
        policy = OversightPolicy(self.year, random_ratio=self.random_ratio, random_minimum=self.random_minimum)
        return reproduces(self.draw, policy)


class InspectionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find_draw(self, draw_id: str) -> StoredDraw | None:
        row = self.session.get(InspectionDrawRow, draw_id)
        if row is None:
            return None
        draw = InspectionDraw(row.agency_id, row.seed, tuple(row.population_ids),
                              tuple(Targeted(**t) for t in row.targeted), tuple(row.random_ids))
        return StoredDraw(row.draw_id, row.year, draw, row.drawn_at, Decimal(row.random_ratio), row.random_minimum)

    def get_draw(self, draw_id: str) -> StoredDraw:
        found = self.find_draw(draw_id)
        if found is None:
            raise NotFound(f"no inspection draw {draw_id}", field="draw_id", article="V")
        return found

    def add_draw(self, stored: StoredDraw) -> None:
        draw = stored.draw
        self.session.add(InspectionDrawRow(
            draw_id=stored.draw_id, agency_id=draw.agency_id, year=stored.year, seed=draw.seed,
            drawn_at=stored.drawn_at, random_ratio=str(stored.random_ratio), random_minimum=stored.random_minimum,
            population_ids=list(draw.population_ids), targeted=[vars(t) for t in draw.targeted],
            random_ids=list(draw.random_ids)))

    def draws(self, year: int, agency_id: str | None) -> list[StoredDraw]:
        query = select(InspectionDrawRow.draw_id).where(InspectionDrawRow.year == year)
        if agency_id is not None:
            query = query.where(InspectionDrawRow.agency_id == agency_id)
        return [self.get_draw(d) for d in self.session.execute(query.order_by(InspectionDrawRow.drawn_at,
                                                                               InspectionDrawRow.draw_id)).scalars()]

    def find(self, inspection_id: str, *, for_update: bool = False) -> Inspection | None:
        query = select(InspectionRow).where(InspectionRow.inspection_id == inspection_id)
        row = self.session.execute(query.with_for_update() if for_update else query).scalar_one_or_none()
        return None if row is None else self._inspection(row)

    def get(self, inspection_id: str, *, for_update: bool = False) -> Inspection:
        found = self.find(inspection_id, for_update=for_update)
        if found is None:
            raise NotFound(f"no inspection {inspection_id}", field="inspection_id", article="V")
        return found

    def save(self, inspection: Inspection, at: datetime) -> None:
        row = self.session.get(InspectionRow, inspection.inspection_id)
        self.session.add(to_row(
            inspection, InspectionRow, row, team=list(inspection.team),
            checklist=[{"item": c.item, "result": c.result.value, "note": c.note} for c in inspection.checklist],
            findings=[{"code": f.code, "description": f.description, "evidence": list(f.evidence)}
                      for f in inspection.findings],
            signatures=[{"member_id": s.member_id, "signed_at": s.signed_at.isoformat()}
                        for s in inspection.signatures],
            **({} if row else {"recorded_at": at})))

    def list(self, year: int | None, agency_id: str | None, offset: int, limit: int) -> list[Inspection]:
        query = select(InspectionRow)
        if year is not None:
            query = query.where(InspectionRow.year == year)
        if agency_id is not None:
            query = query.where(InspectionRow.agency_id == agency_id)
        query = query.order_by(InspectionRow.recorded_at, InspectionRow.inspection_id).offset(offset).limit(limit)
        return [self._inspection(r) for r in self.session.execute(query).scalars()]

    @staticmethod
    def _inspection(row: InspectionRow) -> Inspection:
        return to_domain(
            row, Inspection, team=tuple(row.team),
            checklist=tuple(ChecklistItem(c["item"], CheckResult(c["result"]), c["note"]) for c in row.checklist),
            findings=tuple(Finding(f["code"], f["description"], tuple(f["evidence"])) for f in row.findings),
            signatures=tuple(Signature(s["member_id"], datetime.fromisoformat(s["signed_at"]))
                             for s in row.signatures))
