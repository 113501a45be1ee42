"""Registry accounts as committed, kept by the process for each database (M-32): an account is opened once and never
changed or removed afterwards (nothing updates or deletes a `registry_account` row), so an account read as committed
holds for good. Every consumed batch of the exchange's instructions read its sellers' and buyers' accounts again —
a statement, and an `Account` checked and made per row, about 40 µs per batch however small — where only the ids
never seen need reading.

Only committed rows are kept: a session that wrote accounts (`opened`) reads its own uncommitted ones, which a
rollback takes back, so nothing it reads is kept from then on. An id not found is not kept (it may be opened later,
by this process or another)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy.orm import Session

from allocation.domain import Account

LIMIT = 100_000  # accounts kept per database; past it, the ones kept are dropped and read again as they come
_KEPT: WeakKeyDictionary[Any, dict[str, Account]] = WeakKeyDictionary()  # by the session's bind (its engine)
_OPENED = "allocation.accounts_opened"  # in `Session.info`: this session wrote accounts


def kept(session: Session) -> dict[str, Account]:
    """The accounts kept for the session's database (by id)."""
    bind = session.get_bind()
    found = _KEPT.get(bind)
    if found is None:
        found = _KEPT[bind] = {}
    return found


def opened(session: Session) -> None:
    """The session writes accounts: what it reads of them may not be committed."""
    session.info[_OPENED] = True


def keep(session: Session, accounts: Iterable[Account]) -> None:
    """Keep accounts the session read, unless it wrote accounts itself (`opened`)."""
    if session.info.get(_OPENED):
        return
    known = kept(session)
    if len(known) > LIMIT:
        known.clear()
    for account in accounts:
        known[account.account_id] = account
