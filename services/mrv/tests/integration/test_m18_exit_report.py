"""M-18 over the running mrv: an exiting entity's current-year report falls due 15 days after its exit — accepted
on the due day, found missing from 00:00 the day after (the event enforcement opens its case from) — and is then
verified and determined like any other report; the entity owes no plan or report for the years after."""
from __future__ import annotations

from datetime import date

import pytest

from ets_shared.contracts.allocation import EntityExitDeclared
from ets_shared.contracts.mrv import EmissionReportMissing, EmissionsDeterminedV2, MonitoringPlanMissing
from ets_shared.testing.service import eventually, subject_listener

pytestmark = pytest.mark.asyncio


async def _exit(world, entity_id: str) -> str:
    envelope = await world.send(EntityExitDeclared(
        entity_id=entity_id, reason="production_stopped", exit_on=date(2026, 9, 10), compliance_year=2026,
        report_due_on=date(2026, 9, 25), declared_at=world.sh(2026, 9, 11)), "allocation")
    await world.applied(envelope)
    return envelope.correlation_id


async def test_m18_exit_report_accepted_on_the_due_day_then_verified_and_determined(world, nats_url):
    sh = world.sh
    await world.register("E-1", first_year=2025, at=sh(2025, 1, 5))
    await world.signatory("V-1", "AG-1", 2026)
    await world.tick(sh(2026, 9, 11))
    await _exit(world, "E-1")
    await world.tick(sh(2026, 9, 25, 23, 59))
    report = await world.report("E-1", 2026, world.process(8_000))
    assert (report["report_id"], report["late"]) == ("RPT-E-1-2026", False)
    await world.verify("RPT-E-1-2026", world.process(8_000))
    await world.tick(sh(2026, 10, 5))
    async with subject_listener(nats_url, EmissionsDeterminedV2.contract.subject) as determined:
        r = await world.client.post("/reports/RPT-E-1-2026/determination", json={}, headers=world.authority)
        assert r.status_code in (200, 201), r.text
        await eventually(lambda: determined)
    assert (determined[0]["data"]["compliance_year"], determined[0]["data"]["determined_emissions"]) == (2026, 8_000)


async def test_m18_exit_report_missing_from_the_day_after_its_due_day(world, nats_url):
    sh = world.sh
    await world.register("E-1", first_year=2025, at=sh(2025, 1, 5))
    await world.tick(sh(2026, 9, 11))
    exit_case = await _exit(world, "E-1")
    async with subject_listener(nats_url, EmissionReportMissing.contract.subject) as missing:
        await world.tick(sh(2026, 9, 25, 23, 59, 59))
        assert (await world.case("RPT-E-1-2026"))["report_missing_at"] is None
        await world.tick(sh(2026, 9, 26))
        await eventually(lambda: [e for e in missing if e["data"]["compliance_year"] == 2026])
    found = [e for e in missing if e["data"]["compliance_year"] == 2026]  # (2025's own, found earlier, may trail)
    data = found[0]["data"]
    assert (len(found), data["entity_id"], data["due_on"], data["covered"], data["exit_report"]) == (
        1, "E-1", "2026-09-25", True, True)
    assert found[0]["correlation_id"] == exit_case
    late = await world.report("E-1", 2026, world.process(8_000))
    assert late["late"] is True


async def test_m18_no_plan_or_report_owed_for_the_years_after_the_exit(world, nats_url):
    sh = world.sh
    await world.register("E-1", first_year=2025, at=sh(2025, 1, 5))
    await world.register("E-2", first_year=2025, at=sh(2025, 1, 5))
    await world.tick(sh(2026, 9, 11))
    await _exit(world, "E-1")
    await world.report("E-1", 2026, world.process(8_000))
    async with subject_listener(nats_url, MonitoringPlanMissing.contract.subject) as plans, \
            subject_listener(nats_url, EmissionReportMissing.contract.subject) as reports:
        await world.tick(sh(2027, 1, 1))
        await world.tick(sh(2027, 4, 1))
        await eventually(lambda: any(e["data"]["entity_id"] == "E-2" and e["data"]["compliance_year"] == 2026
                                     for e in reports))
    assert not any(e["data"]["entity_id"] == "E-1" for e in plans + reports)
    assert any(e["data"]["entity_id"] == "E-2" for e in plans)


async def test_m18_an_exit_applied_in_the_batch_of_its_registration_ends_that_entity(world):
    """A pulled batch's new entities are written at its commit (`CoveredEntityRepository.write_pending`): an exit
    later in the same batch still finds its entity — covered, ending with the exit's year."""
    import asyncio

    from sqlalchemy import select

    from ets_shared.contracts.allocation import EntityRegistered
    from ets_shared.envelope import MessageContext, wrap
    from ets_shared.messaging.consumers import Delivery, apply_batch, routes_by_producer
    from mrv.adapters.orm import CoveredEntityRow, ReportCaseRow
    from mrv.service_layer.handlers import EVENT_HANDLERS

    routes = routes_by_producer(EVENT_HANDLERS)["allocation"]

    def delivery(data) -> Delivery:
        envelope = wrap(data, producer="allocation", context=MessageContext.new("test"))
        return Delivery.decode(type(data).contract.subject, envelope.model_dump_json().encode(), routes)

    await world.tick(world.sh(2026, 9, 11))
    batch = [delivery(EntityRegistered(entity_id=f"E-{n}", name=f"Entity E-{n}", sector="steel", covered=True,
                                       registered_at=world.sh(2025, 1, 5), first_compliance_year=2025))
             for n in (12, 13)]
    batch.append(delivery(EntityExitDeclared(
        entity_id="E-12", reason="production_stopped", exit_on=date(2026, 9, 10), compliance_year=2026,
        report_due_on=date(2026, 9, 25), declared_at=world.sh(2026, 9, 11))))
    assert len(await asyncio.to_thread(apply_batch, batch, world.svc.runtime.uow, "mrv")) == 3
    with world.svc.runtime.session_factory() as session:
        entities = {r.entity_id: r.last_compliance_year for r in session.execute(select(CoveredEntityRow)).scalars()}
        exit_case = session.get(ReportCaseRow, "RPT-E-12-2026")
    assert entities == {"E-12": 2026, "E-13": None}
    assert exit_case is not None and exit_case.covered is True
