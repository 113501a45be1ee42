"""HTTP API of statements (M-32): any account's holdings and serial blocks as of any past instant, with the
transactions behind them, paged; a holder sees only its own accounts, the authority and the enforcement office every
account; any serial number looked up for its whole history (supervisors)."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from pydantic import AwareDatetime, BaseModel

from allocation.adapters.orm import AccountRow, SerialBlockRow
from allocation.adapters.serials import SerialBlocks
from allocation.adapters.statements import Statements
from allocation.adapters.trading_accounts import TradingAccountRepository
from allocation.entrypoints.public import SUPERVISORS, HoldingPublic, TransactionPublic
from allocation.entrypoints.public_registry import may_see_account
from allocation.domain.serials import Block, label
from ets_shared.auth import Principal
from ets_shared.errors import NotFound
from ets_shared.http.dependencies import Caller, ReadSession, require

router = APIRouter(tags=["registry accounts and transfers"])
AccountId = Annotated[str, Path(min_length=1, max_length=80)]
Offset = Annotated[int, Query(ge=0, le=10**9)]
Limit = Annotated[int, Query(ge=1, le=1000)]


def _visible(session, caller, account_id: str) -> None:
    row = session.get(AccountRow, account_id)
    if row is None:
        raise NotFound(f"no registry account {account_id}", field="account_id")
    may_see_account(caller, row, TradingAccountRepository(session))


class BlockPublic(BaseModel):
    unit_type: str
    vintage: int
    lot: str  # a CCER's origin (project|reduction date|boundary entity); empty for allowances
    issuer: str
    first_serial: int
    last_serial: int
    first: str  # the serial numbers as printed: <unit type>-<vintage>-<12 digits>
    last: str
    quantity: int

    @classmethod
    def of(cls, b: Block | SerialBlockRow) -> BlockPublic:
        first = b.first if isinstance(b, Block) else b.first_serial
        last = b.last if isinstance(b, Block) else b.last_serial
        return cls(unit_type=b.unit_type, vintage=b.vintage, lot=b.lot, issuer=b.issuer, first_serial=first,
                   last_serial=last, first=label(b.unit_type, b.vintage, first),
                   last=label(b.unit_type, b.vintage, last), quantity=last - first + 1)


class StatementPublic(BaseModel):
    account_id: str
    as_of: datetime
    holdings: list[HoldingPublic]  # at `as_of`: every transaction registered at or before it, none after
    blocks: list[BlockPublic]  # the serial numbers held at `as_of`
    transactions_total: int  # up to `as_of`
    offset: int
    transactions: list[TransactionPublic]  # this page, in registration order


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


class SerialMovementPublic(BaseModel):
    transaction_id: str | None  # null: held when serial numbers were introduced
    kind: str | None  # issue, transfer, surrender, cancel, recall, succession
    registered_at: datetime | None
    reference: str | None  # e.g. surrender:SUR-… (the obligation it was surrendered for), sale:…, succession:…
    from_account_id: str | None
    to_account_id: str
    block: BlockPublic  # the block it moved in


class SerialPublic(BaseModel):
    serial: str
    held_by: str | None  # the account holding it now (the cancellation account once surrendered or cancelled)
    history: list[SerialMovementPublic]


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
