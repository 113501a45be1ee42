"""Market data and surveillance records in and out of the exchange's tables (M-24, M-25)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from ets_shared.persistence.driver_statement import DriverStatement

from exchange.adapters.orm import MarketDayRow, NearTouchCancelRow, SurveillanceAlertRow, TradeRow


# A product's last trade (a failed delivery undoes one): the latest instant, then the latest on the tape
_LATEST = (TradeRow.executed_at.desc(), TradeRow.print_sequence.desc(), TradeRow.trade_id.desc())
# its price, the depth feed's after every batch: the statement built once (building it and an ORM row cost more than
# SQLite's finding it), the product as a parameter, of the table's columns (a Core read: asked through the session
# as an ORM statement it cost 0.2 ms a batch); on SQLite straight on the driver
_trades = TradeRow.__table__
_LAST_PRICE = (select(_trades.c.price_cents)
               .where(_trades.c.product_id == bindparam("product_id"), _trades.c.status != "FAILED")
               .order_by(_trades.c.executed_at.desc(), _trades.c.print_sequence.desc(), _trades.c.trade_id.desc())
               .limit(1))
_LAST_PRICE_ON_SQLITE = DriverStatement(lambda _: _LAST_PRICE)


class MarketStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    def day_trades(self, product_id: str, day: date, offset: int = 0, limit: int | None = None) -> list[TradeRow]:
        """The product's trades of one trading day in the order they happened (a failed delivery undoes one)."""
        query = (select(TradeRow).where(TradeRow.product_id == product_id, TradeRow.trading_day == day,
                                        TradeRow.status != "FAILED")
                 .order_by(TradeRow.executed_at, TradeRow.print_sequence, TradeRow.trade_id).offset(offset))
        return list(self.session.execute(query if limit is None else query.limit(limit)).scalars())

    def last_trade(self, product_id: str) -> TradeRow | None:
        return self.session.execute(select(TradeRow).where(TradeRow.product_id == product_id,
                                                           TradeRow.status != "FAILED")
                                    .order_by(*_LATEST).limit(1)).scalar_one_or_none()

    def last_price(self, product_id: str) -> int | None:
        """The price of the product's last trade (`last_trade`'s), None before its first."""
        session = self.session
        if session.autoflush:
            session.flush()  # a trade the session holds pending is read, as the ORM's query read it
        if session.get_bind().dialect.name == "sqlite":
            rows = _LAST_PRICE_ON_SQLITE.rows(session, product_id=product_id)
            return rows[0][0] if rows else None
        return session.connection().execute(_LAST_PRICE, {"product_id": product_id}).scalar()

    def report(self, day: date) -> MarketDayRow | None:
        return self.session.get(MarketDayRow, day)

    def last_reported(self) -> date | None:
        return self.session.execute(select(func.max(MarketDayRow.trading_date))).scalar()

    def reports(self, start: date, end: date, offset: int, limit: int) -> list[MarketDayRow]:
        return list(self.session.execute(select(MarketDayRow).where(MarketDayRow.trading_date >= start,
                                                                    MarketDayRow.trading_date <= end)
                                         .order_by(MarketDayRow.trading_date).offset(offset).limit(limit)).scalars())

    def alerts(self, pattern: str | None, start: date | None, end: date | None, offset: int,
               limit: int) -> list[SurveillanceAlertRow]:
        query = select(SurveillanceAlertRow)
        if pattern is not None:
            query = query.where(SurveillanceAlertRow.pattern == pattern)
        if start is not None:
            query = query.where(SurveillanceAlertRow.trading_date >= start)
        if end is not None:
            query = query.where(SurveillanceAlertRow.trading_date <= end)
        return list(self.session.execute(query.order_by(SurveillanceAlertRow.raised_at, SurveillanceAlertRow.alert_id)
                                         .offset(offset).limit(limit)).scalars())

    def recent_alert(self, pattern: str, product_id: str, since: datetime, account_ids: list[str]) -> bool:
        rows = self.session.execute(select(SurveillanceAlertRow.trading_account_ids).where(
            SurveillanceAlertRow.pattern == pattern, SurveillanceAlertRow.product_id == product_id,
            SurveillanceAlertRow.raised_at >= since)).scalars()
        return any(set(ids) & set(account_ids) for ids in rows)

    def near_touch_cancels(self, owner_id: str, product_id: str, since: datetime) -> list[NearTouchCancelRow]:
        return list(self.session.execute(select(NearTouchCancelRow).where(
            NearTouchCancelRow.owner_id == owner_id, NearTouchCancelRow.product_id == product_id,
            NearTouchCancelRow.cancelled_at >= since).order_by(NearTouchCancelRow.cancelled_at)).scalars())
