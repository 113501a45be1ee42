"""HTTP API of statements (M-32): any account's holdings and serial blocks as of any past instant, with the
transactions behind them, paged; a holder sees only its own accounts, the authority and the enforcement office every
account; any serial number looked up for its whole history (supervisors)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from pydantic import AwareDatetime

from allocation.adapters.orm import AccountRow
from allocation.adapters.serials import SerialBlocks
from allocation.adapters.statements import Statements
from allocation.adapters.trading_accounts import TradingAccountRepository
from allocation.entrypoints.schemas import SUPERVISORS, HoldingPublic, TransactionPublic
from allocation.entrypoints.schemas_registry import may_see_account
from allocation.domain.serials import Block, label
from ets_shared.auth import Principal
from ets_shared.errors import NotFound
from ets_shared.http.dependencies import Caller, ReadSession, require
from allocation.entrypoints.schemas_statements import BlockPublic, SerialMovementPublic, SerialPublic, StatementPublic

router = APIRouter(tags=["registry accounts and transfers"])
AccountId = Annotated[str, Path(min_length=1, max_length=80)]
Offset = Annotated[int, Query(ge=0, le=10**9)]
Limit = Annotated[int, Query(ge=1, le=1000)]


def _visible(session, caller, account_id: str) -> None:
    row = session.get(AccountRow, account_id)
    if row is None:
        raise NotFound(f"no registry account {account_id}", field="account_id")
    may_see_account(caller, row, TradingAccountRepository(session))


@router.get("/registry/accounts/{account_id}/statement", response_model=StatementPublic,
            summary="The account's holdings as of any past date and time and the transactions behind them, paged "
                    "(M-32: effective on registration); a holder sees only its own accounts")
def statement_as_of(account_id: AccountId, session: ReadSession, caller: Caller, as_of: AwareDatetime,
                    offset: Offset = 0, limit: Limit = 100) -> StatementPublic:
    _visible(session, caller, account_id)
    statements = Statements(session)
    total, page = statements.transactions(account_id, as_of, offset, limit)
    return StatementPublic(account_id=account_id, as_of=as_of,
                           holdings=[HoldingPublic(unit_type=u, vintage=v, quantity=q)
                                     for u, v, q in statements.holdings(account_id, as_of)],
                           blocks=[BlockPublic.of(b) for b in SerialBlocks(session).as_of(account_id, as_of)],
                           transactions_total=total, offset=offset,
                           transactions=[TransactionPublic.of(tx, lines) for tx, lines in page])


@router.get("/registry/accounts/{account_id}/blocks", response_model=list[BlockPublic],
            summary="The serial blocks the account holds now (unit type, vintage, lot, issuer, first-last)")
def blocks(account_id: AccountId, session: ReadSession, caller: Caller, offset: Offset = 0,
           limit: Limit = 1000) -> list[BlockPublic]:
    _visible(session, caller, account_id)
    return [BlockPublic.of(row) for row in SerialBlocks(session).of_account(account_id, offset, limit)]


@router.get("/registry/serials/{unit_type}/{vintage}/{serial}", response_model=SerialPublic,
            summary="A serial number's whole history: issued, moved, surrendered or cancelled, recalled (M-32)")
def serial(unit_type: Annotated[str, Path(pattern="^(SHEA|CCER)$")], vintage: Annotated[int, Path(ge=2000, le=2100)],
           serial: Annotated[int, Path(ge=1, le=10**15)], session: ReadSession,
           _: Annotated[Principal, Depends(require(*SUPERVISORS))]) -> SerialPublic:
    store = SerialBlocks(session)
    history = store.history(unit_type, vintage, serial)
    if not history:
        raise NotFound(f"serial {label(unit_type, vintage, serial)} was never issued", field="serial")
    holder = store.holder(unit_type, vintage, serial)
    return SerialPublic(serial=label(unit_type, vintage, serial), held_by=holder.account_id if holder else None,
                        history=[SerialMovementPublic(
                            transaction_id=m.transaction_id, kind=kind, registered_at=at, reference=reference,
                            from_account_id=m.from_account_id, to_account_id=m.to_account_id,
                            block=BlockPublic.of(Block(m.unit_type, m.vintage, m.lot, m.issuer, m.first_serial,
                                                       m.last_serial))) for m, (kind, at, reference) in history])
