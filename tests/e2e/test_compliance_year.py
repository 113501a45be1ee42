"""The chain across five processes: report → verification → determination → obligation → partial surrender →
close tick → shortfall → enforcement case with fine → credit-record event received by a plain nats-py subscriber
(as a government system would), all under one correlation id; and the outbox surviving a kill."""
from __future__ import annotations

import asyncio
import json

import nats
import pytest

from ets_cli.scenario import YearRun
from ets_shared.testing.service import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio]

CHAIN = [
    "mrv.report.submitted", "mrv.verification.filed", "mrv.determination.made", "allocation.obligation.recorded",
    "allocation.surrender.recorded", "allocation.obligation.shortfall-detected", "enforcement.case.opened",
    "enforcement.order.issued", "enforcement.penalty.decided", "enforcement.credit-record.entered",
    "enforcement.departments.notified", "enforcement.measures.applied", "allocation.obligation.settled",
    "enforcement.penalty.paid", "enforcement.case.closed",
]


async def test_compliance_year_chain_shares_one_correlation_id(platform, client):
    government = await nats.connect(platform.effective_nats_url)  # a plain subscriber, no platform code
    seen: list[dict] = []

    async def collect(msg) -> None:  # noqa: ANN001
        seen.append(json.loads(msg.data))

    await government.subscribe("ets.>", cb=collect)
    credit_records: list[dict] = []

    async def credit_record(msg) -> None:  # noqa: ANN001
        credit_records.append(json.loads(msg.data))

    await government.subscribe("ets.enforcement.credit-record.entered.v1", cb=credit_record)
    year = YearRun(client, 2025, "E2E", log=lambda _: None)
    outcomes = await year.run_all()
    await asyncio.sleep(0.5)
    await government.drain()

    short = next(e for e in year.entities if e.surrender_in_window != "all")
    correlation = year.corr(short)
    assert [r["correlation_id"] for r in credit_records] == [correlation]
    assert credit_records[0]["data"]["party_id"] == year.eid(short)
    chain = [e["event_type"] for e in seen if e["correlation_id"] == correlation]
    for event_type in CHAIN:
        assert event_type in chain, f"{event_type} missing from the chain of {correlation}: {chain}"
    assert chain.index("allocation.obligation.shortfall-detected") < chain.index("enforcement.case.opened")

    by_name = {o["name"]: o for o in outcomes.values()}
    assert by_name["Huangpu Steel"]["basis"] == "verification" and by_name["Huangpu Steel"]["triggers"] == []
    assert by_name["Huangpu Steel"]["status"].upper() == "SETTLED" and by_name["Huangpu Steel"]["case"] is None
    assert by_name["Minhang Power"]["status"].upper() == "SETTLED" and by_name["Minhang Power"]["case"]["status"].lower() == "closed"
    assert by_name["Pudong Chemicals"]["triggers"] == ["DISCREPANCY"]
    assert by_name["Pudong Chemicals"]["determined"] == 111_500
    assert "OBJECTION" in by_name["Baoshan Cement"]["triggers"]
    assert "YEAR_ON_YEAR" in by_name["Jinshan Data Centre"]["triggers"]
    assert len(year.refusals) == 3  # uncertified verifier, vintage Y+1, fine above the range


async def test_service_killed_between_commit_and_publish_publishes_after_restart(platform, client):
    platform.nats.stop()  # NATS down: the commit succeeds, the relay cannot publish
    await client.request("allocation", "POST", "/entities",
                         json={"entity_id": "E-KILLED", "name": "Killed", "sector": "industry"},
                         role="authority", expect=(201,))
    platform.stop_service("allocation", kill=True)  # SIGKILL: the unpublished outbox row stays in the database
    platform.nats.start()
    platform.start_service("allocation")
    await asyncio.to_thread(platform.wait_ready, 60.0, ("allocation",))
    nc = await nats.connect(platform.effective_nats_url)
    js = nc.jetstream()

    async def registered() -> list[dict]:
        sub = await js.subscribe("ets.allocation.entity.registered.v1", ordered_consumer=True)
        found = []
        try:
            while True:
                msg = await sub.next_msg(timeout=0.5)
                body = json.loads(msg.data)
                if body["data"]["entity_id"] == "E-KILLED":
                    found.append(body)
        except (nats.errors.TimeoutError, asyncio.TimeoutError):
            pass
        finally:
            await sub.unsubscribe()
        return found

    found = await eventually(registered, timeout=30)
    await nc.drain()
    assert len(found) == 1
