"""The chain across five processes: report → verification → determination → obligation → partial surrender →
close tick → shortfall → enforcement case with fine → credit-record event received by a plain nats-py subscriber
(as a government system would), all under one correlation id; no covered entity escapes the year — one that never
reports, one whose verification never arrives, one determined after 30 June; and the outbox surviving a kill."""
from __future__ import annotations

import asyncio
import json

import nats
import pytest

from ets_cli.scenario import YearRun
from ets_client_allocation.api.entities_and_registry import register
from ets_client_allocation.models import RegisterEntity
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
    # a plain subscriber, no platform code
    government = await nats.connect(platform.effective_nats_url, **platform.nats_options("observer"))
    seen: list[dict] = []

    async def collect(msg) -> None:
        seen.append(json.loads(msg.data))

    await government.subscribe("ets.>", cb=collect)
    credit_records: list[dict] = []

    async def credit_record(msg) -> None:
        credit_records.append(json.loads(msg.data))

    await government.subscribe("ets.enforcement.credit-record.entered.v1", cb=credit_record)
    year = YearRun(client, 2025, "E2E", log=lambda _: None)
    outcomes = await year.run_all()
    await asyncio.sleep(0.5)
    await government.drain()

    short = next(e for e in year.entities if e.surrender_in_window != "all")
    correlation = year.corr(short)
    records = {r["data"]["party_id"]: r for r in credit_records}
    assert sorted(records) == sorted([year.eid(short), year.eid(year.entities[5])])  # M-39, and M-37 (no report)
    assert records[year.eid(short)]["correlation_id"] == correlation
    chain = [e["event_type"] for e in seen if e["correlation_id"] == correlation]
    for event_type in CHAIN:
        assert event_type in chain, f"{event_type} missing from the chain of {correlation}: {chain}"
    assert chain.index("allocation.obligation.shortfall-detected") < chain.index("enforcement.case.opened")

    by_name = {o["name"]: o for o in outcomes.values()}
    assert by_name["Huangpu Steel"]["basis"] == "verification" and by_name["Huangpu Steel"]["triggers"] == []
    assert by_name["Huangpu Steel"]["status"] == "settled" and by_name["Huangpu Steel"]["cases"] == []
    assert by_name["Minhang Power"]["status"] == "settled"
    assert [(c["article"], c["status"], c["fine"]) for c in by_name["Minhang Power"]["cases"]] == [
        ("M-39", "closed", "80000.00")]
    assert by_name["Pudong Chemicals"]["triggers"] == ["DISCREPANCY"]
    assert by_name["Pudong Chemicals"]["determined"] == 111_500
    assert "OBJECTION" in by_name["Baoshan Cement"]["triggers"]
    assert "YEAR_ON_YEAR" in by_name["Jinshan Data Centre"]["triggers"]
    assert len(year.refusals) == 4  # uncertified verifier, vintage Y+1, M-39 and M-37 fines above their ranges

    never = by_name["Fengxian Glass"]  # never reports: M-37 case, the authority's figure, shortfall, M-39 case
    assert (never["reported"], never["report_missing"], never["basis"], never["determined"]) == (
        None, True, "authority", 71_000)
    assert (never["obligation"], never["surrendered"], never["status"]) == (71_000, 0, "shortfall")
    assert {(c["article"], c["case_id"].rsplit("-", 1)[-1] if c["article"] == "M-37" else "", c["status"])
            for c in never["cases"]} == {("M-37", "report", "fine_unpaid"), ("M-37", "plan", "overdue"),
                                         ("M-39", "", "overdue")}  # its order ran out on 31 July
    unverified = by_name["Chongming Ferries"]  # covered voluntarily; its verification never arrives
    assert (unverified["verified"], unverified["verification_missing"], unverified["basis"],
            unverified["determined"], unverified["status"], unverified["cases"]) == (
        None, True, "authority", 61_000, "settled", [])
    late = by_name["Qingpu Textiles"]  # re-check determined on 5 July, surrendered within its own period
    assert (late["basis"], late["determined_late"], late["triggers"], late["surrender_until"]) == (
        "recheck", True, ["DISCREPANCY"], f"{year.year + 1}-08-03")
    assert (late["status"], late["surrendered"], late["cases"]) == ("settled", 51_000, [])
    only = by_name["Jiading Printing"]  # reporting-only: reports, never determined, holds no obligation
    assert (only["covered"], only["reported"], only["determined"], only["status"]) == (False, 14_500, None, None)
    public = await client.public_get("allocation", "/public/covered-lists/2025")
    assert public["covered_count"] == 8 and all(e["entity_id"] != year.eid(year.entities[-1])
                                                 for e in public["entities"])

    # the never-reporting entity's story is one traceable case: finding → M-37 → determination → shortfall → M-39
    finding = next(e for e in seen if e["event_type"] == "mrv.report.missing"
                   and e["data"]["entity_id"] == year.eid(year.entities[5]))
    story = [(e["event_type"], e["data"].get("article")) for e in seen
             if e["correlation_id"] == finding["correlation_id"]]
    expected = [("mrv.report.missing", None), ("enforcement.case.opened", "M-37"), ("enforcement.order.issued", "M-37"),
                ("mrv.determination.made", None), ("allocation.obligation.recorded", None),
                ("allocation.obligation.shortfall-detected", None), ("enforcement.case.opened", "M-39"),
                ("enforcement.order.issued", "M-39"), ("enforcement.order.overdue", "M-37"),
                ("enforcement.penalty.decided", "M-37"), ("enforcement.credit-record.entered", "M-37")]
    assert set(expected) <= set(story), story
    assert story.index(expected[0]) < story.index(expected[1]) and story.index(expected[5]) < story.index(expected[6])
    of_case = [e for e in seen if e["correlation_id"] == finding["correlation_id"] and e["producer"] == "enforcement"]
    assert {e["data"]["party_id"] for e in of_case if e["data"].get("party_id")} == {year.eid(year.entities[5])}


async def test_service_killed_between_commit_and_publish_publishes_after_restart(platform, client):
    platform.nats.stop()  # NATS down: the commit succeeds, the relay cannot publish
    await client.call(register.asyncio_detailed, body=RegisterEntity(
        entity_id="E-KILLED", name="Killed", sector="industry", annual_emissions=30_000), role="authority",
        expect=(201,))
    platform.stop_service("allocation", kill=True)  # SIGKILL: the unpublished outbox row stays in the database
    platform.nats.start()
    platform.start_service("allocation")
    await asyncio.to_thread(platform.wait_ready, 60.0, ("allocation",))
    nc = await nats.connect(platform.effective_nats_url, **platform.nats_options("observer"))
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
