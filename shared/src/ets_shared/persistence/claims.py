"""The fence between an idempotent request's claim and its effect (see `ets_shared.http.idempotency`): the unit of
work calls `fence(session)` right before it commits, so the effect commits only while the request still holds
its claim on the `Idempotency-Key`."""
from __future__ import annotations

import contextvars
from dataclasses import dataclass

from sqlalchemy import update

from ets_shared.clock import utcnow
from ets_shared.errors import Conflict
from ets_shared.persistence.tables import IdempotencyRecord as Record


@dataclass(frozen=True)
class Claim:
    key: str
    principal: str
    claim_id: str


current_claim: contextvars.ContextVar[Claim | None] = contextvars.ContextVar("ets_idempotency_claim", default=None)


class ClaimTakenOver(Conflict):
    code = "idempotency-claim-taken-over"
    title = "A retry with this Idempotency-Key took over; this request's effect was not applied"

    def __init__(self, detail: str = "the lease on this Idempotency-Key ran out and a retry took it over", *,
                 field: str | None = "Idempotency-Key", article: str | None = None) -> None:
        super().__init__(detail, field=field, article=article)


def fence(session) -> None:
    """Stamp the current request's claim as committed in `session`'s transaction, or refuse to commit if a retry
    took the claim over. A no-op outside a request with an Idempotency-Key (event consumers, plain writes)."""
    claim = current_claim.get()
    if claim is not None and not stamp(session, claim):
        raise ClaimTakenOver()


def stamp(session, claim: Claim) -> bool:
    """Stamp `claim` committed in `session`'s transaction; False when a retry took it over (its effect must not
    commit). A group commit stamps each of its requests' claims itself: the writer thread carries none of them."""
    return session.execute(update(Record).where(
        Record.key == claim.key, Record.principal == claim.principal, Record.claim_id == claim.claim_id,
    ).values(committed_at=utcnow()).execution_options(synchronize_session=False)).rowcount == 1
