"""HTTP API of registry accounts and transfers (M-32, M-23, M-26 ¶2): a holder commits allowances to trading and
sees its accounts, their holdings and statements; the authority and the exchange see the trading accounts'
balances. (The exchange's instructions arrive as events: `service_layer.registry_transfers`.)"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from sqlalchemy.orm import Session

from allocation.adapters.orm import AccountRow
from allocation.adapters.registry_store import RegistryStore
from allocation.adapters.trading_accounts import TradingAccountRepository
from allocation.entrypoints.schemas import TransactionPublic
from allocation.entrypoints.schemas_registry import (
    AUDITORS, AccountPublic, TradingAccountPublic, may_see_account,
)
from allocation.service_layer import commands, handlers
from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden, NotFound
from ets_shared.http.dependencies import Caller, ReadSession, require
from allocation.entrypoints.dependencies import Uow

router = APIRouter(tags=["registry accounts and transfers"])
Offset = Annotated[int, Query(ge=0, le=10**9)]
Limit = Annotated[int, Query(ge=1, le=1000)]
AccountId = Annotated[str, Path(min_length=1, max_length=80)]


@router.post("/registry/transfers", response_model=TransactionPublic, status_code=201,
             summary="A holder commits allowances (SHEA) from its holding account to its own exchange trading account "
                     "(exchange_deposit, M-26 ¶2); effective on registration (M-32). Never out of a trading account "
                     "(only the exchange's instructions debit one) and never to another holder (M-23)")
def request_transfer(cmd: commands.RequestTransfer, caller: Caller, uow: Uow) -> TransactionPublic:
    if not caller.has(Role.ENTITY, Role.MEMBER) or not caller.party_id:
        raise Forbidden("only a holder (a covered entity, an exchange member for itself or its clients) moves its "
                        "units; the authority registers issuance, surrender and succession, not holders' transfers",
                        article="M-32")
    member_id = caller.party_id if caller.has(Role.MEMBER) else None
    tx = handlers.request_transfer(cmd, caller.party_id, member_id, uow)
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
    for account_id, _, vintage, quantity in repository.balances([row.trading_account_id for row, _ in page]):
        by_account.setdefault(account_id, []).append((vintage, quantity))
    return [TradingAccountPublic.with_balances(row, holder, by_account.get(row.trading_account_id, []))
            for row, holder in page]
