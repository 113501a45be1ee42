"""Officials' accountability (M-43): the append-only, hash-chained decision log with its verification, and the
inaction flags — the office's own cases and the other services' deadlines the authority owns."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ets_shared.auth import Principal, Role
from ets_shared.http.dependencies import ReadSession, require
from enforcement.adapters.decision_log import DecisionLog
from enforcement.adapters.inaction_repository import InactionFlags
from enforcement.entrypoints.schemas import ChainCheckPublic, InactionFlagPublic, LogEntryPublic

router = APIRouter(tags=["accountability"])
Overseer = Annotated[Principal, Depends(require(Role.AUTHORITY, Role.ENFORCEMENT_OFFICER))]


@router.get("/decision-log", response_model=list[LogEntryPublic],
            summary="The decision log in sequence: who decided what, when and why (M-43)")
def decision_log(_: Overseer, session: ReadSession, after_seq: Annotated[int, Query(ge=0, le=10**12)] = 0,
                 limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                 case_id: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
                 subject_ref: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
                 ) -> list[LogEntryPublic]:
    entries = DecisionLog(session).entries(after_seq=after_seq, limit=limit, case_id=case_id,
                                           subject_ref=subject_ref)
    return [LogEntryPublic.of(e) for e in entries]


@router.get("/decision-log/verification", response_model=ChainCheckPublic,
            summary="Recompute the hash chain: intact, or the first entry changed, removed or slipped in")
def verify(_: Overseer, session: ReadSession) -> ChainCheckPublic:
    return ChainCheckPublic.of(DecisionLog(session).verify())


@router.get("/inaction-flags", response_model=list[InactionFlagPublic],
            summary="Deadlines officials let pass (M-43): open ones, or with `open=false` the resolved ones")
def inaction_flags(_: Overseer, session: ReadSession, open: bool = True,  # noqa: A002 - the query parameter
                   responsible: Annotated[str | None, Query(max_length=40)] = None,
                   service: Annotated[str | None, Query(max_length=40)] = None,
                   offset: Annotated[int, Query(ge=0, le=10**7)] = 0,
                   limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[InactionFlagPublic]:
    flags = InactionFlags(session).list(open_=open, responsible=responsible, service=service, offset=offset,
                                        limit=limit)
    return [InactionFlagPublic.of(f) for f in flags]
