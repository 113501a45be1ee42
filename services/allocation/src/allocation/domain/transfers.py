"""Registry transfers between holders' accounts, by purpose (M-26 ¶2, M-32, M-23, M-19).

A transfer (转让) is registered and takes effect on registration (M-32). Its purpose says which accounts it moves
between (`TRANSFER_ROUTES`) and which link it must follow (`check_link`):

- `exchange_deposit`: a holder commits allowances to trading — from its holding account into the trading account
  linked to that holding account, never into another's;
- `exchange_withdrawal`: on the exchange's instruction, from a trading account back to its own holding account;
- `trade_delivery`: on the exchange's instruction, the allowance leg of a trade, seller's trading account to the
  buyer's (delivery through the registry, M-26 ¶2);
- `holder_transfer`: between two holding accounts.

What a holder may *ask* for (`holder_request`) is narrower than what the registry can register: a trading account is
debited only by the exchange's instructions (M-26 ¶2: trades are delivered through the registry as the exchange
settles them), so a holder never moves units out of one — which is also why allowances committed to trading can
neither be surrendered nor transferred twice; and allowances change holders only by trading on the exchange, by open
bidding or agreement transfer (M-19, M-23: 配额交易应当采用公开竞价、协议转让…), so a holder cannot transfer them to
another holder's holding account outside it. Only allowances (SHEA) enter a trading account (M-19).
"""
from __future__ import annotations

from enum import Enum

from ets_shared.errors import RuleViolation

from allocation.domain.accounts import HOLDING_KINDS, TRADING_KINDS, Account, AccountKind
from allocation.domain.units import UnitType


class TransferPurpose(str, Enum):
    HOLDER_TRANSFER = "holder_transfer"
    EXCHANGE_DEPOSIT = "exchange_deposit"
    EXCHANGE_WITHDRAWAL = "exchange_withdrawal"
    TRADE_DELIVERY = "trade_delivery"


#: purpose -> (account kinds that may send, account kinds that may receive)
TRANSFER_ROUTES: dict[TransferPurpose, tuple[frozenset[AccountKind], frozenset[AccountKind]]] = {
    TransferPurpose.HOLDER_TRANSFER: (HOLDING_KINDS, HOLDING_KINDS),
    TransferPurpose.EXCHANGE_DEPOSIT: (HOLDING_KINDS, TRADING_KINDS),
    TransferPurpose.EXCHANGE_WITHDRAWAL: (TRADING_KINDS, HOLDING_KINDS),
    TransferPurpose.TRADE_DELIVERY: (TRADING_KINDS, TRADING_KINDS),
}


def check_link(purpose: TransferPurpose, sender: Account, receiver: Account, to_field: str) -> None:
    """A deposit goes into the trading account linked to the holding account it leaves; a withdrawal goes back to
    the trading account's own holding account."""
    if purpose is TransferPurpose.EXCHANGE_DEPOSIT and receiver.linked_account_id != sender.account_id:
        raise RuleViolation(f"trading account {receiver.account_id} is linked to holding account "
                            f"{receiver.linked_account_id}, not {sender.account_id}: a holder commits allowances only "
                            f"to its own trading account", field=to_field, article="M-26")
    if purpose is TransferPurpose.EXCHANGE_WITHDRAWAL and sender.linked_account_id != receiver.account_id:
        raise RuleViolation(f"allowances withdrawn from trading account {sender.account_id} return to its holding "
                            f"account {sender.linked_account_id}, not {receiver.account_id}", field=to_field,
                            article="M-26")


def check_traded_unit(receiver: Account, unit_type: UnitType, field: str) -> None:
    """Only allowances enter a trading account: the traded object is the allowance (M-19)."""
    if receiver.kind in TRADING_KINDS and unit_type is not UnitType.SHEA:
        raise RuleViolation(f"only allowances (SHEA) enter trading account {receiver.account_id}, not "
                            f"{unit_type.value}", field=field, article="M-19")


def holder_request(sender: Account, receiver: Account) -> TransferPurpose:
    """The purpose of a transfer a holder asks for itself: a deposit into a trading account, or a transfer between
    two holding accounts of its own. Debiting a trading account is refused — only the exchange's instructions do
    (M-26 ¶2) — and so is a transfer to another holder outside the exchange (M-23). (The registry itself can move
    units between holders, e.g. to a successor, M-10: the restriction is on what a holder asks for.)"""
    if sender.kind in TRADING_KINDS:
        raise RuleViolation(f"{sender.account_id} is a trading account: allowances leave it only on the exchange's "
                            f"instructions (a withdrawal to its holding account, or a trade's delivery)",
                            field="from_account_id", article="M-26")
    if receiver.kind in TRADING_KINDS:
        return TransferPurpose.EXCHANGE_DEPOSIT
    if receiver.kind in HOLDING_KINDS and receiver.holder_id != sender.holder_id:
        raise RuleViolation(f"allowances change holders only by trading on the exchange (open bidding or agreement "
                            f"transfer), not by a transfer from {sender.account_id} to another holder's account "
                            f"{receiver.account_id}", field="to_account_id", article="M-23")
    return TransferPurpose.HOLDER_TRANSFER
