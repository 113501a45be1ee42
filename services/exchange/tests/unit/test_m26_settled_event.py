"""M-26, M-27, M-28(4): settlement's `TradeSettled` is made without validating again what the trade's row holds
(`settlement.settled_event`, by `checked_events.event`): for representative values, at every bound `within` lets
through and over their ranges it must hold exactly the fields settlement validated before, which `event` makes into
the model the contract's own validation makes — equal, the same fields set, byte-equal JSON alone and sealed in its
envelope (tests/unit/test_m23_order_entry_events.py's check); a value beyond them is validated, and refused, as
before."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings, strategies as st
from pydantic import ValidationError

from ets_shared.contracts.exchange import TradeSettled
from exchange.adapters.order_entry_store import TradeRecord
from exchange.domain.policy import to_yuan
from exchange.service_layer.checked_events import MONEY_FEN, within
from exchange.service_layer.settlement import settled_event

from .test_m23_order_entry_events import assert_as_validated as event_as_validated

AT = datetime(2026, 5, 20, 2, 0, 0, 123456, tzinfo=timezone.utc)


def trade(vintage: int = 2025, price: int = 4010, quantity: int = 300, buyer_fee: int = 181,
          seller_fee: int = 181) -> TradeRecord:
    return TradeRecord(trade_id="TRD-019f", mode="open_bidding", product_id="SHEA-2025", vintage=vintage,
                       price_cents=price, quantity=quantity, buyer_account_id="X-A", seller_account_id="X-B",
                       buy_order_id="ORD-1", sell_order_id="ORD-2", buyer_fee_cents=buyer_fee,
                       seller_fee_cents=seller_fee, buyer_reserved_cents=price * quantity + buyer_fee,
                       status="MATCHED", trading_day=date(2026, 5, 20), executed_at=AT, print_sequence=1)


def fields(record: TradeRecord, turnover: int, reserve: int, at: datetime) -> dict:
    """What settlement gave the contract to validate before: `to_yuan`'s amounts, in the contract's order."""
    return {"trade_id": record.trade_id, "buyer_trading_account_id": record.buyer_account_id,
            "seller_trading_account_id": record.seller_account_id, "vintage": record.vintage,
            "quantity": record.quantity, "turnover": to_yuan(turnover), "buyer_fee": to_yuan(record.buyer_fee_cents),
            "seller_fee": to_yuan(record.seller_fee_cents), "risk_reserve": to_yuan(reserve), "settled_at": at}


def assert_as_validated(record: TradeRecord, reserve: int, at: datetime = AT) -> None:
    """The event holds exactly those fields, set as validation sets them; and those fields, made without validation
    (`checked_events.event`), are the validated model to the byte (order entry's check of `checked_events.event`)."""
    turnover = record.price_cents * record.quantity
    made, given = settled_event(record, turnover, reserve, at), fields(record, turnover, reserve, at)
    assert type(made) is TradeSettled
    assert made.__dict__ == given and list(made.__dict__) == list(given)
    assert made.model_fields_set == TradeSettled(**given).model_fields_set
    event_as_validated(TradeSettled, given)


EDGES = [
    (trade(), 72),
    (trade(vintage=2013, price=1, quantity=1, buyer_fee=0, seller_fee=0), 0),  # the smallest of each
    (trade(vintage=2100, price=10**6, quantity=10**8 - 1, buyer_fee=MONEY_FEN - 1, seller_fee=MONEY_FEN - 1),
     MONEY_FEN - 1),  # the largest: a turnover and fees of 14 digits
    (trade(price=4000, quantity=10, buyer_fee=60, seller_fee=60), 24),  # whole yuan, a reserve of 0.24
]


@pytest.mark.parametrize(("record", "reserve"), EDGES)
def test_m26_settled_events_are_the_validated_models_to_the_byte(record, reserve):
    assert_as_validated(record, reserve)
    assert_as_validated(record, reserve, AT.replace(microsecond=0))  # a whole second


def test_m26_an_instant_in_another_zone_is_written_as_validation_writes_it():
    assert_as_validated(trade(), 72, AT.astimezone(timezone(timedelta(hours=8))))


@settings(max_examples=300, deadline=None)
@given(vintage=st.integers(2013, 2100), price=st.integers(1, 10**6), quantity=st.integers(1, 10**7),
       fees=st.tuples(st.integers(0, 10**9), st.integers(0, 10**9)), share=st.integers(0, 100),
       at=st.datetimes(timezones=st.just(timezone.utc)))
def test_m26_settled_events_match_validation_over_their_ranges(vintage, price, quantity, fees, share, at):
    reserve = (fees[0] + fees[1]) * share // 100
    assert within(vintage, quantity, max(price * quantity, *fees, reserve), at)  # made without validation
    assert_as_validated(trade(vintage=vintage, price=price, quantity=quantity, buyer_fee=fees[0],
                              seller_fee=fees[1]), reserve, at)


@pytest.mark.parametrize(("record", "reserve", "at"), [
    (trade(vintage=2012), 0, AT), (trade(vintage=2101), 0, AT), (trade(quantity=0), 0, AT),
    (trade(price=MONEY_FEN), 0, AT), (trade(buyer_fee=MONEY_FEN), 0, AT), (trade(), MONEY_FEN, AT),
    (trade(), 0, AT.replace(tzinfo=None))])
def test_m26_values_beyond_the_contracts_bounds_are_validated_and_refused_as_before(record, reserve, at):
    turnover = record.price_cents * record.quantity
    with pytest.raises(ValidationError) as made:
        settled_event(record, turnover, reserve, at)
    with pytest.raises(ValidationError) as check:
        TradeSettled(**fields(record, turnover, reserve, at))
    assert made.value.errors() == check.value.errors()


@pytest.mark.parametrize("reserve", [-1, -(MONEY_FEN - 1)])
def test_m26_a_negative_amount_takes_the_validated_way(reserve):
    """No trade's fee or reserve is negative; were one, the contract validates it, as it did."""
    assert_as_validated(trade(), reserve)
