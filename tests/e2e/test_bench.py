"""`ets bench` end to end on a small year: every stage through the public and bulk APIs, drained between stages (all
outboxes empty, every consumer applied everything), every entity's final state right. A functional check of the
benchmark, not a measurement: nothing here depends on timing."""
from __future__ import annotations

import pytest

from ets_cli.bench import Bench
from ets_cli.demo import next_free_year

pytestmark = pytest.mark.asyncio


async def test_bench_runs_a_small_year_and_every_final_state_is_right(client):
    bench = Bench(client, 30, concurrency=8, year=await next_free_year(client, 2025), stall=60)
    with bench.progress:
        await bench.run_year()
        assert await bench.verify()
    assert [name for name, _, _ in bench.rows] == [
        "registration, allocation plan, issuance", "tender, certificate, assignment (M-13 ¶1)",
        "emission reports (M-12)", "verification reports (M-13)",
        "determinations → obligations (M-15)", "surrenders (M-16)", "close: shortfalls → M-39 cases"]
    for service in client.urls:
        backlog = await client.public_get(service, "/backlog")
        assert backlog["idle"] and backlog["outbox_unpublished"] == 0, backlog
