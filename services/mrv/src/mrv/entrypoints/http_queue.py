"""HTTP API of the authority's determination work (M-15, M-43): the queue of cases awaiting its determination — each
with its deadline and triggers, filtered, paged, as JSON or CSV — and determination in bulk."""
from __future__ import annotations

import csv
import io
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from ets_shared.auth import Principal, Role
from ets_shared.clock import regulatory_date, utcnow
from ets_shared.errors import DomainError
from ets_shared.http.dependencies import ReadSession, require
from mrv.entrypoints.dependencies import Uow
from ets_shared.persistence.tables import RegulatoryClock
from mrv.adapters.repository import ReportCaseRepository
from mrv.entrypoints.schemas import BulkResultPublic, DeterminationPublic, QueueItemPublic
from mrv.service_layer import commands, reports
from mrv.adapters.policy_repository import policy_cache

router = APIRouter(tags=["determinations"])
Authority = Annotated[Principal, Depends(require(Role.AUTHORITY))]
Awaiting = Literal["verified", "recheck", "no_report", "no_verification"]
_STATES = {"verified": "verified", "recheck": "recheck", "no_report": "awaiting_report",
           "no_verification": "reported"}


@router.get("/determination-queue", response_model=list[QueueItemPublic],
            responses={200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with format=csv"}},
            summary="Cases awaiting the authority's determination (M-15): verified figures, re-checks, and covered "
                    "entities found without a report or verification; earliest deadline first")
def queue(_: Authority, session: ReadSession,
          compliance_year: Annotated[int | None, Query(ge=2013, le=2100)] = None,
          awaiting: Annotated[list[Awaiting] | None, Query(description="which kinds (repeatable)")] = None,
          trigger: Literal["DISCREPANCY", "YEAR_ON_YEAR", "OBJECTION", "AUTHORITY"] | None = None,
          due_before: Annotated[date | None, Query(description="deadline on or before this date")] = None,
          overdue: Annotated[bool, Query(description="only those past their deadline (M-43)")] = False,
          offset: Annotated[int, Query(ge=0)] = 0, limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
          format: Literal["json", "csv"] = "json") -> object:  # noqa: A002 - the query parameter's name
    clock = session.get(RegulatoryClock, 1)
    today = regulatory_date(clock.now if clock else utcnow())
    states = [_STATES[a] for a in (awaiting or _STATES)]
    cases = ReportCaseRepository(session).queue(year=compliance_year, states=states, due_before=due_before,
                                                overdue_on=today if overdue else None, trigger=trigger,
                                                offset=offset, limit=limit)
    policies = policy_cache(session)
    items = [QueueItemPublic.of(c, policies(c.year), today) for c in cases]
    if trigger is not None:
        items = [i for i in items if trigger in i.triggers]
    if format == "json":
        return items
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(QueueItemPublic.model_fields))
    writer.writeheader()
    for item in items:
        writer.writerow({k: (";".join(v) if isinstance(v, list) else "" if v is None else v)
                         for k, v in item.model_dump(mode="json").items()})
    return Response(out.getvalue(), media_type="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="determination-queue.csv"'})


@router.post("/determinations/bulk", response_model=list[BulkResultPublic],
             summary="Determine many cases from the queue in one request (M-15); each item is determined or refused "
                     "on its own, with its problem")
def bulk(cmd: commands.BulkDetermine, _: Authority, uow: Uow) -> list[BulkResultPublic]:
    results = []
    for outcome in reports.determine_bulk(cmd, uow):
        if not isinstance(outcome.result, DomainError):
            results.append(BulkResultPublic(report_id=outcome.report_id, status="determined",
                                            determination=DeterminationPublic.of(outcome.result)))
        else:
            exc = outcome.result
            results.append(BulkResultPublic(report_id=outcome.report_id, status="refused", problem={
                "type": f"urn:ets:problem:{exc.code}", "status": exc.status, "title": exc.title,
                "detail": exc.detail, "field": exc.field, "article": exc.article}))
    return results
