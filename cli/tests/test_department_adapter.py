"""The reference department adapter over a real nats-server: its durable consumer keeps its position across a stop,
each event lands in the department's store exactly once — also when the adapter dies after the commit and before
the acknowledgement — and a department keeps only what concerns it."""
from __future__ import annotations

import sqlite3

import nats
import pytest

from ets_cli.department import DEPARTMENTS, DepartmentStore, consumer_config, run_department
from ets_shared.contracts.enforcement import (AppliedMeasure, CreditRecordEntered, DepartmentsNotified,
                                              MeasuresApplied, MeasuresLifted)
from ets_shared.envelope import MessageContext, wrap
from ets_shared.messaging.streams import ensure_streams
from ets_shared.settings import PlatformSettings


AT = "2026-08-05T02:00:00Z"


def notified(case_id: str) -> DepartmentsNotified:
    return DepartmentsNotified(case_id=case_id, party_id="E-1", departments=["market_regulation", "tax", "finance"],
                               summary="M-16 not fulfilled", notified_at=AT, starts_on="2026-08-05",
                               ends_on="2029-08-04")


def applied(case_id: str) -> MeasuresApplied:
    return MeasuresApplied(case_id=case_id, party_id="E-1", decided_at=AT, measures=[
        AppliedMeasure(kind="special_fund_ineligible", from_year=2026, to_year=2027, department="energy_saving_fund",
                       starts_on="2026-08-05", ends_on="2027-12-31"),
        AppliedMeasure(kind="project_assessment_refused", from_year=2027, to_year=2027,
                       department="project_approval", starts_on="2027-01-01", ends_on="2027-12-31")])


async def publish(nats_url: str, *events) -> list[str]:
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    await ensure_streams(js, PlatformSettings(nats_url=nats_url))
    ids = []
    for data in events:
        envelope = wrap(data, producer="enforcement", context=MessageContext.new("test", f"corr-{data.case_id}"))
        await js.publish(type(data).contract.subject, envelope.model_dump_json().encode(),
                         headers={"Nats-Msg-Id": str(envelope.event_id)})
        ids.append(str(envelope.event_id))
    await nc.drain()
    return ids


def rows(path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


@pytest.mark.asyncio
def observer(keys_dir) -> dict:
    """The adapter connects as the read-only `observer` identity, as on the platform."""
    from ets_shared.messaging.nats_auth import connect_options

    return connect_options(PlatformSettings(nats_keys_dir=keys_dir), "observer")


async def test_m40_department_adapter_keeps_its_position_and_applies_each_event_once(nats_url, tmp_path,
                                                                                    nats_keys_dir):
    store = tmp_path / "tax.sqlite"
    first = await publish(nats_url, notified("CASE-1"), applied("CASE-1"))
    assert await run_department("tax", nats_url, store, exit_when_idle=0.5, log=lambda _: None,
                                 nats_options=observer(nats_keys_dir)) == (1, 0)
    second = await publish(nats_url, notified("CASE-2"),
                           CreditRecordEntered(case_id="CASE-2", article="M-39", party_id="E-1", violation="M-16",
                                               published=True, recorded_at=AT))
    assert await run_department("tax", nats_url, store, exit_when_idle=0.5, log=lambda _: None,
                                 nats_options=observer(nats_keys_dir)) == (1, 0)
    assert [r[0] for r in rows(store, "SELECT event_id FROM received ORDER BY stream_seq")] == [first[0], second[0]]
    assert rows(store, "SELECT case_id, measure, starts_on, ends_on FROM measures ORDER BY case_id") == [
        ("CASE-1", "violation_notified", "2026-08-05", "2029-08-04"),
        ("CASE-2", "violation_notified", "2026-08-05", "2029-08-04")]
    await publish(nats_url, MeasuresLifted(case_id="CASE-1", party_id="E-1", effects=["departments_notified"],
                                           reasons="reconsideration: revoked", lifted_at="2026-10-09T02:00:00Z"))
    await run_department("tax", nats_url, store, exit_when_idle=0.5, log=lambda _: None,
                                 nats_options=observer(nats_keys_dir))
    assert rows(store, "SELECT case_id, lifted_at IS NOT NULL FROM measures ORDER BY case_id") == [
        ("CASE-1", 1), ("CASE-2", 0)]


@pytest.mark.asyncio
async def test_m40_department_adapter_killed_between_commit_and_ack_does_not_apply_twice(nats_url, tmp_path,
                                                                                       nats_keys_dir):
    store_path = tmp_path / "finance.sqlite"
    await publish(nats_url, applied("CASE-3"))
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    await js.add_consumer("ETS_ENFORCEMENT", consumer_config("finance", ack_wait=1))
    sub = await js.pull_subscribe_bind(durable="department-finance", stream="ETS_ENFORCEMENT")
    [msg] = await sub.fetch(1, timeout=2)
    store = DepartmentStore(store_path)
    import json
    assert store.apply(json.loads(msg.data), msg.subject, msg.metadata.sequence.stream,
                       DEPARTMENTS["finance"][msg.subject])
    await nc.close()  # dies before the acknowledgement: the server delivers it again after ack_wait (1 s); the
    # adapter waits well beyond that before it counts itself idle (1.0 s raced the redelivery on a loaded machine)
    applied_now, recognised = await run_department("finance", nats_url, store_path, exit_when_idle=5.0,
                                                   log=lambda _: None, nats_options=observer(nats_keys_dir))
    assert (applied_now, recognised) == (0, 1)
    assert rows(store_path, "SELECT measure FROM measures") == [("special_fund_ineligible",)]


def test_m40_each_department_subscribes_to_what_concerns_it():
    subjects = {name: set(consumer_config(name).filter_subjects) for name in DEPARTMENTS}
    assert "ets.enforcement.departments.notified.v1" in subjects["tax"] & subjects["market_regulation"]
    assert "ets.enforcement.measures.applied.v1" in subjects["project_approval"]
    assert "ets.enforcement.departments.notified.v1" not in subjects["project_approval"]
    assert all("ets.enforcement.measures.lifted.v1" in s for s in subjects.values())
