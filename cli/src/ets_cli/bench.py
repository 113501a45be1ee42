"""`ets bench --entities N`: a compliance year for N synthetic entities through the running platform, measured.

Stages: registration and allocation (batch endpoints, as an authority imports its published list), reports,
verifications, determinations (one tick), surrenders (90 % in full, 10 % short), the close tick with its shortfall
cases. Between stages it waits until every durable consumer has drained, so each stage's time includes the event
processing it caused. At the end it checks every entity ended in the right state and prints the figures."""
from __future__ import annotations

import asyncio
import secrets
import time
from datetime import date

from ets_cli import oversight
from ets_cli.client import PlatformClient, run_against_platform
from ets_cli.demo import client_from_args, next_free_year
from ets_cli.scenario import at

BATCH = 1000


class Stages:
    def __init__(self) -> None:
        self.rows: list[tuple[str, int, float]] = []

    def record(self, name: str, items: int, seconds: float) -> None:
        self.rows.append((name, items, seconds))
        print(f"  {name:<44} {items:>7,} items {seconds:>8.2f} s  {items / seconds if seconds else 0:>9,.0f}/s",
              flush=True)


async def concurrently(n: int, limit: int, label: str, make) -> None:  # noqa: ANN001
    semaphore = asyncio.Semaphore(limit)
    done = 0
    step = max(1, n // 10)

    async def one(i: int) -> None:
        nonlocal done
        async with semaphore:
            await make(i)
        done += 1
        if done % step == 0 or done == n:
            print(f"    {label}: {done:,}/{n:,}", flush=True)

    await asyncio.gather(*(one(i) for i in range(n)))


def sources(total: int) -> list[dict]:
    return [{"kind": "electricity", "quantity": "1000", "unit": "10^4 kWh"},
            {"kind": "process", "quantity": str(total - 4200), "unit": "tCO2e"}]


async def _bench(args) -> int:  # noqa: ANN001
    n, limit = args.entities, args.concurrency
    async with client_from_args(args) as c:
        Y = args.year or await next_free_year(c, 2025)
        run = secrets.token_hex(3).upper()
        ids = [f"B{run}-{i:05d}" for i in range(n)]
        emissions = [50_000 + (i % 1000) * 10 for i in range(n)]
        short = {i for i in range(n) if i % 10 == 0}
        agency, verifier = f"AG-B{run}", f"VF-B{run}"
        stages = Stages()
        messages_before = await c.stream_messages()
        started = time.perf_counter()
        print(f"ets bench: {n:,} entities, compliance year {Y}, concurrency {limit}", flush=True)

        t = time.perf_counter()
        await c.tick_and_wait(at(date(Y, 1, 10)))
        agencies = [oversight.Agency(agency, "Bench agency", ("91310000" + run + "00000000")[:18], ("industry",),
                                     (verifier,), expected_volume=n)]
        await oversight.file_agencies(c, agencies)
        await oversight.open_tender(c, Y, f"T-B{run}", agencies)
        for year, change in ((Y, {"automatic_determination": True}),  # determinations by the tick (M-15 option)
                             (Y + 1, {"monitoring_plan_due": f"{Y + 1}-12-31"})):  # next year's plans: not measured
            policy = await c.get("mrv", f"/policy/{year}", role="authority")
            await c.request("mrv", "PUT", f"/policy/{year}", json=policy | change, params={"reason": "bench"},
                            role="authority")
        await c.post("allocation", "/plans", {"compliance_year": Y, "cap": 100 * n * 1000}, role="authority")
        for k in range(0, n, BATCH):
            chunk = range(k, min(n, k + BATCH))
            await c.post("allocation", "/entities/batch", {"entities": [
                {"entity_id": ids[i], "name": f"Entity {i}", "sector": "industry", "annual_emissions": emissions[i]}
                for i in chunk]}, role="authority")
            await c.post("allocation", f"/plans/{Y}/entries", {"entries": [
                {"entity_id": ids[i], "method": "historical", "base_years": {str(Y - 1): emissions[i]}}
                for i in chunk]}, role="authority")
            print(f"    registered and allocated: {min(n, k + BATCH):,}/{n:,}", flush=True)
        await c.post("allocation", f"/plans/{Y}/approval", role="authority")
        await c.post("allocation", f"/plans/{Y}/issuance", role="authority")
        await c.drained()
        stages.record("registration, allocation plan, issuance", n, time.perf_counter() - t)

        t = time.perf_counter()
        await c.tick_and_wait(at(date(Y, 1, 11)))
        await oversight.award_and_certify(c, Y, f"T-B{run}", agencies)
        await oversight.assign_all(c, Y, ids)
        await c.drained()
        stages.record("tender, certificate, assignment (M-13 ¶1)", n, time.perf_counter() - t)

        t = time.perf_counter()
        await c.tick_and_wait(at(date(Y + 1, 3, 15)))
        await concurrently(n, limit, "reports", lambda i: c.post(
            "mrv", "/reports", {"compliance_year": Y, "sources": sources(emissions[i])}, role="entity", party=ids[i]))
        await c.drained()
        stages.record("emission reports (M-12)", n, time.perf_counter() - t)

        t = time.perf_counter()
        await c.tick_and_wait(at(date(Y + 1, 4, 15)))
        await concurrently(n, limit, "verifications", lambda i: c.post(
            "mrv", f"/reports/RPT-{ids[i]}-{Y}/verification",
            {"agency_id": agency, "verified_sources": sources(emissions[i]), "findings": "ok"},
            role="verifier", party=verifier))
        await c.drained()
        stages.record("verification reports (M-13)", n, time.perf_counter() - t)

        t = time.perf_counter()
        await c.tick_and_wait(at(date(Y + 1, 4, 23)), timeout=600)
        await c.drained()
        stages.record("determinations → obligations (M-15)", n, time.perf_counter() - t)

        t = time.perf_counter()
        await c.tick_and_wait(at(date(Y + 1, 6, 10)))
        await concurrently(n, limit, "surrenders", lambda i: c.post(
            "allocation", f"/entities/{ids[i]}/surrenders",
            {"compliance_year": Y, "lines": [{"unit_type": "SHEA", "vintage": Y,
                                              "quantity": emissions[i] // 2 if i in short else emissions[i]}]},
            role="entity", party=ids[i]))
        await c.drained()
        stages.record("surrenders (M-16)", n, time.perf_counter() - t)

        t = time.perf_counter()
        await c.tick_and_wait(at(date(Y + 1, 7, 1), hour=0), timeout=600)
        await c.drained()
        stages.record("close: shortfalls → M-39 cases", len(short), time.perf_counter() - t)
        total = time.perf_counter() - started
        events = await c.stream_messages() - messages_before

        t = time.perf_counter()
        ok = await verify(c, Y, ids, short)
        stages.record("checking every entity's final state", n, time.perf_counter() - t)
        print(f"\n  total {total:.1f} s for {n:,} entities; {events:,} events published "
              f"({events / total:,.0f} events/s); final states {'all correct' if ok else 'WRONG'}", flush=True)
        return 0 if ok else 1


async def _all(c: PlatformClient, service: str, path: str, role: str, params: dict) -> list[dict]:
    rows, offset = [], 0
    while True:
        page = await c.get(service, path, role=role, params={**params, "offset": offset, "limit": 1000})
        rows += page
        if len(page) < 1000:
            return rows
        offset += 1000


async def verify(c: PlatformClient, Y: int, ids: list[str], short: set[int]) -> bool:
    ours = set(ids)
    obligations = {o["entity_id"]: o for o in await _all(c, "allocation", "/obligations", "authority",
                                                          {"compliance_year": Y}) if o["entity_id"] in ours}
    cases = {x["party_id"] for x in await _all(c, "enforcement", "/cases", "enforcement_officer",
                                               {"compliance_year": Y}) if x["party_id"] in ours}
    wrong = [i for i, eid in enumerate(ids)
             if obligations.get(eid, {}).get("status", "").upper() != ("SHORTFALL" if i in short else "SETTLED")
             or ((eid in cases) != (i in short))]
    for i in wrong[:5]:
        print(f"  wrong: {ids[i]} obligation={obligations.get(ids[i])} case={'yes' if ids[i] in cases else 'no'}")
    return not wrong


def run(args) -> int:  # noqa: ANN001
    return run_against_platform("bench", _bench(args))
