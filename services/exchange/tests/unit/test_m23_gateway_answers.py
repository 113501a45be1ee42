"""M-23 through the NATS gateway: an order is acknowledged only after its batch committed — the gateway's waiter
(`LoopAnswers.gathered`) returns only once the sequencer has answered every order of its request, and the requests
the sequencer's thread answers together wake the event loop once rather than once per request."""
from __future__ import annotations

import asyncio
import threading

from exchange.entrypoints.rpc_answers import LoopAnswers


async def test_m23_a_request_is_answered_only_after_every_one_of_its_orders_is():
    answers, handed = LoopAnswers(), []
    waiting = asyncio.create_task(answers.gathered(handed.append))  # the fake sequencer keeps `done`
    await asyncio.sleep(0.05)
    assert len(handed) == 1 and not waiting.done()  # the request's orders in a batch not committed
    refused = ValueError("refused")
    threading.Thread(target=handed[0], args=(["first", refused],)).start()
    assert await asyncio.wait_for(waiting, 5) == ["first", refused]


async def test_m23_requests_answered_together_wake_the_loop_once(monkeypatch):
    loop = asyncio.get_running_loop()
    answers, handed = LoopAnswers(), []
    waiters = [asyncio.create_task(answers.gathered(handed.append)) for _ in range(50)]
    await asyncio.sleep(0)
    wake_ups = []
    original = loop.call_soon_threadsafe

    def counted(*args, **kwargs):
        wake_ups.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(loop, "call_soon_threadsafe", counted)
    sequencer = threading.Thread(target=lambda: [done([n]) for n, done in enumerate(handed)])
    sequencer.start()
    sequencer.join()
    assert await asyncio.wait_for(asyncio.gather(*waiters), 5) == [[n] for n in range(50)]
    assert len(wake_ups) == 1


async def test_m23_requests_answered_after_a_wake_up_was_served_get_one_of_their_own():
    """A batch's requests released, the next batch's requests are not left waiting for a wake-up already spent."""
    answers = LoopAnswers()
    for batch in range(3):
        handed: list = []
        waiters = [asyncio.create_task(answers.gathered(handed.append)) for _ in range(4)]
        await asyncio.sleep(0)
        sequencer = threading.Thread(target=_answer_each, args=(handed, batch))
        sequencer.start()
        sequencer.join()
        assert await asyncio.wait_for(asyncio.gather(*waiters), 5) == [[batch, n] for n in range(4)]


def _answer_each(handed: list, batch: int) -> None:
    """The sequencer's thread answering a batch's requests, one after another."""
    for n, done in enumerate(handed):
        done([batch, n])
