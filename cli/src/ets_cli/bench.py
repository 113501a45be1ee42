"""`ets bench --entities N`: a compliance year for N synthetic entities through the running platform, measured.

Stages: registration and allocation (batch endpoints, as an authority imports its published list), the tender,
certificates and the assignment of every entity to the agency (verifier oversight's public API), reports and
verifications (the bulk endpoints, as a reporting platform and an agency's system file them), determinations (one
tick), surrenders (each entity its own, 90 % in full, 10 % short), the close tick with its shortfall cases. After
each stage it waits until the platform has drained — every outbox empty, every consumer has applied everything —
so a stage's time includes all the work it caused downstream; it fails, naming what it waited for, when nothing
moves for `--stall` seconds, and when any service dead-lettered an event. At the end it checks every entity's
final state and prints the figures with the machine and commit they came from."""
from __future__ import annotations

import asyncio
import os
import platform
import secrets
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timezone
from pathlib import Path

from ets_cli import oversight
from ets_cli.bench_progress import BenchProgress
from ets_cli.client import ApiError, NotDrained, PlatformClient, run_against_platform
from ets_cli.demo import client_from_args, next_free_year
from ets_cli.machine_probe import describe, wakeup_round_trip_us
from ets_cli.scenario import at

BATCH = 1000  # items per bulk request (the endpoints' limit)
REQUEST_TIMEOUT = 1800.0  # one request can be a whole stage's transaction: issuing 100,000 allocations takes minutes


def sources(total: int) -> list[dict]:
    return [{"kind": "electricity", "quantity": "1000", "unit": "10^4 kWh"},
            {"kind": "process", "quantity": str(total - 4200), "unit": "tCO2e"}]


class BenchFailed(RuntimeError):
    pass


class Bench:
    def __init__(self, c: PlatformClient, n: int, concurrency: int, year: int, stall: float) -> None:
        self.c, self.n, self.limit, self.Y, self.stall = c, n, concurrency, year, stall
        run = secrets.token_hex(3).upper()
        self.run = run
        self.ids = [f"B{run}-{i:06d}" for i in range(n)]
        self.emissions = [50_000 + (i % 1000) * 10 for i in range(n)]
        self.short = {i for i in range(n) if i % 10 == 0}
        self.agency, self.verifier = f"AG-B{run}", f"VF-B{run}"
        self.agencies = [oversight.Agency(self.agency, "Bench agency", ("91310000" + run + "00000000")[:18],
                                          ("industry",), (self.verifier,), expected_volume=n)]
        self.progress = BenchProgress()
        self.rows: list[tuple[str, int, float]] = []

    # -- the stages -------------------------------------------------------------------------------------------
    async def run_year(self) -> float:
        stages: list[tuple[str, int, Callable[[], Awaitable[None]]]] = [
            ("registration, allocation plan, issuance", self.n, self.register),
            ("tender, certificate, assignment (M-13 ¶1)", self.n, self.assignments),
            ("emission reports (M-12)", self.n, self.reports),
            ("verification reports (M-13)", self.n, self.verifications),
            ("determinations → obligations (M-15)", self.n, self.determinations),
            ("surrenders (M-16)", self.n, self.surrenders),
            ("close: shortfalls → M-39 cases", len(self.short), self.close),
        ]
        started = time.perf_counter()
        for name, items, stage in stages:
            t = time.perf_counter()
            await stage()
            await self.drain(name)
            self.record(name, items, time.perf_counter() - t)
        return time.perf_counter() - started

    async def register(self) -> None:
        c, Y, run = self.c, self.Y, self.run
        await c.tick_and_wait(at(date(Y, 1, 10)))
        await oversight.file_agencies(c, self.agencies)
        await oversight.open_tender(c, Y, f"T-B{run}", self.agencies)
        for year, change in ((Y, {"automatic_determination": True}),  # determinations by the tick (M-15 option)
                             (Y + 1, {"monitoring_plan_due": f"{Y + 1}-12-31"})):  # next year's plans: not measured
            policy = await c.get("mrv", f"/policy/{year}", role="authority")
            await c.request("mrv", "PUT", f"/policy/{year}", json=policy | change, params={"reason": "bench"},
                            role="authority")
        await c.post("allocation", "/plans", {"compliance_year": Y, "cap": 100 * self.n * 1000}, role="authority")

        async def chunk(k: int) -> int:
            part = range(k, min(self.n, k + BATCH))
            await c.post("allocation", "/entities/batch", {"entities": [
                {"entity_id": self.ids[i], "name": f"Entity {i}", "sector": "industry",
                 "annual_emissions": self.emissions[i]} for i in part]},
                role="authority")
            await c.post("allocation", f"/plans/{Y}/entries", {"entries": [
                {"entity_id": self.ids[i], "method": "historical", "base_years": {str(Y - 1): self.emissions[i]}}
                for i in part]}, role="authority")
            return len(part)

        await self.chunks("registered and allocated", chunk, concurrency=1)
        await c.post("allocation", f"/plans/{Y}/approval", role="authority")
        await c.post("allocation", f"/plans/{Y}/issuance", role="authority")

    async def assignments(self) -> None:
        await self.c.tick_and_wait(at(date(self.Y, 1, 11)))
        await oversight.award_and_certify(self.c, self.Y, f"T-B{self.run}", self.agencies)
        await oversight.assign_all(self.c, self.Y, self.ids)

    async def reports(self) -> None:
        await self.c.tick_and_wait(at(date(self.Y + 1, 3, 15)))

        async def chunk(k: int) -> int:
            part = range(k, min(self.n, k + BATCH))
            body = {"reports": [{"entity_id": self.ids[i], "compliance_year": self.Y,
                                 "sources": sources(self.emissions[i])} for i in part]}
            self.all_accepted(await self.c.post("mrv", "/reports/batch", body, role="authority"), "reports")
            return len(part)

        await self.chunks("reports", chunk)

    async def verifications(self) -> None:
        await self.c.tick_and_wait(at(date(self.Y + 1, 4, 15)))

        async def chunk(k: int) -> int:
            part = range(k, min(self.n, k + BATCH))
            body = {"verifications": [{"report_id": f"RPT-{self.ids[i]}-{self.Y}", "agency_id": self.agency,
                                       "verified_sources": sources(self.emissions[i]), "findings": "ok"}
                                      for i in part]}
            self.all_accepted(await self.c.post("mrv", "/verifications/batch", body, role="verifier",
                                                party=self.verifier), "verifications")
            return len(part)

        await self.chunks("verifications", chunk)

    async def determinations(self) -> None:
        await self.c.tick_and_wait(at(date(self.Y + 1, 4, 23)), timeout=3600)

    async def surrenders(self) -> None:
        await self.c.tick_and_wait(at(date(self.Y + 1, 6, 10)))
        semaphore = asyncio.Semaphore(self.limit)
        task = self.progress.task("surrenders", self.n)

        async def one(i: int) -> None:
            quantity = self.emissions[i] // 2 if i in self.short else self.emissions[i]
            async with semaphore:
                await self.c.post("allocation", f"/entities/{self.ids[i]}/surrenders", {
                    "compliance_year": self.Y, "lines": [{"unit_type": "SHEA", "vintage": self.Y,
                                                          "quantity": quantity}]},
                    role="entity", party=self.ids[i])
            task.advance(1)

        await asyncio.gather(*(one(i) for i in range(self.n)))
        task.done()

    async def close(self) -> None:
        await self.c.tick_and_wait(at(date(self.Y + 1, 7, 1), hour=0), timeout=3600)

    # -- helpers ----------------------------------------------------------------------------------------------
    async def chunks(self, label: str, send: Callable[[int], Awaitable[int]], concurrency: int = 2) -> None:
        """Send the bulk requests of a stage, `concurrency` at a time."""
        task = self.progress.task(label, self.n)
        semaphore = asyncio.Semaphore(concurrency)

        async def one(k: int) -> None:
            async with semaphore:
                task.advance(await send(k))

        await asyncio.gather(*(one(k) for k in range(0, self.n, BATCH)))
        task.done()

    @staticmethod
    def all_accepted(answer: dict, what: str) -> None:
        refused = [r for r in answer["results"] if r["status"] >= 300]
        if refused:
            raise BenchFailed(f"{len(refused)} {what} refused, e.g. {refused[0]}")

    async def drain(self, stage: str) -> None:
        task = self.progress.task("applying the events it caused", None)
        try:
            await self.c.drained(stall=self.stall, on_progress=task.remaining)
        except NotDrained as exc:
            raise BenchFailed(f"{stage}: {exc}") from None
        finally:
            task.done()
        letters = {s: len(await self.c.get(s, "/dead-letters", role="authority")) for s in self.c.urls}
        if any(letters.values()):
            raise BenchFailed(f"{stage}: events were dead-lettered: {letters} (GET /dead-letters on each service)")

    def record(self, name: str, items: int, seconds: float) -> None:
        self.rows.append((name, items, seconds))
        self.progress.print(f"  {name:<44} {items:>8,} items {seconds:>8.2f} s  "
                            f"{items / seconds if seconds else 0:>9,.0f}/s")

    async def verify(self) -> bool:
        ours = set(self.ids)
        obligations = {o["entity_id"]: o for o in await self._all("allocation", "/obligations", "authority")
                       if o["entity_id"] in ours}
        cases = {x["party_id"] for x in await self._all("enforcement", "/cases", "enforcement_officer")
                 if x["party_id"] in ours}
        wrong = [i for i, eid in enumerate(self.ids)
                 if obligations.get(eid, {}).get("status", "").upper() != ("SHORTFALL" if i in self.short
                                                                           else "SETTLED")
                 or ((eid in cases) != (i in self.short))]
        for i in wrong[:5]:
            self.progress.print(f"  wrong: {self.ids[i]} obligation={obligations.get(self.ids[i])} "
                                f"case={'yes' if self.ids[i] in cases else 'no'}")
        return not wrong

    async def _all(self, service: str, path: str, role: str) -> list[dict]:
        rows, offset = [], 0
        while True:
            page = await self.c.get(service, path, role=role,
                                    params={"compliance_year": self.Y, "offset": offset, "limit": 1000})
            rows += page
            if len(page) < 1000:
                return rows
            offset += 1000


async def entities_held(c: PlatformClient) -> int:
    """How many emitters allocation already manages (earlier runs' entities stay covered): the last offset that
    still answers a row, found by doubling then halving (about 2·log2(N) one-row requests)."""
    async def held(offset: int) -> bool:
        return bool(await c.get("allocation", "/entities", role="authority", params={"offset": offset, "limit": 1}))

    if not await held(0):
        return 0
    low, high = 0, 1  # held(low) is true; held(high) is not yet known
    while await held(high):
        low, high = high, high * 2
    while high - low > 1:  # held(low), not held(high)
        middle = (low + high) // 2
        low, high = (middle, high) if await held(middle) else (low, middle)
    return low + 1


def earlier_entities_note(held: int) -> str | None:
    """Why a run on a platform with earlier runs' entities does more than its own N entities' year."""
    if not held:
        return None
    return (f"  note: the platform already manages {held:,} entities of earlier runs. They stay covered, so this year "
            f"is theirs too: verifier oversight assigns them, and as they file nothing the mrv finds their plans and "
            f"reports missing, enforcement opens an M-37 case, an order, its overdue notice and an M-43 flag for "
            f"each — more events than this run's own. Per-entity figures need a fresh --data-dir.")


def machine() -> str:
    """Where the figures come from: date, processors, memory, Python, commit."""
    memory = ""
    try:
        kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
        memory = f", {kib / 1024 ** 2:.0f} GiB"
    except (OSError, StopIteration):
        pass
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5,
                                cwd=Path(__file__).parent).stdout.strip() or "unknown"
    except OSError:
        commit = "unknown"
    return (f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs{memory}, "
            f"{platform.python_implementation()} {platform.python_version()} on {sys.platform}, commit {commit}")


async def _bench(args) -> int:
    client = client_from_args(args)
    client.timeout = REQUEST_TIMEOUT
    async with client as c:
        year = args.year or await next_free_year(c, 2025)
        bench = Bench(c, args.entities, args.concurrency, year, args.stall)
        bench.progress.print(f"ets bench: {args.entities:,} entities, compliance year {year}, "
                             f"concurrency {args.concurrency}")
        note = earlier_entities_note(await entities_held(c))
        if note:
            bench.progress.print(note)
        messages_before = await c.stream_messages()
        measured = machine()  # now: the commit may change while a long run goes on
        wakeup_before = wakeup_round_trip_us()  # the platform is idle here, and again after the check
        with bench.progress:
            try:
                total = await bench.run_year()
            except (BenchFailed, ApiError) as exc:
                bench.progress.print(f"\nets bench FAILED: {exc}")
                return 1
            events = await c.stream_messages() - messages_before
            t = time.perf_counter()
            ok = await bench.verify()
            bench.record("checking every entity's final state", args.entities, time.perf_counter() - t)
        print(f"\n  total {total:.1f} s for {args.entities:,} entities; {events:,} events published "
              f"({events / total:,.0f} events/s); final states {'all correct' if ok else 'WRONG'}")
        print(f"  measured {measured}")
        print(f"  cross-CPU wake-up round trip {describe(wakeup_before)} before the run, "
              f"{describe(wakeup_round_trip_us())} after (the host's share; ets_cli.machine_probe)", flush=True)
        return 0 if ok else 1


def run(args) -> int:
    if args.exchange:
        from ets_cli.bench_exchange import run as run_exchange
        return run_exchange(args)
    return run_against_platform("bench", _bench(args))
