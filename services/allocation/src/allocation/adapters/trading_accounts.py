"""Exchange trading accounts in the registry: their participants, and the allowances they hold (M-22, M-26 ¶2)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from allocation.adapters.orm import AccountRow, HoldingRow, TradingAccountRow
from allocation.adapters.registry_store import chunks, write_pending_accounts
from allocation.domain import AccountKind, UnitType
from ets_shared.persistence.bulk import insert_rows

#: (trading account id, holder id, vintage, quantity)
Balance = tuple[str, str, int, int]


class TradingAccountRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        #: read ahead and not found (`add` takes them out), and the rows found, kept alive in the session's identity
        #: map; both kept by the transaction's session (the repository starts afresh for each event of a batch)
        self._absent: set[str] = session.info.setdefault("allocation.trading_accounts_absent", set())
        self._held: list[TradingAccountRow] = session.info.setdefault("allocation.trading_accounts_held", [])
        #: added by `add`, not yet written (`write_pending`, at the unit of work's commit or before any read here), as
        #: their columns: a SQLModel row built per opening cost more than the rest of the consumer's work for it
        self._pending: dict[str, dict[str, Any]] = session.info.setdefault("allocation.trading_accounts_pending", {})

    def read_ahead(self, trading_account_ids: Sequence[str]) -> None:
        """Read these trading accounts in one query per 500, so that `find` of them queries nothing."""
        self.write_pending()
        for ids in chunks(sorted(set(trading_account_ids))):
            rows = self.session.execute(select(TradingAccountRow).where(
                TradingAccountRow.trading_account_id.in_(ids))).scalars().all()
            self._held += rows
            found = {r.trading_account_id for r in rows}
            self._absent.update(i for i in ids if i not in found)

    def find(self, trading_account_id: str) -> TradingAccountRow | None:
        """The trading account's row, in the session (a change to it is written with the transaction). One added in
        this transaction is written first, with the others pending (rare: a repeated opening in the same batch)."""
        if trading_account_id in self._pending:
            self.write_pending()
        elif trading_account_id in self._absent:
            return None
        return self.session.get(TradingAccountRow, trading_account_id)

    def add(self, columns: dict[str, Any]) -> None:
        """A trading account's row (its columns), written with the others added in this transaction by
        `write_pending` (one multi-row INSERT instead of an ORM flush per opening: a consumed batch opens hundreds);
        every read here, `find` of it too, writes the pending ones first. The caller defers `write_pending` to the
        commit."""
        trading_account_id = columns["trading_account_id"]
        self._absent.discard(trading_account_id)
        self._pending[trading_account_id] = columns

    def write_pending(self) -> None:
        """Write the trading accounts added (after the registry accounts opened with them, which they name)."""
        write_pending_accounts(self.session)
        if not self._pending:
            return
        rows = list(self._pending.values())
        self._pending.clear()
        insert_rows(self.session, TradingAccountRow, rows)

    def page(self, offset: int, limit: int) -> list[tuple[TradingAccountRow, str]]:
        """A page of trading accounts, each with its holder."""
        self.write_pending()
        query = (select(TradingAccountRow, AccountRow.holder_id)
                 .join(AccountRow, AccountRow.account_id == TradingAccountRow.trading_account_id)
                 .order_by(TradingAccountRow.trading_account_id).offset(offset).limit(limit))
        return [(row, _holder(row.trading_account_id, holder)) for row, holder in self.session.execute(query)]

    def visible_to(self, party_id: str, as_member: bool, offset: int, limit: int) -> list[AccountRow]:
        """The registry accounts a holder or member sees as its own: those it holds, and those of the trading
        accounts it acts for as a member (its own, its clients', M-22) with their holding accounts."""
        self.write_pending()
        acting = select(TradingAccountRow.trading_account_id).where(TradingAccountRow.member_id == party_id).union(
            select(TradingAccountRow.holding_account_id).where(TradingAccountRow.member_id == party_id))
        mine = AccountRow.holder_id == party_id
        query = (select(AccountRow).where(or_(mine, AccountRow.account_id.in_(acting)) if as_member else mine)
                 .order_by(AccountRow.account_id).offset(offset).limit(limit))
        return list(self.session.execute(query).scalars())

    def acts_for(self, member_id: str, account_id: str) -> bool:
        """Whether the member acts for the account: a trading account it opened, or one's holding account."""
        self.write_pending()
        query = select(TradingAccountRow.trading_account_id).where(
            TradingAccountRow.member_id == member_id, or_(TradingAccountRow.trading_account_id == account_id,
                                                          TradingAccountRow.holding_account_id == account_id))
        return self.session.execute(query.limit(1)).first() is not None

    def balances(self, account_ids: Sequence[str] | None = None) -> list[Balance]:
        """Every non-zero allowance holding of trading accounts (only of `account_ids` when given), by account and
        vintage: the registry's side of the exchange's reconciliation."""
        self.write_pending()
        query = (select(HoldingRow.account_id, AccountRow.holder_id, HoldingRow.vintage, HoldingRow.quantity)
                 .join(AccountRow, AccountRow.account_id == HoldingRow.account_id)
                 .where(AccountRow.kind == AccountKind.EXCHANGE_TRADING.value,
                        HoldingRow.unit_type == UnitType.SHEA.value, HoldingRow.quantity > 0)
                 .order_by(HoldingRow.account_id, HoldingRow.vintage))
        if account_ids is None:
            return [(account, _holder(account, holder), vintage, quantity)
                    for account, holder, vintage, quantity in self.session.execute(query)]
        found: list[Balance] = []
        for ids in chunks(sorted(set(account_ids))):
            found.extend((account, _holder(account, holder), vintage, quantity) for account, holder, vintage, quantity
                         in self.session.execute(query.where(HoldingRow.account_id.in_(ids))))
        return sorted(found)


def _holder(account_id: str, holder_id: str | None) -> str:
    """A trading account is always held, by the member or its client (M-22); only the authority's accounts have no
    holder, so a trading account without one is a defect, raised rather than reported with a blank holder."""
    if holder_id is None:
        raise LookupError(f"trading account {account_id} has no holder in the registry")
    return holder_id
