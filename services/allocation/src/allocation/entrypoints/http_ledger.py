"""HTTP API of the tamper-evident ledger (M-32): the audit of the hash chain, whole or a range, and the published
daily chain heads."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from allocation.adapters.ledger import Ledger
from allocation.entrypoints.schemas import SUPERVISORS
from ets_shared.auth import Principal
from ets_shared.errors import RuleViolation
from ets_shared.http.dependencies import ReadSession, require
from allocation.entrypoints.schemas_ledger import LedgerAuditPublic, LedgerHeadPublic

router = APIRouter(tags=["ledger"])
Supervisor = Annotated[Principal, Depends(require(*SUPERVISORS))]
Seq = Annotated[int, Query(ge=1, le=2**62)]


@router.get("/registry/ledger/audit", response_model=LedgerAuditPublic,
            summary="Verify the registry's hash chain, whole or from_seq..to_seq, and report the first break (M-32)")
def ledger_audit(session: ReadSession, _: Supervisor, from_seq: Seq = 1,
                 to_seq: Seq | None = None) -> LedgerAuditPublic:
    if to_seq is not None and to_seq < from_seq:
        raise RuleViolation("the range ends before it starts", field="to_seq", article="M-32")
    check = Ledger(session).verify(from_seq, to_seq)
    return LedgerAuditPublic(from_seq=from_seq, to_seq=to_seq, transactions=check.transactions, intact=check.intact,
                             head_seq=check.head_seq, head_hash=check.head_hash, broken_at=check.broken_at,
                             problem=check.problem)


@router.get("/registry/ledger/heads", response_model=list[LedgerHeadPublic],
            summary="The daily chain heads as published (ledger.head-published), latest first (M-32)")
def heads(session: ReadSession, _: Supervisor, offset: Annotated[int, Query(ge=0)] = 0,
          limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[LedgerHeadPublic]:
    return [LedgerHeadPublic(**row.model_dump()) for row in Ledger(session).heads(offset, limit)]
