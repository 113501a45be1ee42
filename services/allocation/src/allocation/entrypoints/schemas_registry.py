"""What the registry's account API returns, and who may see an account (M-32, M-22, M-26 ¶2)."""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from allocation.adapters.orm import AccountRow, TradingAccountRow
from allocation.adapters.trading_accounts import TradingAccountRepository
from allocation.domain import AccountKind
from allocation.entrypoints.schemas import SUPERVISORS, HoldingPublic
from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden

AUDITORS = (Role.AUTHORITY, Role.EXCHANGE_OPERATOR)


def may_see_account(caller: Principal, account: AccountRow, accounts: TradingAccountRepository) -> None:
    """The authority and the enforcement office see every account; the exchange's operators every trading account
    (custody reconciliation); a holder its own; a member those it acts for (its own, its clients', M-22)."""
    if caller.has(*SUPERVISORS):
        return
    if caller.has(Role.EXCHANGE_OPERATOR) and account.kind == AccountKind.EXCHANGE_TRADING.value:
        return
    if caller.has(Role.ENTITY, Role.MEMBER) and account.holder_id is not None and caller.owns(account.holder_id):
        return
    if caller.has(Role.MEMBER) and caller.party_id and accounts.acts_for(caller.party_id, account.account_id):
        return
    raise Forbidden("a holder sees only its own registry accounts", field="account_id")


class TradingBalancePublic(BaseModel):
    vintage: int
    quantity: int


class ParticipantPublic(BaseModel):
    """Whom the exchange opened a trading account for (M-22)."""

    participant_id: str
    participant_kind: str  # member or client
    member_id: str
    covered_entity_id: str | None
    name: str

    @classmethod
    def of(cls, row: TradingAccountRow) -> ParticipantPublic:
        return cls(**row.model_dump(include=set(cls.model_fields)))


class AccountPublic(BaseModel):
    account_id: str
    kind: str  # entity_holding, exchange_member, exchange_client, exchange_trading, authority_*
    holder_id: str | None
    linked_account_id: str | None  # a trading account's holding account
    opened_at: datetime
    participant: ParticipantPublic | None  # of a trading account
    holdings: list[HoldingPublic]

    @classmethod
    def of(cls, row: AccountRow, holdings: list[tuple[str, int, int]],
           participant: TradingAccountRow | None) -> AccountPublic:
        return cls(account_id=row.account_id, kind=row.kind, holder_id=row.holder_id,
                   linked_account_id=row.linked_account_id, opened_at=row.opened_at,
                   participant=ParticipantPublic.of(participant) if participant else None,
                   holdings=[HoldingPublic(unit_type=u, vintage=v, quantity=q) for u, v, q in holdings])


class TradingAccountPublic(ParticipantPublic):
    """An exchange trading account with the allowances it holds in the registry, by vintage."""

    trading_account_id: str
    holding_account_id: str
    holder_id: str
    opened_at: datetime
    balances: list[TradingBalancePublic]

    @classmethod
    def with_balances(cls, row: TradingAccountRow, holder_id: str,
                      balances: list[tuple[int, int]]) -> TradingAccountPublic:
        return cls(**row.model_dump(include=set(cls.model_fields)), holder_id=holder_id,
                   balances=[TradingBalancePublic(vintage=v, quantity=q) for v, q in balances])
