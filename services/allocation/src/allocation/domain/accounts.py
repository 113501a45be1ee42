"""Registry accounts (M-32, M-9, M-16, M-26 ¶2; docs/regulation.md §3).

Kinds: an entity's holding account, the authority's issuance account (the source every issued unit comes from,
never holding a balance), cancellation account (where surrendered and cancelled units end, never debited) and recall
account (where M-18 recalls end, never debited), and
exchange member / client accounts (M-22, M-26 ¶2) for holders who are not covered entities.
Which kinds may send or receive in each transaction kind is in `registry.ROUTES`.
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


AUTHORITY_KINDS = frozenset({AccountKind.AUTHORITY_ISSUANCE, AccountKind.AUTHORITY_CANCELLATION,
                             AccountKind.AUTHORITY_RECALL})
#: Accounts that hold units and can trade them.
HOLDING_KINDS = frozenset({AccountKind.ENTITY_HOLDING, AccountKind.EXCHANGE_MEMBER, AccountKind.EXCHANGE_CLIENT})


@dataclass(frozen=True)
class Account:
    """`holder_id` is the covered entity's id for an entity holding account, the member's or client's id for an
    exchange account, and None for the authority's accounts."""

    account_id: str
    kind: AccountKind
    holder_id: str | None
    opened_at: datetime

    def __post_init__(self) -> None:
        if not self.account_id.strip():
            raise RuleViolation("an account needs an id", field="account_id", article="M-32")
        authority = self.kind in AUTHORITY_KINDS
        if not authority and not (self.holder_id or "").strip():
            raise RuleViolation(f"a {self.kind.value} account needs a holder", field="holder_id", article="M-32")
        if authority and self.holder_id is not None:
            raise RuleViolation("the authority's accounts have no holder", field="holder_id", article="M-32")
        if self.opened_at.tzinfo is None:
            raise RuleViolation("opened_at must be an aware datetime", field="opened_at")
