"""M-22, M-26, M-28(2), on SQLite and PostgreSQL: what a batch reads at its start — its accounts with their members,
the balances, the holding-limit inputs — is the same on SQLite's driver (`DriverStatement`, the accounts as one JSON
parameter) as through SQLAlchemy's execution of the same statements, and each member is the member repository's; an
unknown account is left out (the batch refuses its orders). On SQLite's driver the batch reads them all in one
statement (`batch_facts`), which gives what the four reads give."""
from __future__ import annotations

from ets_shared.envelope import MessageContext
from exchange.adapters.order_entry_store import BatchFacts, OrderEntryStore
from exchange.adapters.orm import AgreementRow, AllowancePositionRow
from exchange.service_layer import commands, order_entry

from .test_m23_m24_order_entry_batch_records import exchange  # noqa: F401 - the fixture: members A-D, either database
from .test_trading_properties import NOW

IDS = ["X-A", "X-B", "X-C", "X-D", "X-NOBODY"]


def reads(store: OrderEntryStore) -> tuple:
    accounts, members = store.accounts(IDS)
    return (accounts, members, store.cash(IDS), store.allowances(IDS),
            store.holdings_and_pending_buys(IDS, {"X-A": 7}))


def test_m22_m28_a_batchs_reads_on_the_driver_are_sqlalchemys(exchange):  # noqa: F811
    order_entry.place_orders(exchange.uow(), [
        (t, commands.PlaceOrder(trading_account_id=f"X-{t}", product_id="P", side=side, price=price, quantity=q,
                                time_in_force="GTC"), MessageContext.new("test"))
        for t, side, price, q in (("A", "BUY", "40.00", 30), ("B", "SELL", "40.00", 20), ("C", "SELL", "41.00", 5))])
    with exchange.uow() as uow:
        store = OrderEntryStore(uow.session)
        assert store._on_driver == (uow.session.get_bind().dialect.name == "sqlite")
        direct = reads(store)
        store._on_driver = False  # the same statements through SQLAlchemy's execution
        assert reads(store) == direct
        accounts, members, cash, units, held = direct
        assert sorted(accounts) == IDS[:4] and sorted(members) == ["A", "B", "C", "D"]
        assert all(members[m] == uow.members.get(m) for m in members)
        assert cash["X-A"][1] > 0 and units[("X-B", 2025)][1] == 20 and held["X-A"] == 20_000 + 20 + 7
        assert held["X-NOBODY"] == 0


def test_m22_m28_a_batchs_facts_in_one_read_are_its_four_reads(exchange):  # noqa: F811
    order_entry.place_orders(exchange.uow(), [
        (t, commands.PlaceOrder(trading_account_id=f"X-{t}", product_id="P", side=side, price=price, quantity=q,
                                time_in_force="GTC"), MessageContext.new("test"))
        for t, side, price, q in (("A", "BUY", "40.00", 30), ("B", "SELL", "40.00", 20), ("C", "BUY", "39.00", 5))])
    with exchange.factory() as session:  # a second vintage of B's, and a buy D proposed in an agreement transfer
        session.add(AllowancePositionRow(account_id="X-B", vintage=2026, available=11, reserved=4))
        session.commit()
    with exchange.uow() as uow:
        uow.session.add(AgreementRow(**proposed_buy()))
        uow.session.flush()
        store = OrderEntryStore(uow.session)
        for bidders in ([], ["X-A"], ["X-A", "X-B", "X-D", "X-NOBODY"], IDS):
            one = store.batch_facts(IDS, bidders, {"X-A": 7, "X-B": 3})
            store._on_driver = False  # the four reads, through SQLAlchemy's execution
            four = store.batch_facts(IDS, bidders, {"X-A": 7, "X-B": 3})
            store._on_driver = uow.session.get_bind().dialect.name == "sqlite"
            accounts, members = store.accounts(IDS)
            assert one == four == BatchFacts(
                accounts, members, store.cash(accounts), store.allowances(accounts),
                store.holdings_and_pending_buys(accounts.keys() & set(bidders), {"X-A": 7, "X-B": 3}))
            assert sorted(one.held) == sorted(accounts.keys() & set(bidders))
        assert one.held["X-B"] == 20_000 + 15 + 3 and one.held["X-D"] == 20_000 + 40 and one.held["X-A"] > 20_000 + 7


def proposed_buy() -> dict:
    """An agreement transfer D proposed to buy (M-28(2) counts it as still to be received)."""
    return {"agreement_id": "AGR-D", "proposer_account_id": "X-D", "counterparty_account_id": "X-B",
            "proposer_side": "BUY", "product_id": "P", "vintage": 2025, "price_cents": 4000, "quantity": 40,
            "status": "PROPOSED", "proposed_at": NOW}
