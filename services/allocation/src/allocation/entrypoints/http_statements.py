"""HTTP API of statements (M-32): any account's holdings as of any past instant, with the transactions behind them,
paged; a holder sees only its own accounts, the authority and the enforcement office every account."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import AwareDatetime, BaseModel

from allocation.adapters.orm import AccountRow
from allocation.adapters.statements import Statements
from allocation.adapters.trading_accounts import TradingAccountRepository
from allocation.entrypoints.public import HoldingPublic, TransactionPublic
from allocation.entrypoints.public_registry import may_see_account
from ets_shared.errors import NotFound
from ets_shared.http.dependencies import Caller, ReadSession

router = APIRouter(tags=["registry accounts and transfers"])


class StatementPublic(BaseModel):
    account_id: str
    as_of: datetime
    holdings: list[HoldingPublic]  # at `as_of`: every transaction registered at or before it, none after
    transactions_total: int  # up to `as_of`
    offset: int
    transactions: list[TransactionPublic]  # this page, in registration order


@router.get("/registry/accounts/{account_id}/statement", response_model=StatementPublic,
            summary="The account's holdings as of any past date and time and the transactions behind them, paged "
                    "(M-32: effective on registration); a holder sees only its own accounts")
def statement_as_of(account_id: Annotated[str, Path(min_length=1, max_length=80)], session: ReadSession,
                    caller: Caller, as_of: AwareDatetime, offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
                    limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> StatementPublic:
    row = session.get(AccountRow, account_id)
    if row is None:
        raise NotFound(f"no registry account {account_id}", field="account_id")
    may_see_account(caller, row, TradingAccountRepository(session))
    statements = Statements(session)
    total, page = statements.transactions(account_id, as_of, offset, limit)
    return StatementPublic(account_id=account_id, as_of=as_of,
                           holdings=[HoldingPublic(unit_type=u, vintage=v, quantity=q)
                                     for u, v, q in statements.holdings(account_id, as_of)],
                           transactions_total=total, offset=offset,
                           transactions=[TransactionPublic.of(tx, lines) for tx, lines in page])
