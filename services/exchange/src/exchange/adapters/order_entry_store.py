"""What a batch of order entries reads and writes (Core statements: one query or one multi-row statement per table
and batch, never one per order).

Reads, at the start of a batch, for the accounts the batch names: accounts, balances (locked: `FOR UPDATE` on
PostgreSQL; SQLite's write transactions are `BEGIN IMMEDIATE`, so nobody else writes until the batch commits), the
holding-limit inputs (holdings, bought-not-delivered, proposed buys, allocations; the open bids are summed in memory)
and the open orders' records. Writes, at its end: new orders, changed resting orders, trades, and the balances' net
changes as relative `UPDATE ... SET x = x + :d` (a settlement committed by another transaction composes with them)."""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import lru_cache
from operator import attrgetter
from types import SimpleNamespace
from typing import Any

from sqlalchemy import String, bindparam, case, func, select, union_all, update
from sqlalchemy.orm import Session

from ets_shared.persistence.among import AmongKeys
from ets_shared.persistence.bulk import insert_rows, update_rows
from ets_shared.persistence.driver_statement import DriverStatement
from ets_shared.persistence.mapping import to_domain

from exchange.adapters.orm import (
    AgreementRow, AllowancePositionRow, CashBalanceRow, MemberRow, OrderRow, SurveillanceAlertRow, TradeRow,
    TradingAccountRow,
)
from exchange.adapters.trading_store import TradingStore
from exchange.domain.members import Member

_orders = OrderRow.__table__
_trades = TradeRow.__table__
_cash = CashBalanceRow.__table__
_units = AllowancePositionRow.__table__
_accounts = TradingAccountRow.__table__
_alerts = SurveillanceAlertRow.__table__
_members = MemberRow.__table__
OPEN = "OPEN"


@dataclass(slots=True)
class OrderRecord:
    """An order as the `exchange_order` table holds it (the same attribute names as `OrderRow`)."""
    order_id: str
    sequence: int
    trading_account_id: str
    member_id: str
    owner_id: str
    product_id: str
    vintage: int
    side: str
    price_cents: int
    quantity: int
    remaining: int
    filled: int
    time_in_force: str
    status: str
    reserve_per_t_cents: int
    trading_day: date
    accepted_at: datetime
    updated_at: datetime


@dataclass(slots=True)
class TradeRecord:
    """A trade as the `trade` table holds it (the same attribute names as `TradeRow`)."""
    trade_id: str
    mode: str
    product_id: str
    vintage: int
    price_cents: int
    quantity: int
    buyer_account_id: str
    seller_account_id: str
    buy_order_id: str | None
    sell_order_id: str | None
    buyer_fee_cents: int
    seller_fee_cents: int
    buyer_reserved_cents: int
    status: str
    trading_day: date
    executed_at: datetime
    print_sequence: int
    settled_at: datetime | None = None
    failure_reason: str | None = None


@dataclass(slots=True)
class AccountRecord:
    trading_account_id: str
    member_id: str
    participant_kind: str
    participant_id: str
    covered_entity_id: str | None


@dataclass(slots=True)
class BatchFacts:
    """What a batch reads at its start (`OrderEntryStore.batch_facts`): the accounts its orders name that exist and
    their members, their balances ([available, reserved] fen per account, t per (account, vintage)), and per
    bidding account its M-28(2) count of what it holds and may still receive."""
    accounts: dict[str, AccountRecord]
    members: dict[str, Member]
    cash: dict[str, list[int]]
    units: dict[tuple[str, int], list[int]]
    held: dict[str, int]


_ORDER_COLUMNS = [f.name for f in fields(OrderRecord)]
_TRADE_COLUMNS = [f.name for f in fields(TradeRecord)]
_ORDER_CHANGED_KEYS = ("order_id", "remaining", "filled", "status", "updated_at")
# the rows' values a record at a time in C (`attrgetter`), for the shared multi-row writes (`persistence.bulk`)
_order_values, _order_changes = attrgetter(*_ORDER_COLUMNS), attrgetter(*_ORDER_CHANGED_KEYS)
_trade_values = attrgetter(*_TRADE_COLUMNS)


_MEMBER_NAMES = [f.name for f in fields(Member)]
_MEMBER_COLUMNS = [_members.c[name] for name in _MEMBER_NAMES]
# The reads of every batch, built once, the batch's account ids (or member ids) as ONE parameter (`AmongKeys`): on
# SQLite straight on the driver (`AmongKeys.rows`: SQLAlchemy's execution around these small reads cost more than
# SQLite's running them), elsewhere through the connection. Balances are read `FOR UPDATE` (PostgreSQL; SQLite's
# write transactions are `BEGIN IMMEDIATE` and its compiler leaves the clause out).
# The accounts with their members (a member row missing: its columns NULL, and the member read alone, as before).
_ACCOUNTS = AmongKeys(lambda among: select(
    _accounts.c.trading_account_id, _accounts.c.member_id, _accounts.c.participant_kind, _accounts.c.participant_id,
    _accounts.c.covered_entity_id, *_MEMBER_COLUMNS).select_from(
    _accounts.outerjoin(_members, _members.c.member_id == _accounts.c.member_id)).where(
    among(_accounts.c.trading_account_id)))
_CASH = AmongKeys(lambda among: select(_cash.c.account_id, _cash.c.available_cents, _cash.c.reserved_cents).where(
    among(_cash.c.account_id)).order_by(_cash.c.account_id).with_for_update())
_UNITS = AmongKeys(lambda among: select(_units.c.account_id, _units.c.vintage, _units.c.available, _units.c.reserved)
                    .where(among(_units.c.account_id)).order_by(_units.c.account_id, _units.c.vintage)
                    .with_for_update())
# M-28(2)'s inputs but the open bids (kept in memory beside the open orders' records, `books.OpenOrders`: summing
# them here cost 2.7 ms per batch at ~1,000 open bids for each of 10 bidding accounts, growing with the book)
_HOLDINGS = AmongKeys(lambda among: union_all(
    select(_units.c.account_id, func.sum(_units.c.available + _units.c.reserved))
    .where(among(_units.c.account_id)).group_by(_units.c.account_id),
    select(_trades.c.buyer_account_id, func.sum(_trades.c.quantity))
    .where(among(_trades.c.buyer_account_id), _trades.c.status == "MATCHED")
    .group_by(_trades.c.buyer_account_id),
    select(AgreementRow.proposer_account_id, func.sum(AgreementRow.quantity))
    .where(among(AgreementRow.proposer_account_id), AgreementRow.proposer_side == "BUY",
           AgreementRow.status == "PROPOSED").group_by(AgreementRow.proposer_account_id)))
# On SQLite's driver, all of these in ONE read (`OrderEntryStore.batch_facts`: four statements cost 40 us more a
# batch): each account with its member, its cash row and its allowance rows (a row per vintage), and for a bidder
# (among `bidders_`) what it bought and has not received, and proposed to buy; its holding is the sum of its allowance
# rows. SQLite's write transaction is `BEGIN IMMEDIATE`: nothing needs locking row by row.
_BIDDING = _accounts.c.trading_account_id.in_(
    select(func.json_each(bindparam("bidders_", type_=String)).table_valued("value").c.value))
_MATCHED_BUYS = select(func.sum(_trades.c.quantity)).where(
    _trades.c.buyer_account_id == _accounts.c.trading_account_id, _trades.c.status == "MATCHED").scalar_subquery()
_PROPOSED_BUYS = select(func.sum(AgreementRow.quantity)).where(
    AgreementRow.proposer_account_id == _accounts.c.trading_account_id, AgreementRow.proposer_side == "BUY",
    AgreementRow.status == "PROPOSED").scalar_subquery()
_FACTS = AmongKeys(lambda among: select(
    _accounts.c.trading_account_id, _accounts.c.member_id, _accounts.c.participant_kind, _accounts.c.participant_id,
    _accounts.c.covered_entity_id, *_MEMBER_COLUMNS, _cash.c.available_cents, _cash.c.reserved_cents,
    _units.c.vintage, _units.c.available, _units.c.reserved, case((_BIDDING, _MATCHED_BUYS)),
    case((_BIDDING, _PROPOSED_BUYS))).select_from(
    _accounts.outerjoin(_members, _members.c.member_id == _accounts.c.member_id)
    .outerjoin(_cash, _cash.c.account_id == _accounts.c.trading_account_id)
    .outerjoin(_units, _units.c.account_id == _accounts.c.trading_account_id)).where(
    among(_accounts.c.trading_account_id)).order_by(_accounts.c.trading_account_id, _units.c.vintage))
_MEMBER_END = 5 + len(_MEMBER_COLUMNS)
# the balances' net changes, relative (a settlement committed meanwhile composes with them)
_CHANGE_CASH = update(_cash).where(_cash.c.account_id == bindparam("b_id")).values(
    available_cents=_cash.c.available_cents + bindparam("b_available"),
    reserved_cents=_cash.c.reserved_cents + bindparam("b_reserved"))
_CHANGE_UNITS = update(_units).where(_units.c.account_id == bindparam("b_id"),
                                     _units.c.vintage == bindparam("b_vintage")).values(
    available=_units.c.available + bindparam("b_available"), reserved=_units.c.reserved + bindparam("b_reserved"))
_CHANGE_ON_SQLITE = {"cash": DriverStatement(lambda _: _CHANGE_CASH), "units": DriverStatement(lambda _: _CHANGE_UNITS)}


@lru_cache(maxsize=4096)
def _member(columns: tuple[Any, ...]) -> Member:
    """The member of these `member` columns: made once per distinct row (a `Member` is frozen), not at every batch
    (3.3 us each, 20 a batch of 20 orders)."""
    return to_domain(SimpleNamespace(**dict(zip(_MEMBER_NAMES, columns, strict=True))), Member)


class OrderEntryStore:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._on_driver = session.get_bind().dialect.name == "sqlite"

    # -- reads ---------------------------------------------------------------------------------------------------
    def open_orders(self) -> dict[str, OrderRecord]:
        rows = self.session.execute(select(*(_orders.c[name] for name in _ORDER_COLUMNS))
                                    .where(_orders.c.status == OPEN)).all()
        return {row[0]: OrderRecord(*row) for row in rows}

    def accounts(self, ids: Iterable[str]) -> tuple[dict[str, AccountRecord], dict[str, Member]]:
        """The named trading accounts that exist, and their members (one read)."""
        accounts: dict[str, AccountRecord] = {}
        members: dict[str, Member] = {}
        for row in _ACCOUNTS.rows(self.session, sorted(set(ids)), on_driver=self._on_driver):
            accounts[row[0]] = AccountRecord(*row[:5])
            if row[5] is not None:
                members[row[5]] = _member(tuple(row[5:]))
        return accounts, members

    def cash(self, ids: Iterable[str]) -> dict[str, list[int]]:
        """[available, reserved] fen per account that has a cash row, locked until the batch commits."""
        return {a: [available, reserved] for a, available, reserved in
                _CASH.rows(self.session, sorted(set(ids)), on_driver=self._on_driver)}

    def allowances(self, ids: Iterable[str]) -> dict[tuple[str, int], list[int]]:
        """[available, reserved] t per (account, vintage), locked until the batch commits."""
        return {(a, v): [available, reserved] for a, v, available, reserved in
                _UNITS.rows(self.session, sorted(set(ids)), on_driver=self._on_driver)}

    def holdings_and_pending_buys(self, ids: Iterable[str], open_bids: Mapping[str, int]) -> dict[str, int]:
        """M-28(2) per account: every allowance held (all vintages, available or reserved) plus what it may still
        receive (`open_bids`: the open quantity of its open bids, as the records in memory hold it; bought and not
        yet delivered, proposed to buy: read here)."""
        ids = sorted(set(ids))
        totals = {account: open_bids.get(account, 0) for account in ids}
        if not ids:
            return totals
        for account, quantity in _HOLDINGS.rows(self.session, ids, on_driver=self._on_driver):  # one round trip
            totals[account] += int(quantity or 0)
        return totals

    def batch_facts(self, ids: Iterable[str], bidders: Iterable[str], open_bids: Mapping[str, int]) -> BatchFacts:
        """What a batch reads at its start for the accounts `ids` its orders name: `accounts`, then `cash` and
        `allowances` of those that exist, and `holdings_and_pending_buys` of the `bidders` among them — on SQLite's
        driver in one read (`_FACTS`), elsewhere in those four (the balances locked `FOR UPDATE`)."""
        if not self._on_driver:
            accounts, members = self.accounts(ids)
            return BatchFacts(accounts, members, self.cash(accounts), self.allowances(accounts),
                              self.holdings_and_pending_buys(accounts.keys() & set(bidders), open_bids))
        facts = BatchFacts({}, {}, {}, {}, {})
        accounts, cash, units, held = facts.accounts, facts.cash, facts.units, facts.held
        bidding = set(bidders)
        for row in _FACTS.rows(self.session, sorted(set(ids)), on_driver=True, bidders_=json.dumps(sorted(bidding))):
            account_id = row[0]
            if account_id not in accounts:  # its first row (one per allowance vintage)
                accounts[account_id] = AccountRecord(*row[:5])
                if row[5] is not None:
                    facts.members[row[5]] = _member(tuple(row[5:_MEMBER_END]))
                if row[_MEMBER_END] is not None:
                    cash[account_id] = [row[_MEMBER_END], row[_MEMBER_END + 1]]
                if account_id in bidding:
                    held[account_id] = open_bids.get(account_id, 0) + int(row[-2] or 0) + int(row[-1] or 0)
            vintage = row[_MEMBER_END + 2]
            if vintage is not None:
                units[(account_id, vintage)] = [row[_MEMBER_END + 3], row[_MEMBER_END + 4]]
                if account_id in held:
                    held[account_id] += row[_MEMBER_END + 3] + row[_MEMBER_END + 4]
        return facts

    def allocations(self, entity_ids: Iterable[str]) -> dict[str, int]:
        """The latest vintage's allocation per covered entity (its M-28(2) allowance on top of the limit)."""
        return TradingStore(self.session).allocations(entity_ids)

    # -- writes --------------------------------------------------------------------------------------------------
    def add_orders(self, orders: list[OrderRecord]) -> None:
        self.session.flush()  # what the session holds pending goes first (the multi-row writes below bypass it)
        insert_rows(self.session, _orders, [dict(zip(_ORDER_COLUMNS, _order_values(o), strict=True)) for o in orders])

    def change_orders(self, orders: list[OrderRecord]) -> None:
        update_rows(self.session, _orders, [dict(zip(_ORDER_CHANGED_KEYS, _order_changes(o), strict=True))
                                            for o in orders])

    def add_trades(self, trades: list[TradeRecord]) -> None:
        insert_rows(self.session, _trades, [dict(zip(_TRADE_COLUMNS, _trade_values(t), strict=True)) for t in trades])

    def add_alerts(self, alerts: list[dict[str, Any]]) -> None:
        """Surveillance alerts, as the columns of `surveillance_alert` (`service_layer.surveillance`)."""
        insert_rows(self.session, _alerts, alerts)

    def change_cash(self, deltas: dict[str, list[int]]) -> None:
        rows = [{"b_id": a, "b_available": d[0], "b_reserved": d[1]} for a, d in sorted(deltas.items()) if any(d)]
        if rows:
            self._change("cash", rows)

    def change_allowances(self, deltas: dict[tuple[str, int], list[int]]) -> None:
        rows = [{"b_id": a, "b_vintage": v, "b_available": d[0], "b_reserved": d[1]}
                for (a, v), d in sorted(deltas.items()) if any(d)]
        if rows:
            self._change("units", rows)

    def _change(self, balances: str, rows: list[dict[str, Any]]) -> None:
        """One executemany of the relative change: on SQLite on the driver (the rows as tuples), else the session's."""
        if self._on_driver:
            _CHANGE_ON_SQLITE[balances].run_many(self.session, rows)
        else:
            self.session.execute(_CHANGE_CASH if balances == "cash" else _CHANGE_UNITS, rows)
