"""The exchange's instructions to the registry over a real nats-server (M-26 ¶2, M-32, M-16 ¶2): trade deliveries
and withdrawals registered under the instruction's own id, answered with registry-transfer.registered or .refused
under the instruction's correlation id; a redelivered instruction moves nothing twice; a malformed one is
dead-lettered. An entity short of allowances buys them, takes them to its holding account and surrenders them."""
from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import select

from ets_shared.contracts.exchange import AllowanceWithdrawalRequested, TradeDeliveryInstructed
from ets_shared.persistence.tables import DeadLetter
from ets_shared.testing.service import eventually


pytestmark = pytest.mark.asyncio
ANSWERS = "ets.allocation.registry-transfer.>"
AT = "2026-05-20T02:30:00Z"


def delivery(trade_id: str, seller: str, buyer: str, quantity: int, vintage: int = 2025) -> TradeDeliveryInstructed:
    return TradeDeliveryInstructed(trade_id=trade_id, seller_trading_account_id=seller,
                                   buyer_trading_account_id=buyer, vintage=vintage, quantity=quantity,
                                   instructed_at=AT)


def withdrawal(instruction_id: str, account: str, quantity: int, vintage: int = 2025) -> AllowanceWithdrawalRequested:
    return AllowanceWithdrawalRequested(instruction_id=instruction_id, trading_account_id=account, vintage=vintage,
                                        quantity=quantity, requested_at=AT)


def answered(events: list[dict]) -> list[dict]:
    """The answers to instructions (they carry its reference), not the events of the holders' own deposits."""
    return [e for e in events if e["data"].get("reference")]


def idle(world):
    async def check() -> bool:
        return (await world.svc.runtime.backlog())["idle"]
    return check


def dead_letters(world) -> list[str]:
    with world.svc.runtime.read_session_factory() as session:
        return list(session.execute(select(DeadLetter.subject)).scalars())


async def test_m16_2_allowances_bought_on_the_exchange_are_delivered_withdrawn_and_surrendered(world):
    await world.tick("2026-06-05T10:00:00+08:00")
    await world.trading()  # E-1 and E-2 hold 10,000 each
    await world.determine("E-1", 12_000)  # E-1 is 2,000 short: it may buy (M-16 ¶2)
    await world.wait_obligation("E-1")
    await world.commit_to_trading("E-2", 3_000)
    async with world.listen(ANSWERS) as events:
        trade = await world.from_exchange(delivery("TRD-1", "X-M-E-2", "X-M-E-1", 2_000), correlation_id="case-trd-1")
        back = await world.from_exchange(withdrawal("WDR-1", "X-M-E-1", 2_000), correlation_id="case-wdr-1")
        await eventually(lambda: len(answered(events)) == 2)
    answers = answered(events)
    assert [(a["event_type"], a["data"]["purpose"], a["data"]["transaction_id"], a["correlation_id"])
            for a in answers] == [
        ("allocation.registry-transfer.registered", "trade_delivery", "TRD-1", "case-trd-1"),
        ("allocation.registry-transfer.registered", "exchange_withdrawal", "WDR-1", "case-wdr-1")]
    assert answers[0]["causation_id"] == str(trade.event_id) and answers[1]["causation_id"] == str(back.event_id)
    assert (answers[0]["data"]["from_holder_id"], answers[0]["data"]["to_holder_id"]) == ("E-2", "E-1")
    assert answers[1]["data"]["to_account_id"] == "ACC-E-1" and answers[1]["data"]["reference"] == "WDR-1"
    assert await world.held("ACC-E-1", "X-M-E-1", "ACC-E-2", "X-M-E-2") == {
        "ACC-E-1": [("SHEA", 2025, 12_000)], "X-M-E-1": [], "ACC-E-2": [("SHEA", 2025, 7_000)],
        "X-M-E-2": [("SHEA", 2025, 1_000)]}
    statement = (await world.svc.client.get("/registry/accounts/X-M-E-1/transactions",
                                            headers=world.entity("E-1"))).json()
    assert [(t["transaction_id"], t["purpose"], t["reference"]) for t in statement] == [
        ("TRD-1", "trade_delivery", "trade_delivery:TRD-1"), ("WDR-1", "exchange_withdrawal",
                                                              "exchange_withdrawal:WDR-1")]
    done = await world.surrender("E-1", [{"unit_type": "SHEA", "vintage": 2025, "quantity": 12_000}])
    assert done.status_code == 201 and done.json()["status"] == "settled", done.text


async def test_m26_m16_allowances_committed_to_trading_cannot_be_surrendered(world):
    await world.tick("2026-06-05T10:00:00+08:00")
    await world.trading()
    await world.determine("E-1", 10_000)
    await world.wait_obligation("E-1")
    await world.commit_to_trading("E-1", 4_000)
    all_of_it = await world.surrender("E-1", [{"unit_type": "SHEA", "vintage": 2025, "quantity": 10_000}])
    assert all_of_it.status_code == 422 and all_of_it.json()["field"] == "lines[0].quantity"
    assert await world.held("ACC-E-1", "X-M-E-1") == {"ACC-E-1": [("SHEA", 2025, 6_000)],
                                                      "X-M-E-1": [("SHEA", 2025, 4_000)]}
    # nor may the holder move them out again itself, to surrender them or to sell them twice
    out = await world.svc.client.post("/registry/transfers", json=world.transfer("X-M-E-1", "ACC-E-1", 4_000),
                                      headers=world.entity("E-1"))
    assert (out.status_code, out.json()["article"]) == (422, "M-26")
    surrendered = await world.surrender("E-1", [{"unit_type": "SHEA", "vintage": 2025, "quantity": 6_000}])
    assert surrendered.status_code == 201
    ob = await world.obligation("E-1")
    assert (ob["surrendered"], ob["remaining"], ob["status"]) == (6_000, 4_000, "open")


async def test_m26_redelivered_or_resent_instruction_moves_nothing_twice(world):
    await world.trading()
    await world.commit_to_trading("E-2", 3_000)
    async with world.listen(ANSWERS) as events:
        await world.from_exchange(delivery("TRD-7", "X-M-E-2", "X-M-E-1", 1_000), copies=3)  # redelivered
        await world.from_exchange(delivery("TRD-7", "X-M-E-2", "X-M-E-1", 1_000))  # sent again, a new event
        await world.from_exchange(withdrawal("WDR-7", "X-M-E-1", 600), copies=2)
        await world.from_exchange(withdrawal("WDR-7", "X-M-E-1", 600))
        await world.from_exchange(withdrawal("TRD-7", "X-M-E-1", 1))  # another movement under a used id
        await eventually(lambda: len(answered(events)) == 5)
        await eventually(idle(world))  # all consumed and published: a sixth answer would be here by now
        await asyncio.sleep(0.2)
    answers = answered(events)
    assert [(a["event_type"].rsplit(".", 1)[1], a["data"]["purpose"], a["data"].get("transaction_id"))
            for a in answers] == [("registered", "trade_delivery", "TRD-7"), ("registered", "trade_delivery", "TRD-7"),
                                  ("registered", "exchange_withdrawal", "WDR-7"),
                                  ("registered", "exchange_withdrawal", "WDR-7"),
                                  ("refused", "exchange_withdrawal", None)]
    assert answers[4]["data"]["reference"] == "TRD-7" and answers[4]["data"]["article"] == "M-32"
    assert await world.held("X-M-E-2", "X-M-E-1", "ACC-E-1") == {
        "X-M-E-2": [("SHEA", 2025, 2_000)], "X-M-E-1": [("SHEA", 2025, 400)], "ACC-E-1": [("SHEA", 2025, 10_600)]}
    assert dead_letters(world) == []


@pytest.mark.parametrize("instruction, reason", [
    (delivery("TRD-9", "X-M-E-2", "X-M-E-1", 3_001), "holds 3000 SHEA of vintage 2025"),  # the seller is short
    (delivery("TRD-9", "X-M-E-2", "X-M-E-1", 1, vintage=2024), "holds 0 SHEA of vintage 2024"),
    (delivery("TRD-9", "X-M-E-2", "X-M-404", 1), "no registry account X-M-404"),
    (delivery("TRD-9", "X-M-E-2", "ACC-E-1", 1), "cannot involve the entity_holding account"),  # not a buyer's
    (withdrawal("TRD-9", "X-M-E-2", 3_001), "holds 3000 SHEA"),
    (withdrawal("TRD-9", "X-M-404", 1), "no registry trading account X-M-404"),
    (withdrawal("TRD-9", "ACC-E-2", 1), "no registry trading account ACC-E-2"),
])
async def test_m32_refused_instruction_is_answered_and_changes_nothing(world, instruction, reason):
    await world.trading()
    await world.commit_to_trading("E-2", 3_000)
    before = await world.held("ACC-E-1", "X-M-E-1", "ACC-E-2", "X-M-E-2")
    async with world.listen(ANSWERS) as events:
        await world.from_exchange(instruction, correlation_id="case-refused")
        await eventually(lambda: answered(events))
    answers = answered(events)
    refused = answers[0]
    assert (refused["event_type"], refused["correlation_id"]) == ("allocation.registry-transfer.refused",
                                                                  "case-refused")
    assert refused["data"]["reference"] == "TRD-9" and reason in refused["data"]["reason"], refused["data"]
    assert await world.held("ACC-E-1", "X-M-E-1", "ACC-E-2", "X-M-E-2") == before
    assert dead_letters(world) == []  # a business answer, not a dead letter


async def test_m26_malformed_instruction_is_dead_lettered(world):
    await world.trading()
    await world.commit_to_trading("E-2", 3_000)
    subject = TradeDeliveryInstructed.contract.subject
    good = delivery("TRD-5", "X-M-E-2", "X-M-E-1", 10)
    payload = json.loads((await world.from_exchange(good, wait=False)).model_dump_json())
    payload["event_id"] = "6f1c1b1e-0000-4000-8000-000000000001"
    payload["data"]["quantity"] = "ten"
    await world.publish(subject, json.dumps(payload).encode(), ["bad-1"])
    await world.publish(subject, b"not json", ["bad-2"])
    await eventually(lambda: len(dead_letters(world)) == 2)
    assert await world.held("X-M-E-1") == {"X-M-E-1": [("SHEA", 2025, 10)]}  # the good one, once
