"""Registry transfers (M-32, M-26 ¶2, M-23; domain rules in `domain.transfers`): a holder commits allowances to
trading (a deposit into its own trading account), and the exchange instructs withdrawals back to the holding account
and the delivery of trades between trading accounts. Each registered transfer takes effect on registration and is
published as `registry-transfer.registered`; an instruction the registry's rules refuse is answered with
`registry-transfer.refused` (a business answer the exchange waits for, not a dead letter).

An instruction is registered under its own id (the instruction id, the trade id): applied once per event (inbox), and
an instruction sent again under a new event is answered again without moving anything twice."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from allocation.domain import (
    TRADING_KINDS, Account, Registry, RegistryTransaction, TransactionKind, TransactionLine, TransferPurpose, UnitLine,
    UnitType, holder_request,
)
from allocation.service_layer import commands
from allocation.service_layer.registration import new_transaction_id
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.contracts.allocation import RegistryTransferRefused, RegistryTransferRegistered, TransferLine
from ets_shared.contracts.exchange import AllowanceWithdrawalRequested, TradeDeliveryInstructed
from ets_shared.envelope import MessageContext
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
    (result,) = request_transfers([cmd], holder_id, member_id, uow)
    if isinstance(result, DomainError):
        raise result
    return result


def request_transfers(cmds: Sequence[commands.RequestTransfer], holder_id: str, member_id: str | None,
                      uow: AllocationUnitOfWork, contexts: Sequence[MessageContext] | None = None
                      ) -> list[RegistryTransaction | DomainError]:
    """A holder's transfers (`request_transfer`'s rules, each judged on the registry as the ones before it left it),
    registered set-based in one transaction: every account and holding read once, the chain computed in memory,
    one INSERT per table. Each transfer is registered or refused alone (its error in its place); `contexts`: each
    transfer's events' context (its own correlation id), the unit of work's by default."""
    with uow:
        ids = {i for cmd in cmds for i in (cmd.from_account_id, cmd.to_account_id)}
        registry = uow.registry.load(ids, ids)
        now, acting = uow.now(), uow.context
        results: list[RegistryTransaction | DomainError] = []
        registered: list[RegistryTransaction] = []
        for n, cmd in enumerate(cmds):
            try:
                sender = _known(registry, cmd.from_account_id, "from_account_id")
                receiver = _known(registry, cmd.to_account_id, "to_account_id")
                _may_dispose(uow, sender, receiver, holder_id, member_id)
                purpose = holder_request(sender, receiver)
                prefix = "DEP" if purpose is TransferPurpose.EXCHANGE_DEPOSIT else "TRF"
                lines = [UnitLine(UnitType(ln.unit_type), ln.vintage, ln.quantity) for ln in cmd.lines]
                tx = registry.transfer(new_transaction_id(prefix), sender.account_id, receiver.account_id, lines, now,
                                       purpose)
            except DomainError as exc:
                results.append(exc)
                continue
            uow.context = contexts[n] if contexts else acting
            publish_registered(uow, tx, registry.accounts, None)
            results.append(tx)
            registered.append(tx)
        uow.context = acting
        uow.registry.record(registry, registered, [_reference(tx) for tx in registered])
        uow.commit()
    return results


def _reference(tx: RegistryTransaction) -> str:
    return f"{(tx.purpose or TransferPurpose.HOLDER_TRANSFER).value}:{tx.transaction_id}"


@dataclass(frozen=True)
class Instruction:
    """One of the exchange's instructions, queued for registration at the commit of the transaction that consumed
    it (`register_instructions`); `to_account_id` None: a withdrawal, to the trading account's linked account."""

    purpose: TransferPurpose
    reference: str
    from_account_id: str
    to_account_id: str | None
    vintage: int
    quantity: int
    context: MessageContext


def on_withdrawal_requested(event: AllowanceWithdrawalRequested, uow: AllocationUnitOfWork) -> None:
    """The exchange takes allowances out of trading: from the trading account back to its own holding account,
    registered under the instruction id (M-26 ¶2, M-32); refused (answered) when the account is unknown or short."""
    _instructed(uow, TransferPurpose.EXCHANGE_WITHDRAWAL, event.instruction_id, event.trading_account_id, None,
                event.vintage, event.quantity)


def on_delivery_instructed(event: TradeDeliveryInstructed, uow: AllocationUnitOfWork) -> None:
    """The allowance leg of a trade: seller's trading account to the buyer's, registered under the trade id (M-26 ¶2,
    M-32); refused (answered) when an account is unknown or the seller is short — the exchange fails the trade."""
    _instructed(uow, TransferPurpose.TRADE_DELIVERY, event.trade_id, event.seller_trading_account_id,
                event.buyer_trading_account_id, event.vintage, event.quantity)


def _instructed(uow: AllocationUnitOfWork, purpose: TransferPurpose, reference: str, from_id: str, to_id: str | None,
                vintage: int, quantity: int) -> None:
    """A malformed instruction is refused at once (dead-lettered); a well-formed one waits for the commit of the
    consumed batch, which registers all of them together, in order."""
    if not reference.strip() or len(reference) > MAX_INSTRUCTION_ID:
        raise PermanentEventError(f"an instruction id has 1 to {MAX_INSTRUCTION_ID} characters", field="reference")
    uow.defer(register_instructions, Instruction(purpose, reference, from_id, to_id, vintage, quantity, uow.context))


def register_instructions(instructions: list[Instruction], uow: AllocationUnitOfWork) -> None:
    """Register a consumed batch of the exchange's instructions, in order, set-based: the ids already registered,
    the accounts and the holdings read once for the whole batch, each instruction judged on the registry as the
    ones before it left it (registered, answered again, or refused), then the chained transactions, their lines,
    holdings and serial blocks written together. Each answer carries its instruction's context."""
    store, acting, now = uow.registry, uow.context, uow.now()
    registered = store.registered_among(i.reference for i in instructions)
    linked = store.accounts({i.from_account_id for i in instructions})
    targets = [i.to_account_id if i.to_account_id is not None
               else (linked[i.from_account_id].linked_account_id if i.from_account_id in linked else None)
               for i in instructions]
    ids = {i.from_account_id for i in instructions} | {t for t in targets if t}
    registry = store.load(ids, ids, unit_type=UnitType.SHEA)
    txs: list[RegistryTransaction] = []
    for item, target in zip(instructions, targets, strict=True):
        uow.context = item.context
        line = TransactionLine(item.from_account_id, target or "", UnitType.SHEA, item.vintage, item.quantity)
        try:
            if (before := registered.get(item.reference)) is not None:
                _same_movement(before, item.purpose, line, item.reference)
                publish_registered(uow, before, registry.accounts, item.reference)
                continue
            if target is None:
                raise NotFound(f"no registry trading account {item.from_account_id}", field="trading_account_id")
            tx = registry.transfer(item.reference, item.from_account_id, target, [line.unit_line()], now,
                                   item.purpose)
        except DomainError as exc:
            uow.publish(RegistryTransferRefused(purpose=item.purpose.value, reference=item.reference,
                                                reason=exc.detail, article=exc.article, refused_at=now),
                        subject_ref=f"registry-transfer:{item.reference}")
            continue
        registered[item.reference] = tx
        txs.append(tx)
        publish_registered(uow, tx, registry.accounts, item.reference)
    uow.context = acting
    store.record(registry, txs, [_reference(tx) for tx in txs])


def _same_movement(before: RegistryTransaction, purpose: TransferPurpose, line: TransactionLine,
                   reference: str) -> None:
    """The instruction was registered before: the same movement is answered again (nothing moves twice); another
    movement under the same id is refused."""
    if before.kind is not TransactionKind.TRANSFER or before.purpose is not purpose or before.lines != (line,):
        raise RuleViolation(f"transaction {reference} is already registered for another movement", field="reference",
                            article="M-32")
