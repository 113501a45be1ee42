"""HTTP API of registry accounts and transfers (M-32, M-23, M-26 ¶2): a holder commits allowances to trading and
sees its accounts, their holdings and statements; the authority and the exchange see the trading accounts'
balances. (The exchange's instructions arrive as events: `service_layer.registry_transfers`.)"""
from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from sqlalchemy.orm import Session

from allocation.adapters.orm import AccountRow
from allocation.adapters.registry_store import RegistryStore
from allocation.adapters.trading_accounts import TradingAccountRepository
from allocation.entrypoints.schemas import TransactionPublic
from allocation.entrypoints.schemas_registry import (
    AUDITORS, AccountPublic, TradingAccountPublic, may_see_account,
)
from allocation.domain import RegistryTransaction
from allocation.service_layer import commands, handlers
from allocation.service_layer.registry_transfers import TransferRequest
from ets_shared.auth import Principal, Role
from ets_shared.envelope import MessageContext
from ets_shared.errors import DomainError, Forbidden, NotFound
from ets_shared.ids import ordered_uuid
from ets_shared.http.bulk import BulkResult, ItemResult, item_problem
from ets_shared.http.dependencies import Caller, ReadSession, context_for, require
from allocation.entrypoints.dependencies import Uow

router = APIRouter(tags=["registry accounts and transfers"])
Offset = Annotated[int, Query(ge=0, le=10**9)]
Limit = Annotated[int, Query(ge=1, le=1000)]
AccountId = Annotated[str, Path(min_length=1, max_length=80)]


@router.post("/registry/transfers", response_model=TransactionPublic, status_code=201,
             summary="A holder commits allowances (SHEA) from its holding account to its own exchange trading account "
                     "(exchange_deposit, M-26 ¶2); effective on registration (M-32). Never out of a trading account "
                     "(only the exchange's instructions debit one) and never to another holder (M-23)")
async def request_transfer(cmd: commands.RequestTransfer, request: Request, caller: Caller) -> TransactionPublic:
    """Submitted to the registry's group commit (`registry_transfers.transfer_group_commit`): concurrent callers'
    transfers are registered together in one transaction; answered once it has committed."""
    holder_id, member_id = _holder(caller)
    # its Idempotency-Key claim travels with it: GroupCommit.submit takes the request's
    submitted = TransferRequest(cmd, holder_id, member_id, context_for(request, caller))
    return _registered(await asyncio.wrap_future(request.app.state.runtime.transfers.submit(submitted)))


@router.post("/registry/transfers/batch", response_model=BulkResult[TransactionPublic],
             summary="A holder's transfers in bulk (1 to 1,000, each as `POST /registry/transfers` would judge it, "
                     "on the registry as the ones before it left it): registered together in one transaction, "
                     "set-based; 200 with one result per transfer in request order — 201 and the registered "
                     "transaction, or the refusal's problem+json with its field prefixed (`transfers[3].lines[0]"
                     ".quantity`)")
def request_transfers(body: commands.RequestTransfers, request: Request, caller: Caller, uow: Uow
                      ) -> BulkResult[TransactionPublic]:
    holder_id, member_id = _holder(caller)
    contexts = [MessageContext(correlation_id=t.correlation_id or str(ordered_uuid()),
                               causation_id=request.state.correlation_id, actor=caller.actor) for t in body.transfers]
    outcomes = handlers.request_transfers(body.transfers, holder_id, member_id, uow, contexts)
    results: list[ItemResult[TransactionPublic]] = [
        ItemResult(index=n, status=o.status, problem=item_problem(o, "transfers", n)) if isinstance(o, DomainError)
        else ItemResult(index=n, status=201, result=_registered(o)) for n, o in enumerate(outcomes)]
    accepted = sum(1 for r in results if r.status < 300)
    return BulkResult(accepted=accepted, refused=len(results) - accepted, results=results)


def _holder(caller: Principal) -> tuple[str, str | None]:
    """The caller's party, and the same as a member's: only holders move units (M-32)."""
    if not caller.has(Role.ENTITY, Role.MEMBER) or not caller.party_id:
        raise Forbidden("only a holder (a covered entity, an exchange member for itself or its clients) moves its "
                        "units; the authority registers issuance, surrender and succession, not holders' transfers",
                        article="M-32")
    return caller.party_id, caller.party_id if caller.has(Role.MEMBER) else None


def _registered(tx: RegistryTransaction) -> TransactionPublic:
    return TransactionPublic.registered(tx, f"{tx.purpose.value}:{tx.transaction_id}" if tx.purpose else None)


def _account(session: Session, caller: Principal, account_id: str) -> AccountRow:
    row = session.get(AccountRow, account_id)
    if row is None:
        raise NotFound(f"no registry account {account_id}", field="account_id")
    may_see_account(caller, row, TradingAccountRepository(session))
    return row


def _public(session: Session, row: AccountRow) -> AccountPublic:
    return AccountPublic.of(row, RegistryStore(session).holdings(row.account_id),
                            TradingAccountRepository(session).find(row.account_id))


@router.get("/registry/accounts", response_model=list[AccountPublic],
            summary="The caller's own registry accounts with their holdings: a holder's holding and trading "
                    "accounts, a member's also those of the clients it acts for (M-22, M-32)")
def my_accounts(session: ReadSession, caller: Annotated[Principal, Depends(require(Role.ENTITY, Role.MEMBER))],
                offset: Offset = 0, limit: Annotated[int, Query(ge=1, le=100)] = 100) -> list[AccountPublic]:
    rows = TradingAccountRepository(session).visible_to(caller.party_id or "", caller.has(Role.MEMBER), offset, limit)
    return [_public(session, row) for row in rows]


@router.get("/registry/accounts/{account_id}", response_model=AccountPublic,
            summary="One registry account with its holdings by unit type and vintage (M-32)")
def account(account_id: AccountId, session: ReadSession, caller: Caller) -> AccountPublic:
    return _public(session, _account(session, caller, account_id))


@router.get("/registry/accounts/{account_id}/transactions", response_model=list[TransactionPublic],
            summary="The account's statement: its registered transactions in registration order, transfers with "
                    "their purpose (M-32)")
def statement(account_id: AccountId, session: ReadSession, caller: Caller, offset: Offset = 0,
              limit: Limit = 100) -> list[TransactionPublic]:
    _account(session, caller, account_id)
    return [TransactionPublic.of(tx, lines)
            for tx, lines in RegistryStore(session).transactions(account_id, offset, limit)]


@router.get("/registry/trading-accounts", response_model=list[TradingAccountPublic],
            summary="Exchange trading accounts with the allowances each holds in the registry, by vintage: the "
                    "registry's side of the exchange's custody reconciliation (M-26 ¶2, M-32)")
def trading_accounts(session: ReadSession, _: Annotated[Principal, Depends(require(*AUDITORS))],
                     offset: Offset = 0, limit: Limit = 100) -> list[TradingAccountPublic]:
    repository = TradingAccountRepository(session)
    page = repository.page(offset, limit)
    by_account: dict[str, list[tuple[int, int]]] = {}
    for account_id, _unit_type, vintage, quantity in repository.balances([row.trading_account_id for row, _h in page]):
        by_account.setdefault(account_id, []).append((vintage, quantity))
    return [TradingAccountPublic.with_balances(row, holder, by_account.get(row.trading_account_id, []))
            for row, holder in page]
