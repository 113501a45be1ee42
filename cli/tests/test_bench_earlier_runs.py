"""`ets bench` on a platform that earlier runs used: their entities stay covered, so the year is theirs too (their
assignment, their missing plans and reports → M-37 cases); the bench counts them and says so before it measures."""
from __future__ import annotations

import pytest

from ets_cli.bench import earlier_entities_note, entities_held
from ets_cli.client import PlatformClient

pytestmark = pytest.mark.asyncio


class PlatformHolding(PlatformClient):
    """Allocation's `GET /entities` over `held` entities, paged by offset and limit; counts the requests."""

    def __init__(self, held: int) -> None:
        super().__init__(urls={"allocation": "http://unused"}, jwt_secret="x", nats_url="nats://unused")
        self.held, self.requests = held, 0

    async def get(self, service: str, path: str, **kw):
        assert (service, path) == ("allocation", "/entities")
        self.requests += 1
        offset, limit = kw["params"]["offset"], kw["params"]["limit"]
        return [{"entity_id": f"E{i}"} for i in range(offset, min(self.held, offset + limit))]


@pytest.mark.parametrize("held", [0, 1, 2, 3, 1000, 1025, 100_000])
async def test_the_bench_counts_every_entity_earlier_runs_left(held):
    platform = PlatformHolding(held)
    assert await entities_held(platform) == held
    assert platform.requests <= 2 * held.bit_length() + 2, "one-row requests, about 2·log2(N), not a page per row"


async def test_a_fresh_platform_gets_no_note_and_a_used_one_is_told_its_figures_are_not_per_entity():
    assert earlier_entities_note(0) is None
    note = earlier_entities_note(10_000)
    assert "10,000 entities of earlier runs" in note and "M-37" in note and "fresh --data-dir" in note
