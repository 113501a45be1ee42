"""The exchange's duties towards the authority, each observable as an event (M-20, M-42):
- every change of a year's trading rules, fee schedule and limits (`PUT /policy/{year}`, the authority's approval)
  is a numbered version with who and why, and the filing event `rules.filed` (M-20, M-42(4));
- the market opens a trading day at its first tick at or after the first session's start: `trading-day.opened`
  names the day, when its market report is due (M-25, M-42(1)), the filed rules version and the risk rules in force
  (M-28, M-42(3)); the report itself is `market-day.reported`;
- every settled trade's fees are checked against the fee schedule in force when it was executed; a difference is
  `fees.outside-schedule` (M-27, M-42(2))."""
from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache

from pydantic import BaseModel
from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from ets_shared.clock import REGULATORY_TZ, as_utc
from ets_shared.contracts.base import one_of
from ets_shared.contracts.exchange import TRADE_MODES, FeeOutsideSchedule, TradingDayOpened, TradingRulesFiled
from ets_shared.persistence.tables import PolicySetting
from ets_shared.persistence.among import AmongKeys
from exchange.adapters.orm import ProductRow, RulesVersionRow, TradeRow, TradingDayRow
from exchange.adapters.order_entry_store import TradeRecord
from exchange.domain.policy import TradingRules, to_yuan
from exchange.entrypoints.schemas_risk import RulesVersionPublic
from exchange.adapters.policy_repository import ExchangePolicyDocument, rules_for
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork


def versions(session: Session, year: int) -> list[RulesVersionRow]:
    return list(session.execute(select(RulesVersionRow).where(RulesVersionRow.year == year)
                                .order_by(RulesVersionRow.version)).scalars())


def published_versions(session: Session, year: int) -> list[RulesVersionPublic]:
    """The year's filed versions of the trading rules, oldest first (what the overseers read)."""
    return [RulesVersionPublic.of(r) for r in versions(session, year)]


def version_at(session: Session, year: int, at: datetime) -> RulesVersionRow | None:
    """The version of the year's rules in force at `at` (None: the defaults, never filed)."""
    return session.execute(select(RulesVersionRow).where(RulesVersionRow.year == year, RulesVersionRow.filed_at <= at)
                           .order_by(RulesVersionRow.version.desc()).limit(1)).scalar_one_or_none()


def file_rules(uow: ExchangeUnitOfWork, year: int, document: BaseModel) -> None:
    """`PUT /policy/{year}` hook (same transaction): the new version, what changed, who and why, and the filing."""
    latest = uow.session.execute(select(func.max(RulesVersionRow.version))
                                 .where(RulesVersionRow.year == year)).scalar() or 0
    before = (ExchangePolicyDocument.model_validate_json(versions(uow.session, year)[-1].document) if latest
              else ExchangePolicyDocument.default(year))
    changed = sorted(k for k in type(document).model_fields if getattr(before, k) != getattr(document, k))
    after = json.loads(document.model_dump_json())
    setting = uow.session.get(PolicySetting, year)
    if setting is None:
        raise RuntimeError(f"the {year} rules are filed after their policy is stored, in the same transaction")
    now = uow.now()
    row = RulesVersionRow(year=year, version=latest + 1, document=json.dumps(after), changed=",".join(changed),
                          reason=setting.reason, filed_by=uow.context.actor, filed_at=now)
    uow.session.add(row)
    uow.publish(TradingRulesFiled(year=year, version=row.version, changed=changed, document=after,
                                  reason=row.reason, filed_by=row.filed_by, filed_at=now),
                subject_ref=f"rules:{year}:{row.version}")


def open_trading_day(uow: ExchangeUnitOfWork, now: datetime) -> None:
    """At a tick: the first one at or after the first session's start of a trading day opens it (once)."""
    local = as_utc(now).astimezone(REGULATORY_TZ)
    day = local.date()
    rules = rules_for(uow.session, day.year)
    if not rules.trading_day(day) or local.time() < min(start for start, _ in rules.sessions):
        return
    if uow.session.get(TradingDayRow, day) is not None or not uow.session.execute(select(ProductRow.product_id)
                                                                                 .limit(1)).first():
        return  # opened already, or nothing listed to trade (and to report)
    due = as_utc(datetime.combine(day, rules.market_report_due, tzinfo=REGULATORY_TZ))
    filed = version_at(uow.session, day.year, as_utc(now))
    uow.session.add(TradingDayRow(trading_date=day, opened_at=as_utc(now), market_report_due_at=due))
    uow.publish(TradingDayOpened(trading_date=day, opened_at=as_utc(now), market_report_due_at=due,
                                 rules_year=day.year, rules_version=filed.version if filed else None,
                                 price_limit=rules.price_limit, max_holding_t=rules.max_holding_t,
                                 large_holder_report_t=rules.large_holder_report_t,
                                 risk_reserve_share=rules.risk_reserve_share), subject_ref=f"trading-day:{day}")


def schedules_at(versions: Sequence[RulesVersionRow | Row], year: int, executed_at: datetime
                 ) -> list[tuple[TradingRules, int | None]]:
    """The fee schedules that may have priced a trade executed at `executed_at`: the version of its year in force
    before that instant and any filed at that very instant (the regulatory clock stands still between ticks, so a
    change and a trade may share it). `versions`: the year's filed versions in order."""
    rows = [r for r in versions if r.filed_at <= executed_at]
    chosen = [r for r in rows if r.filed_at < executed_at][-1:] + [r for r in rows if r.filed_at == executed_at]
    if not chosen:  # nothing filed yet: the defaults
        return [(_default_schedule(year), None)]
    return [(_filed_schedule(r.document), r.version) for r in chosen]


@lru_cache(maxsize=64)
def _filed_schedule(document: str) -> TradingRules:
    """A filed version's rules, parsed once per process for each document text: every consumed batch read and
    parsed them again. Keyed by the text the batch read, not by the version's number, so what is used is always
    what is filed (a version never changes once filed; a database whose versions were replaced is not misread)."""
    return ExchangePolicyDocument.model_validate_json(document).rules()


@lru_cache(maxsize=16)
def _default_schedule(year: int) -> TradingRules:
    """The defaults' rules (nothing filed yet for `year`), made once per process: they are the code's."""
    return ExchangePolicyDocument.default(year).rules()


_versions = RulesVersionRow.__table__
# The filed versions of the batch's years, as rows, by a statement built once (the years as one parameter).
_VERSIONS = AmongKeys(lambda among: select(_versions).where(among(_versions.c.year)).order_by(_versions.c.version))
Priced = list[tuple[tuple[int, int], int | None]]  # per schedule that may apply: (buyer, seller) fees, its version


def fees_outside_schedule(session: Session, trades: Sequence[TradeRow | Row | TradeRecord],
                          found_at: datetime) -> dict[str, FeeOutsideSchedule]:
    """M-27, M-42(2): the fees settling trades charge must be those of the schedule in force at their execution;
    the findings, by trade (one read of the filed versions per year for the whole batch). A batch's trades mostly
    share their execution instant (the regulatory clock stands still between ticks), mode and turnover: the
    schedules that apply are found once per year and instant, the fees they charge once per mode and turnover."""
    years = sorted({t.trading_day.year for t in trades})
    versions: dict[int, list[Row]] = {year: [] for year in years}
    if trades:
        for row in _VERSIONS.execute(session, years):
            versions[row.year].append(row)
    applying: dict[tuple[int, datetime], list[tuple[TradingRules, int | None]]] = {}
    priced: dict[tuple[int, datetime, str, int], Priced] = {}
    findings = {}
    for trade in trades:
        year, executed_at, mode = trade.trading_day.year, trade.executed_at, trade.mode
        turnover = trade.price_cents * trade.quantity
        schedules = priced.get((year, executed_at, mode, turnover))
        if schedules is None:
            rules = applying.get((year, executed_at))
            if rules is None:
                rules = applying[year, executed_at] = schedules_at(versions[year], year, executed_at)
            schedules = priced[year, executed_at, mode, turnover] = [
                ((r.fee_cents(mode, "buyer", turnover), r.fee_cents(mode, "seller", turnover)), v) for r, v in rules]
        charged = (trade.buyer_fee_cents, trade.seller_fee_cents)
        if any(fees == charged for fees, _ in schedules):
            continue
        (buyer, seller), version = schedules[-1]
        findings[trade.trade_id] = FeeOutsideSchedule(
            trade_id=trade.trade_id, mode=one_of(mode, TRADE_MODES, field="mode"), turnover=to_yuan(turnover),
            buyer_fee=to_yuan(trade.buyer_fee_cents), seller_fee=to_yuan(trade.seller_fee_cents),
            schedule_buyer_fee=to_yuan(buyer), schedule_seller_fee=to_yuan(seller), rules_version=version,
            found_at=found_at)
    return findings
