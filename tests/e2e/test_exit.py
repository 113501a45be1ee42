"""An exit across allocation, mrv and enforcement (M-18): the entity stops production; half its free allowances of
the next vintage are recalled at once; its current-year report falls due 15 days later — not filed, the day after
mrv finds it missing and enforcement opens the M-37 case under the exit's correlation id; the authority determines
the year from its own figure; the entity surrenders for that year from the determination (not next June), and the
obligation settles."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from ets_cli.scenario import shea
from ets_client_allocation import models as a
from ets_client_allocation.api.allocation_plans import add_entries, approve, create, issue
from ets_client_allocation.api.entities_and_registry import holdings, register
from ets_client_allocation.api.exit_and_succession import exit_
from ets_client_allocation.api.ledger import ledger_audit
from ets_client_allocation.api.obligations_and_surrender import obligation, surrender
from ets_client_enforcement.api.cases import get_case
from ets_client_mrv import models as m
from ets_client_mrv.api.reports import determine, get_report
from ets_shared.clock import REGULATORY_TZ
from ets_shared.testing.service import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio]
E = "E2E-EXIT"


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=REGULATORY_TZ)


async def test_exit_recall_missing_report_case_and_last_year_surrender(platform, client):
    await client.tick_and_wait(sh(2026, 1, 5, 10))
    await client.call(register.asyncio_detailed, role="authority", body=a.RegisterEntity(
        entity_id=E, name="Songjiang Kiln", sector="industry", annual_emissions=50_000, compliance_year=2026))
    for year, quantity in ((2026, 1_000), (2027, 101)):
        await client.call(create.asyncio_detailed, role="authority", body=a.CreatePlan(compliance_year=year,
                                                                                      cap=10_000))
        await client.call(add_entries.asyncio_detailed, year, role="authority", body=a.AddEntries(entries=[
            a.BenchmarkEntry(entity_id=E, method="benchmark", intensity="1", output=str(quantity))]))
        await client.call(approve.asyncio_detailed, year, role="authority")
        await client.call(issue.asyncio_detailed, year, role="authority")

    await client.tick_and_wait(sh(2026, 9, 11, 10))
    exit_case = "exit-" + E
    declared = await client.call(exit_.asyncio_detailed, E, role="entity", party=E, correlation=exit_case,
                                 body=a.DeclareExit(reason=a.DeclareExitReason.PRODUCTION_STOPPED,
                                                    exit_on=date(2026, 9, 10)))
    assert declared.report_due_on == date(2026, 9, 25)
    assert [(v.vintage, v.recalled) for v in declared.recall] == [(2027, 51)]  # 101 / 2, half up

    await client.tick_and_wait(sh(2026, 9, 25, 23, 59))
    assert (await client.call(get_report.asyncio_detailed, f"RPT-{E}-2026", role="authority")).report_missing_at is None
    await client.tick_and_wait(sh(2026, 9, 26))

    async def m37_case():
        return await client.call(get_case.asyncio_detailed, f"CASE-M37-{E}-2026-report", role="enforcement_officer",
                                 expect=(200, 404))
    case = await eventually(m37_case, timeout=60)
    assert case.correlation_id == exit_case and "M-18" in case.allegation

    await client.tick_and_wait(sh(2026, 10, 1, 10))
    await client.call(determine.asyncio_detailed, f"RPT-{E}-2026", role="authority", body=m.Determine(
        emissions=900, reason="the authority's figure: energy statistics to 10 September"))

    async def determined():
        ob = await client.call(obligation.asyncio_detailed, E, 2026, role="authority", expect=(200, 404))
        return ob if ob and ob.determined_emissions == 900 else None
    ob = await eventually(determined, timeout=60)
    assert ob.surrender_until == date(2026, 10, 30)  # 30 days from its determination, not June 2027
    paid = await client.call(surrender.asyncio_detailed, E, role="entity", party=E, body=shea(2026, 2026, 900))
    assert paid.status == "settled"
    held = await client.call(holdings.asyncio_detailed, E, role="authority")
    assert {(h.vintage, h.quantity) for h in held} == {(2026, 100), (2027, 50)}
    audit = await client.call(ledger_audit.asyncio_detailed, role="authority")
    assert audit.intact is True
