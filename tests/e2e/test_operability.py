"""Issue 13's acceptance across the five processes and a real nats-server, with every service exporting its spans to
a file (`ETS_TRACE_EXPORTER=file`): ONE trace runs from an entity's report submitted to mrv, through the
determination and the obligation allocation records, to the M-39 case enforcement opens on the shortfall — though a
bulk determination request and two calendar ticks lie between them (a compliance case's events continue its trace:
`ets_shared.observability.tracing.case_trace_headers`); the case timeline lists that story in order, asked for by
correlation id and by entity and year; `/metrics` counts what happened."""
from __future__ import annotations

import asyncio
import json
from datetime import date

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from ets_cli.client import PlatformClient, until
from ets_cli.main import main
from ets_cli.platform import SERVICES, Platform
from ets_cli.sample_year import SAMPLE_ENTITIES
from ets_cli.scenario import YearRun
from ets_cli.timeline import gather_timeline, table
from ets_shared.auth import issue_token
from ets_shared.settings import PlatformSettings, service_key

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio]
SHORT = next(e for e in SAMPLE_ENTITIES if e.surrender_in_window not in ("all", "none"))  # Minhang Power: M-39


@pytest.fixture(scope="module")
def platform(platform_with):
    with platform_with(ETS_TRACE_EXPORTER="file", ETS_LOG_FORMAT="json") as platform:
        yield platform


@pytest.fixture(scope="module")
def year_run():
    return {}


async def run_to_the_case(client: PlatformClient) -> YearRun:
    """One entity's year, up to the M-39 case opened on its shortfall (the stages of `YearRun.run_all`)."""
    year = YearRun(client, 2025, "OPS", log=lambda _: None, entities=(SHORT,))
    Y = year.year
    await year.through_determination()
    await year.tick(date(Y + 1, 6, 10))
    await year.surrender()
    await year.tick(date(Y + 1, 7, 1), hour=0)
    await until(lambda: year.case(SHORT, "M-39", Y), what="M-39 case opened")
    await client.drained(timeout=120)
    return year


def spans(platform: Platform) -> list[dict]:
    found = []
    for service in SERVICES:
        path = platform.data_dir / "traces" / f"{service}.jsonl"
        if path.exists():
            found += [json.loads(line) for line in path.read_text().splitlines()]
    return found


async def test_one_trace_spans_the_report_the_obligation_and_the_case(platform, client, year_run):
    year_run["year"] = year = await run_to_the_case(client)
    everything = spans(platform)
    by_id = {s["span_id"]: s for s in everything}
    submitted = [s for s in everything if s["service"] == "ets-mrv" and s["name"] == "HTTP POST /reports"]
    assert len(submitted) == 1, [s["name"] for s in everything if s["service"] == "ets-mrv"][:50]
    root = submitted[0]
    trace = [s for s in everything if s["trace_id"] == root["trace_id"]]
    names = {(s["service"], s["name"]) for s in trace}
    expected = [
        ("ets-mrv", "publish ets.mrv.report.submitted.v1"),
        ("ets-mrv", "publish ets.mrv.determination.made.v2"),  # made by a later bulk request, in the case's trace
        ("ets-allocation", "consume ets.mrv.determination.made.v2"),
        ("ets-allocation", "publish ets.allocation.obligation.recorded.v1"),
        ("ets-allocation", "publish ets.allocation.obligation.shortfall-detected.v1"),  # found at the 1 July tick
        ("ets-enforcement", "consume ets.allocation.obligation.shortfall-detected.v1"),
        ("ets-enforcement", "publish ets.enforcement.case.opened.v1"),
    ]
    for step in expected:
        assert step in names, f"{step} not in the report's trace: {sorted(names)}"
    # every span of it descends from the submission, through its parents across the services
    case_opened = next(s for s in trace if s["name"] == "publish ets.enforcement.case.opened.v1")
    chain = [case_opened]
    while chain[-1]["parent_span_id"] is not None:
        chain.append(by_id[chain[-1]["parent_span_id"]])
    assert chain[-1] is root and root["parent_span_id"] is None
    assert [s["service"] for s in chain if s["kind"] == "CONSUMER"] == ["ets-enforcement", "ets-allocation"]
    # the database work of each step is in the trace too
    assert {s["service"] for s in trace if s["name"].startswith("db ")} >= {"ets-mrv", "ets-allocation",
                                                                             "ets-enforcement"}
    assert {s["attributes"].get("ets.correlation_id") for s in chain if s["kind"] in ("PRODUCER", "CONSUMER")} == {
        year.corr(SHORT)}


async def test_the_case_timeline_tells_the_story_in_order(platform, year_run, monkeypatch, capsys):
    year = year_run["year"]
    token = issue_token(PlatformSettings(jwt_secret=platform.jwt_secret), subject="ops", role="authority")
    urls = {s: platform.url(s) for s in SERVICES}
    timeline = await gather_timeline(urls, token, correlation_id=year.corr(SHORT))
    steps = [(e.service, e.kind, e.event_type) for e in timeline.entries if e.kind != "audit"]
    story = [
        ("mrv", "published", "ets.mrv.report.submitted.v1"),
        ("allocation", "consumed", "ets.mrv.report.submitted.v1"),
        ("mrv", "published", "ets.mrv.determination.made.v2"),
        ("allocation", "consumed", "ets.mrv.determination.made.v2"),
        ("allocation", "published", "ets.allocation.obligation.recorded.v1"),
        ("allocation", "published", "ets.allocation.surrender.recorded.v1"),
        ("allocation", "published", "ets.allocation.obligation.shortfall-detected.v1"),
        ("enforcement", "consumed", "ets.allocation.obligation.shortfall-detected.v1"),
        ("enforcement", "published", "ets.enforcement.case.opened.v1"),
    ]
    positions = [steps.index(step) for step in story]
    assert positions == sorted(positions), steps
    assert [e.at for e in timeline.entries] == sorted(e.at for e in timeline.entries)
    assert {e.service for e in timeline.entries if e.kind == "audit"} >= {"mrv", "allocation", "enforcement"}
    assert {e.correlation_id for e in timeline.entries} == {year.corr(SHORT)}

    by_entity = await gather_timeline(urls, token, entity_id=year.eid(SHORT), year=year.year)
    assert year.corr(SHORT) in by_entity.correlation_ids
    assert {(e.service, e.kind, e.sequence, e.event_id) for e in timeline.entries} <= {
        (e.service, e.kind, e.sequence, e.event_id) for e in by_entity.entries}
    printed = table(timeline)
    assert year.corr(SHORT) in printed and "enforcement         published  ets.enforcement.case.opened.v1" in printed

    # the command: `ets timeline --entity … --year …` against this platform's ports and secret
    for service in SERVICES:
        monkeypatch.setenv(f"ETS_{service_key(service)}_PORT", str(platform.ports[service]))
    monkeypatch.setenv("ETS_JWT_SECRET", platform.jwt_secret)
    assert await asyncio.to_thread(main, ["timeline", "--entity", year.eid(SHORT), "--year", str(year.year)]) == 0
    out = capsys.readouterr().out
    assert year.corr(SHORT) in out.splitlines()[0]
    assert out.index("ets.mrv.report.submitted.v1") < out.index("ets.enforcement.case.opened.v1")
    assert await asyncio.to_thread(main, ["timeline", "--entity", year.eid(SHORT)]) == 2  # no year: refused

    async with aiohttp.ClientSession() as http:  # an entity may not read the supervisors' timeline
        entity = issue_token(PlatformSettings(jwt_secret=platform.jwt_secret), subject="e", role="entity",
                             party_id=year.eid(SHORT))
        for service in SERVICES:
            async with http.get(f"{platform.url(service)}/timeline", params={"correlation_id": year.corr(SHORT)},
                                headers={"Authorization": f"Bearer {entity}"}) as response:
                assert response.status == 403


async def test_metrics_count_what_the_year_did_and_logs_carry_the_case(platform, year_run):
    year = year_run["year"]

    async def metrics(service: str) -> dict[tuple, float]:
        async with aiohttp.ClientSession() as http, http.get(f"{platform.url(service)}/metrics") as response:
            assert response.status == 200
            text = await response.text()
        return {(s.name, tuple(sorted(s.labels.items()))): s.value
                for family in text_string_to_metric_families(text) for s in family.samples}

    mrv, allocation, enforcement = await metrics("mrv"), await metrics("allocation"), await metrics("enforcement")
    assert mrv[("ets_business_events_total", (("kind", "reports"),))] == 1
    assert mrv[("ets_business_events_total", (("kind", "determinations"),))] >= 1
    assert allocation[("ets_business_events_total", (("kind", "surrenders"),))] == 1
    assert enforcement[("ets_business_events_total", (("kind", "cases"),))] >= 1
    assert enforcement[("ets_events_consumed_total",
                        (("subject", "ets.allocation.obligation.shortfall-detected.v1"),))] == 1
    assert enforcement[("ets_consumer_pending", (("consumer", "enforcement--allocation"),))] == 0
    assert allocation[("ets_outbox_unpublished", ())] == 0
    assert mrv[("ets_http_request_duration_seconds_count",
                (("method", "POST"), ("route", "/reports"), ("status", "201")))] == 1

    lines = [json.loads(line) for line in (platform.data_dir / "logs" / "enforcement.log").read_text().splitlines()
             if line.startswith("{")]
    of_case = [rec for rec in lines if rec["correlation_id"] == year.corr(SHORT)]
    shortfall = "applied ets.allocation.obligation.shortfall-detected.v1"
    applied = next(rec for rec in of_case if rec["message"] == shortfall)
    assert applied["event_id"] and applied["trace_id"] and applied["service"] == "enforcement"
    assert any(rec["message"] == "published ets.enforcement.case.opened.v1" and rec["event_id"] for rec in of_case)
