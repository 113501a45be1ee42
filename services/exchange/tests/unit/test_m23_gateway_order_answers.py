"""M-23 through the NATS gateway: an accepted order's answer is, byte for byte, what `POST /orders` answers
(`OrderPublic`), though it is written without building the models (`rpc_order_json`); a mass order's orders are the
commands each order validated alone would be, and a bad one is refused alone (`rpc_mass`)."""
from __future__ import annotations

import json
from concurrent.futures import Future
from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace

import pytest

from ets_shared.auth import Principal, Role

from exchange.adapters.order_entry_store import OrderRecord, TradeRecord
from exchange.domain.policy import to_yuan
from exchange.entrypoints import rpc_mass
from exchange.entrypoints.rpc import OrderGateway
from exchange.entrypoints.rpc_order_json import OrderJson, TradeJson, order_json, yuan
from exchange.entrypoints.schemas import OrderPublic, TradePublic
from exchange.service_layer import commands

AT = datetime(2026, 5, 20, 2, 0, 0, 123456, tzinfo=timezone.utc)


def an_order(price_cents: int = 4010, **changes) -> OrderRecord:
    fields = dict(order_id="ORD-1", sequence=7, trading_account_id="X-B", member_id="B", owner_id="B",
                  product_id="SHEA-2026", vintage=2026, side="BUY", price_cents=price_cents, quantity=300,
                  remaining=100, filled=200, time_in_force="GTC", status="PARTIAL", reserve_per_t_cents=4100,
                  trading_day=date(2026, 5, 20), accepted_at=AT, updated_at=AT)
    return OrderRecord(**{**fields, **changes})


def a_trade(n: int, **changes) -> TradeRecord:
    fields = dict(trade_id=f"TRD-{n}", mode="open_bidding", product_id="SHEA-2026", vintage=2026,
                  price_cents=4000 + n, quantity=100, buyer_account_id="X-B", seller_account_id="X-S",
                  buy_order_id="ORD-1", sell_order_id=None, buyer_fee_cents=6000, seller_fee_cents=0,
                  buyer_reserved_cents=406_000, status="MATCHED", trading_day=date(2026, 5, 20), executed_at=AT,
                  print_sequence=n)
    return TradeRecord(**{**fields, **changes})


def test_m23_the_answers_fields_are_the_public_models_in_their_order():
    assert list(OrderJson.__annotations__) == list(OrderPublic.model_fields)
    assert list(TradeJson.__annotations__) == list(TradePublic.model_fields)


@pytest.mark.parametrize("order, trades", [
    (an_order(), []),
    (an_order(1, status="FILLED", remaining=0), [a_trade(1), a_trade(2, settled_at=AT + timedelta(seconds=1),
                                                                     status="FAILED", failure_reason="none \"left\"")]),
    (an_order(999_999_999_99, trading_account_id="X-客户\n\\", accepted_at=AT.replace(microsecond=0)),
     [a_trade(3, executed_at=AT.astimezone(timezone(timedelta(hours=8))), buyer_fee_cents=0, sell_order_id="é")]),
])
def test_m23_an_accepted_orders_answer_is_the_bytes_of_order_public(order, trades):
    assert order_json(order, trades) == OrderPublic.of(order, trades).model_dump_json().encode()  # type: ignore[arg-type]


def test_m23_amounts_are_written_as_money_writes_them():
    for cents in [*range(-1005, 1005), 10**14 - 1, -(10**14) + 1, 123_456_789]:
        assert yuan(cents) == f"{to_yuan(cents):.2f}", cents


class Entered:
    """A sequencer that answers at once: each order accepted as it came, recorded."""

    def __init__(self) -> None:
        self.commands: list = []

    def enter(self, member_id, cmd, context):
        self.commands.append(cmd)
        future: Future = Future()
        future.set_result((an_order(sequence=len(self.commands)), []))
        return future


async def a_mass_request(body: dict) -> tuple[int, dict, list]:
    gateway = OrderGateway(SimpleNamespace(settings=SimpleNamespace(jwks_url=None), sequencer=Entered()))
    gateway.tokens._held["t"] = (Principal(subject="M-B", role=Role.MEMBER, party_id="B"), float("inf"))
    status, reply = await rpc_mass.handle(gateway, {"Authorization": "Bearer t"}, json.dumps(body).encode())
    return status, json.loads(reply), gateway.runtime.sequencer.commands


ORDERS = [{"trading_account_id": "X-B", "product_id": "SHEA-2026", "side": "BUY", "price": "40.10", "quantity": 3},
          {"trading_account_id": "X-B", "product_id": "SHEA-2026", "side": "SELL", "price": "41", "quantity": 1,
           "time_in_force": "IOC"}]


async def test_m23_a_valid_mass_order_enters_the_commands_each_order_validated_alone_would():
    status, reply, entered = await a_mass_request({"orders": ORDERS})
    assert status == 200 and [r["status"] for r in reply["results"]] == [201, 201]
    assert entered == [commands.PlaceOrder.model_validate(o) for o in ORDERS]


async def test_m23_a_mass_order_with_a_bad_order_refuses_it_alone_and_enters_the_others():
    status, reply, entered = await a_mass_request({"orders": [{**ORDERS[0], "quantity": 1.0}, ORDERS[1]]})
    assert status == 200 and [r["status"] for r in reply["results"]] == [422, 201]
    assert reply["results"][0]["problem"]["field"] == "orders.0.quantity"
    assert entered == [commands.PlaceOrder.model_validate(ORDERS[1])]
