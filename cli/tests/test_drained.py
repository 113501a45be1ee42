"""`PlatformClient.drained`: the benchmark's notion of "the platform has applied everything", against a fake platform
whose backlog and streams a test scripts round by round."""
from __future__ import annotations

import asyncio

import pytest

from ets_cli.client import NotDrained, PlatformClient

pytestmark = pytest.mark.asyncio


def backlog(unpublished: int = 0, pending: int = 0, unacknowledged: int = 0) -> dict:
    consumers = [{"stream": "ETS_ALLOCATION", "consumer": "enforcement--allocation", "subjects": [],
                  "pending": pending, "unacknowledged": unacknowledged, "delivered_stream_sequence": 0,
                  "pinned_here": True}]
    return {"service": "enforcement", "outbox_unpublished": unpublished, "oldest_unpublished_at": None,
            "consumers": consumers, "idle": not (unpublished or pending or unacknowledged)}


class ScriptedPlatform(PlatformClient):
    """Each call to `backlogs`/`stream_sequences` takes the next scripted answer (the last one repeats)."""

    def __init__(self, backlogs: list[dict], sequences: list[int]) -> None:
        super().__init__(urls={"enforcement": "http://unused"}, jwt_secret="x", nats_url="nats://unused")
        self._backlogs, self._sequences = backlogs, sequences
        self.rounds = 0

    async def backlogs(self) -> dict[str, dict]:
        self.rounds += 1
        return {"enforcement": self._backlogs.pop(0) if len(self._backlogs) > 1 else self._backlogs[0]}

    async def stream_sequences(self) -> dict[str, int]:
        return {"ETS_ALLOCATION": self._sequences.pop(0) if len(self._sequences) > 1 else self._sequences[0]}


async def test_drained_waits_for_outboxes_and_consumers_then_confirms_with_a_second_quiet_round():
    platform = ScriptedPlatform([backlog(unpublished=3), backlog(pending=2), backlog(unacknowledged=1), backlog()],
                                [5, 8, 8])
    left = []
    await asyncio.wait_for(platform.drained(on_progress=left.append), timeout=10)
    assert left[:3] == [3, 2, 1] and platform.rounds == 5, "idle once is not enough: a second round confirms"


async def test_an_idle_round_does_not_count_when_something_was_published_meanwhile():
    # idle, but the stream moved between the two idle rounds: an outbox had just published; wait for it
    platform = ScriptedPlatform([backlog(), backlog(), backlog(pending=1), backlog()], [5, 6, 6, 6, 6])
    await asyncio.wait_for(platform.drained(), timeout=10)
    assert platform.rounds == 5


async def test_a_platform_that_stops_moving_fails_loudly_naming_what_it_waits_for():
    platform = ScriptedPlatform([backlog(pending=4, unacknowledged=2)], [9])
    with pytest.raises(NotDrained, match="enforcement: consumer enforcement--allocation has 4 events undelivered "
                                         "and 2 delivered but not applied"):
        await asyncio.wait_for(platform.drained(stall=0.5), timeout=10)

