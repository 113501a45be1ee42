"""Holders' registry transfers (M-32, M-26 ¶2, M-23; domain rules in `domain.transfers`): a holder commits allowances
to trading (a deposit into its own trading account) or moves them between its own holding accounts. Each registered
transfer takes effect on registration and is published as `registry-transfer.registered`. (The exchange's
instructions — withdrawals, trade deliveries — are `exchange_instructions`.)

Three ways in, one judgement (`register_requests`): a bulk request (`request_transfers`, one caller, 1 to 1,000
transfers), a lone transfer in a transaction of its own (`request_transfer`), and the single transfers of many
concurrent callers, which the registry's group commit (`transfer_group_commit`, what `POST /registry/transfers`
submits to) registers together in one transaction. However they arrive, transfers are judged one after the other on
the registry as the ones before them left it, set-based (every account and holding read once, the chain computed in
memory, one INSERT per table), and each is registered or refused alone."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from allocation.domain import (
    TRADING_KINDS, Account, Registry, RegistryTransaction, TransferPurpose, UnitLine, UnitType, holder_request,
)
from allocation.service_layer import commands
from allocation.service_layer.registration import new_transaction_id
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.contracts.allocation import RegistryTransferRegistered, TransferLine
from ets_shared.envelope import MessageContext
from ets_shared.errors import DomainError, Forbidden, NotFound
from ets_shared.group_commit import GroupCommit
from ets_shared.persistence.claims import Claim, ClaimTakenOver, stamp

MAX_GROUP = 1000  # transfers per group-committed transaction (as many as a bulk request)


@dataclass(frozen=True)
class TransferRequest:
    """One holder's transfer as its caller asked it: `holder_id` the caller's party, `member_id` the same when the
    caller is an exchange member, `context` its request's (its events' correlation id), `claim` its request's
    `Idempotency-Key` claim (stamped in the transaction that registers it, so a retry never applies it twice)."""

    cmd: commands.RequestTransfer
    holder_id: str
    member_id: str | None
    context: MessageContext
    claim: Claim | None = None


def publish_registered(uow: AllocationUnitOfWork, tx: RegistryTransaction, accounts: dict[str, Account],
                       reference: str | None) -> None:
    first = tx.lines[0]
    sender, receiver = accounts[first.from_account_id], accounts[first.to_account_id]
    uow.publish(RegistryTransferRegistered(
        transaction_id=tx.transaction_id, purpose=(tx.purpose or TransferPurpose.HOLDER_TRANSFER).value,
        reference=reference, from_account_id=sender.account_id, from_holder_id=sender.holder_id or "",
        to_account_id=receiver.account_id, to_holder_id=receiver.holder_id or "",
        lines=[_transfer_line(ln.unit_type.value, ln.vintage, ln.quantity) for ln in tx.lines],
        registered_at=tx.registered_at), subject_ref=f"registry-transfer:{tx.transaction_id}")


@lru_cache(maxsize=4096)
def _transfer_line(unit_type: Literal["SHEA", "CCER"], vintage: int, quantity: int) -> TransferLine:
    """An event's line, validated once per (unit type, vintage, quantity) and shared (the model is frozen, and a
    model instance in an event's lines is not validated again): a trade's delivery built and validated one per
    event."""
    return TransferLine(unit_type=unit_type, vintage=vintage, quantity=quantity)


def reference_of(tx: RegistryTransaction) -> str:
    return f"{(tx.purpose or TransferPurpose.HOLDER_TRANSFER).value}:{tx.transaction_id}"


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
    """A holder's own transfer in a transaction of its own (`holder_id`: the caller's party; `member_id`: the same,
    when the caller is an exchange member): a deposit into its trading account, or between its own holding accounts
    — never out of a trading account (M-26 ¶2), never to another holder (M-23)."""
    (result,) = request_transfers([cmd], holder_id, member_id, uow)
    if isinstance(result, DomainError):
        raise result
    return result


def request_transfers(cmds: Sequence[commands.RequestTransfer], holder_id: str, member_id: str | None,
                      uow: AllocationUnitOfWork, contexts: Sequence[MessageContext] | None = None
                      ) -> list[RegistryTransaction | DomainError]:
    """One caller's transfers (`request_transfer`'s rules), registered together in one transaction; each is
    registered or refused alone (its error in its place). `contexts`: each transfer's events' context (its own
    correlation id), the unit of work's by default."""
    return register_requests([TransferRequest(cmd, holder_id, member_id, contexts[n] if contexts else uow.context)
                              for n, cmd in enumerate(cmds)], uow)


def register_requests(requests: Sequence[TransferRequest], uow: AllocationUnitOfWork
                      ) -> list[RegistryTransaction | DomainError]:
    """Register holders' transfers, each as its caller asked it, in one transaction, set-based: the accounts and
    holdings of all of them read once, each judged on the registry as the ones before it left it, then the chained
    transactions, lines, holdings, serial blocks, events and audit rows written together. The claim of each
    registered request is stamped in that transaction; a claim a retry took over refuses its request alone
    (`ClaimTakenOver`) and the others are judged again without it (nothing of it was committed)."""
    taken: set[int] = set()
    while True:
        with uow:
            registry, results = _judge(requests, uow, taken)
            lost = {n for n, (request, result) in enumerate(zip(requests, results, strict=True))
                    if request.claim is not None and isinstance(result, RegistryTransaction)
                    and not stamp(uow.session, request.claim)}
            if not lost:
                registered = [r for r in results if isinstance(r, RegistryTransaction)]
                uow.registry.record(registry, registered, [reference_of(tx) for tx in registered])
                uow.commit()
                return results
        taken |= lost  # left without committing: judged again without the requests whose claims were taken over


def _judge(requests: Sequence[TransferRequest], uow: AllocationUnitOfWork, taken: set[int]
           ) -> tuple[Registry, list[RegistryTransaction | DomainError]]:
    ids = {i for r in requests for i in (r.cmd.from_account_id, r.cmd.to_account_id)}
    registry = uow.registry.load(ids, ids)
    now, acting = uow.now(), uow.context
    results: list[RegistryTransaction | DomainError] = []
    for n, request in enumerate(requests):
        cmd = request.cmd
        try:
            if n in taken:
                raise ClaimTakenOver()
            sender = _known(registry, cmd.from_account_id, "from_account_id")
            receiver = _known(registry, cmd.to_account_id, "to_account_id")
            _may_dispose(uow, sender, receiver, request.holder_id, request.member_id)
            purpose = holder_request(sender, receiver)
            prefix = "DEP" if purpose is TransferPurpose.EXCHANGE_DEPOSIT else "TRF"
            lines = [UnitLine(UnitType(ln.unit_type), ln.vintage, ln.quantity) for ln in cmd.lines]
            tx = registry.transfer(new_transaction_id(prefix), sender.account_id, receiver.account_id, lines, now,
                                   purpose)
        except DomainError as exc:
            results.append(exc)
            continue
        uow.context = request.context
        publish_registered(uow, tx, registry.accounts, None)
        results.append(tx)
    uow.context = acting
    return registry, results


def transfer_group_commit(new_uow: Callable[[], AllocationUnitOfWork], max_batch: int = MAX_GROUP
                          ) -> GroupCommit[TransferRequest, RegistryTransaction]:
    """The registry's group commit of single transfers: concurrent callers' transfers, whatever is waiting (up to
    `max_batch`), registered by `register_requests` in one transaction; each caller is answered after the commit
    (its transaction, or its own refusal). A batch that fails as a whole is run again transfer by transfer."""
    return GroupCommit(lambda claimed: register_requests([replace(request, claim=claim) for request, claim in claimed],
                                                        new_uow()), name="registry-transfers", max_batch=max_batch)
