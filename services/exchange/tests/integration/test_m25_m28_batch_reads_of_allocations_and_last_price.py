"""M-28(2), M-25, on SQLite and PostgreSQL: two reads of a batch that go straight to SQLite's driver (elsewhere through
the connection) answer as the ORM's queries of the same rows — the covered entities' latest allocations (with those
this transaction holds pending, and none read for no entity), and the depth feed's last price (with a trade this
session holds pending, as the ORM's autoflush wrote it first)."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from exchange.adapters.market_store import MarketStore
from exchange.adapters.orm import AllocationHeldRow, TradeRow
from exchange.adapters.trading_store import TradingStore, pending_held

from .test_m23_m24_order_entry_batch_records import exchange  # noqa: F401 - the fixture: members A-D, either database
from .test_trading_properties import NOW

HELD = {("E-1", 2024): 100, ("E-1", 2025): 300, ("E-2", 2025): 50, ("E-3", 2023): 7}


def latest_by_the_orm(session, entity_ids) -> dict[str, int]:
    rows = session.execute(select(AllocationHeldRow).where(AllocationHeldRow.entity_id.in_(entity_ids))).scalars()
    latest: dict[str, AllocationHeldRow] = {}
    for row in rows:
        if row.entity_id not in latest or row.vintage > latest[row.entity_id].vintage:
            latest[row.entity_id] = row
    return {entity: row.quantity for entity, row in latest.items()}


def test_m28_the_latest_allocations_are_the_orms(exchange):  # noqa: F811
    with exchange.factory() as session:
        session.add_all(AllocationHeldRow(entity_id=e, vintage=v, quantity=q) for (e, v), q in HELD.items())
        session.commit()
    with exchange.uow() as uow:
        store = TradingStore(uow.session)
        asked = ["E-1", "E-2", "E-9"]
        assert store.allocations(asked) == latest_by_the_orm(uow.session, asked) == {"E-1": 300, "E-2": 50}
        assert store.allocations([]) == {}
        pending_held(uow.session)[("E-2", 2026)] = 80  # issued in this transaction, not written yet
        pending_held(uow.session)[("E-4", 2025)] = 5
        assert store.allocations(["E-2", "E-3", "E-4"]) == {"E-2": 80, "E-3": 7, "E-4": 5}
        assert latest_by_the_orm(uow.session, ["E-2", "E-3", "E-4"]) == {"E-2": 80, "E-3": 7, "E-4": 5}


def test_m25_the_last_price_counts_a_trade_the_session_holds_pending(exchange):  # noqa: F811
    with exchange.uow() as uow:
        store = MarketStore(uow.session)
        assert store.last_price("P") is None
        uow.session.add(TradeRow(trade_id="AGR-1", mode="agreement", product_id="P", vintage=2025, price_cents=4123,
                                 quantity=1, buyer_account_id="X-A", seller_account_id="X-B", buy_order_id=None,
                                 sell_order_id=None, buyer_fee_cents=0, seller_fee_cents=0, buyer_reserved_cents=0,
                                 status="MATCHED", trading_day=NOW.date(), executed_at=NOW + timedelta(minutes=1),
                                 print_sequence=1))
        assert store.last_price("P") == 4123 == store.last_trade("P").price_cents
