"""Registry transfers (M-32, M-26 ¶2, M-23; domain rules in `domain.transfers`): a holder commits allowances to
trading (a deposit into its own trading account), and the exchange instructs withdrawals back to the holding account
and the delivery of trades between trading accounts. Each registered transfer takes effect on registration and is
published as `registry-transfer.registered`; an instruction the registry's rules refuse is answered with
`registry-transfer.refused` (a business answer the exchange waits for, not a dead letter).

An instruction is registered under its own id (the instruction id, the trade id): applied once per event (inbox), and
an instruction sent again under a new event is answered again without moving anything twice."""
from __future__ import annotations

from collections.abc import Sequence

from allocation.domain import (
    TRADING_KINDS, Account, Registry, RegistryTransaction, TransactionKind, TransactionLine, TransferPurpose, UnitLine,
    UnitType, holder_request,
)
from allocation.service_layer import commands
from allocation.service_layer.registration import new_transaction_id
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.contracts.allocation import RegistryTransferRefused, RegistryTransferRegistered, TransferLine
from ets_shared.contracts.exchange import AllowanceWithdrawalRequested, TradeDeliveryInstructed
from ets_shared.errors import DomainError, Forbidden, NotFound, PermanentEventError, RuleViolation

MAX_INSTRUCTION_ID = 100  # the length of a registry transaction id


def publish_registered(uow: AllocationUnitOfWork, tx: RegistryTransaction, accounts: dict[str, Account],
                       reference: str | None) -> None:
    first = tx.lines[0]
    sender, receiver = accounts[first.from_account_id], accounts[first.to_account_id]
    uow.publish(RegistryTransferRegistered(
        transaction_id=tx.transaction_id, purpose=(tx.purpose or TransferPurpose.HOLDER_TRANSFER).value,
        reference=reference, from_account_id=sender.account_id, from_holder_id=sender.holder_id or "",
        to_account_id=receiver.account_id, to_holder_id=receiver.holder_id or "",
        lines=[TransferLine(unit_type=ln.unit_type.value, vintage=ln.vintage, quantity=ln.quantity) for ln in tx.lines],
        registered_at=tx.registered_at), subject_ref=f"registry-transfer:{tx.transaction_id}")


def _known(registry: Registry, account_id: str, field: str) -> Account:
    account = registry.accounts.get(account_id)
    if account is None:
        raise NotFound(f"no registry account {account_id}", field=field)
    return account


def _may_dispose(uow: AllocationUnitOfWork, sender: Account, receiver: Account, holder_id: str,
                 member_id: str | None) -> None:
    """A holder moves its own units; a member also moves its clients' (and its covered entity's) into the trading
    account it acts for (M-22: a comprehensive member trades for its clients)."""
    if sender.holder_id is not None and sender.holder_id == holder_id:
        return
    if member_id and receiver.kind in TRADING_KINDS and receiver.linked_account_id == sender.account_id:
        link = uow.trading_accounts.find(receiver.account_id)
        if link is not None and link.member_id == member_id:
            return
    raise Forbidden(f"account {sender.account_id} is not the caller's: a holder moves only its own units",
                    field="from_account_id", article="M-32")


def request_transfer(cmd: commands.RequestTransfer, holder_id: str, member_id: str | None,
                     uow: AllocationUnitOfWork) -> RegistryTransaction:
    """A holder's own transfer (`holder_id`: the caller's party; `member_id`: the same, when the caller is an
    exchange member): a deposit into its trading account, or between its own holding accounts — never out of a
    trading account (M-26 ¶2), never to another holder (M-23)."""
    with uow:
        registry = uow.registry.load([cmd.from_account_id, cmd.to_account_id], [cmd.from_account_id])
        sender = _known(registry, cmd.from_account_id, "from_account_id")
        receiver = _known(registry, cmd.to_account_id, "to_account_id")
        _may_dispose(uow, sender, receiver, holder_id, member_id)
        purpose = holder_request(sender, receiver)
        prefix = "DEP" if purpose is TransferPurpose.EXCHANGE_DEPOSIT else "TRF"
        lines = [UnitLine(UnitType(ln.unit_type), ln.vintage, ln.quantity) for ln in cmd.lines]
        tx = registry.transfer(new_transaction_id(prefix), sender.account_id, receiver.account_id, lines, uow.now(),
                               purpose)
        uow.registry.record(registry, [tx], reference=f"{purpose.value}:{tx.transaction_id}")
        publish_registered(uow, tx, registry.accounts, None)
        uow.commit()
    return tx


def on_withdrawal_requested(event: AllowanceWithdrawalRequested, uow: AllocationUnitOfWork) -> None:
    """The exchange takes allowances out of trading: from the trading account back to its own holding account,
    registered under the instruction id (M-26 ¶2, M-32); refused (answered) when the account is unknown or short."""
    trading = uow.registry.account(event.trading_account_id)
    holding = trading.linked_account_id if trading is not None and trading.linked_account_id else None
    _instructed(uow, TransferPurpose.EXCHANGE_WITHDRAWAL, event.instruction_id, event.trading_account_id, holding,
                event.vintage, event.quantity)


def on_delivery_instructed(event: TradeDeliveryInstructed, uow: AllocationUnitOfWork) -> None:
    """The allowance leg of a trade: seller's trading account to the buyer's, registered under the trade id (M-26 ¶2,
    M-32); refused (answered) when an account is unknown or the seller is short — the exchange fails the trade."""
    _instructed(uow, TransferPurpose.TRADE_DELIVERY, event.trade_id, event.seller_trading_account_id,
                event.buyer_trading_account_id, event.vintage, event.quantity)


def _instructed(uow: AllocationUnitOfWork, purpose: TransferPurpose, reference: str, from_id: str, to_id: str | None,
                vintage: int, quantity: int) -> None:
    if not reference.strip() or len(reference) > MAX_INSTRUCTION_ID:
        raise PermanentEventError(f"an instruction id has 1 to {MAX_INSTRUCTION_ID} characters", field="reference")
    line = TransactionLine(from_id, to_id or "", UnitType.SHEA, vintage, quantity)
    try:
        if (before := uow.registry.registered(reference)) is not None:
            _answer_again(uow, before, purpose, (line,), reference)
            return
        if to_id is None:
            raise NotFound(f"no registry trading account {from_id}", field="trading_account_id")
        registry = uow.registry.load([from_id, to_id], [from_id], unit_type=UnitType.SHEA, vintage=vintage)
        tx = registry.transfer(reference, from_id, to_id, [line.unit_line()], uow.now(), purpose)
    except DomainError as exc:
        uow.publish(RegistryTransferRefused(purpose=purpose.value, reference=reference, reason=exc.detail,
                                            article=exc.article, refused_at=uow.now()),
                    subject_ref=f"registry-transfer:{reference}")
        return
    uow.registry.record(registry, [tx], reference=f"{purpose.value}:{reference}")
    publish_registered(uow, tx, registry.accounts, reference)


def _answer_again(uow: AllocationUnitOfWork, before: RegistryTransaction, purpose: TransferPurpose,
                  lines: Sequence[TransactionLine], reference: str) -> None:
    """The instruction was registered before: the same movement is answered again (nothing moves twice); another
    movement under the same id is refused."""
    if before.kind is not TransactionKind.TRANSFER or before.purpose is not purpose or before.lines != tuple(lines):
        raise RuleViolation(f"transaction {reference} is already registered for another movement", field="reference",
                          article="M-32")
    accounts = uow.registry.load([lines[0].from_account_id, lines[0].to_account_id]).accounts
    publish_registered(uow, before, accounts, reference)
