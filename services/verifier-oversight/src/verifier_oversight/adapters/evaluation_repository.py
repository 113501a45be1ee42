"""Repositories of the evaluation side: evaluations with their deductions, inspection draws, inspections."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ets_shared.errors import NotFound
from ets_shared.persistence.mapping import to_domain, to_row
from verifier_oversight.adapters.orm import DeductionRow, EvaluationRow, InspectionDrawRow, InspectionRow
from verifier_oversight.domain.evaluation import Deduction, Evaluation
from verifier_oversight.domain.inspections import Finding, Inspection, InspectionDraw, Severity, verify_draw
from verifier_oversight.domain.policy import OversightPolicy


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
        return verify_draw(self.draw, policy)


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

    def of_year(self, year: int, offset: int, limit: int) -> list[Evaluation]:
        query = (select(EvaluationRow).where(EvaluationRow.year == year)
                 .order_by(EvaluationRow.agency_id).offset(offset).limit(limit))
        return self._with_deductions(list(self.session.execute(query).scalars()))

    def of_agency(self, agency_id: str, years: range | None = None) -> list[Evaluation]:
        query = select(EvaluationRow).where(EvaluationRow.agency_id == agency_id)
        if years is not None:
            query = query.where(EvaluationRow.year >= years.start, EvaluationRow.year < years.stop)
        return self._with_deductions(list(self.session.execute(query.order_by(EvaluationRow.year)).scalars()))

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
                found.setdefault((d.agency_id, d.year), []).append(to_domain(d, Deduction))
        return [to_domain(r, Evaluation, deductions=tuple(found.get((r.agency_id, r.year), ()))) for r in rows]

    def save(self, evaluation: Evaluation, at: datetime) -> None:
        """Write the evaluation and bring its deduction rows in line: new ones added, withdrawn ones removed."""
        key = (evaluation.agency_id, evaluation.year)
        row = self.session.get(EvaluationRow, key)
        self.session.add(to_row(evaluation, EvaluationRow, row, **({} if row else {"opened_at": at})))
        self.session.flush()
        stored = {d.deduction_id: d for d in self.session.execute(
            select(DeductionRow).where(DeductionRow.agency_id == key[0], DeductionRow.year == key[1])).scalars()}
        wanted = {d.deduction_id for d in evaluation.deductions}
        for deduction_id, d in stored.items():
            if deduction_id not in wanted:
                self.session.delete(d)
        for d in evaluation.deductions:
            if d.deduction_id not in stored:
                self.session.add(to_row(d, DeductionRow, agency_id=key[0], year=key[1], recorded_at=at))


class InspectionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find_draw(self, draw_id: str) -> StoredDraw | None:
        row = self.session.get(InspectionDrawRow, draw_id)
        if row is None:
            return None
        draw = InspectionDraw(row.seed, tuple(row.random_ids), tuple(row.targeted_ids), tuple(row.all_ids),
                              tuple(row.population_ids))
        return StoredDraw(row.draw_id, row.year, draw, row.drawn_at, Decimal(row.random_ratio), row.random_minimum)

    def get_draw(self, draw_id: str) -> StoredDraw:
        found = self.find_draw(draw_id)
        if found is None:
            raise NotFound(f"no inspection draw {draw_id}", field="draw_id", article="V")
        return found

    def add_draw(self, stored: StoredDraw) -> None:
        draw = stored.draw
        self.session.add(InspectionDrawRow(
            draw_id=stored.draw_id, year=stored.year, seed=draw.seed, drawn_at=stored.drawn_at,
            random_ratio=str(stored.random_ratio), random_minimum=stored.random_minimum,
            population_ids=list(draw.population_ids), targeted_ids=list(draw.targeted_ids),
            random_ids=list(draw.random_ids), all_ids=list(draw.all_ids)))

    def exists(self, inspection_id: str) -> bool:
        return self.session.get(InspectionRow, inspection_id) is not None

    def add(self, inspection: Inspection, draw_id: str | None, inspected_at: datetime) -> None:
        self.session.add(to_row(
            inspection, InspectionRow, experts=list(inspection.experts), draw_id=draw_id, inspected_at=inspected_at,
            findings=[{"severity": f.severity.value, "description": f.description} for f in inspection.findings]))

    def list(self, year: int | None, agency_id: str | None, offset: int,
             limit: int) -> list[tuple[Inspection, str | None, datetime]]:
        """(inspection, draw id, inspected at), newest last."""
        query = select(InspectionRow)
        if year is not None:
            query = query.where(InspectionRow.year == year)
        if agency_id is not None:
            query = query.where(InspectionRow.agency_id == agency_id)
        query = query.order_by(InspectionRow.inspected_at, InspectionRow.inspection_id).offset(offset).limit(limit)
        return [(self._inspection(r), r.draw_id, r.inspected_at) for r in self.session.execute(query).scalars()]

    @staticmethod
    def _inspection(row: InspectionRow) -> Inspection:
        findings = tuple(Finding(Severity(f["severity"]), f["description"]) for f in row.findings)
        return to_domain(row, Inspection, experts=tuple(row.experts), findings=findings)
