"""Trading records in and out of the exchange's tables: accounts, products, orders, trades, agreements."""
from __future__ import annotations

import weakref
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import event, func, or_, select
from sqlalchemy.orm import Session

from ets_shared.errors import NotFound, RuleViolation
from ets_shared.persistence.among import AmongKeys
from ets_shared.persistence.bulk import insert_rows
from exchange.adapters.orm import (
    AgreementRow, AllocationHeldRow, OrderRow, ProductRow, TradeRow, TradingAccountRow,
)
from exchange.domain.policy import OPEN_BIDDING, vwap_cents

OPEN = "OPEN"
MATCHED = "MATCHED"
R = TypeVar("R")


_HELD_PENDING = "exchange.allocation_held_pending"  # session.info: {(entity, vintage): quantity} added, not written


def pending_held(session: Session) -> dict[tuple[str, int], int]:
    """The allocations held (M-28(2)) this transaction added and has not written yet (`write_pending_held`)."""
    pending: dict[tuple[str, int], int] = session.info.setdefault(_HELD_PENDING, {})
    return pending


def write_pending_held(session: Session) -> None:
    """Write the allocations held this transaction added, in one INSERT (a consumed batch of issuances adds
    hundreds: an ORM row each cost more than the statement); at its commit, or before any read of them."""
    pending = session.info.get(_HELD_PENDING)
    if pending:
        rows = [{"entity_id": entity_id, "vintage": vintage, "quantity": quantity}
                for (entity_id, vintage), quantity in pending.items()]
        pending.clear()
        insert_rows(session, AllocationHeldRow, rows)


_held = AllocationHeldRow.__table__
# The allocations' read, built once (the keys as one parameter, `AmongKeys`): building and keying it cost about as
# much as running it.
_ALLOCATIONS = AmongKeys(lambda among: select(_held.c.entity_id, _held.c.vintage, _held.c.quantity).where(
    among(_held.c.entity_id)))


# The listed products' columns, per engine (one exchange process per database; `Books` clears them when it forgets
# the books): a product never changes once listed, and order entry asked the ORM for it at every batch (`Session.get`
# of a row cost about 0.4 ms, a twentieth of a small batch).
_LISTED: weakref.WeakKeyDictionary[Any, dict[str, dict[str, Any]]] = weakref.WeakKeyDictionary()


def listed_products(engine: Any) -> dict[str, dict[str, Any]]:
    """The products remembered for this engine, by id (`TradingStore.product`)."""
    known = _LISTED.get(engine)
    if known is None:
        known = _LISTED.setdefault(engine, {})
    return known


def _remember(engine: Any, columns: dict[str, Any]) -> None:
    listed_products(engine)[columns["product_id"]] = columns


def expire_held(session: Session, row_type: type, keys: set[Any]) -> None:
    """Expire the `row_type` objects among `keys` (single-column primary keys) this session holds (usually none),
    so that they are read afresh after a statement wrote their rows: the identity map's keys looked through once,
    not a key built and looked up per row (a fifth of writing a batch's trade outcomes)."""
    identity_map = session.identity_map
    for key in [key for key in identity_map.keys() if key[0] is row_type and key[1][0] in keys]:
        session.expire(identity_map[key])


class TradingStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _get(self, row_type: type[R], key: str, what: str, field: str) -> R:
        row = self.session.get(row_type, key)
        if row is None:
            raise NotFound(f"no {what} {key}", field=field)
        return row

    def add(self, row: object) -> None:
        self.session.add(row)

    # -- accounts and products -----------------------------------------------------------------------------------
    def account(self, trading_account_id: str, field: str = "trading_account_id") -> TradingAccountRow:
        return self._get(TradingAccountRow, trading_account_id, "trading account", field)

    def accounts_among(self, participant_ids: list[str], trading_account_ids: list[str]) -> set[str]:
        """Which of these participants have a trading account, and which of these account ids are taken."""
        query = select(TradingAccountRow.participant_id, TradingAccountRow.trading_account_id).where(or_(
            TradingAccountRow.participant_id.in_(participant_ids),
            TradingAccountRow.trading_account_id.in_(trading_account_ids)))
        return {key for row in self.session.execute(query) for key in row}

    def add_accounts(self, rows: list[dict[str, Any]]) -> None:
        """New trading accounts given as their columns: one multi-row INSERT (no ORM row built or flushed)."""
        insert_rows(self.session, TradingAccountRow, rows)

    def account_of(self, participant_id: str) -> TradingAccountRow | None:
        return self.session.execute(select(TradingAccountRow)
                                    .where(TradingAccountRow.participant_id == participant_id)).scalar_one_or_none()

    def accounts_of_member(self, member_id: str) -> list[TradingAccountRow]:
        return list(self.session.execute(select(TradingAccountRow).where(TradingAccountRow.member_id == member_id)
                                         .order_by(TradingAccountRow.trading_account_id)).scalars())

    def product(self, product_id: str) -> ProductRow:
        """The listed product (M-19): the session's own object if it holds one, else a copy of the columns
        remembered since a transaction that read it committed (`listed_products`; a product is never changed or
        removed once listed) — at its commit, so that a product a transaction added and read is not remembered if
        it rolls back."""
        session = self.session
        if (ProductRow, (product_id,), None) not in session.identity_map:
            known = listed_products(session.get_bind())
            columns = known.get(product_id)
            if columns is not None:
                return ProductRow(**columns)
        row = session.get(ProductRow, product_id)
        if row is None:
            raise RuleViolation(f"unknown product {product_id}", field="product_id", article="M-19")
        columns = {"product_id": row.product_id, "vintage": row.vintage,
                   "reference_price_cents": row.reference_price_cents, "listed_at": row.listed_at}
        event.listen(session, "after_commit", lambda _session: _remember(session.get_bind(), columns), once=True)
        return row

    def products(self) -> list[ProductRow]:
        return list(self.session.execute(select(ProductRow).order_by(ProductRow.product_id)).scalars())

    def accounts(self, trading_account_ids: Iterable[str]) -> dict[str, TradingAccountRow]:
        """These trading accounts by id (one query; an unknown id is simply absent)."""
        rows = self.session.execute(select(TradingAccountRow).where(
            TradingAccountRow.trading_account_id.in_(sorted(set(trading_account_ids))))).scalars()
        return {row.trading_account_id: row for row in rows}

    def allocation(self, entity_id: str | None) -> int:
        """The latest vintage's allocation of a covered entity (0 for anyone else): its M-28(2) allowance."""
        return self.allocations([entity_id]).get(entity_id, 0) if entity_id is not None else 0

    def allocations(self, entity_ids: Iterable[str]) -> dict[str, int]:
        """The latest vintage's allocation per covered entity that has one (one query)."""
        ids = sorted(set(entity_ids))
        if not ids:  # nobody's allocation asked (a batch without a covered entity's bid): nothing to read
            return {}
        write_pending_held(self.session)
        rows = _ALLOCATIONS.rows(self.session, ids, on_driver=self.session.get_bind().dialect.name == "sqlite")
        latest: dict[str, tuple[int, int]] = {}
        for entity, vintage, quantity in rows:
            if entity not in latest or vintage > latest[entity][0]:
                latest[entity] = (vintage, quantity)
        return {entity: quantity for entity, (_vintage, quantity) in latest.items()}

    # -- orders --------------------------------------------------------------------------------------------------
    def order(self, order_id: str) -> OrderRow:
        return self._get(OrderRow, order_id, "order", "order_id")

    def last_sequence(self) -> int:
        return self.session.execute(select(func.max(OrderRow.sequence))).scalar() or 0

    def last_print(self) -> int:
        return self.session.execute(select(func.max(TradeRow.print_sequence))).scalar() or 0

    def open_orders(self, before_day: date | None = None) -> list[OrderRow]:
        query = select(OrderRow).where(OrderRow.status == OPEN).order_by(OrderRow.sequence)
        if before_day is not None:
            query = query.where(OrderRow.trading_day < before_day)
        return list(self.session.execute(query).scalars())

    def pending_buys(self, account_id: str) -> int:
        """Tonnes the account may still receive: open bids, bought and not yet delivered, proposed to buy (one
        round trip)."""
        bids = select(func.coalesce(func.sum(OrderRow.remaining), 0)).where(
            OrderRow.trading_account_id == account_id, OrderRow.side == "BUY", OrderRow.status == OPEN)
        bought = select(func.coalesce(func.sum(TradeRow.quantity), 0)).where(
            TradeRow.buyer_account_id == account_id, TradeRow.status == MATCHED)
        proposed = select(func.coalesce(func.sum(AgreementRow.quantity), 0)).where(
            AgreementRow.proposer_account_id == account_id, AgreementRow.proposer_side == "BUY",
            AgreementRow.status == "PROPOSED")
        row = self.session.execute(select(bids.scalar_subquery(), bought.scalar_subquery(),
                                          proposed.scalar_subquery())).one()
        return sum(int(v) for v in row)

    # -- trades --------------------------------------------------------------------------------------------------
    def trade(self, trade_id: str) -> TradeRow | None:
        return self.session.get(TradeRow, trade_id)

    def previous_close(self, product: ProductRow, day: date, tick_cents: int) -> int:
        """M-28(1): the VWAP of the open-bidding trades of the last day before `day` that had any; the product's
        reference price before its first trading day."""
        last = self.session.execute(select(func.max(TradeRow.trading_day)).where(
            TradeRow.product_id == product.product_id, TradeRow.mode == OPEN_BIDDING, TradeRow.trading_day < day,
            TradeRow.status != "FAILED")).scalar()
        if last is None:
            return product.reference_price_cents
        trades = self.session.execute(select(TradeRow.price_cents, TradeRow.quantity).where(
            TradeRow.product_id == product.product_id, TradeRow.mode == OPEN_BIDDING, TradeRow.trading_day == last,
            TradeRow.status != "FAILED")).all()
        return vwap_cents([(p, q) for p, q in trades], tick_cents) or product.reference_price_cents

    def in_flight_trades(self) -> list[TradeRow]:
        return list(self.session.execute(select(TradeRow).where(TradeRow.status == MATCHED)
                                         .order_by(TradeRow.executed_at)).scalars())

    # -- agreements ----------------------------------------------------------------------------------------------
    def agreement(self, agreement_id: str) -> AgreementRow:
        return self._get(AgreementRow, agreement_id, "agreement", "agreement_id")

    def proposals_before(self, instant: datetime) -> list[AgreementRow]:
        """Agreement proposals still awaiting their counterparty, made before `instant`."""
        return list(self.session.execute(select(AgreementRow).where(
            AgreementRow.status == "PROPOSED", AgreementRow.proposed_at < instant)).scalars())


def in_range(column, start: datetime | None, end: datetime | None):
    """Conditions for `start <= column < end` (either bound optional)."""
    conditions = []
    if start is not None:
        conditions.append(column >= start)
    if end is not None:
        conditions.append(column < end)
    return conditions
