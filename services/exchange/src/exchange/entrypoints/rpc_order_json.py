"""An accepted order's answer on the members' NATS order gateway: the bytes of `OrderPublic.of(order,
trades).model_dump_json()` (what `POST /orders` answers), written by pydantic's own serializer from plain dicts.

Building the `OrderPublic` and `TradePublic` models validated every field of an order the sequencer had just written
and turned each amount into a `Decimal`, only to serialise them at once: about two thirds of the time of an answer.
Here the same fields, in the same order and with the same types, go to the serializer of a `TypedDict` twin of each
model made from its fields (`_twin`: the same string encoding), the amounts as the text the `Money` serializer writes
(`yuan`, a price's made once: `price_text`) and the instants of order entry as pydantic's text of a batch's one
instant (`instant_text`). Tests hold the bytes to `OrderPublic`'s for orders with and without trades."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from types import GenericAlias
from typing import Any

from pydantic import BaseModel, TypeAdapter
from typing_extensions import TypedDict

from exchange.entrypoints.schemas import OrderPublic, TradePublic


def _twin(model: type[BaseModel], nested: dict[Any, Any]) -> Any:
    """A `TypedDict` of `model`'s fields, in their order and with their types — an amount (`Money`) or an instant
    as its text, a nested model's list as a list of its twin (`nested`)."""
    typed_dict: Any = TypedDict  # built from the model's fields, not written out again
    return typed_dict(f"{model.__name__}Json", {
        name: str if field.annotation in (Decimal, datetime) else nested.get(field.annotation, field.annotation)
        for name, field in model.model_fields.items()})


TradeJson = _twin(TradePublic, {})
OrderJson = _twin(OrderPublic, {list[TradePublic]: GenericAlias(list, (TradeJson,))})
_dump = TypeAdapter(OrderJson).serializer.to_json
_typed_dict: Any = TypedDict
AcceptedJson = _typed_dict("AcceptedJson", {"status": int, "order": OrderJson})  # a mass order's accepted result
_dump_accepted = TypeAdapter(_typed_dict("AcceptedResultsJson", {"results": GenericAlias(list, (AcceptedJson,))})
                             ).serializer.to_json


def yuan(cents: int) -> str:
    """An amount in fen as the `Money` field writes it (`f"{to_yuan(cents):.2f}"`): yuan with two decimals."""
    return f"-{-cents // 100}.{-cents % 100:02d}" if cents < 0 else f"{cents // 100}.{cents % 100:02d}"


_instant_json = TypeAdapter(datetime).serializer.to_python
_last_instant: tuple[datetime | None, str] = (None, "")


def instant_text(at: datetime) -> str:
    """`at` as pydantic writes a datetime field, kept for the next: a batch's orders are accepted, and its trades
    executed, at one instant (one object), which was written afresh for every order (a third of its serialisation)."""
    global _last_instant  # the gateway's answers are written on its event loop only
    last = _last_instant
    if last[0] is at:
        return last[1]
    text: str = _instant_json(at, mode="json")
    _last_instant = (at, text)
    return text


# a price as `yuan` writes it, made once per price: a market trades at a few dozen levels (a fee, turnover times the
# rate, seldom repeats and is written afresh)
price_text = lru_cache(maxsize=4096)(yuan)


def order_json(o: Any, trades: Sequence[Any] = ()) -> bytes:
    """`OrderPublic.of(o, trades).model_dump_json().encode()`, for an order and its trades as the sequencer answers
    them (`OrderRecord`, `TradeRecord`, or the rows)."""
    return _dump(_fields(o, trades))


def accepted_json(placed: Sequence[tuple[Any, Sequence[Any]]]) -> bytes:
    """A mass order's reply when every order in it was accepted: `{"results": [{"status": 201, "order": ...}, ...]}`
    with each order as `order_json` writes it, in one serialisation instead of one per order and their joining."""
    return _dump_accepted({"results": [{"status": 201, "order": _fields(o, trades)} for o, trades in placed]})


def _fields(o: Any, trades: Sequence[Any]) -> dict[str, Any]:
    return {
        "order_id": o.order_id, "sequence": o.sequence, "trading_account_id": o.trading_account_id,
        "product_id": o.product_id, "side": o.side, "price": price_text(o.price_cents), "quantity": o.quantity,
        "remaining": o.remaining, "filled": o.filled, "time_in_force": o.time_in_force, "status": o.status,
        "accepted_at": instant_text(o.accepted_at),
        "trades": [{"trade_id": t.trade_id, "mode": t.mode, "product_id": t.product_id, "vintage": t.vintage,
                    "price": price_text(t.price_cents), "quantity": t.quantity,
                    "buyer_trading_account_id": t.buyer_account_id, "seller_trading_account_id": t.seller_account_id,
                    "buy_order_id": t.buy_order_id, "sell_order_id": t.sell_order_id,
                    "buyer_fee": yuan(t.buyer_fee_cents), "seller_fee": yuan(t.seller_fee_cents),
                    "status": t.status, "executed_at": instant_text(t.executed_at), "settled_at": t.settled_at,
                    "failure_reason": t.failure_reason} for t in trades]}
