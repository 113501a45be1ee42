"""M-27, M-42(2) on SQLite and PostgreSQL: the fee check parses a filed version's rules once per process for each
document text (`filings._filed_schedule`) and makes the defaults once — but reads the filed versions at every
consumed batch, so a version another process files is applied to the very next batch, and a version replaced by
another text under the same number (a database set up anew) is not misread. Each finding is the one the version's
document, parsed afresh, gives."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import delete, insert

from ets_shared.persistence.engine import make_engine, make_session_factory
from exchange.adapters.orm import RulesVersionRow
from exchange.adapters.policy_repository import ExchangePolicyDocument, FeeRates

from .test_m23_m24_order_entry_batch_records import exchange  # noqa: F401 - the fixture: members A-D, either database
from .test_m26_m28_settlement_batch_checks import answer_batch, delivered, published, trade
from .test_trading_properties import NOW, Exchange


def file_elsewhere(market: Exchange, document: ExchangePolicyDocument, *, replace: bool = False) -> None:
    """Version 1 of 2026 filed the day before by another process (its own engine on the same database)."""
    engine = make_engine(market.factory.kw["bind"].url.render_as_string(hide_password=False))
    try:
        with make_session_factory(engine)() as session:
            if replace:
                session.execute(delete(RulesVersionRow).where(RulesVersionRow.year == 2026))
            session.execute(insert(RulesVersionRow).values(
                year=2026, version=1, document=document.model_dump_json(), changed="open_bidding_fees",
                reason="test", filed_by="authority", filed_at=NOW - timedelta(days=1)))
            session.commit()
    finally:
        engine.dispose()


def test_m27_a_version_filed_or_replaced_elsewhere_prices_the_next_batch(exchange: Exchange):  # noqa: F811
    first, second, third = (trade(exchange, "A", "B", 100), trade(exchange, "A", "C", 200),
                            trade(exchange, "A", "D", 300))  # charged by the defaults: 0.15 % a side
    answer_batch(exchange, [delivered(first)])
    assert published(exchange, "fees.outside-schedule") == []

    dearer = ExchangePolicyDocument(open_bidding_fees=FeeRates(buyer=Decimal("0.0020"), seller=Decimal("0.0015")))
    file_elsewhere(exchange, dearer)
    answer_batch(exchange, [delivered(second)])
    (finding,) = published(exchange, "fees.outside-schedule")
    turnover = second.price_cents * second.quantity
    schedule = ExchangePolicyDocument.model_validate_json(dearer.model_dump_json()).rules()  # parsed afresh
    assert (finding["trade_id"], finding["rules_version"], finding["schedule_buyer_fee"],
            finding["schedule_seller_fee"]) == (
        second.trade_id, 1, str(Decimal(schedule.fee_cents("open_bidding", "buyer", turnover)).scaleb(-2)),
        str(Decimal(schedule.fee_cents("open_bidding", "seller", turnover)).scaleb(-2)))

    file_elsewhere(exchange, ExchangePolicyDocument(), replace=True)  # version 1 again, the defaults' fees
    answer_batch(exchange, [delivered(third)])
    assert [f["trade_id"] for f in published(exchange, "fees.outside-schedule")] == [second.trade_id]
