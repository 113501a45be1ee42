"""The exchange's instructions to the registry (M-32, M-26 ¶2, M-23): the withdrawal of allowances from a trading
account back to its holding account, and the delivery of trades between trading accounts. Each registered transfer
takes effect on registration and is published as `registry-transfer.registered`; an instruction the registry's rules
refuse is answered with `registry-transfer.refused` (a business answer the exchange waits for, not a dead letter).

An instruction is registered under its own id (the instruction id, the trade id): applied once per event (inbox), and
an instruction sent again under a new event is answered again without moving anything twice."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from allocation.domain import (
    RegistryTransaction, TransactionKind, TransactionLine, TransferPurpose, UnitLine, UnitType,
)
from allocation.service_layer.registry_transfers import publish_registered, reference_of
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.contracts.allocation import RegistryTransferRefused
from ets_shared.contracts.exchange import AllowanceWithdrawalRequested, TradeDeliveryInstructed
from ets_shared.envelope import MessageContext
from ets_shared.errors import DomainError, NotFound, PermanentEventError, RuleViolation

MAX_INSTRUCTION_ID = 100  # the length of a registry transaction id
INSTRUCTED: dict[TransferPurpose, Literal["exchange_withdrawal", "trade_delivery"]] = {
    TransferPurpose.EXCHANGE_WITHDRAWAL: "exchange_withdrawal", TransferPurpose.TRADE_DELIVERY: "trade_delivery"}


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
    accounts = store.accounts({i.from_account_id for i in instructions}  # with the buyers': one read for a trade
                              | {i.to_account_id for i in instructions if i.to_account_id is not None})
    targets = [i.to_account_id if i.to_account_id is not None
               else (accounts[i.from_account_id].linked_account_id if i.from_account_id in accounts else None)
               for i in instructions]
    if linked := {t for t in targets if t and t not in accounts}:  # the holding accounts withdrawals go back to
        accounts.update(store.accounts(linked))
    ids = {i.from_account_id for i in instructions} | {t for t in targets if t}
    registry = store.load(ids, ids, unit_type=UnitType.SHEA, accounts=accounts)
    txs: list[RegistryTransaction] = []
    for item, target in zip(instructions, targets, strict=True):
        uow.context = item.context
        try:
            if (before := registered.get(item.reference)) is not None:
                _same_movement(before, item.purpose, TransactionLine(
                    item.from_account_id, target or "", UnitType.SHEA, item.vintage, item.quantity), item.reference)
                publish_registered(uow, before, registry.accounts, item.reference)
                continue
            if target is None:
                raise NotFound(f"no registry trading account {item.from_account_id}", field="trading_account_id")
            tx = registry.transfer(item.reference, item.from_account_id, target,
                                   [UnitLine(UnitType.SHEA, item.vintage, item.quantity)], now, item.purpose)
        except DomainError as exc:
            uow.publish(RegistryTransferRefused(purpose=INSTRUCTED[item.purpose], reference=item.reference,
                                                reason=exc.detail, article=exc.article, refused_at=now),
                        subject_ref=f"registry-transfer:{item.reference}")
            continue
        registered[item.reference] = tx
        txs.append(tx)
        publish_registered(uow, tx, registry.accounts, item.reference)
    uow.context = acting
    store.record(registry, txs, [reference_of(tx) for tx in txs])


def _same_movement(before: RegistryTransaction, purpose: TransferPurpose, line: TransactionLine,
                   reference: str) -> None:
    """The instruction was registered before: the same movement is answered again (nothing moves twice); another
    movement under the same id is refused."""
    if before.kind is not TransactionKind.TRANSFER or before.purpose is not purpose or before.lines != (line,):
        raise RuleViolation(f"transaction {reference} is already registered for another movement", field="reference",
                            article="M-32")
