"""Succession at the exchange (配额承继, M-10; `allocation.succession.approved`): a predecessor's trading account
passes to its successors, as its registry holding account did.

On the approval, for each predecessor that is a member of the exchange (its covered-entity member account):
1. a predecessor that does not continue is `SUCCEEDED` (it places no more orders); a merger's successor inherits a
   comprehensive membership (`domain.members.inherit_membership`); a successor that is not yet a member is admitted
   as the covered entity's self-operating member (M-22 para 2) first, its trading account opened;
2. the account's open orders are cancelled (`order.cancelled`, `cause` `succession:<id>`) and its agreement
   proposals withdrawn, their reservations released — a continuing predecessor's too: its whole position is divided;
3. once nothing of it is in flight (nothing reserved: no trade awaiting delivery, no withdrawal awaiting the registry
   or the bank) — at once, or at a later calendar tick — its available cash and custody allowances are divided by the
   plan's holdings shares (`domain.succession.divide_account`) into the successors' accounts, each movement a line
   of both statements, and `exchange.account.succeeded` tells the registry, which registers the same allowance
   movement (its trading accounts), so the custody reconciliation agrees.
The allowances issued to the predecessor (its M-28(2) holding allowance) pass by the same shares. A redelivered
approval changes nothing (the inbox, and one `account_succession` row per succession and account)."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import or_, select

from ets_shared.apportion import apportion
from ets_shared.contracts.allocation import SuccessionApproved
from ets_shared.contracts.exchange import AccountPassed, AccountSucceeded, SucceededAllowances
from exchange.adapters.orm import (
    AccountSuccessionRow, AgreementRow, AllocationHeldRow, AllowancePositionRow, OrderRow, TradingAccountRow,
)
from exchange.adapters.trading_store import OPEN, write_pending_held
from exchange.domain.members import (
    Member, admit_covered_entity, covered_member_id, inherit_membership, succeed_member,
)
from exchange.domain.policy import to_yuan
from exchange.domain.succession import divide_account
from exchange.service_layer import market_data
from exchange.service_layer.accounts import admit, open_account, raise_allocation_held
from exchange.service_layer.matching import release_leg, release_open
from exchange.service_layer.orders import changing
from exchange.service_layer.risk import check_large_holder
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork

PENDING, MOVED = "PENDING", "MOVED"
_UNITS = AllowancePositionRow.__table__
BOOKS_WAIT_S = 5.0


class BooksBusy(RuntimeError):
    """The books stayed locked by order entry: the consumer applies the event again (alone, holding no locks)."""


def on_succession_approved(event: SuccessionApproved, uow: ExchangeUnitOfWork) -> None:
    continuing = {s.entity_id for s in event.successors if s.continues}
    shares = [(s.entity_id, Decimal(s.holdings_share)) for s in event.successors]
    ref = f"succession:{event.succession_id}"
    for pred in event.predecessor_ids:
        account = entity_account(uow, pred)
        if account is None:  # not a member: only its holding allowance passes (the inbox applies this once)
            _pass_allocation_held(uow, pred, shares)
            uow.audit("exchange.succession.no-account", ref, {"entity_id": pred})
            continue
        if uow.session.get(AccountSuccessionRow, (event.succession_id, account.trading_account_id)) is not None:
            continue  # the same approval sent again under another event: done already
        _pass_allocation_held(uow, pred, shares)
        if pred not in continuing:
            uow.members.save(succeed_member(uow.members.get(account.member_id), uow.now(), event.succession_id))
        row = AccountSuccessionRow(
            succession_id=event.succession_id, trading_account_id=account.trading_account_id, kind=event.kind,
            predecessor_entity_id=pred, continues=pred in continuing, shares=[[e, str(s)] for e, s in shares],
            cancelled_order_ids=cancel_open(uow, account.trading_account_id, ref), status=PENDING,
            correlation_id=uow.context.correlation_id, approved_at=event.approved_at)
        uow.trading.add(row)
        if not move_when_settled(uow, row):
            uow.audit("exchange.succession.awaiting-settlement", f"trading-account:{account.trading_account_id}",
                      {"succession_id": event.succession_id})


def on_tick_moves(uow: ExchangeUnitOfWork) -> None:
    """Successions that waited for their accounts' trades and withdrawals to settle move once they have."""
    for row in uow.session.execute(select(AccountSuccessionRow).where(AccountSuccessionRow.status == PENDING)
                                   .order_by(AccountSuccessionRow.approved_at)).scalars():
        move_when_settled(uow, row)


def entity_account(uow: ExchangeUnitOfWork, entity_id: str) -> TradingAccountRow | None:
    """A covered entity's own trading account as a member (not a client's)."""
    return uow.session.execute(select(TradingAccountRow).where(
        TradingAccountRow.covered_entity_id == entity_id, TradingAccountRow.participant_kind == "member")
    ).scalar_one_or_none()


def cancel_open(uow: ExchangeUnitOfWork, account_id: str, cause: str) -> list[str]:
    """The account's agreement proposals (either side) are withdrawn and its open orders cancelled, reservations
    released. The books change under their lock, as a market command's would; if this transaction does not commit,
    the unit of work forgets them (`books_touched`) and the next command rebuilds them from the database."""
    now = uow.now()
    for agreement in uow.session.execute(select(AgreementRow).where(
            AgreementRow.status == "PROPOSED", or_(AgreementRow.proposer_account_id == account_id,
                                                   AgreementRow.counterparty_account_id == account_id))).scalars():
        release_leg(uow, agreement.proposer_account_id, agreement.proposer_side, agreement.vintage,
                    agreement.quantity, agreement.reserve_per_t_cents)
        agreement.status, agreement.decided_at = "CANCELLED", now
        uow.audit("exchange.agreement.cancelled", f"agreement:{agreement.agreement_id}", {"cause": cause})
    orders = list(uow.session.execute(select(OrderRow).where(
        OrderRow.trading_account_id == account_id, OrderRow.status == OPEN).order_by(OrderRow.sequence)).scalars())
    if not orders:
        return []
    books = uow.books
    if not books.lock.acquire(timeout=BOOKS_WAIT_S):
        raise BooksBusy(f"the order books stayed busy for {BOOKS_WAIT_S} s")
    try:
        books.ensure(uow.session)
        uow.books_touched = True
        for order in orders:
            with changing(uow, order.product_id) as book:
                book.cancel(order.order_id)
            release_open(uow, order, order.remaining, "requested", now, cause=cause)
        market_data.publish_depth(uow, books.changed)
        books.records = None
    finally:
        books.dirty = False
        books.changed.clear()
        books.lock.release()
    return [order.order_id for order in orders]


def move_when_settled(uow: ExchangeUnitOfWork, row: AccountSuccessionRow) -> bool:
    """Divide the account now if nothing of it is reserved (False, nothing moved, otherwise)."""
    account_id = row.trading_account_id
    cash, cash_reserved = uow.ledger.cash(account_id)  # the balances as the database has them (pending written)
    units = _UNITS.c
    positions = uow.session.execute(select(units.vintage, units.available, units.reserved).where(
        units.account_id == account_id)).all()
    if cash_reserved or any(reserved for _vintage, _available, reserved in positions):
        return False
    shares = [(entity, Decimal(share)) for entity, share in row.shares]
    parts = divide_account(shares, {vintage: available for vintage, available, _r in positions if available}, cash)
    predecessor, now = uow.members.get(uow.trading.account(account_id).member_id), uow.now()
    passed: list[AccountPassed] = []
    heirs: dict[str, TradingAccountRow] = {}
    for entity_id, share in shares:
        if entity_id == row.predecessor_entity_id:
            continue
        heir = heirs[entity_id] = _heir_account(uow, entity_id, predecessor, row.kind == "merger")
        part = parts[entity_id]
        if part.cash_cents:
            uow.ledger.change_cash(account_id, available=-part.cash_cents)
            uow.ledger.change_cash(heir.trading_account_id, available=part.cash_cents)
            uow.ledger.entry(account_id, now, "succession_out", row.succession_id, cash=-part.cash_cents)
            uow.ledger.entry(heir.trading_account_id, now, "succession_in", row.succession_id, cash=part.cash_cents)
        for vintage, quantity in part.allowances.items():
            uow.ledger.change_allowances(account_id, vintage, available=-quantity)
            uow.ledger.change_allowances(heir.trading_account_id, vintage, available=quantity)
            uow.ledger.entry(account_id, now, "succession_out", row.succession_id, vintage=vintage,
                             quantity=-quantity)
            uow.ledger.entry(heir.trading_account_id, now, "succession_in", row.succession_id, vintage=vintage,
                             quantity=quantity)
        if part.allowances:
            check_large_holder(uow, heir.trading_account_id)
        passed.append(AccountPassed(
            entity_id=entity_id, member_id=heir.member_id, trading_account_id=heir.trading_account_id,
            holdings_share=str(share), cash=to_yuan(part.cash_cents),
            allowances=[SucceededAllowances(vintage=v, quantity=q) for v, q in part.allowances.items()]))
    row.status, row.moved_at = MOVED, now
    clients, taker = _pass_clients(uow, row, predecessor, heirs, shares)
    uow.publish(AccountSucceeded(
        succession_id=row.succession_id, kind="merger" if row.kind == "merger" else "split",
        predecessor_entity_id=row.predecessor_entity_id,
        member_id=predecessor.member_id, trading_account_id=account_id, continues=row.continues, successors=passed,
        cancelled_order_ids=list(row.cancelled_order_ids), client_trading_account_ids=clients,
        clients_member_id=taker, moved_at=now),
        subject_ref=f"trading-account:{account_id}", correlation_id=row.correlation_id)
    return True


def _pass_clients(uow: ExchangeUnitOfWork, row: AccountSuccessionRow, predecessor: Member,
                  heirs: dict[str, TradingAccountRow], shares: list[tuple[str, Decimal]]
                  ) -> tuple[list[str], str | None]:
    """A comprehensive predecessor that does not continue hands its clients' accounts (M-22 para 1, 代理业务) and its
    comprehensive membership to one successor: a merger's, or a split's with the largest holdings share (the first
    listed on a tie). Their open orders stay: they are the clients'."""
    clients = [a for a in uow.trading.accounts_of_member(predecessor.member_id) if a.participant_kind == "client"]
    if row.continues or not clients or not heirs:
        return [], None
    lead = max((s for s in shares if s[0] in heirs), key=lambda s: s[1])[0]  # max keeps the first of equals
    member = uow.members.get(heirs[lead].member_id)
    taker = inherit_membership(member, predecessor, merger=True)
    if taker != member:
        uow.members.save(taker)
        uow.audit("exchange.member.kind-inherited", f"member:{taker.member_id}",
                  {"from_member_id": predecessor.member_id, "kind": taker.kind.value})
    for client in clients:
        client.member_id = taker.member_id
        uow.audit("exchange.client.member-changed", f"trading-account:{client.trading_account_id}",
                  {"from_member_id": predecessor.member_id, "to_member_id": taker.member_id,
                   "succession_id": row.succession_id})
    return [c.trading_account_id for c in clients], taker.member_id


def _heir_account(uow: ExchangeUnitOfWork, entity_id: str, predecessor: Member, merger: bool) -> TradingAccountRow:
    """The successor's trading account; a successor not yet a member is admitted as the covered entity's
    self-operating member (M-22 para 2; named by its entity id until the operator renames it), with its account."""
    account = entity_account(uow, entity_id)
    if account is not None:
        member = uow.members.get(account.member_id)
        heir = inherit_membership(member, predecessor, merger)
        if heir != member:
            uow.members.save(heir)
            uow.audit("exchange.member.kind-inherited", f"member:{heir.member_id}",
                      {"from_member_id": predecessor.member_id, "kind": heir.kind.value})
        return account
    clashes = uow.members.clashing(covered_member_id(entity_id), entity_id)
    existing = next((m for m in clashes if m.covered_entity_id == entity_id), None)
    if existing is None:
        admit(uow, inherit_membership(admit_covered_entity(entity_id, entity_id, uow.now(), clashes), predecessor,
                                      merger))
    else:
        open_account(uow, existing, existing.member_id, existing.name, entity_id)
    found = entity_account(uow, entity_id)
    assert found is not None
    return found


def _pass_allocation_held(uow: ExchangeUnitOfWork, pred: str, shares: list[tuple[str, Decimal]]) -> None:
    """The allowances issued to the predecessor (its M-28(2) holding allowance) pass by the holdings shares."""
    write_pending_held(uow.session)  # what this transaction issued to it before, too
    for held in list(uow.session.execute(select(AllocationHeldRow).where(AllocationHeldRow.entity_id == pred))
                     .scalars()):
        for entity_id, part in apportion(held.quantity, shares).items():
            if entity_id == pred:
                continue
            raise_allocation_held(uow, entity_id, held.vintage, part)
        held.quantity = apportion(held.quantity, shares).get(pred, 0)
