"""M-26 within one consumed batch: the registry's delivery answers are applied together, the trades read and written
as table rows (`settlement._apply_answers`) — the first answer for a trade wins, a repeated or contradicting one in
the same transaction moves nothing, and a trade the transaction already held as an object is read afresh."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from ets_shared.clock import REGULATORY_TZ
from ets_shared.contracts.allocation import RegistryTransferRefused, RegistryTransferRegistered, TransferLine
from ets_shared.envelope import MessageContext
from ets_shared.persistence.engine import make_engine, make_session_factory
from ets_shared.persistence.migrations import upgrade
from ets_shared.persistence.tables import OutboxMessage
from exchange.adapters.orm import ExchangeTable, LedgerEntryRow, TradeRow
from exchange.bootstrap import definition
from exchange.service_layer import commands, order_entry
from exchange.service_layer.settlement import apply_delivery_answers, on_transfer_refused, on_transfer_registered
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork

NOW = datetime(2026, 5, 20, 10, 0, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)  # a Wednesday, in session


@pytest.fixture
def uow(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'exchange.sqlite'}")
    upgrade(engine, definition().migrations, ExchangeTable.metadata)
    factory = make_session_factory(engine)
    yield lambda: ExchangeUnitOfWork(factory, producer="exchange", context=MessageContext.new("test"))
    engine.dispose()


def delivered(trade_id: str) -> RegistryTransferRegistered:
    return RegistryTransferRegistered(transaction_id=f"RT-{trade_id}", purpose="trade_delivery", reference=trade_id,
                                      from_account_id="H-S", from_holder_id="S", to_account_id="H-B",
                                      to_holder_id="B", lines=[TransferLine(unit_type="SHEA", vintage=2025,
                                                                            quantity=100)], registered_at=NOW)


def test_m26_answers_in_one_transaction_settle_a_trade_once_and_a_held_trade_is_read_afresh(uow, open_market):
    open_market(uow, NOW, ("B", "S"))
    for trader, side in (("S", "SELL"), ("B", "BUY")):
        _, trades = order_entry.place_order(trader, commands.PlaceOrder(
            trading_account_id=f"X-{trader}", product_id="P", side=side, price="40.00", quantity=100), uow())
    (trade,) = trades
    with uow() as u:
        held = u.session.get(TradeRow, trade.trade_id)
        assert held is not None and held.status == "MATCHED"
        on_transfer_registered(delivered(trade.trade_id), u)
        on_transfer_registered(delivered(trade.trade_id), u)  # the same answer again
        on_transfer_refused(RegistryTransferRefused(purpose="trade_delivery", reference=trade.trade_id,
                                                    reason="late", refused_at=NOW), u)  # contradicting: too late
        apply_delivery_answers(u)
        assert (held.status, held.settled_at, held.failure_reason) == ("SETTLED", NOW, None)
        u.commit()
    with uow() as u:
        lines = u.session.execute(select(LedgerEntryRow.kind, LedgerEntryRow.cash_cents).where(
            LedgerEntryRow.reference == trade.trade_id)).all()
        assert sorted(lines) == [("fees", 960), ("risk_reserve", 240), ("trade_buy", -400600),
                                 ("trade_sell", 399400)]
        outbox = [json.loads(m.payload) for m in u.session.execute(select(OutboxMessage)).scalars()]
        settled = [m["data"] for m in outbox if m["event_type"] == "exchange.trade.settled"]
        assert [(s["trade_id"], s["turnover"]) for s in settled] == [(trade.trade_id, "4000.00")]
        assert not [m for m in outbox if m["event_type"] == "exchange.trade.settlement-failed"]
