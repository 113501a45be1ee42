"""M-42, the exchange's own duties, from the exchange's events (seed 第四十二条 (一)-(四)):

(一) trading information published: every trading day the exchange opens (`trading-day.opened`) is expected to be
     reported (`market-day.reported`) by the deadline it names; the first tick after that deadline with no report,
     or a report dated after it, opens `CASE-M42-trading_information_not_published-<day>`; the report, when it
     comes, corrects the case;
(二) fees only from the published schedule: `fees.outside-schedule` opens `CASE-M42-unlawful_fees-<trade>`;
(三) a risk-management system in place: a trading day opened without a risk reserve fund (its share of fees 0,
     M-28(4)) opens `CASE-M42-no_risk_management-<year>` — one per year, however many days;
(四) filings made: a trading day opened on rules of the year never filed with the authority (M-20) opens
     `CASE-M42-filings_not_made-rules-<year>`.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from ets_shared.clock import as_utc
from ets_shared.contracts.exchange import FeeOutsideSchedule, MarketDayReported, TradingDayOpened
from enforcement.adapters.orm import ExpectedMarketReportRow
from enforcement.domain import Article, ExchangeDuty, Violation, case_id_for, exchange_violation
from enforcement.adapters.policy_repository import policy_for
from enforcement.service_layer.cases import instant, policy_year, record
from enforcement.service_layer.unit_of_work import EnforcementUnitOfWork

EXCHANGE = "SEEE"  # 上海环境能源交易所, the exchange the Measures name (M-19)
NOT_PUBLISHED = ExchangeDuty.TRADING_INFORMATION_NOT_PUBLISHED


def trading_day_opened(event: TradingDayOpened, uow: EnforcementUnitOfWork) -> list[Violation]:
    """Expect the day's report by its deadline; the risk rules and the filing the day traded on are checked."""
    if uow.session.get(ExpectedMarketReportRow, event.trading_date) is None:
        uow.session.add(ExpectedMarketReportRow(trading_date=event.trading_date, exchange_id=EXCHANGE,
                                                due_at=as_utc(event.market_report_due_at)))
    found, year = as_utc(event.opened_at), event.rules_year
    violations = []
    if event.rules_version is None:
        violations.append(exchange_violation(
            EXCHANGE, ExchangeDuty.FILINGS_NOT_MADE, f"rules-{year}",
            f"trading opened on {event.trading_date} under {year} trading rules never filed with the authority (M-20)",
            found))
    if event.risk_reserve_share <= 0:
        violations.append(exchange_violation(
            EXCHANGE, ExchangeDuty.NO_RISK_MANAGEMENT, str(year),
            f"trading opened on {event.trading_date} with no share of fees to the risk reserve fund (M-28(4))", found))
    return violations


def fees_outside_schedule(event: FeeOutsideSchedule, _uow: EnforcementUnitOfWork) -> Violation:
    return exchange_violation(
        EXCHANGE, ExchangeDuty.UNLAWFUL_FEES, event.trade_id,
        f"trade {event.trade_id} ({event.mode}, turnover {event.turnover}) charged buyer {event.buyer_fee} and "
        f"seller {event.seller_fee}; the schedule in force (version {event.rules_version or 'default'}) says "
        f"{event.schedule_buyer_fee} and {event.schedule_seller_fee}", as_utc(event.found_at))


def reports_missing(uow: EnforcementUnitOfWork, now: datetime) -> list[Violation]:
    """At a tick: the trading days whose report deadline passed with no report (each found once)."""
    rows = uow.session.execute(select(ExpectedMarketReportRow).where(
        ExpectedMarketReportRow.due_at < now, ExpectedMarketReportRow.reported_at.is_(None),
        ExpectedMarketReportRow.missing_found_at.is_(None)).order_by(ExpectedMarketReportRow.trading_date)).scalars()
    found = []
    for row in rows:
        row.missing_found_at = now
        found.append(_not_published(row, now))
    return found


def market_day_reported(event: MarketDayReported, uow: EnforcementUnitOfWork) -> Violation | None:
    """The day's report came: expected no longer. Late (after its deadline) and not yet found missing: the
    violation, found now (its case is then corrected by the same report, `correct_by_late_report`)."""
    at = as_utc(event.reported_at)
    row = uow.session.get(ExpectedMarketReportRow, event.trading_date)
    if row is None:  # a report of a day never announced: nothing was expected
        uow.session.add(ExpectedMarketReportRow(trading_date=event.trading_date, exchange_id=EXCHANGE, due_at=at,
                                                reported_at=at))
        return None
    if row.reported_at is not None:
        return None
    row.reported_at = at
    if at <= row.due_at or row.missing_found_at is not None:
        return None
    row.missing_found_at = at
    return _not_published(row, at)


def _not_published(row: ExpectedMarketReportRow, found_at: datetime) -> Violation:
    return exchange_violation(
        row.exchange_id, NOT_PUBLISHED, row.trading_date.isoformat(),
        f"no market report (M-25) for trading day {row.trading_date} by {row.due_at.isoformat()}", found_at)


def correct_by_late_report(event: MarketDayReported, uow: EnforcementUnitOfWork) -> None:
    at = as_utc(event.reported_at)
    case = uow.cases.find(case_id_for(Article.M42, f"{NOT_PUBLISHED.value}-{event.trading_date.isoformat()}"))
    if case is None or case.is_closed or case.complied_at is not None:
        return
    row = uow.session.get(ExpectedMarketReportRow, event.trading_date)
    when = "late" if row is None or at > row.due_at else "on time, but it reached the office after the deadline"
    policy = policy_for(uow.session, policy_year(case))
    record(uow, case, policy, case.record_correction(instant(uow, case, at=at), uow.context.actor,
                                                     f"market report published {when}, on {at.isoformat()}", policy))
