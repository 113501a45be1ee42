"""The tamper-evident ledger's use cases (M-32): the daily chain head published at the first tick of a new
(Shanghai) day, and the audit of the chain (`adapters.ledger`, `domain.ledger_chain`)."""
from __future__ import annotations

from datetime import datetime, timedelta

from allocation.adapters.ledger import Ledger
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.clock import regulatory_date, start_of_day
from ets_shared.contracts.allocation import LedgerHeadPublished


def publish_daily_head(uow: AllocationUnitOfWork, now: datetime) -> None:
    """The head at the end of the last complete day (yesterday, Shanghai), once; a tick that skips days publishes
    the head of the day before it (it covers every earlier day's transactions too)."""
    day = regulatory_date(now) - timedelta(days=1)
    ledger = Ledger(uow.session)
    if ledger.head_published(day):
        return
    seq, digest = ledger.head_before(start_of_day(day + timedelta(days=1)))
    ledger.add_head(day, seq, digest, now)
    uow.publish(LedgerHeadPublished(day=day, seq=seq, hash=digest, published_at=now))
