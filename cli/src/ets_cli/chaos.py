"""`ets chaos`: a compliance year of N entities on the embedded platform with a 3-node NATS cluster (streams R3),
while a monkey SIGKILLs a random service at random moments (`--kills`, restarting it at once) and one NATS node once
(restarted after a few seconds). Before it, the same year runs once without the monkey; afterwards `chaos_checks`
compares the two and checks the streams, outboxes and inboxes. Exit 0 when everything holds.

    ./ets chaos --entities 300 --kills 10 --seed 7
"""
from __future__ import annotations

import asyncio
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ets_cli.bench import REQUEST_TIMEOUT, Bench, BenchFailed, machine
from ets_cli.chaos_checks import check, final_states
from ets_cli.chaos_client import ChaosClient
from ets_cli.client import ApiError
from ets_cli.demo import next_free_year
from ets_cli.platform import SERVICES, Platform
from ets_shared.nats_process import free_port


@dataclass
class Monkey:
    platform: Platform
    client: ChaosClient
    rng: random.Random
    kills: int
    pause: tuple[float, float] = (0.5, 3.0)  # seconds between two kills (after the last one is back)
    log: Callable[[str], None] = print
    done: list[str] = field(default_factory=list)

    async def run(self, stop: asyncio.Event) -> None:
        plan = ["service"] * self.kills
        plan.insert(self.rng.randrange(len(plan) // 2 + 1), "nats")  # one NATS node, in the first half
        started = time.monotonic()
        for what in plan:
            try:
                async with asyncio.timeout(self.rng.uniform(*self.pause)):
                    await stop.wait()
                return  # the year is over
            except TimeoutError:
                pass
            victim = await (self.kill_node() if what == "nats" else self.kill_service(self.rng.choice(SERVICES)))
            self.done.append(victim)
            self.log(f"  chaos: killed {victim} at {time.monotonic() - started:.1f} s; back")

    async def kill_service(self, service: str) -> str:
        gate = self.client.gate(service)
        await gate.close_when_idle()  # its consumers and relay are mid-work; no HTTP request is (chaos_client)
        self.platform.stop_service(service, kill=True)
        gate.open.set()
        self.platform.start_service(service)
        await asyncio.to_thread(self.platform.wait_ready, 120.0, (service,))
        return service

    async def kill_node(self) -> str:
        cluster = self.platform.nats_cluster
        index = self.rng.randrange(len(cluster.nodes))
        cluster.kill(index)
        await asyncio.sleep(self.rng.uniform(2.0, 5.0))
        await asyncio.to_thread(cluster.restart, index)
        return f"nats node {index}"


def chaos_platform(data_dir: Path) -> Platform:
    return Platform(data_dir, ports={s: free_port() for s in SERVICES}, cluster=True,
                    cluster_ports=[free_port() for _ in range(3)])


async def chaos_run(platform: Platform, *, entities: int, kills: int, seed: int, concurrency: int = 16,
                    stall: float = 180.0, pause: tuple[float, float] = (0.5, 3.0),
                    log: Callable[[str], None] = print) -> dict[str, Any]:
    """The clean year, then the same year under the monkey, then the checks."""
    rng = random.Random(seed)
    client = ChaosClient(urls={s: platform.url(s) for s in SERVICES}, jwt_secret=platform.jwt_secret,
                         nats_url=platform.effective_nats_url, nats_options=platform.nats_options("calendar"),
                         timeout=REQUEST_TIMEOUT, reconnect_attempts=-1, keep_alive=False)
    async with client as c:
        clean = Bench(c, entities, concurrency, await next_free_year(c, 2025), stall)
        with clean.progress:
            await clean.run_year()
        expected = await final_states(clean)
        chaotic = Bench(c, entities, concurrency, await next_free_year(c, 2025), stall)
        monkey, stop = Monkey(platform, c, rng, kills, pause, log=log), asyncio.Event()
        running = asyncio.create_task(monkey.run(stop))
        started = time.perf_counter()
        try:
            with chaotic.progress:
                await chaotic.run_year()
        finally:
            stop.set()
            await running
        await chaotic.drain("after the last kill")
        seconds = time.perf_counter() - started
        result = await check(c, platform, expected, await final_states(chaotic))
        result.update({"entities": entities, "kills": monkey.done, "seconds under chaos": round(seconds, 1),
                       "requests sent again (service down)": c.refused,
                       "every final state right": await chaotic.verify()})
        result["ok"] = result["ok"] and result["every final state right"]
        return result


def run(args) -> int:
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="ets-chaos-"))
    platform = chaos_platform(data_dir)
    print(f"ets chaos: {args.entities} entities, {args.kills} service kills and one NATS node, seed {args.seed}; "
          f"platform in {platform.data_dir} (3-node NATS cluster, streams R3)", flush=True)
    measured = machine()
    try:
        platform.start(timeout=180)
        result = asyncio.run(chaos_run(platform, entities=args.entities, kills=args.kills, seed=args.seed,
                                       concurrency=args.concurrency, log=lambda line: print(line, flush=True)))
    except (BenchFailed, ApiError) as exc:
        print(f"\nets chaos FAILED: {exc}")
        return 1
    finally:
        platform.stop()
    for key, value in result.items():
        print(f"  {key}: {value}")
    print(f"  measured {measured}\nets chaos: {'PASSED' if result['ok'] else 'FAILED'}", flush=True)
    return 0 if result["ok"] else 1
