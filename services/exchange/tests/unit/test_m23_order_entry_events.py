"""M-23, M-25: order entry's events (accepted, executed, delivery instructed, printed, cancelled) are made without
validating again what the order checks typed and checked already (`checked_events.event`): each must be the model the
contract's own validation makes — equal, with the same fields set, and with byte-equal JSON, alone and sealed in its
envelope — for representative values and at every bound `within` lets through; a value beyond them is validated, and
refused, as before."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings, strategies as st
from pydantic import ValidationError

from ets_shared.contracts.exchange import (
    OrderAccepted, OrderCancelled, TradeDeliveryInstructed, TradeExecuted, TradePrinted,
)
from ets_shared.envelope import MessageContext, seal
from exchange.domain.policy import to_yuan
from exchange.service_layer.checked_events import MONEY_FEN, event, within

AT = datetime(2026, 5, 20, 2, 0, 0, 123456, tzinfo=timezone.utc)
CONTEXT = MessageContext("corr-1", "cause-1", "member:A")


def accepted(order_id: str = "ORD-019f", sequence: int = 7, vintage: int = 2025, side: str = "BUY",
             price: int = 4010, quantity: int = 300, tif: str = "GTC", at: datetime = AT) -> dict:
    return {"order_id": order_id, "sequence": sequence, "trading_account_id": "X-A", "member_id": "A",
            "product_id": "SHEA-2025", "vintage": vintage, "side": side, "price": to_yuan(price),
            "quantity": quantity, "time_in_force": tif, "accepted_at": at}


def executed(price: int = 4010, quantity: int = 300, buyer_fee: int = 181, seller_fee: int = 0,
             vintage: int = 2025, at: datetime = AT) -> dict:
    return {"trade_id": "TRD-019f", "mode": "open_bidding", "product_id": "SHEA-2025", "vintage": vintage,
            "price": to_yuan(price), "quantity": quantity, "buyer_trading_account_id": "X-A",
            "seller_trading_account_id": "X-B", "buy_order_id": "ORD-1", "sell_order_id": "ORD-2",
            "buyer_fee": to_yuan(buyer_fee), "seller_fee": to_yuan(seller_fee), "executed_at": at}


def delivery(quantity: int = 300, vintage: int = 2025, at: datetime = AT) -> dict:
    return {"trade_id": "TRD-019f", "seller_trading_account_id": "X-B", "buyer_trading_account_id": "X-A",
            "vintage": vintage, "quantity": quantity, "instructed_at": at}


def printed(price: int = 4010, quantity: int = 300, vintage: int = 2025, at: datetime = AT) -> dict:
    return {"trade_id": "TRD-019f", "product_id": "SHEA-2025", "vintage": vintage, "mode": "open_bidding",
            "price": to_yuan(price), "quantity": quantity, "executed_at": at}


def cancelled(quantity: int = 300, reason: str = "self_trade_prevented", at: datetime = AT) -> dict:
    return {"order_id": "ORD-019f", "trading_account_id": "X-A", "cancelled_quantity": quantity, "reason": reason,
            "cancelled_at": at}


def assert_as_validated(contract, fields: dict) -> None:
    made, validated = event(contract, dict(fields), True), contract(**fields)
    assert type(made) is contract
    assert made == validated
    assert made.__dict__ == validated.__dict__ and list(made.__dict__) == list(validated.__dict__)
    assert made.model_fields_set == validated.model_fields_set
    assert made.model_dump_json() == validated.model_dump_json()
    assert made.model_dump() == validated.model_dump()
    sealed, check = seal(made, producer="exchange", context=CONTEXT, occurred_at=AT), \
        seal(validated, producer="exchange", context=CONTEXT, occurred_at=AT)
    assert sealed[3] == check[3]
    assert sealed[2].replace(sealed[1], "") == check[2].replace(check[1], "")  # the event ids are each their own


EDGES = [
    (OrderAccepted, accepted()),
    (OrderAccepted, accepted(sequence=1, vintage=2013, side="SELL", price=1, quantity=1, tif="IOC")),
    (OrderAccepted, accepted(vintage=2100, price=9_999_999_999, quantity=100_000_000,
                             at=AT.replace(microsecond=0))),  # the largest price a command takes, a whole second
    (OrderAccepted, accepted(at=AT.astimezone(timezone(timedelta(hours=8))))),  # aware, not UTC
    (OrderAccepted, accepted(order_id="ORD-\u00e9\u201c\"\\\n")),  # escapes
    (TradeExecuted, executed()),
    (TradeExecuted, executed(price=1, quantity=1, buyer_fee=0, seller_fee=0, vintage=2013)),
    (TradeExecuted, executed(price=MONEY_FEN - 1, buyer_fee=MONEY_FEN - 1, seller_fee=100, vintage=2100)),
    (TradeDeliveryInstructed, delivery()),
    (TradeDeliveryInstructed, delivery(quantity=1, vintage=2013, at=AT.replace(microsecond=0))),
    (TradePrinted, printed()),
    (TradePrinted, printed(price=1, quantity=1, vintage=2013, at=AT.replace(microsecond=0))),
    (TradePrinted, printed(price=MONEY_FEN - 1, quantity=100_000_000, vintage=2100)),
    (OrderCancelled, cancelled()),
    (OrderCancelled, cancelled(quantity=1, reason="immediate_or_cancel")),
]


@pytest.mark.parametrize(("contract", "fields"), EDGES)
def test_m23_order_entry_events_are_the_validated_models_to_the_byte(contract, fields):
    assert_as_validated(contract, fields)


@settings(max_examples=200, deadline=None)
@given(sequence=st.integers(1, 2**40), vintage=st.integers(2013, 2100), price=st.integers(1, 9_999_999_999),
       quantity=st.integers(1, 100_000_000), fees=st.tuples(st.integers(0, MONEY_FEN - 1), st.integers(0, 10**9)),
       at=st.datetimes(timezones=st.just(timezone.utc)), side=st.sampled_from(["BUY", "SELL"]),
       reason=st.sampled_from(["requested", "immediate_or_cancel", "self_trade_prevented", "expired"]))
def test_m23_order_entry_events_match_validation_over_their_ranges(sequence, vintage, price, quantity, fees, at,
                                                                    side, reason):
    assert within(vintage, quantity, max(price, *fees), at)
    assert_as_validated(OrderAccepted, accepted(sequence=sequence, vintage=vintage, side=side, price=price,
                                                quantity=quantity, at=at))
    assert_as_validated(TradeExecuted, executed(price=price, quantity=quantity, buyer_fee=fees[0],
                                                seller_fee=fees[1], vintage=vintage, at=at))
    assert_as_validated(TradeDeliveryInstructed, delivery(quantity=quantity, vintage=vintage, at=at))
    assert_as_validated(TradePrinted, printed(price=price, quantity=quantity, vintage=vintage, at=at))
    assert_as_validated(OrderCancelled, cancelled(quantity=quantity, reason=reason, at=at))


@pytest.mark.parametrize(("vintage", "quantity", "fen", "at"), [
    (2012, 1, 1, AT), (2101, 1, 1, AT), (2025, 0, 1, AT), (2025, 1, MONEY_FEN, AT), (2025, 1, -1, AT),
    (2025, 1, 1, AT.replace(tzinfo=None))])
def test_m23_values_beyond_a_contracts_bounds_are_validated_and_refused_as_before(vintage, quantity, fen, at):
    assert not within(vintage, quantity, fen, at)
    if fen < 0:
        return  # no order's amount is negative: taken the validated way all the same
    fields = executed(price=fen, quantity=quantity, vintage=vintage, at=at)
    with pytest.raises(ValidationError) as made:
        event(TradeExecuted, dict(fields), False)
    with pytest.raises(ValidationError) as validated:
        TradeExecuted(**fields)
    assert made.value.errors() == validated.value.errors()
