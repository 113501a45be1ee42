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
from ets_shared.errors import RuleViolation

from exchange.adapters.order_entry_store import OrderRecord, TradeRecord
from exchange.domain.policy import to_yuan
from exchange.entrypoints import rpc_mass
from exchange.entrypoints.rpc import OrderGateway
from exchange.entrypoints.rpc_order_json import OrderJson, TradeJson, accepted_json, order_json, price_text, yuan
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


def test_m23_a_mass_orders_accepted_reply_is_the_bytes_of_each_orders_answer_joined():
    placed = [(an_order(), []), (an_order(1, status="FILLED", remaining=0), [a_trade(1), a_trade(2)]),
              (an_order(999_999_999_99, trading_account_id="X-客户\n\\"), [a_trade(3, settled_at=AT)])]
    assert accepted_json(placed) == b'{"results":[' + b",".join(
        b'{"status":201,"order":' + order_json(o, t) + b"}" for o, t in placed) + b"]}"


def test_m23_amounts_are_written_as_money_writes_them():
    for cents in [*range(-1005, 1005), 10**14 - 1, -(10**14) + 1, 123_456_789]:
        assert yuan(cents) == price_text(cents) == f"{to_yuan(cents):.2f}", cents


class Entered:
    """A sequencer that answers at once: each order accepted as it came (or refused, if its quantity is in
    `refusing`), recorded."""

    def __init__(self, refusing: frozenset[int] = frozenset()) -> None:
        self.commands: list = []
        self.refusing = refusing

    def _answer(self, cmd):
        self.commands.append(cmd)
        if cmd.quantity in self.refusing:
            return RuleViolation("not enough available funds", field="quantity", article="M-26")
        return an_order(sequence=len(self.commands), quantity=cmd.quantity), []

    def enter(self, member_id, cmd, context):
        future: Future = Future()
        answer = self._answer(cmd)
        future.set_exception(answer) if isinstance(answer, Exception) else future.set_result(answer)
        return future

    def enter_all(self, member_id, cmds, context, done):
        done([self._answer(cmd) for cmd in cmds])

    async def answer(self, entry):
        """A single order's entry (member, command, context) answered on the loop, its refusal raised."""
        answer = self._answer(entry[1])
        if isinstance(answer, Exception):
            raise answer
        return answer


async def a_mass_request(body: dict, sequencer: Entered | None = None) -> tuple[int, dict, list]:
    status, reply, entered = await a_mass_reply(body, sequencer)
    return status, json.loads(reply), entered


async def a_mass_reply(body: dict, sequencer: Entered | None = None) -> tuple[int, bytes, list]:
    gateway = OrderGateway(SimpleNamespace(settings=SimpleNamespace(jwks_url=None), sequencer=sequencer or Entered()))
    gateway.tokens._held["t"] = (Principal(subject="M-B", role=Role.MEMBER, party_id="B"), float("inf"))
    status, reply = await rpc_mass.handle(gateway, {"Authorization": "Bearer t"}, json.dumps(body).encode())
    return status, reply, gateway.runtime.sequencer.commands


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


async def test_m23_a_mass_orders_reply_is_the_same_whether_or_not_an_order_is_refused():
    """The reply of a request whose orders were all accepted (one serialisation) is written as that of a request
    with refusals (each result on its own): the same bytes for the same accepted orders."""
    body = {"orders": [ORDERS[0], {**ORDERS[1], "quantity": 7}, {**ORDERS[0], "quantity": 2}]}
    _status, all_accepted, _entered = await a_mass_reply(body)
    status, with_refusal, entered = await a_mass_reply(body, Entered(refusing=frozenset({7})))
    accepted, refused = json.loads(all_accepted)["results"], json.loads(with_refusal)["results"]
    assert status == 200 and [r["status"] for r in refused] == [201, 422, 201] and len(entered) == 3
    assert refused[1]["problem"]["field"] == "orders.1.quantity"
    assert [accepted[0], accepted[2]] == [refused[0], refused[2]]
    assert with_refusal.startswith(all_accepted[:all_accepted.index(b"},{") + 2])  # byte for byte, up to the refusal


def public_result(order, trades) -> bytes:
    """An accepted order's result as `POST /orders`'s model writes the order (`OrderPublic`)."""
    return b'{"status":201,"order":' + OrderPublic.of(order, trades).model_dump_json().encode() + b"}"  # type: ignore[arg-type]


def test_m23_a_mass_orders_accepted_reply_is_the_public_models_bytes_with_prices_repeated_and_escaped_ids():
    """Prices are written once per price (`price_text`) and a batch's instant once (`instant_text`): the same price
    and instant in many orders and trades, a negative and a huge price, the same instant in another zone (equal, but
    written otherwise) and other instants in between, next to ids and reasons JSON must escape, are still exactly the
    model's bytes."""
    placed = [(an_order(4010, order_id=f"ORD-{n}\"\\\n客", trading_account_id="X-\u2028\t"),
               [a_trade(n, price_cents=4010, failure_reason="\x00 \"no\"") for _ in range(n % 3)]) for n in range(6)]
    placed += [(an_order(999_999_999_99), [a_trade(7, price_cents=-5, buyer_fee_cents=-1)]),
               (an_order(4010, accepted_at=AT.astimezone(timezone(timedelta(hours=8)))), []),
               (an_order(4010), [a_trade(8, executed_at=AT.astimezone(timezone(timedelta(hours=8)))),
                                 a_trade(9, executed_at=AT + timedelta(microseconds=1)), a_trade(10)]),
               (an_order(4010, accepted_at=AT.replace(microsecond=0)), [])]
    assert accepted_json(placed) == b'{"results":[' + b",".join(public_result(o, t) for o, t in placed) + b"]}"


async def test_m23_a_mass_orders_reply_with_refusals_is_the_public_models_bytes_and_the_problems():
    body = {"orders": [ORDERS[0], {**ORDERS[1], "quantity": 7}, {**ORDERS[0], "quantity": 1.5}, ORDERS[1]]}
    status, reply, entered = await a_mass_reply(body, Entered(refusing=frozenset({7})))
    results = json.loads(reply)["results"]
    assert status == 200 and [r["status"] for r in results] == [201, 422, 422, 201] and len(entered) == 3
    accepted = [an_order(sequence=1, quantity=3), an_order(sequence=3, quantity=1)]
    assert reply.startswith(b'{"results":[' + public_result(accepted[0], []) + b",")
    assert reply.endswith(b"," + public_result(accepted[1], []) + b"]}")
