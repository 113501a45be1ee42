"""Registry accounts (M-32, M-9, M-16, M-26 ¶2; docs/rules.md §3).

Kinds: an entity's holding account, the authority's issuance account (the source every issued unit comes from,
never holding a balance), cancellation account (where surrendered and cancelled units end, never debited) and
recall account (where M-18 recalls end, never debited),
exchange member / client holding accounts (M-22, M-26 ¶2) for holders who are not covered entities, and exchange
trading accounts.

An exchange trading account (交易账户, M-26 ¶2) holds the allowances a holder committed to trading. It is opened when
the exchange opens a participant's trading account, under the exchange's id, and is *linked* to one holding account
(`linked_account_id`): the covered entity's, or the member's / client's. Units enter it only from that holding
account (a deposit) or by a trade's delivery; they leave it only on the exchange's instructions — back to that
holding account (a withdrawal) or to a buyer's trading account (a delivery), never by a holder's request and never
by a surrender. Only allowances (SHEA) enter a trading account: the traded object is the allowance (M-19), the
exchange's products are SHEA vintages; CCERs stay in holding accounts.
Which kinds may send or receive in each transaction kind is in `registry.ROUTES` and `transfers.TRANSFER_ROUTES`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from ets_shared.errors import RuleViolation


class AccountKind(str, Enum):
    ENTITY_HOLDING = "entity_holding"
    AUTHORITY_ISSUANCE = "authority_issuance"
    AUTHORITY_CANCELLATION = "authority_cancellation"
    AUTHORITY_RECALL = "authority_recall"
    EXCHANGE_MEMBER = "exchange_member"
    EXCHANGE_CLIENT = "exchange_client"
    EXCHANGE_TRADING = "exchange_trading"


AUTHORITY_KINDS = frozenset({AccountKind.AUTHORITY_ISSUANCE, AccountKind.AUTHORITY_CANCELLATION,
                             AccountKind.AUTHORITY_RECALL})
#: Accounts that hold units and can trade them.
HOLDING_KINDS = frozenset({AccountKind.ENTITY_HOLDING, AccountKind.EXCHANGE_MEMBER, AccountKind.EXCHANGE_CLIENT})
#: Accounts that hold units committed to trading, debited only on the exchange's instructions (M-26 ¶2).
TRADING_KINDS = frozenset({AccountKind.EXCHANGE_TRADING})


@dataclass(frozen=True)
class Account:
    """`holder_id` is the covered entity's id for an entity holding account, the member's or client's id for an
    exchange account, and None for the authority's accounts; a trading account's holder is its holding account's.
    `linked_account_id`: a trading account's holding account (only trading accounts have one)."""

    account_id: str
    kind: AccountKind
    holder_id: str | None
    opened_at: datetime
    linked_account_id: str | None = None

    def __post_init__(self) -> None:
        if not self.account_id.strip():
            raise RuleViolation("an account needs an id", field="account_id", article="M-32")
        authority = self.kind in AUTHORITY_KINDS
        if not authority and not (self.holder_id or "").strip():
            raise RuleViolation(f"a {self.kind.value} account needs a holder", field="holder_id", article="M-32")
        if authority and self.holder_id is not None:
            raise RuleViolation("the authority's accounts have no holder", field="holder_id", article="M-32")
        if (self.kind in TRADING_KINDS) != bool((self.linked_account_id or "").strip()):
            raise RuleViolation("a trading account, and only a trading account, is linked to a holding account",
                                field="linked_account_id", article="M-26")
        if self.opened_at.tzinfo is None:
            raise RuleViolation("opened_at must be an aware datetime", field="opened_at")
