"""M-23, M-28, on SQLite and PostgreSQL: the rules a batch checks its orders against (`risk.market_rules`) are the
year's stored policy read afresh at every batch as its text (`policy_repository.rules_in_force`, made into rules once
per text) — the same rules `rules_for` makes of it through the session, for the defaults, a stored document, one
another process stores between two batches (the next batch is checked against it) and one this transaction sets."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import delete, insert

from ets_shared.envelope import MessageContext
from ets_shared.errors import DomainError
from ets_shared.persistence.policy import store_policy
from ets_shared.persistence.tables import PolicySetting
from exchange.adapters.policy_repository import ExchangePolicyDocument, FeeRates, rules_for, rules_in_force
from exchange.service_layer import commands, order_entry, risk

from .test_m23_m24_order_entry_batch_records import exchange  # noqa: F401 - the fixture: members A-D, either database
from .test_trading_properties import NOW, Exchange

YEAR = NOW.year


def store_elsewhere(market: Exchange, document: ExchangePolicyDocument | None) -> None:
    """The year's document as another process stores it (its own committed transaction; None: removed)."""
    with market.factory() as session:
        session.execute(delete(PolicySetting).where(PolicySetting.compliance_year == YEAR))
        if document is not None:
            session.execute(insert(PolicySetting).values(compliance_year=YEAR, document=document.model_dump_json(),
                                                         updated_by="authority", updated_at=NOW, reason="test"))
        session.commit()


def both(market: Exchange):
    """(rules_in_force, rules_for) as two fresh transactions see them."""
    with market.uow() as uow:
        fresh = rules_in_force(uow.session, YEAR)
    with market.uow() as uow:
        return fresh, rules_for(uow.session, YEAR)


def test_m28_the_rules_read_as_text_are_the_rules_read_through_the_session(exchange):  # noqa: F811
    default, dearer = ExchangePolicyDocument(), ExchangePolicyDocument(
        lot=10, price_limit=Decimal("0.05"), open_bidding_fees=FeeRates(buyer=Decimal("0.0020"), seller=Decimal("0")))
    fresh, through_session = both(exchange)
    assert fresh == through_session == default.rules()
    for document in (dearer, default, dearer, None):  # each stored (or removed) between two transactions elsewhere
        store_elsewhere(exchange, document)
        fresh, through_session = both(exchange)
        assert fresh == through_session == (document or default).rules()


def test_m28_a_document_this_transaction_sets_is_the_one_it_checks_against(exchange):  # noqa: F811
    store_elsewhere(exchange, ExchangePolicyDocument(lot=5))
    with exchange.uow() as uow:
        assert rules_in_force(uow.session, YEAR).lot == 5
        store_policy(uow, YEAR, ExchangePolicyDocument(lot=20), "pending in this transaction")
        assert rules_in_force(uow.session, YEAR) == rules_for(uow.session, YEAR) == ExchangePolicyDocument(
            lot=20).rules()
        uow.rollback()
    with exchange.uow() as uow:
        assert rules_in_force(uow.session, YEAR).lot == 5


@pytest.mark.parametrize("lot", [10, 1])
def test_m23_the_next_batch_is_checked_against_a_lot_stored_elsewhere(exchange, lot):  # noqa: F811
    def batch_of_five() -> list:
        return order_entry.place_orders(exchange.uow(), [("A", commands.PlaceOrder(
            trading_account_id="X-A", product_id="P", side="BUY", price="39.00", quantity=5, time_in_force="GTC"),
            MessageContext.new("test"))])

    assert not isinstance(batch_of_five()[0], DomainError)  # the defaults: a lot of 1 t
    store_elsewhere(exchange, ExchangePolicyDocument(lot=lot))
    (outcome,) = batch_of_five()
    assert isinstance(outcome, DomainError) == (lot == 10)
    with exchange.uow() as uow:
        assert risk.market_rules(uow, "P").lot == lot
