"""HTTP API of trading accounts and funds (M-22, M-26): clients of comprehensive members, balances, the bank's
deposits and withdrawals, allowances back to the registry, and each participant's own records (orders, trades,
statement, paged by date range). Nobody sees another participant's records."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden
from ets_shared.http.dependencies import Caller, ReadSession, require
from exchange.entrypoints.dependencies import AccountId, RecordId, Uow
from exchange.adapters import records
from exchange.adapters.ledger import FEE_ACCOUNT, RISK_RESERVE_ACCOUNT
from exchange.adapters.trading_store import TradingStore
from exchange.domain.policy import to_yuan
from exchange.entrypoints.schemas import (
    AllowancePosition, BalancesPublic, CashMovementPublic, InstructionPublic, OrderPublic,
    StatementLine, TradePublic, TradingAccountPublic,
)
from exchange.service_layer import accounts, commands, funds

router = APIRouter(tags=["trading accounts and funds"])
Bank = Annotated[Principal, Depends(require(Role.SETTLEMENT_BANK))]
Member = Annotated[Principal, Depends(require(Role.MEMBER))]
OVERSEERS = (Role.EXCHANGE_OPERATOR, Role.AUTHORITY)


def page(start: Annotated[datetime | None, Query(description="from (inclusive)")] = None,
         end: Annotated[datetime | None, Query(description="to (exclusive)")] = None,
         offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
         limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> records.Page:
    return records.Page(start, end, offset, limit)


Paged = Annotated[records.Page, Depends(page)]


def visible_account(session: ReadSession, caller: Caller, trading_account_id: AccountId) -> str:
    """Its member, the participant itself, the operator and the authority see an account; nobody else."""
    account = TradingStore(session).account(trading_account_id)
    if caller.has(*OVERSEERS) or (caller.has(Role.MEMBER) and (caller.owns(account.member_id)
                                                               or caller.owns(account.participant_id))):
        return trading_account_id
    raise Forbidden("a participant sees only its own trading records", field="trading_account_id")


Visible = Annotated[str, Depends(visible_account)]


@router.post("/members/{member_id}/clients", response_model=TradingAccountPublic, status_code=201,
             summary="A comprehensive member opens a client's trading account (M-22)")
def open_client(member_id: RecordId, cmd: commands.OpenClientAccount, caller: Member, uow: Uow) -> TradingAccountPublic:
    if not caller.owns(member_id):
        raise Forbidden("only the member itself opens its clients' accounts", field="member_id", article="M-22")
    return accounts.open_client_account(member_id, cmd, uow)


@router.get("/members/{member_id}/trading-accounts", response_model=list[TradingAccountPublic],
            summary="A member's trading accounts: its own and its clients'")
def member_accounts(member_id: RecordId, caller: Caller, session: ReadSession) -> list[TradingAccountPublic]:
    if not (caller.has(*OVERSEERS) or (caller.has(Role.MEMBER) and caller.owns(member_id))):
        raise Forbidden("a member sees only its own accounts", field="member_id")
    return [TradingAccountPublic.of(a) for a in TradingStore(session).accounts_of_member(member_id)]


@router.get("/trading-accounts/{trading_account_id}/balances", response_model=BalancesPublic,
            summary="Cash and allowances, available and reserved")
def balances(trading_account_id: Visible, session: ReadSession) -> BalancesPublic:
    cash, units = records.balances(session, trading_account_id)
    return BalancesPublic(trading_account_id=trading_account_id,
                          cash_available=to_yuan(cash.available_cents if cash else 0),
                          cash_reserved=to_yuan(cash.reserved_cents if cash else 0),
                          allowances=[AllowancePosition(vintage=u.vintage, available=u.available,
                                                        reserved=u.reserved) for u in units])


@router.get("/exchange-accounts", response_model=list[BalancesPublic],
            summary="The exchange's fee account and risk reserve fund (M-27, M-28(4))")
def exchange_accounts(_: Annotated[Principal, Depends(require(*OVERSEERS))],
                      session: ReadSession) -> list[BalancesPublic]:
    result = []
    for account_id in (FEE_ACCOUNT, RISK_RESERVE_ACCOUNT):
        cash, _units = records.balances(session, account_id)
        result.append(BalancesPublic(trading_account_id=account_id,
                                     cash_available=to_yuan(cash.available_cents if cash else 0),
                                     cash_reserved=to_yuan(0), allowances=[]))
    return result


@router.get("/trading-accounts/{trading_account_id}/orders", response_model=list[OrderPublic],
            summary="The account's orders")
def account_orders(trading_account_id: Visible, session: ReadSession, paged: Paged) -> list[OrderPublic]:
    return [OrderPublic.of(o) for o in records.orders(session, trading_account_id, paged)]


@router.get("/trading-accounts/{trading_account_id}/trades", response_model=list[TradePublic],
            summary="The account's trades, bought or sold")
def account_trades(trading_account_id: Visible, session: ReadSession, paged: Paged) -> list[TradePublic]:
    return [TradePublic.of(t) for t in records.trades(session, trading_account_id, paged)]


@router.get("/trading-accounts/{trading_account_id}/statement", response_model=list[StatementLine],
            summary="Every settled movement of cash and allowances")
def account_statement(trading_account_id: Visible, session: ReadSession, paged: Paged) -> list[StatementLine]:
    return [StatementLine(at=e.at, kind=e.kind, reference=e.reference, cash=to_yuan(e.cash_cents),
                          vintage=e.vintage, quantity=e.quantity)
            for e in records.statement(session, trading_account_id, paged)]


@router.get("/trading-accounts/{trading_account_id}/cash-movements", response_model=list[CashMovementPublic],
            summary="Deposits and withdrawals")
def account_cash(trading_account_id: Visible, session: ReadSession, paged: Paged) -> list[CashMovementPublic]:
    return [CashMovementPublic.of(m) for m in records.cash_movements(session, trading_account_id, paged)]


@router.post("/cash/deposits", response_model=CashMovementPublic, status_code=201,
             summary="The settlement bank confirms a deposit (M-26)")
def deposit(cmd: commands.ConfirmDeposit, _: Bank, uow: Uow) -> CashMovementPublic:
    return funds.confirm_deposit(cmd, uow)


@router.post("/trading-accounts/{trading_account_id}/cash-withdrawals", response_model=CashMovementPublic,
             status_code=201, summary="The member asks the bank to pay funds out (reserved at once)")
def withdraw_cash(trading_account_id: AccountId, cmd: commands.RequestCashWithdrawal, caller: Member,
                  uow: Uow) -> CashMovementPublic:
    return funds.request_cash_withdrawal(caller.party, trading_account_id, cmd, uow)


@router.post("/cash/withdrawals/{movement_id}/decision", response_model=CashMovementPublic,
             summary="The settlement bank pays or rejects a withdrawal (M-26)")
def decide_withdrawal(movement_id: RecordId, cmd: commands.DecideCashWithdrawal, _: Bank,
                      uow: Uow) -> CashMovementPublic:
    return funds.decide_cash_withdrawal(movement_id, cmd, uow)


@router.post("/trading-accounts/{trading_account_id}/allowance-withdrawals", response_model=InstructionPublic,
             status_code=201, summary="Allowances back to the holder's registry holding account (M-26, M-32)")
def withdraw_allowances(trading_account_id: AccountId, cmd: commands.RequestAllowanceWithdrawal, caller: Member,
                        uow: Uow) -> InstructionPublic:
    return funds.request_allowance_withdrawal(caller.party, trading_account_id, cmd, uow)


@router.get("/trading-accounts/{trading_account_id}/allowance-withdrawals", response_model=list[InstructionPublic],
            summary="The account's allowance withdrawals and their outcome")
def account_instructions(trading_account_id: Visible, session: ReadSession, paged: Paged) -> list[InstructionPublic]:
    return [InstructionPublic.of(r) for r in records.instructions(session, trading_account_id, paged)]
