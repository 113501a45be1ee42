"""`ets bench --exchange` over NATS: the closed loop (`--concurrency` clients in turn) and the open loop (`--rate`) send
the same orders, each once, grouped in the same mass-order requests; the open loop counts each order's latency from
its request's due time — against a fake gateway that answers every order accepted after a delay."""
from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace

from ets_cli.bench_exchange import MASS_ORDERS_SUBJECT, ExchangeBench, percentile

DELAY = 0.02


class Gateway:
    def __init__(self) -> None:
        self.requests: list[tuple[str, list[dict]]] = []

    async def request(self, subject: str, data: bytes, timeout: float, headers: dict) -> SimpleNamespace:
        orders = json.loads(data)["orders"]
        self.requests.append((subject, orders))
        await asyncio.sleep(DELAY)
        body = {"results": [{"status": 201, "order": {}} for _ in orders]}
        return SimpleNamespace(headers={"Status": "200"}, data=json.dumps(body).encode())


def bench(rate: float) -> tuple[ExchangeBench, Gateway]:
    gateway = Gateway()
    client = SimpleNamespace(token=lambda role, party: f"{role}:{party}")
    return ExchangeBench(client, orders=130, traders=3, concurrency=2, year=2025, gateway=gateway,  # type: ignore[arg-type]
                         mass=20, rate=rate), gateway


async def test_the_open_loop_sends_the_closed_loops_orders_in_the_same_requests_and_counts_from_their_due_time():
    closed, closed_gateway = bench(rate=0)
    opened, open_gateway = bench(rate=2_000)
    opened.product, opened.entities = closed.product, closed.entities  # the same run's names
    await closed.load()
    elapsed = await opened.load()
    assert sorted(map(str, open_gateway.requests)) == sorted(map(str, closed_gateway.requests))
    assert {subject for subject, _ in open_gateway.requests} == {MASS_ORDERS_SUBJECT}
    assert sum(len(orders) for _, orders in open_gateway.requests) == 130
    assert len(opened.latencies) == 130 and sum(opened.accepted.values()) == 130 and not opened.failed
    assert min(opened.latencies) >= DELAY
    assert elapsed >= 120 / 2_000  # the last request is due once its 20 orders came up at 2,000 a second


def test_percentiles_are_taken_at_their_rank():
    values = [float(v) for v in range(1, 1001)]
    assert [percentile(values, q) for q in (0.5, 0.99, 0.999, 1.0)] == [501.0, 991.0, 1000.0, 1000.0]


def test_with_one_side_each_trader_only_buys_or_only_sells_and_with_both_either():
    """`--sides one` (the default): even-numbered traders only buy, odd ones only sell, so no order meets its own
    trader's resting order; `--sides both`: traders buy and sell at random (self-trade prevention exercised)."""
    import random
    one = ExchangeBench(None, orders=500, traders=4, concurrency=1, year=2025)  # type: ignore[arg-type]
    both = ExchangeBench(None, orders=500, traders=4, concurrency=1, year=2025, sides="both")  # type: ignore[arg-type]
    rng = random.Random(1)
    plan = [one._order(rng) for _ in range(500)]
    assert {(i, side) for i, side, _price, _q in plan} == {(0, "BUY"), (1, "SELL"), (2, "BUY"), (3, "SELL")}
    rng = random.Random(1)
    sides = {(i, side) for i, side, _price, _q in (both._order(rng) for _ in range(500))}
    assert sides == {(i, side) for i in range(4) for side in ("BUY", "SELL")}


def test_the_rate_second_by_second_counts_each_answer_in_its_second_and_names_the_last_part_second():
    from ets_cli.bench_exchange import per_second
    started = 100.0
    answered = [100.1, 100.9, 101.0, 101.5, 102.2, 102.25]
    assert per_second(answered, started) == "2 · 2 · 2 in the last 0.25 s"
    assert per_second([100.5], started) == "1 in the last 0.50 s"
    assert per_second([], started) == "none"


async def test_the_closed_loop_keeps_when_each_order_was_answered():
    closed, _gateway = bench(rate=0)
    await closed.load()
    assert len(closed.answered) == 130 and min(closed.answered) >= closed.started + DELAY


def test_each_trader_deposits_enough_for_the_orders_it_sends_within_its_allocation():
    from ets_cli.bench_exchange import ALLOCATED
    assert ExchangeBench(None, orders=20_000, traders=20, concurrency=1, year=2025).deposit == 100_000  # type: ignore[arg-type]
    assert ExchangeBench(None, orders=60_000, traders=20, concurrency=1, year=2025).deposit == 180_000  # type: ignore[arg-type]
    assert ExchangeBench(None, orders=10**7, traders=2, concurrency=1, year=2025).deposit == ALLOCATED  # type: ignore[arg-type]
