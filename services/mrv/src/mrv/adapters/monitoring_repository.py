"""Monitoring plans (M-11) in and out of their tables: a plan row per entity-year, one version row per version; and
the duties the deadline checks — covered entities owing a plan for a year without one."""
from __future__ import annotations

from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ets_shared.errors import NotFound
from ets_shared.persistence.bulk import insert_rows
from mrv.adapters.orm import CoveredEntityRow, MonitoringPlanRow, MonitoringPlanVersionRow, reports_in
from mrv.domain.monitoring import (
    MonitoredSource, MonitoringPlan, PlanContent, PlanVersion, ResponsiblePerson, plan_id_for,
)


def content_to_json(content: PlanContent) -> dict[str, Any]:
    return {"boundary": content.boundary,
            "sources": [vars(s) for s in content.sources],
            "responsible_staff": [vars(p) for p in content.responsible_staff]}


def content_from_json(doc: dict[str, Any]) -> PlanContent:
    return PlanContent(doc["boundary"], tuple(MonitoredSource(**s) for s in doc["sources"]),
                       tuple(ResponsiblePerson(**p) for p in doc["responsible_staff"]))


class MonitoringPlanRepository:
    def __init__(self, session: Session, *, lock: bool = False) -> None:
        self.session = session
        self._lock = lock
        self._rows: dict[str, MonitoringPlanRow] = {}
        self._versions: dict[str, int] = {}

    def find(self, entity_id: str, year: int) -> MonitoringPlan | None:
        row = self.session.get(MonitoringPlanRow, plan_id_for(entity_id, year), with_for_update=self._lock or None)
        return self._plan(row) if row is not None else None

    def get(self, plan_id: str) -> MonitoringPlan:
        row = self.session.get(MonitoringPlanRow, plan_id, with_for_update=self._lock or None)
        if row is None:
            raise NotFound(f"no monitoring plan {plan_id}", field="plan_id")
        return self._plan(row)

    def add(self, plan: MonitoringPlan) -> None:
        self._rows[plan.plan_id] = MonitoringPlanRow(plan_id=plan.plan_id, entity_id=plan.entity_id,
                                                     compliance_year=plan.year, correlation_id=plan.correlation_id)
        self.session.add(self._rows[plan.plan_id])
        self._versions[plan.plan_id] = 0
        self.save(plan)

    def add_missing(self, plans: list[MonitoringPlan]) -> None:
        """Plans the deadline found missing (no version): their rows in one multi-row INSERT (Core), not an ORM
        object and a flush each — a tick finds every covered entity's plan of a year missing at once. The rows are
        not in the session: what the transaction reads next (`find`, `get`) queries them."""
        if any(plan.versions for plan in plans):
            raise ValueError("a plan with versions is added by `add`")
        insert_rows(self.session, MonitoringPlanRow, [
            {"plan_id": plan.plan_id, "entity_id": plan.entity_id, "compliance_year": plan.year, "late": plan.late,
             "missing_at": plan.missing_at, "correlation_id": plan.correlation_id} for plan in plans])

    def save(self, plan: MonitoringPlan) -> None:
        row = self._rows[plan.plan_id]
        row.late, row.missing_at = plan.late, plan.missing_at
        self.session.flush()  # the plan row before its versions (foreign key)
        for version in plan.versions[self._versions[plan.plan_id]:]:
            self.session.add(MonitoringPlanVersionRow(
                plan_id=plan.plan_id, version=version.version, content=content_to_json(version.content),
                filed_at=version.filed_at, change_reason=version.change_reason, major_change=version.major_change))
        self._versions[plan.plan_id] = len(plan.versions)

    def owing(self, year: int) -> list[str]:
        """Covered entities that owe a plan for `year` (covered during year - 1) and have no plan row for it."""
        query = (select(CoveredEntityRow.entity_id)
                 .where(CoveredEntityRow.covered.is_(True), CoveredEntityRow.covered_from <= year - 1,
                        reports_in(year),
                        ~exists().where(MonitoringPlanRow.entity_id == CoveredEntityRow.entity_id,
                                        MonitoringPlanRow.compliance_year == year))
                 .order_by(CoveredEntityRow.entity_id))
        return list(self.session.execute(query).scalars())

    def not_filed(self, year: int, offset: int, limit: int) -> list[tuple[str, MonitoringPlanRow | None]]:
        """Covered entities owing a plan for `year` that have filed none (flagged missing or not yet due)."""
        filed = exists().where(MonitoringPlanVersionRow.plan_id == MonitoringPlanRow.plan_id)
        query = (select(CoveredEntityRow.entity_id, MonitoringPlanRow)
                 .outerjoin(MonitoringPlanRow, (MonitoringPlanRow.entity_id == CoveredEntityRow.entity_id)
                            & (MonitoringPlanRow.compliance_year == year))
                 .where(CoveredEntityRow.covered.is_(True), CoveredEntityRow.covered_from <= year - 1,
                        reports_in(year),
                        MonitoringPlanRow.plan_id.is_(None) | ~filed)
                 .order_by(CoveredEntityRow.entity_id).offset(offset).limit(limit))
        return [(entity_id, row) for entity_id, row in self.session.execute(query).all()]

    def list(self, *, entity_id: str | None, year: int | None, offset: int, limit: int) -> list[MonitoringPlan]:
        query = select(MonitoringPlanRow).order_by(MonitoringPlanRow.compliance_year, MonitoringPlanRow.entity_id)
        if entity_id is not None:
            query = query.where(MonitoringPlanRow.entity_id == entity_id)
        if year is not None:
            query = query.where(MonitoringPlanRow.compliance_year == year)
        return [self._plan(r) for r in self.session.execute(query.offset(offset).limit(limit)).scalars()]

    def _plan(self, row: MonitoringPlanRow) -> MonitoringPlan:
        versions = self.session.execute(select(MonitoringPlanVersionRow)
                                        .where(MonitoringPlanVersionRow.plan_id == row.plan_id)
                                        .order_by(MonitoringPlanVersionRow.version)).scalars()
        plan = MonitoringPlan(row.entity_id, row.compliance_year, row.correlation_id, tuple(
            PlanVersion(v.version, content_from_json(v.content), v.filed_at, v.change_reason, v.major_change)
            for v in versions), row.late, row.missing_at)
        self._rows[row.plan_id] = row
        self._versions[row.plan_id] = len(plan.versions)
        return plan
