"""M-23 through the NATS gateway: an accepted order's answer is, byte for byte, what `POST /orders` answers
(`OrderPublic`), though it is written without building the models (`rpc_order_json`)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from exchange.adapters.order_entry_store import OrderRecord, TradeRecord
from exchange.domain.policy import to_yuan
from exchange.entrypoints.rpc_order_json import OrderJson, TradeJson, order_json, yuan
from exchange.entrypoints.schemas import OrderPublic, TradePublic

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
