"""M-26 settlement applied by the exchange's companion process (`ets_shared.companion`), as `ets-exchange` runs it:
the first process enters orders and applies every other event; the companion applies the registry's answers and
publishes the outbox — woken through its pipe after each of the first process's commits, not by polling — counts
what it did in the first process's /metrics, and is started again when it dies, catching up on what it had not
applied."""
from __future__ import annotations

import os
import signal

import nats
import pytest

from ets_shared.contracts.allocation import RegistryTransferRefused, RegistryTransferRegistered
from ets_shared.contracts.exchange import OrderAccepted, TradeSettled
from ets_shared.settings import service_key
from ets_shared.testing.service import RunningService, eventually, subject_listener

from .conftest import Market
from .test_m26_settlement import matched

pytestmark = pytest.mark.asyncio
COMPANION_NICE = 3
SETTLEMENT_SUBJECTS = sorted([RegistryTransferRegistered.contract.subject, RegistryTransferRefused.contract.subject])


@pytest.fixture
async def split_market(settings, nats_url, monkeypatch):
    import httpx

    from exchange.bootstrap import build_runtime

    # the companion reads its settings from the environment, as a served process does
    monkeypatch.setenv(f"ETS_{service_key('exchange')}_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("ETS_NATS_URL", settings.nats_url)
    monkeypatch.setenv("ETS_NATS_KEYS_DIR", str(settings.nats_keys_path))
    monkeypatch.setenv("ETS_JWT_SECRET", settings.jwt_secret)
    monkeypatch.setenv("ETS_MAX_DELIVERIES", str(settings.max_deliveries))
    monkeypatch.setenv("ETS_OUTBOX_POLL_SECONDS", "60")  # published promptly only if the pipe wakes the relay
    monkeypatch.setenv("ETS_COMPANION_NICE", str(COMPANION_NICE))  # settlement yields the cores to order entry
    runtime = build_runtime(settings)
    assert runtime.split_off_companion("exchange.bootstrap:build_runtime")
    nc = await nats.connect(nats_url)
    await runtime.start()
    try:
        transport = httpx.ASGITransport(app=runtime.http)
        async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
            yield Market(RunningService(runtime, client), nc)
    finally:
        await runtime.stop()
        await nc.drain()
    assert runtime.companion is not None and runtime.companion.process is not None
    assert runtime.companion.process.returncode == 0, "the companion stopped when asked, cleanly"


async def test_m26_the_companion_settles_and_publishes_while_the_first_process_enters_orders(split_market, nats_url):
    runtime = split_market.svc.runtime
    assert runtime.role == "first" and runtime.companion is not None and runtime.companion.alive
    assert (await split_market.client.get("/readyz")).json()["checks"]["companion"] is True
    companion = runtime.companion.process
    assert companion is not None
    await eventually(lambda: os.getpriority(os.PRIO_PROCESS, companion.pid) == os.getpriority(os.PRIO_PROCESS, 0)
                     + COMPANION_NICE, timeout=10)  # lowered as it starts (ETS_COMPANION_NICE)
    async with subject_listener(nats_url, TradeSettled.contract.subject) as settled, \
            subject_listener(nats_url, OrderAccepted.contract.subject) as accepted:
        trade = await matched(split_market)  # the deposit settled by the companion, the orders entered here
        await split_market.delivered(trade)
        assert await split_market.balances("X-B") == {"cash": ("59940.00", "0.00"), "units": (1000, 0)}
        assert await split_market.balances("X-S") == {"cash": ("39940.00", "0.00"), "units": (0, 0)}
        await eventually(lambda: len(accepted) == 2 and len(settled) == 1, timeout=10)
    def counted(name: str, **labels: str) -> float:
        return runtime.metrics.registry.get_sample_value(name, labels) or 0.0

    # what the companion relayed and applied is counted in this process's /metrics
    await eventually(lambda: counted("ets_business_events_total", kind="trades") == 1, timeout=10)
    assert counted("ets_events_consumed_total", subject=RegistryTransferRegistered.contract.subject) == 2
    assert counted("ets_outbox_published_total") >= 5  # admissions, accounts, orders, the trade, its settlement
    assert counted("ets_process_cpu_seconds", process="companion") > 0  # sent with its counts
    assert counted("ets_process_cpu_seconds", process="service") > 0
    metrics = (await split_market.client.get("/metrics")).text
    assert 'ets_business_events_total{kind="trades"} 1.0' in metrics
    # order entry's group commit keeps account of its thread (`ets_group_commit_*`, what `ets bench` reads)
    sequencer = {line.split(" ")[0].split("{")[0]: float(line.split(" ")[1]) for line in metrics.splitlines()
                 if line.startswith("ets_group_commit_") and '{writer="exchange-sequencer"}' in line}
    assert sequencer["ets_group_commit_entries"] >= 2 and 1 <= sequencer["ets_group_commit_batches"] <= 2
    assert sequencer["ets_group_commit_busy_seconds"] >= sequencer["ets_group_commit_cpu_seconds"] > 0
    consumers = {c["consumer"]: c["subjects"] for c in (await runtime.backlog())["consumers"]}
    assert consumers["exchange-companion--allocation"] == SETTLEMENT_SUBJECTS
    assert not set(SETTLEMENT_SUBJECTS) & set(consumers["exchange--allocation"])


async def test_m26_a_companion_that_dies_is_started_again_and_catches_up(split_market):
    runtime = split_market.svc.runtime
    assert runtime.companion is not None and runtime.companion.process is not None
    killed = runtime.companion.process.pid
    os.kill(killed, signal.SIGKILL)
    await eventually(lambda: runtime.companion.restarts == 1 and runtime.companion.alive, timeout=20)
    assert runtime.companion.process.pid != killed
    trade = await matched(split_market)  # applied by the new companion once the dead one's pin has lapsed
    await split_market.delivered(trade)
    assert await split_market.balances("X-B") == {"cash": ("59940.00", "0.00"), "units": (1000, 0)}
