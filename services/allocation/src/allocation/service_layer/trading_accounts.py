"""Exchange trading accounts in the registry (M-22, M-26 ¶2): opened when the exchange opens a participant's trading
account, under the exchange's id, and linked to the participant's holding account — the covered entity's when the
participant is one, otherwise a holding account the registry opens for the member or client."""
from __future__ import annotations

from collections.abc import Sequence

from allocation.domain import Account, AccountKind
from allocation.service_layer.registration import account_id
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.contracts.exchange import TradingAccountOpened
from ets_shared.errors import Conflict, PermanentEventError
from ets_shared.messaging.consumers import reads_ahead

_HOLDING_KIND = {"member": AccountKind.EXCHANGE_MEMBER, "client": AccountKind.EXCHANGE_CLIENT}
_MAX = {"trading_account_id": 80, "participant_id": 64, "member_id": 64, "covered_entity_id": 64, "name": 300}


def participant_account_id(participant_kind: str, participant_id: str) -> str:
    """The holding account the registry opens for an exchange member or client that is not a covered entity."""
    return f"ACC-{participant_kind.upper()}-{participant_id}"


def read_openings_ahead(events: Sequence[TradingAccountOpened], uow: AllocationUnitOfWork) -> None:
    """A batch of openings: the trading accounts and the registry accounts they name, one query each (per 500)."""
    uow.trading_accounts.read_ahead([e.trading_account_id for e in events])
    uow.registry.read_accounts_ahead(
        [e.trading_account_id for e in events]
        + [account_id(e.covered_entity_id) if e.covered_entity_id
           else participant_account_id(e.participant_kind, e.participant_id) for e in events])


def write_openings(_items: list[None], uow: AllocationUnitOfWork) -> None:
    """The registry accounts and trading accounts a transaction opened, written together at its commit."""
    uow.trading_accounts.write_pending()


@reads_ahead(read_openings_ahead)
def on_trading_account_opened(event: TradingAccountOpened, uow: AllocationUnitOfWork) -> None:
    """The registry opens the exchange trading account under the exchange's id, linked to the covered entity's
    holding account when `covered_entity_id` is set, else to a holding account of the member or client (opened on
    its first trading account). Opened once: a repeated event changes nothing. A covered entity this registry does
    not hold an account for is not linked to anything: nothing is opened, and the audit trail says why."""
    for name, limit in _MAX.items():
        if len(getattr(event, name) or "") > limit:
            raise PermanentEventError(f"{name} is longer than {limit} characters", field=name)
    if uow.trading_accounts.find(event.trading_account_id) is not None:
        return
    if uow.registry.account(event.trading_account_id) is not None:
        raise Conflict(f"registry account {event.trading_account_id} exists and is not a trading account",
                       field="trading_account_id", article="M-32")
    now = uow.now()
    subject = f"trading-account:{event.trading_account_id}"
    if event.covered_entity_id:
        holding = uow.registry.account(account_id(event.covered_entity_id))
        if holding is None or holding.kind is not AccountKind.ENTITY_HOLDING:
            uow.audit("allocation.trading-account.not-opened", subject, {
                "reason": f"covered entity {event.covered_entity_id} has no holding account in the registry",
                **event.model_dump(mode="json")})
            return
    else:
        holding_id = participant_account_id(event.participant_kind, event.participant_id)
        holding = uow.registry.account(holding_id)
        if holding is None:
            holding = Account(holding_id, _HOLDING_KIND[event.participant_kind], event.participant_id, now)
            uow.registry.open_accounts([holding], at_commit=True)
    uow.registry.open_accounts([Account(event.trading_account_id, AccountKind.EXCHANGE_TRADING, holding.holder_id,
                                        now, linked_account_id=holding.account_id)], at_commit=True)
    uow.trading_accounts.add(dict(
        trading_account_id=event.trading_account_id, holding_account_id=holding.account_id,
        participant_id=event.participant_id, participant_kind=event.participant_kind, member_id=event.member_id,
        covered_entity_id=event.covered_entity_id, name=event.name, opened_at=now))
    uow.defer(write_openings, None)  # the batch's openings (registry and trading accounts) in one INSERT each at commit
    uow.audit("allocation.trading-account.opened", subject, {"holding_account_id": holding.account_id,
                                                             **event.model_dump(mode="json")})
