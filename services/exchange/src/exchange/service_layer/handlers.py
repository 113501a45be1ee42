"""Use cases of the exchange's membership (M-21, M-22; M-10 succession in `succession`).

Command handlers own their transaction (`with uow: ... uow.commit()`); event handlers run inside the transaction the
consumer opened for them (inbox + effect commit together) and never commit themselves. `EVENT_HANDLERS` is what the
service subscribes to.
"""
from __future__ import annotations

from ets_shared.contracts.allocation import (
    AllowancesIssued, EntityRegistered, RegistryTransferRefused, RegistryTransferRegistered, SuccessionApproved,
)
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.base import EventData
from ets_shared.messaging.consumers import EventHandler
from ets_shared.envelope import MessageContext
from exchange.domain.applications import (
    ComprehensiveApplication, apply_for_comprehensive, approve_application, reject_application,
)
from exchange.domain.members import (
    Member, admit_by_operator, admit_covered_entity, covered_member_id, reinstate_member, suspend_member,
)
from exchange.service_layer import commands, market_data
from exchange.service_layer.accounts import (
    admit as _admitted, admit_members, on_allowances_issued,
)
from exchange.service_layer.filings import open_trading_day
from exchange.service_layer.risk import lift_ended
from exchange.service_layer.settlement import on_transfer_refused, on_transfer_registered
from exchange.service_layer.succession import on_succession_approved, on_tick_moves
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork


def on_entity_registered(event: EntityRegistered, uow: ExchangeUnitOfWork) -> None:
    """M-22 ¶2: a covered entity is admitted as a self-operating member (once; a replay admits nobody twice)."""
    # the registrations of a consumed batch are admitted together at its commit (`admit_registered`): no later event
    # of the same producer needs the member (its account is first used after the TradingAccountOpened this publishes)
    if event.covered:
        uow.defer(admit_registered, (event, uow.context))


def admit_registered(registered: list[tuple[EntityRegistered, MessageContext]], uow: ExchangeUnitOfWork) -> None:
    """`on_entity_registered` set-based: the members they could clash with in one query (looked up by id and by
    covered entity, not scanned per registration), the new members, their accounts and cash balances each in one
    INSERT, MemberAdmitted and TradingAccountOpened in each entity's case (`admit_members`)."""
    known = uow.members.clashing_any([covered_member_id(e.entity_id) for e, _ in registered],
                                     [e.entity_id for e, _ in registered])
    by_id = {m.member_id: m for m in known}
    by_entity = {m.covered_entity_id: m for m in known if m.covered_entity_id is not None}
    admitted: list[tuple[Member, MessageContext]] = []
    for event, context in registered:
        if event.entity_id in by_entity:
            continue
        same_id = by_id.get(covered_member_id(event.entity_id))
        member = admit_covered_entity(event.entity_id, event.name, uow.now(), [same_id] if same_id else [])
        by_id[member.member_id] = by_entity[event.entity_id] = member
        admitted.append((member, context))
    if admitted:
        uow.members.add_all([member for member, _ in admitted])
        admit_members(uow, admitted)


def admit_member(cmd: commands.AdmitMember, uow: ExchangeUnitOfWork) -> Member:
    with uow:
        member = admit_by_operator(cmd.member_id, cmd.name, cmd.kind, uow.now(),
                                   uow.members.clashing(cmd.member_id, None))
        _admitted(uow, member)
        uow.commit()
    return member


def change_status(member_id: str, cmd: commands.ChangeMemberStatus, suspend: bool,
                  uow: ExchangeUnitOfWork) -> Member:
    with uow:
        member = uow.members.get(member_id)
        member = (suspend_member if suspend else reinstate_member)(member, uow.now(), cmd.reason)
        uow.members.save(member)
        uow.audit("exchange.member.suspended" if suspend else "exchange.member.reinstated",
                  f"member:{member_id}", {"reason": cmd.reason})
        uow.commit()
    return member


def apply(member_id: str, cmd: commands.ApplyForComprehensive, uow: ExchangeUnitOfWork) -> ComprehensiveApplication:
    with uow:
        member = uow.members.get(member_id)
        application = apply_for_comprehensive(cmd.application_id, member, uow.now(),
                                              uow.applications.for_member_or_id(member_id, cmd.application_id))
        uow.applications.save(application)
        uow.audit("exchange.application.filed", f"application:{application.application_id}",
                  {"member_id": member_id})
        uow.commit()
    return application


def decide(application_id: str, cmd: commands.DecideApplication, uow: ExchangeUnitOfWork) -> ComprehensiveApplication:
    with uow:
        application = uow.applications.get(application_id)
        if cmd.approve:
            application, member = approve_application(application, uow.members.get(application.member_id), uow.now(),
                                                      cmd.reason)
            uow.members.save(member)
        else:
            application = reject_application(application, uow.now(), cmd.reason or "")
        uow.applications.save(application)
        uow.audit(f"exchange.application.{application.status.value.lower()}",
                  f"application:{application_id}", {"reason": cmd.reason})
        uow.commit()
    return application


def on_tick(event: CalendarTick, uow: ExchangeUnitOfWork) -> None:
    """The regulatory clock moves: records are stamped in regulatory time, trading sessions open and close by it,
    the first command of a new trading day expires the open orders of the previous ones, and the first tick after a
    trading day's last session publishes its market report (M-25). Emergency measures whose end time came are lifted
    (M-29); a trading day whose first session began opens (M-42(1)); accounts of a succession that waited for their
    trades to settle pass to the successors (M-10)."""
    if not uow.advance_clock(event.now):
        return
    lift_ended(uow, event.now)
    on_tick_moves(uow)
    open_trading_day(uow, event.now)
    market_data.report_closed_days(uow)


#: the registry's answers to delivery instructions, deposits and withdrawals (`settlement`): they change balances,
#: trades and statements, never an order book, so the exchange's companion process may apply them
SETTLEMENT_ANSWERS: dict[type[EventData], EventHandler] = {
    RegistryTransferRegistered: on_transfer_registered,
    RegistryTransferRefused: on_transfer_refused,
}

EVENT_HANDLERS: dict[type[EventData], EventHandler] = {
    EntityRegistered: on_entity_registered,
    CalendarTick: on_tick,
    AllowancesIssued: on_allowances_issued,
    **SETTLEMENT_ANSWERS,
    SuccessionApproved: on_succession_approved,
}
