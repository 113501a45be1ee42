"""Read-side queries of a participant's trade records: orders, trades, statement lines, balances (paged, by date
range: `start <= at < end`)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from exchange.adapters.orm import (
    AllowanceInstructionRow, AllowancePositionRow, CashBalanceRow, CashMovementRow, LedgerEntryRow, OrderRow,
    TradeRow,
)
from exchange.adapters.trading_store import in_range


class Page:
    def __init__(self, start: datetime | None, end: datetime | None, offset: int, limit: int) -> None:
        self.start, self.end, self.offset, self.limit = start, end, offset, limit


def orders(session: Session, account_id: str, page: Page) -> list[OrderRow]:
    query = (select(OrderRow).where(OrderRow.trading_account_id == account_id,
                                    *in_range(OrderRow.accepted_at, page.start, page.end))
             .order_by(OrderRow.accepted_at, OrderRow.sequence).offset(page.offset).limit(page.limit))
    return list(session.execute(query).scalars())


def trades(session: Session, account_id: str, page: Page) -> list[TradeRow]:
    query = (select(TradeRow).where(or_(TradeRow.buyer_account_id == account_id,
                                        TradeRow.seller_account_id == account_id),
                                    *in_range(TradeRow.executed_at, page.start, page.end))
             .order_by(TradeRow.executed_at, TradeRow.trade_id).offset(page.offset).limit(page.limit))
    return list(session.execute(query).scalars())


def statement(session: Session, account_id: str, page: Page) -> list[LedgerEntryRow]:
    query = (select(LedgerEntryRow).where(LedgerEntryRow.account_id == account_id,
                                          *in_range(LedgerEntryRow.at, page.start, page.end))
             .order_by(LedgerEntryRow.id).offset(page.offset).limit(page.limit))
    return list(session.execute(query).scalars())


def balances(session: Session, account_id: str) -> tuple[CashBalanceRow | None, list[AllowancePositionRow]]:
    cash = session.get(CashBalanceRow, account_id)
    units = session.execute(select(AllowancePositionRow).where(AllowancePositionRow.account_id == account_id)
                            .order_by(AllowancePositionRow.vintage)).scalars()
    return cash, list(units)


def cash_movements(session: Session, account_id: str, page: Page) -> list[CashMovementRow]:
    query = (select(CashMovementRow).where(CashMovementRow.trading_account_id == account_id,
                                           *in_range(CashMovementRow.requested_at, page.start, page.end))
             .order_by(CashMovementRow.requested_at).offset(page.offset).limit(page.limit))
    return list(session.execute(query).scalars())


def instructions(session: Session, account_id: str, page: Page) -> list[AllowanceInstructionRow]:
    query = (select(AllowanceInstructionRow).where(AllowanceInstructionRow.trading_account_id == account_id,
                                                   *in_range(AllowanceInstructionRow.requested_at, page.start,
                                                             page.end))
             .order_by(AllowanceInstructionRow.requested_at).offset(page.offset).limit(page.limit))
    return list(session.execute(query).scalars())
