"""The allowance registry (登记注册系统): the single source of truth for holdings (M-32, M-9, M-16 ¶1-2, M-17).

- M-32: every acquisition, transfer, surrender and cancellation is a `RegistryTransaction` and takes effect on
  registration: `Registry.register` applies it at once and in full, or refuses it whole (nothing half-applied).
- Holdings are keyed by (account, unit type SHEA|CCER, vintage), and for CCER also by origin (`CcerOrigin`), so lots
  of different projects never merge and M-17 can judge each one. A holding is a whole number >= 0: a debit beyond it
  is refused. Nothing expires: unused allowances stay for later years (banking, M-16 ¶2).
- Routes (which account kinds a transaction kind moves between) are in `ROUTES`: issuance creates units out of the
  authority's issuance account (M-9); a surrender moves an entity's units to the cancellation account, where they
  are cancelled (注销, M-16 ¶1); nothing ever leaves the cancellation account; a
  recall (M-18) moves an exiting entity's units to the recall account; a succession (M-10) moves holdings between
  entity holding accounts. A transfer's routes follow its
  purpose (`transfers`): into and out of exchange trading accounts only along their link to a holding account, only
  allowances into them (M-19, M-26 ¶2). Issuance, surrender and cancellation never touch a trading account: what is
  committed to trading cannot be surrendered.
The vintage rule of a surrender (<= Y) and the CCER limits are compliance rules: see `compliance`.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import NamedTuple

from ets_shared.errors import NotFound, RuleViolation

from allocation.domain.accounts import HOLDING_KINDS, TRADING_KINDS, Account, AccountKind
from allocation.domain.transfers import TRANSFER_ROUTES, TransferPurpose, check_link, check_traded_unit
from allocation.domain.units import CcerOrigin, UnitLine, UnitType, check_unit_line


class TransactionKind(str, Enum):
    ISSUE = "issue"
    TRANSFER = "transfer"
    SURRENDER = "surrender"
    CANCEL = "cancel"
    RECALL = "recall"  # M-18: half the free allowances of later vintages back to the authority's recall account
    SUCCESSION = "succession"  # M-10: holdings pass to the successor(s) of a merger or split


_CANCELLATION = frozenset({AccountKind.AUTHORITY_CANCELLATION})
#: kind -> (account kinds that may send, account kinds that may receive)
ROUTES: dict[TransactionKind, tuple[frozenset[AccountKind], frozenset[AccountKind]]] = {
    TransactionKind.ISSUE: (frozenset({AccountKind.AUTHORITY_ISSUANCE}), HOLDING_KINDS),
    TransactionKind.TRANSFER: TRANSFER_ROUTES[TransferPurpose.HOLDER_TRANSFER],  # by purpose: `routes_of`
    TransactionKind.SURRENDER: (frozenset({AccountKind.ENTITY_HOLDING}), _CANCELLATION),
    TransactionKind.CANCEL: (HOLDING_KINDS, _CANCELLATION),
    TransactionKind.RECALL: (frozenset({AccountKind.ENTITY_HOLDING}), frozenset({AccountKind.AUTHORITY_RECALL})),
    # M-10: holding account to holding account, and (the exchange's custody, `exchange.account.succeeded`) trading
    # account to trading account — never from one kind to the other (`Registry.register`)
    TransactionKind.SUCCESSION: (frozenset({AccountKind.ENTITY_HOLDING}) | TRADING_KINDS,
                                 frozenset({AccountKind.ENTITY_HOLDING}) | TRADING_KINDS),
}


def routes_of(kind: TransactionKind, purpose: TransferPurpose | None
              ) -> tuple[frozenset[AccountKind], frozenset[AccountKind]]:
    if kind is TransactionKind.TRANSFER:
        return TRANSFER_ROUTES[purpose or TransferPurpose.HOLDER_TRANSFER]
    return ROUTES[kind]


class HoldingKey(NamedTuple):
    """A holding's key (immutable, hashable). A named tuple, not a frozen dataclass: a registration makes and hashes
    a few per line (the debit, the credit, what the store writes back), and a dataclass's were made field by field
    through `object.__setattr__` and hashed by generated Python — 2.3 µs against 0.9 per make-and-look-up."""

    account_id: str
    unit_type: UnitType
    vintage: int
    origin: CcerOrigin | None = None


@dataclass(frozen=True)
class TransactionLine:
    from_account_id: str
    to_account_id: str
    unit_type: UnitType
    vintage: int
    quantity: int
    origin: CcerOrigin | None = None

    def unit_line(self) -> UnitLine:
        return UnitLine(self.unit_type, self.vintage, self.quantity, self.origin)


@dataclass(frozen=True)
class RegistryTransaction:
    transaction_id: str
    kind: TransactionKind
    lines: tuple[TransactionLine, ...]
    registered_at: datetime
    purpose: TransferPurpose | None = None  # of a transfer (holder transfer when None)


@dataclass
class Registry:
    accounts: dict[str, Account] = field(default_factory=dict)
    holdings: dict[HoldingKey, int] = field(default_factory=dict)

    def balance(self, account_id: str, unit_type: UnitType | None = None, vintage: int | None = None) -> int:
        return sum(q for k, q in self.holdings.items() if k.account_id == account_id
                   and unit_type in (None, k.unit_type) and vintage in (None, k.vintage))

    def holding(self, key: HoldingKey) -> int:
        return self.holdings.get(key, 0)

    def issue(self, transaction_id: str, from_account_id: str, to_account_id: str, lines: Sequence[UnitLine],
              registered_at: datetime) -> RegistryTransaction:
        return self._move(TransactionKind.ISSUE, transaction_id, from_account_id, to_account_id, lines,
                          registered_at)

    def transfer(self, transaction_id: str, from_account_id: str, to_account_id: str, lines: Sequence[UnitLine],
                 registered_at: datetime, purpose: TransferPurpose = TransferPurpose.HOLDER_TRANSFER
                 ) -> RegistryTransaction:
        return self._move(TransactionKind.TRANSFER, transaction_id, from_account_id, to_account_id, lines,
                          registered_at, purpose)

    def surrender(self, transaction_id: str, from_account_id: str, to_account_id: str, lines: Sequence[UnitLine],
                  registered_at: datetime) -> RegistryTransaction:
        return self._move(TransactionKind.SURRENDER, transaction_id, from_account_id, to_account_id, lines,
                          registered_at)

    def cancel(self, transaction_id: str, from_account_id: str, to_account_id: str, lines: Sequence[UnitLine],
               registered_at: datetime) -> RegistryTransaction:
        return self._move(TransactionKind.CANCEL, transaction_id, from_account_id, to_account_id, lines,
                          registered_at)

    def recall(self, transaction_id: str, from_account_id: str, to_account_id: str, lines: Sequence[UnitLine],
               registered_at: datetime) -> RegistryTransaction:
        return self._move(TransactionKind.RECALL, transaction_id, from_account_id, to_account_id, lines,
                          registered_at)

    def _move(self, kind: TransactionKind, transaction_id: str, from_account_id: str, to_account_id: str,
              lines: Sequence[UnitLine], registered_at: datetime, purpose: TransferPurpose | None = None
              ) -> RegistryTransaction:
        senders, receivers = routes_of(kind, purpose)
        sender = self._check_account(from_account_id, senders, kind, "from_account_id")
        receiver = self._check_account(to_account_id, receivers, kind, "to_account_id")
        if purpose is not None:
            check_link(purpose, sender, receiver, "to_account_id")
        tx = RegistryTransaction(transaction_id, kind, tuple(
            TransactionLine(from_account_id, to_account_id, ln.unit_type, ln.vintage, ln.quantity, ln.origin)
            for ln in lines), registered_at, purpose)
        return self._register(tx, (sender, receiver), lines)

    def register(self, tx: RegistryTransaction) -> RegistryTransaction:
        """Check the whole transaction, then apply it: effective on registration (M-32), all lines or none."""
        return self._register(tx, None)

    def _register(self, tx: RegistryTransaction, parties: tuple[Account, Account] | None,
                  units: Sequence[UnitLine] | None = None) -> RegistryTransaction:
        """`register`; `parties`: the sender and receiver of every line, found and their route and link checked
        already (`_move`, whose lines all move between the same two accounts) — not looked up and checked again for
        each line, which verdicts the same (a trade's delivery checked its two accounts twice); `units`: the unit
        lines `tx`'s lines were made of, checked as they are (not made again of each line)."""
        if not tx.transaction_id.strip():
            raise RuleViolation("a transaction needs an id", field="transaction_id", article="M-32")
        if tx.registered_at.tzinfo is None:
            raise RuleViolation("registered_at must be an aware datetime", field="registered_at", article="M-32")
        if not tx.lines:
            raise RuleViolation("a transaction needs at least one line", field="lines", article="M-32")
        if tx.purpose is not None and tx.kind is not TransactionKind.TRANSFER:
            raise RuleViolation(f"a {tx.kind.value} has no transfer purpose", field="purpose", article="M-32")
        senders, receivers = routes_of(tx.kind, tx.purpose)
        debits: dict[HoldingKey, int] = {}
        for i, ln in enumerate(tx.lines):
            if parties is None:
                sender = self._check_account(ln.from_account_id, senders, tx.kind, f"lines[{i}].from_account_id")
                receiver = self._check_account(ln.to_account_id, receivers, tx.kind, f"lines[{i}].to_account_id")
            else:
                sender, receiver = parties
            check_traded_unit(receiver, ln.unit_type, f"lines[{i}].unit_type")
            check_unit_line(units[i] if units is not None else ln.unit_line(), f"lines[{i}]")
            if tx.kind is TransactionKind.SUCCESSION and (sender.kind in TRADING_KINDS) != (
                    receiver.kind in TRADING_KINDS):
                raise RuleViolation("a succession moves holding accounts' units to holding accounts and trading "
                                    "accounts' to trading accounts", field=f"lines[{i}].to_account_id",
                                    article="M-10")
            if tx.kind is TransactionKind.TRANSFER and parties is None:
                check_link(tx.purpose or TransferPurpose.HOLDER_TRANSFER, sender, receiver, f"lines[{i}].to_account_id")
            if ln.from_account_id == ln.to_account_id:
                raise RuleViolation("a transaction cannot move units to the account they come from",
                                    field=f"lines[{i}].to_account_id", article="M-32")
            if tx.kind is TransactionKind.ISSUE:
                continue  # issuance creates the units (M-9): the issuance account is not debited
            key = HoldingKey(ln.from_account_id, ln.unit_type, ln.vintage, ln.origin)
            debit = debits[key] = debits.get(key, 0) + ln.quantity
            if debit > (held := self.holdings.get(key, 0)):
                raise RuleViolation(
                    f"account {ln.from_account_id} holds {held} {ln.unit_type.value} of vintage "
                    f"{ln.vintage}; this transaction would take {debit}", field=f"lines[{i}].quantity",
                    article="M-32")
        holdings = self.holdings
        for key, quantity in debits.items():
            holdings[key] = holdings.get(key, 0) - quantity
        for ln in tx.lines:
            key = HoldingKey(ln.to_account_id, ln.unit_type, ln.vintage, ln.origin)
            holdings[key] = holdings.get(key, 0) + ln.quantity
        return tx

    def _check_account(self, account_id: str, allowed: frozenset[AccountKind], kind: TransactionKind,
                       field_name: str) -> Account:
        account = self.accounts.get(account_id)
        if account is None:
            raise NotFound(f"no registry account {account_id}", field=field_name)
        if account.kind not in allowed:
            raise RuleViolation(f"a {kind.value} cannot involve the {account.kind.value} account {account_id} here",
                                field=field_name, article="M-32")
        return account
