"""Enforcement integrated with the government's systems, over the five services and a real nats-server: in one
compliance year a shortfall (M-39), a missing report (M-37) and an agency's false report (M-41) each open their case
by themselves; the M-39 and M-37 cases get their M-40 measures and credit-record events, the M-41 case a fine and
no measures; the department query API answers each department; the reference department adapters (`ets department`)
— one killed with SIGKILL in the middle and restarted after the year went on without it — end with every event that
concerns them exactly once in their stores."""
from __future__ import annotations

import asyncio
import json
import signal
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import nats
import pytest

from ets_cli import office
from ets_cli.client import ApiError
from ets_cli.scenario import YearRun
from ets_client_enforcement.api.departments import awards, credit_records, project_assessment, special_funds
from ets_shared.testing.service import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio]
WANTS = {"credit_platform": lambda e: e["event_type"] in ("enforcement.credit-record.entered",
                                                           "enforcement.measures.applied",
                                                           "enforcement.measures.lifted"),
         "tax": lambda e: (e["event_type"] == "enforcement.departments.notified" and "tax" in e["data"]["departments"])
         or e["event_type"] == "enforcement.measures.lifted"}


def adapter(platform, name: str, store: Path) -> subprocess.Popen:
    log = open(store.with_suffix(".log"), "ab")  # noqa: SIM115 - the child owns it
    return subprocess.Popen([sys.executable, "-m", "ets_cli.main", "department", "--as", name, "--nats-url",
                             platform.effective_nats_url, "--store", str(store), "--ack-wait", "2",
                             "--data-dir", str(platform.data_dir)],
                            stdout=log, stderr=subprocess.STDOUT)


def stored(store: Path) -> list[str]:
    if not store.exists():
        return []
    with sqlite3.connect(store) as db:
        try:
            return [r[0] for r in db.execute("SELECT event_id FROM received ORDER BY stream_seq")]
        except sqlite3.OperationalError:  # not created yet
            return []


async def test_cases_measures_departments_and_the_reference_adapter_end_to_end(platform, client, tmp_path):
    government = await nats.connect(platform.effective_nats_url, **platform.nats_options("observer"))
    seen: list[dict] = []

    async def collect(msg) -> None:
        seen.append(json.loads(msg.data))

    await government.subscribe("ets.enforcement.>", cb=collect)
    stores = {name: tmp_path / f"{name}.sqlite" for name in WANTS}
    adapters = {name: adapter(platform, name, store) for name, store in stores.items()}
    killed = asyncio.Event()

    async def kill_in_the_middle() -> None:
        await eventually(lambda: stored(stores["credit_platform"]), timeout=600, interval=0.1)
        adapters["credit_platform"].send_signal(signal.SIGKILL)  # no goodbye: what it held is redelivered
        adapters["credit_platform"].wait(10)
        killed.set()

    killer = asyncio.create_task(kill_in_the_middle())
    year = YearRun(client, 2025, "ENF", log=lambda _: None)
    try:
        outcomes = await year.run_all()
        await asyncio.wait_for(killed.wait(), 30)
        during = stored(stores["credit_platform"])
        adapters["credit_platform"] = adapter(platform, "credit_platform", stores["credit_platform"])  # restarted

        by_name = {o["name"]: o for o in outcomes.values()}
        short, never = year.entities[1], year.entities[5]
        assert [(c["article"], c["status"]) for c in by_name[short.name]["cases"]] == [("M-39", "closed")]
        m37 = next(c for c in by_name[never.name]["cases"] if c["case_id"].endswith("-report"))
        assert (m37["article"], m37["fine"]) == ("M-37", "20000.00")
        agency_case = await year.agency_case()
        assert (agency_case.article, agency_case.party_kind, agency_case.fine_amount) == ("M-41", "agency", "60000.00")
        with pytest.raises(ApiError) as refused:  # M-40 follows entities' violations only
            await office.propose(client, agency_case.case_id, "measures", office.measures(["credit_record"], "M-40"),
                                 correlation=None)
        assert refused.value.status == 422 and refused.value.problem["article"] == "M-40"

        await client.drained()
        credit = [e for e in seen if e["event_type"] == "enforcement.credit-record.entered"]
        assert sorted(e["data"]["party_id"] for e in credit) == sorted([year.eid(short), year.eid(never)])
        assert {e["data"]["article"] for e in credit} == {"M-39", "M-37"}
        assert all(e["correlation_id"] == year.corr(short) for e in credit if e["data"]["party_id"] == year.eid(short))
        assert not [e for e in seen if e["data"].get("party_id") == year.agency
                    and e["event_type"].startswith("enforcement.measures")]

        # the department query API: each department asks with its own role, and sees the case behind the answer
        short_case = by_name[short.name]["cases"][0]["case_id"]
        entity, on = year.eid(short), date(2026, 7, 2)
        funds = await client.call(special_funds.asyncio_detailed, entity, year=2026, role="finance")
        assert (funds.answer, [b.case_id for b in funds.because]) == (False, [short_case])
        award = await client.call(awards.asyncio_detailed, entity, on=on, role="finance")
        assert award.answer is False
        projects = await client.call(project_assessment.asyncio_detailed, entity, year=2027, role="project_approval")
        assert (projects.answer, projects.because[0].measure) == (False, "project_assessment_refused")
        for role in ("credit_platform", "market_regulation", "tax", "finance"):
            records = await client.call(credit_records.asyncio_detailed, entity, on=on, role=role)
            assert [r.case_id for r in records.records] == [short_case], role
        with pytest.raises(ApiError) as wrong:
            await client.call(special_funds.asyncio_detailed, entity, year=2026, role="tax")
        assert wrong.value.status == 403
        public = await client.public_get("enforcement", "/public/violations?on=2026-08-04")
        assert {v["party_id"] for v in public} >= {year.eid(short), year.eid(never), year.agency}

        # the reference adapters end with every event that concerns them, exactly once
        for name, store in stores.items():
            wanted = [e["event_id"] for e in seen if WANTS[name](e)]
            await eventually(lambda store=store, wanted=wanted: sorted(stored(store)) == sorted(wanted), timeout=60)
            assert len(stored(store)) == len(set(stored(store))) == len(wanted) >= 2
        # killed once it held its first event (on a loaded machine the rest may already have arrived with it); the
        # restarted adapter ends with each event exactly once either way
        assert 0 < len(during) <= len(stored(stores["credit_platform"]))
        with sqlite3.connect(stores["tax"]) as db:
            notices = db.execute("SELECT party_id, measure FROM measures ORDER BY party_id").fetchall()
        assert notices == sorted([(year.eid(short), "violation_notified"), (year.eid(never), "violation_notified")])
    finally:
        killer.cancel()
        for process in adapters.values():
            if process.poll() is None:
                process.terminate()
                process.wait(10)
        await government.drain()
