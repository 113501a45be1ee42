"""Trading accounts (M-21, M-22, M-26 ¶2, M-30): one per member, opened with its admission, and one per client of a
comprehensive member, opened by that member. The registry opens its side on `trading-account.opened`.
Participants from other regions (M-30) are admitted like any other: nothing here looks at where they are."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from sqlalchemy import select

from ets_shared.contracts.allocation import AllowancesIssued
from ets_shared.contracts.exchange import MemberAdmitted, TradingAccountOpened
from ets_shared.envelope import MessageContext
from ets_shared.errors import Conflict, Forbidden
from ets_shared.messaging.consumers import reads_ahead
from exchange.adapters.orm import AllocationHeldRow, TradingAccountRow
from exchange.adapters.trading_store import pending_held, write_pending_held
from exchange.domain.members import Member, may_act_for_client
from exchange.entrypoints.schemas import TradingAccountPublic
from exchange.service_layer import commands
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork


ACCOUNT_COLUMNS = tuple(c.name for c in TradingAccountRow.__table__.columns)  # each a field of TradingAccountOpened


def trading_account_id(participant_id: str) -> str:
    return f"X-{participant_id}"


def admit(uow: ExchangeUnitOfWork, member: Member) -> Member:
    """A member admitted: saved, announced (`member.admitted`) and given its trading account."""
    uow.members.save(member)
    announce(uow, member)
    open_account(uow, member, member.member_id, member.name, member.covered_entity_id)
    return member


def announce(uow: ExchangeUnitOfWork, member: Member) -> None:
    uow.publish(MemberAdmitted(member_id=member.member_id, name=member.name, kind=member.kind.value,
                               covered_entity_id=member.covered_entity_id, admitted_at=member.admitted_at))


def open_account(uow: ExchangeUnitOfWork, member: Member, participant_id: str, name: str,
                 covered_entity_id: str | None = None) -> TradingAccountRow:
    kind: Literal["member", "client"] = "member" if participant_id == member.member_id else "client"
    if uow.trading.account_of(participant_id) is not None:
        raise Conflict(f"{participant_id} already has a trading account", field="client_id", article="M-22")
    row = TradingAccountRow(trading_account_id=trading_account_id(participant_id), participant_id=participant_id,
                            member_id=member.member_id, participant_kind=kind, covered_entity_id=covered_entity_id,
                            name=name, opened_at=uow.now())
    if uow.session.get(TradingAccountRow, row.trading_account_id) is not None:
        raise Conflict(f"trading account {row.trading_account_id} exists", field="client_id", article="M-22")
    uow.trading.add(row)
    uow.ledger.open_cash(row.trading_account_id)
    _opened(uow, row, kind)
    return row


def admit_members(uow: ExchangeUnitOfWork, members: list[tuple[Member, MessageContext]]) -> None:
    """New members announced and given their own accounts (`admit` for many at once, the members saved by the
    caller): each member's MemberAdmitted and TradingAccountOpened in its own case, the same refusals as
    `open_account`, checked in one query, and one multi-row INSERT per table of the accounts' columns (building a
    SQLModel row per account cost more than writing it)."""
    ids = [trading_account_id(m.member_id) for m, _ in members]
    taken = uow.trading.accounts_among([m.member_id for m, _ in members], ids)
    rows: list[dict[str, object]] = []
    for member, context in members:
        if member.member_id in taken:
            raise Conflict(f"{member.member_id} already has a trading account", field="client_id", article="M-22")
        if trading_account_id(member.member_id) in taken:
            raise Conflict(f"trading account {trading_account_id(member.member_id)} exists", field="client_id",
                           article="M-22")
        uow.act_for(context)
        announce(uow, member)
        opened = TradingAccountOpened(trading_account_id=trading_account_id(member.member_id),
                                      participant_id=member.member_id, member_id=member.member_id,
                                      participant_kind="member", covered_entity_id=member.covered_entity_id,
                                      name=member.name, opened_at=uow.now())
        uow.publish(opened)
        rows.append({column: getattr(opened, column) for column in ACCOUNT_COLUMNS})
    uow.trading.add_accounts(rows)
    uow.ledger.open_cash_balances(ids)


def _opened(uow: ExchangeUnitOfWork, row: TradingAccountRow, kind: Literal["member", "client"]) -> None:
    uow.publish(TradingAccountOpened(trading_account_id=row.trading_account_id, participant_id=row.participant_id,
                                     member_id=row.member_id, participant_kind=kind,
                                     covered_entity_id=row.covered_entity_id, name=row.name,
                                     opened_at=row.opened_at))


def open_client_account(member_id: str, cmd: commands.OpenClientAccount, uow: ExchangeUnitOfWork
                        ) -> TradingAccountPublic:
    """M-22 ¶1: only an active comprehensive member accepts clients; the client trades only through it."""
    with uow:
        member = uow.members.get(member_id)
        if not may_act_for_client(member):
            raise Forbidden(f"member {member_id} may not accept clients (self-operating or suspended)",
                            field="member_id", article="M-22")
        if uow.members.clashing(cmd.client_id, None):
            raise Conflict(f"{cmd.client_id} is a member id", field="client_id", article="M-22")
        row = open_account(uow, member, cmd.client_id, cmd.name)
        uow.commit()
    return TradingAccountPublic.of(row)


_HELD_ABSENT = "exchange.allocation_held_absent"  # session.info: (entity, vintage) read ahead and not held
_HELD_ROWS = "exchange.allocation_held_rows"  # session.info: the rows read ahead, kept alive in the identity map


def read_issuances_ahead(events: Sequence[AllowancesIssued], uow: ExchangeUnitOfWork) -> None:
    """A batch of issuances: the allocations held for them, in one query per vintage and 500 entities; those not
    held are remembered in the transaction's session, so that `raise_allocation_held` of them queries nothing."""
    absent = uow.session.info.setdefault(_HELD_ABSENT, set())
    held = uow.session.info.setdefault(_HELD_ROWS, [])
    by_vintage: dict[int, list[str]] = {}
    for e in events:
        by_vintage.setdefault(e.vintage, []).append(e.entity_id)
    for vintage, entity_ids in by_vintage.items():
        ids = sorted(set(entity_ids))
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            rows = uow.session.execute(select(AllocationHeldRow).where(
                AllocationHeldRow.vintage == vintage, AllocationHeldRow.entity_id.in_(part))).scalars().all()
            held += rows
            found = {r.entity_id for r in rows}
            absent.update((e, vintage) for e in part if e not in found)


def raise_allocation_held(uow: ExchangeUnitOfWork, entity_id: str, vintage: int, quantity: int) -> None:
    """The allowances `entity_id` was issued (or took over) of `vintage` grow by `quantity` (M-28(2)). A new
    holding is written with the transaction's others at its commit (`write_pending_held`, one INSERT)."""
    key = (entity_id, vintage)
    pending = pending_held(uow.session)
    if key in pending:
        pending[key] += quantity
        return
    absent: set[tuple[str, int]] = uow.session.info.setdefault(_HELD_ABSENT, set())
    row = None if key in absent else uow.session.get(AllocationHeldRow, key)
    if row is None:
        absent.discard(key)
        pending[key] = quantity
        uow.defer(write_allocations_held, None)
    else:
        row.quantity += quantity


def write_allocations_held(_items: list[None], uow: ExchangeUnitOfWork) -> None:
    """The allocations held a transaction added, written together at its commit."""
    write_pending_held(uow.session)


@reads_ahead(read_issuances_ahead)
def on_allowances_issued(event: AllowancesIssued, uow: ExchangeUnitOfWork) -> None:
    """A covered entity's allocation raises its M-28(2) holding limit (once per issuance: the inbox dedupes)."""
    raise_allocation_held(uow, event.entity_id, event.vintage, event.quantity)
