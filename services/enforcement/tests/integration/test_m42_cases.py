"""M-42, the exchange's own duties: a case an officer opens by hand (order and fine 10,000–50,000 together), and the
mechanism the exchange's events will use — a finder naming the violation is all a new event needs; the same
breach never opens two cases."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from ets_shared.clock import REGULATORY_TZ
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.exchange import FeeOutsideSchedule, MarketDayReported, TradingDayOpened
from ets_shared.envelope import MessageContext
from ets_shared.persistence.migrations import upgrade
from ets_shared.testing.service import running_service
from enforcement.bootstrap import build_runtime
from enforcement.domain import ExchangeDuty, exchange_violation
from enforcement.service_layer.handlers import EVENT_HANDLERS
from enforcement.service_layer.violations import opens_case

@pytest.mark.asyncio
async def test_m42_officer_opens_an_exchange_case_fined_at_once(settings, office):
    async with running_service(build_runtime, settings) as svc:
        staff = office(svc)
        body = {"article": "M-42", "party_kind": "exchange", "party_id": "SEEE",
                "violation_key": "unlawful_fees-2026-07-03", "allegation": "fees above the filed schedule"}
        for role in ("exchange_operator", "authority"):
            assert (await svc.client.post("/cases", json=body, headers=svc.auth(role))).status_code == 403
        opened = await svc.client.post("/cases", json=body, headers=staff.li)
        assert opened.status_code == 201
        assert (opened.json()["case_id"], opened.json()["status"]) == ("CASE-M42-unlawful_fees-2026-07-03",
                                                                       "order_issued")
        assert (await svc.client.post("/cases", json=body, headers=staff.li)).status_code == 409
        for amount in ("9999.99", "50000.01"):
            refused = await svc.client.post("/cases/CASE-M42-unlawful_fees-2026-07-03/penalty", headers=staff.li,
                                            json={"amount": amount, "reasons": "fees"})
            assert refused.status_code == 422 and refused.json()["article"] == "M-42"
        fined = await staff.fine("CASE-M42-unlawful_fees-2026-07-03", "50000.00", "fees above the schedule")
        assert fined["fine_amount"] == "50000.00"
        operator = await svc.client.get("/cases", headers=svc.auth("exchange_operator"))
        assert [c["case_id"] for c in operator.json()] == ["CASE-M42-unlawful_fees-2026-07-03"]


def test_m42_an_exchange_event_opens_its_case_through_one_finder(settings):
    runtime = build_runtime(settings)
    upgrade(runtime.engine, runtime.definition.migrations, runtime.definition.metadata)
    at = datetime(2026, 7, 3, 16, 0, tzinfo=timezone.utc)

    def market_data_missing(event: dict, _uow) -> object:  # what issue 6's entry will look like
        return exchange_violation("SEEE", ExchangeDuty.TRADING_INFORMATION_NOT_PUBLISHED, event["day"],
                                  "no closing price published", at)

    handler = opens_case(market_data_missing)
    for _ in range(2):  # the same day's breach reported twice
        with runtime.uow(MessageContext.new("event:exchange.market-data.missing")) as uow:
            handler({"day": "2026-07-03"}, uow)
            uow.commit()
    with runtime.uow(MessageContext.new("test")) as uow:
        case = uow.cases.get("CASE-M42-trading_information_not_published-2026-07-03")
        assert (case.article.value, case.party_id, case.order is not None) == ("M-42", "SEEE", True)
        assert len(uow.cases.list(party_id="SEEE")) == 1
    runtime.engine.dispose()


# -- the exchange's events (issue 6): each duty's omission opens its one case -------------------------------------
DAY = date(2026, 5, 20)


def _sh(hour: int, minute: int = 0, second: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=REGULATORY_TZ)


def _opened(day: date = DAY, **changes) -> TradingDayOpened:
    return TradingDayOpened(**{"trading_date": day, "opened_at": _sh(9, 30, day=day),
                               "market_report_due_at": _sh(18, day=day), "rules_year": day.year, "rules_version": 1,
                               "price_limit": Decimal("0.10"), "max_holding_t": 1_000_000,
                               "large_holder_report_t": 500_000, "risk_reserve_share": Decimal("0.20"), **changes})


def _report(day: date, at: datetime) -> MarketDayReported:
    return MarketDayReported(trading_date=day, products=[], reported_at=at)


def _deliver(runtime, *events) -> None:
    for event in events:
        with runtime.uow(MessageContext.new(f"event:{type(event).contract.event_type}")) as uow:
            EVENT_HANDLERS[type(event)](event, uow)
            uow.commit()


def _m42_cases(runtime) -> dict[str, object]:
    with runtime.uow(MessageContext.new("test")) as uow:
        return {c.case_id: c for c in uow.cases.list(party_id="SEEE")}


@pytest.fixture
def enforcement(settings):
    runtime = build_runtime(settings)
    upgrade(runtime.engine, runtime.definition.migrations, runtime.definition.metadata)
    yield runtime
    runtime.engine.dispose()


def test_m42_1_market_report_missing_at_the_tick_after_its_deadline_opens_one_case(enforcement):
    case_id = "CASE-M42-trading_information_not_published-2026-05-20"
    _deliver(enforcement, _opened(), CalendarTick(now=_sh(18)))  # at the deadline: still in time
    assert _m42_cases(enforcement) == {}
    _deliver(enforcement, CalendarTick(now=_sh(18, 0, 1)), CalendarTick(now=_sh(19)))
    cases = _m42_cases(enforcement)
    assert list(cases) == [case_id] and cases[case_id].article.value == "M-42"
    _deliver(enforcement, _report(DAY, _sh(20)))  # published late: the case is corrected, not a second one
    case = _m42_cases(enforcement)[case_id]
    assert case.complied_at is not None and len(_m42_cases(enforcement)) == 1


def test_m42_1_report_in_time_no_case_report_dated_late_opens_it(enforcement):
    later = date(2026, 5, 21)
    _deliver(enforcement, _opened(), _report(DAY, _sh(15, 5)), _opened(later),
             _report(later, _sh(18, 0, 1, day=later)), CalendarTick(now=_sh(9, day=date(2026, 5, 22))))
    assert list(_m42_cases(enforcement)) == ["CASE-M42-trading_information_not_published-2026-05-21"]


def test_m42_2_fees_outside_the_schedule_open_one_case_per_trade(enforcement):
    event = FeeOutsideSchedule(trade_id="TRD-1", mode="open_bidding", turnover=Decimal("40000.00"),
                               buyer_fee=Decimal("60.00"), seller_fee=Decimal("90.00"),
                               schedule_buyer_fee=Decimal("60.00"), schedule_seller_fee=Decimal("60.00"),
                               rules_version=2, found_at=_sh(10))
    _deliver(enforcement, event, event)
    cases = _m42_cases(enforcement)
    assert list(cases) == ["CASE-M42-unlawful_fees-TRD-1"] and "90.00" in cases["CASE-M42-unlawful_fees-TRD-1"
                                                                                ].allegation


def test_m42_3_4_trading_without_a_risk_reserve_or_on_unfiled_rules_one_case_a_year(enforcement):
    _deliver(enforcement, _opened())  # filed rules, a reserve fund: nothing
    assert _m42_cases(enforcement) == {}
    for day in (date(2026, 5, 21), date(2026, 5, 22)):
        _deliver(enforcement, _opened(day, rules_version=None, risk_reserve_share=Decimal("0")))
    assert sorted(_m42_cases(enforcement)) == ["CASE-M42-filings_not_made-rules-2026",
                                               "CASE-M42-no_risk_management-2026"]
