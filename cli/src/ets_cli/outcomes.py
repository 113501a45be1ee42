"""What happened to each entity of a demonstration year, read back from the platform's APIs (never from the
scenario's own inputs): the report, verification and determination (mrv), the obligation (allocation), the cases
and fines (enforcement), through the services' typed clients."""
from __future__ import annotations

from typing import Any

from ets_cli.client import ApiError
from ets_client_allocation.api.obligations_and_surrender import obligation
from ets_client_enforcement.api.cases import list_cases
from ets_client_mrv.api.reports import get_report


async def outcomes(run) -> dict[str, dict[str, Any]]:  # a scenario.YearRun
    c, Y = run.client, run.year
    out = {}
    for e in run.entities:
        case = await c.call(get_report.asyncio_detailed, run.report_id(e), role="authority")
        report, verification = case.report, case.verification
        determination = case.determinations[-1] if case.determinations else None
        try:
            ob = await c.call(obligation.asyncio_detailed, run.eid(e), Y, role="authority")
        except ApiError as exc:
            if exc.status != 404:
                raise
            ob = None
        cases = await c.call(list_cases.asyncio_detailed, party_id=run.eid(e), role="enforcement_officer")
        out[run.eid(e)] = {
            "name": e.name, "story": e.story, "covered": case.covered,
            "reported": report.reported_emissions if report else None,
            "late_report": report.late if report else None,
            "report_missing": case.report_missing_at is not None,
            "verified": verification.verified_emissions if verification else None,
            "verification_missing": case.verification_missing_at is not None,
            "determined": determination.emissions if determination else None,
            "basis": str(determination.basis) if determination else None,
            "triggers": list(determination.triggers) if determination else [],
            "determined_late": determination.late if determination else None,
            "determined_at": determination.determined_at.isoformat() if determination else None,
            "obligation": ob and ob.determined_emissions, "surrendered": ob and ob.surrendered,
            "status": ob.status if ob else None, "surrender_until": str(ob.surrender_until) if ob else None,
            "cases": [{"case_id": x.case_id, "article": x.article, "status": x.status, "fine": x.fine_amount}
                      for x in cases if x.compliance_year in (Y, Y + 1)],
        }
    return out
