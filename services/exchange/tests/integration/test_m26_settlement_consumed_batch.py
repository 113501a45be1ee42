"""M-26 as the consumer applies the registry's delivery answers (`apply_batch` through the `EventApplier`), on SQLite
and PostgreSQL: a batch settles each trade once, writes exactly these rows and these events, applies nothing again
when it is redelivered, and dead-letters an event that does not decode while the others are applied. And the reads
and writes settlement runs straight on SQLite's driver (`_answered_trades`, `_mark_settled`) give and store what
SQLAlchemy's own execution of the same statements gives and stores."""
from __future__ import annotations

import asyncio
import json

from sqlalchemy import select, text

from ets_shared.envelope import MessageContext, wrap
from ets_shared.messaging.consumers import Delivery, EventApplier, routes_by_producer
from ets_shared.messaging.dead_letters import DeadLetterSink
from ets_shared.persistence.engine import sqlite_write_lock
from ets_shared.persistence.tables import DeadLetter, InboxMessage, OutboxMessage
from exchange.adapters.order_entry_store import TradeRecord
from exchange.adapters.orm import CashBalanceRow, LedgerEntryRow, TradeRow
from exchange.bootstrap import definition
from exchange.service_layer.settlement import _ANSWERED, _SETTLED, _answered_trades, _mark_settled
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork

from .test_m23_m24_order_entry_batch_records import exchange  # noqa: F401 - the fixture: members A-D, either database
from .test_m26_m28_settlement_batch_checks import delivered, trade
from .test_trading_properties import NOW, Exchange

SUBJECT = "ets.allocation.registry-transfer.registered.v1"


def consumer(market: Exchange) -> tuple[EventApplier, dict]:
    publishes = frozenset(definition().publishes)

    def uow(context: MessageContext) -> ExchangeUnitOfWork:
        return ExchangeUnitOfWork(market.factory, producer="exchange", context=context, publishes=publishes)
    applier = EventApplier("exchange", uow, DeadLetterSink("exchange", market.factory), max_deliveries=3)
    return applier, routes_by_producer(definition().handlers)["allocation"]


def test_m26_a_consumed_batch_settles_once_pins_its_rows_and_events_and_dead_letters_what_does_not_decode(
        exchange):  # noqa: F811 - the fixture
    first, second = trade(exchange, "A", "B", 10), trade(exchange, "C", "D", 5)
    applier, routes = consumer(exchange)
    payloads = [wrap(delivered(row), producer="allocation", context=MessageContext.new("registry"))
                .model_dump_json().encode() for row in (first, second)]
    batch = [payloads[0], b'{"not": "an envelope"}', payloads[1], payloads[0]]  # the first again: applied once

    def deliver() -> None:
        asyncio.run(applier.apply([Delivery.decode(SUBJECT, payload, routes, sequence=n)
                                   for n, payload in enumerate(batch, 1)]))
    lock = sqlite_write_lock(exchange.factory.kw["bind"])
    consumed_before = lock.held.get("consumer", 0.0) if lock is not None else 0.0
    deliver()
    if lock is not None:  # SQLite: the batch's transaction in the lock's account as the consumer's (`/metrics`)
        assert lock.held.get("consumer", 0.0) > consumed_before

    def state() -> dict:
        with exchange.factory() as session:
            return {
                "trades": session.execute(select(TradeRow.trade_id, TradeRow.status, TradeRow.settled_at)
                                          .order_by(TradeRow.trade_id)).all(),
                "stored": session.execute(text("SELECT status, settled_at FROM " + TradeRow.__tablename__ +
                                               " ORDER BY trade_id")).all(),
                "lines": session.execute(select(LedgerEntryRow.reference, LedgerEntryRow.account_id,
                                                LedgerEntryRow.kind, LedgerEntryRow.cash_cents,
                                                LedgerEntryRow.vintage, LedgerEntryRow.quantity, LedgerEntryRow.at)
                                         .where(LedgerEntryRow.kind.in_(("trade_buy", "trade_sell", "fees",
                                                                         "risk_reserve")))
                                         .order_by(LedgerEntryRow.id)).all(),
                "cash": session.execute(select(CashBalanceRow.account_id, CashBalanceRow.available_cents,
                                               CashBalanceRow.reserved_cents).order_by(CashBalanceRow.account_id)
                                        ).all(),
                "events": [json.loads(m.payload)["data"] for m in session.execute(
                    select(OutboxMessage).where(OutboxMessage.subject == "ets.exchange.trade.settled.v1")
                    .order_by(OutboxMessage.seq)).scalars()],
                "inbox": sorted(session.execute(select(InboxMessage.subject)).scalars()),
                "dead": session.execute(select(DeadLetter.subject, DeadLetter.payload)).all(),
            }
    applied = state()
    assert [(status, at) for _, status, at in applied["trades"]] == [("SETTLED", NOW)] * 2
    if exchange.factory.kw["bind"].dialect.name == "sqlite":  # the very text SQLAlchemy writes
        assert applied["stored"] == [("SETTLED", "2026-05-20 02:00:00.000000")] * 2
    assert [line[:6] for line in applied["lines"]] == [
        (first.trade_id, "X-B", "trade_buy", -40060, 2025, 10),
        (first.trade_id, "X-A", "trade_sell", 39940, 2025, -10),
        (first.trade_id, "EXCHANGE-FEES", "fees", 96, None, 0),
        (first.trade_id, "EXCHANGE-RISK-RESERVE", "risk_reserve", 24, None, 0),
        (second.trade_id, "X-D", "trade_buy", -20030, 2025, 5),
        (second.trade_id, "X-C", "trade_sell", 19970, 2025, -5),
        (second.trade_id, "EXCHANGE-FEES", "fees", 48, None, 0),
        (second.trade_id, "EXCHANGE-RISK-RESERVE", "risk_reserve", 12, None, 0)]
    assert {line[6] for line in applied["lines"]} == {NOW}
    assert applied["cash"] == [("EXCHANGE-FEES", 144, 0), ("EXCHANGE-RISK-RESERVE", 36, 0), ("X-A", 200039940, 0),
                               ("X-B", 199959940, 0), ("X-C", 200019970, 0), ("X-D", 199979970, 0)]
    assert applied["events"] == [
        {"trade_id": first.trade_id, "buyer_trading_account_id": "X-B", "seller_trading_account_id": "X-A",
         "vintage": 2025, "quantity": 10, "turnover": "400.00", "buyer_fee": "0.60", "seller_fee": "0.60",
         "risk_reserve": "0.24", "settled_at": "2026-05-20T02:00:00Z"},
        {"trade_id": second.trade_id, "buyer_trading_account_id": "X-D", "seller_trading_account_id": "X-C",
         "vintage": 2025, "quantity": 5, "turnover": "200.00", "buyer_fee": "0.30", "seller_fee": "0.30",
         "risk_reserve": "0.12", "settled_at": "2026-05-20T02:00:00Z"}]
    assert applied["inbox"] == [SUBJECT] * 2
    assert applied["dead"] == [(SUBJECT, '{"not": "an envelope"}')]

    deliver()  # redelivered (the acknowledgement was lost): nothing applies twice; the bad event is dead again
    again = state()
    assert {k: v for k, v in again.items() if k != "dead"} == {k: v for k, v in applied.items() if k != "dead"}
    assert again["dead"] == applied["dead"] * 2


def test_m26_the_trades_read_and_the_settled_state_written_on_the_driver_are_sqlalchemys(
        exchange):  # noqa: F811 - the fixture
    rows = [trade(exchange, "A", "B", 10), trade(exchange, "C", "D", 5), trade(exchange, "B", "A", 7)]
    ids = sorted(row.trade_id for row in rows)
    with exchange.uow() as uow:
        read = _answered_trades(uow.session, {*ids, "TRD-none"})
        expected = [TradeRecord(*row) for row in _ANSWERED.execute(uow.session, ids)]
        assert sorted(read) == ids
        for record in expected:
            mine = read[record.trade_id]
            assert [(getattr(mine, n), type(getattr(mine, n))) for n in TradeRecord.__slots__] == [
                (getattr(record, n), type(getattr(record, n))) for n in TradeRecord.__slots__]
        _mark_settled(uow.session, ids[:2], NOW)
        _SETTLED.execute(uow.session, ids[2:], at_=NOW)
        uow.commit()
    with exchange.factory() as session:
        stored = session.execute(text("SELECT status, settled_at, failure_reason FROM " + TradeRow.__tablename__ +
                                      " ORDER BY trade_id")).all()
    assert len(set(stored)) == 1 and stored[0][0] == "SETTLED"
