"""M-23 through the NATS gateway: an order is acknowledged only after its batch committed — the gateway's waiter
(`LoopAnswers`) returns only once every answer of its request is released by the sequencer, and a batch's answers,
released together by the sequencer's thread, wake the event loop once rather than once per order."""
from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future

from exchange.entrypoints.rpc_answers import LoopAnswers


async def test_m23_a_request_is_answered_only_after_every_one_of_its_orders_is():
    answers, futures = LoopAnswers(), [Future(), Future()]
    waiting = asyncio.create_task(answers.all_of(futures))
    futures[0].set_result("first")
    await asyncio.sleep(0.05)
    assert not waiting.done()  # one order of the request still in a batch not committed
    threading.Thread(target=futures[1].set_exception, args=(ValueError("refused"),)).start()
    await asyncio.wait_for(waiting, 5)
    assert futures[0].result() == "first" and isinstance(futures[1].exception(), ValueError)


async def test_m23_a_batch_of_answers_released_together_wakes_the_loop_once(monkeypatch):
    loop = asyncio.get_running_loop()
    answers, futures = LoopAnswers(), [Future() for _ in range(50)]
    waiters = [asyncio.create_task(answers.all_of([f])) for f in futures]
    await asyncio.sleep(0)
    wake_ups = []
    original = loop.call_soon_threadsafe

    def counted(*args, **kwargs):
        wake_ups.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(loop, "call_soon_threadsafe", counted)
    sequencer = threading.Thread(target=lambda: [f.set_result(n) for n, f in enumerate(futures)])
    sequencer.start()
    sequencer.join()
    await asyncio.wait_for(asyncio.gather(*waiters), 5)
    assert len(wake_ups) == 1
