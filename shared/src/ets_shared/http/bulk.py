"""Bulk endpoints: many items of one kind in one request (an integrator should not need 10,000 calls for 10,000
entities), each item applied by the same use case as the single-item endpoint, in its own transaction.

`apply_each`: the items share one database transaction, each in a savepoint of its own: the request pays for one
commit, and a refused item is rolled back alone. The answer is 200 with one result per item, in request order: the
status the single-item endpoint would have given, its response body (`result`) or its problem+json (`problem`, the field
prefixed with the item's place, e.g. `verifications[3].agency_id`). If the final commit fails, nothing of the request
is kept and the answer is a 500. On SQLite the request holds the database's write lock while it runs. Each item
is its own compliance case: it gets its own correlation id (the item's `correlation_id`, or a new one), and the
request's correlation id becomes the causation of its events.

`apply_together`: the same answers, set-based — one unit of work judges every item in memory by the single-item
use case's rules and writes the accepted ones together (multi-row statements), so an item costs no savepoint and no
flush of its own. A refused item changes nothing because nothing of it is written.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from fastapi import Request
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from ets_shared.auth import Principal
from ets_shared.envelope import MessageContext
from ets_shared.errors import DomainError
from ets_shared.ids import ordered_uuid

log = logging.getLogger("ets.http")
Item = TypeVar("Item")
Result = TypeVar("Result", bound=BaseModel)
MAX_ITEMS = 1000
_INTERNAL = {"type": "urn:ets:problem:internal-error", "title": "Internal error", "status": 500,
             "detail": "this item failed; the error was logged. Send it again."}

CorrelationId = Field(None, min_length=1, max_length=100,
                      description="this item's compliance case id for its events (default: a new one)")


class ItemResult(BaseModel, Generic[Result]):
    index: int = Field(description="the item's place in the request")
    status: int = Field(description="what the single-item endpoint would have answered")
    result: Result | None = None
    problem: dict[str, Any] | None = Field(None, description="problem+json of a refused item")


class BulkResult(BaseModel, Generic[Result]):
    accepted: int
    refused: int
    results: list[ItemResult[Result]]


def apply_each(request: Request, caller: Principal, collection: str, items: Sequence[Item],
               apply: Callable[[Item, Any], Result], *, status: int = 201,
               prepare: Callable[[Session], None] | None = None) -> BulkResult[Result]:
    """Apply `apply(item, uow)` to each item with a unit of work of its own acting for `caller`: a savepoint of the
    request's one transaction, committed when every item has been applied or refused. `prepare(session)` runs first
    in that transaction, e.g. to read ahead what the items' use cases will load one by one."""
    runtime = request.app.state.runtime
    results: list[ItemResult[Result]] = []
    with runtime.shared_transaction() as transaction:
        if prepare is not None:
            prepare(transaction.session)
        for index, item in enumerate(items):
            results.append(_apply_one(request, collection, index, item, apply,
                                      runtime.uow(_context(request, caller, item), transaction), status))
        transaction.commit()
    accepted = sum(1 for r in results if r.status < 300)
    return BulkResult(accepted=accepted, refused=len(results) - accepted, results=results)


def apply_together(request: Request, caller: Principal, collection: str, items: Sequence[Item],
                   apply_all: Callable[[Sequence[Item], Any, list[MessageContext]], Sequence[Any]],
                   present: Callable[[Any], Result], apply_one: Callable[[Item, Any], Result], *, status: int = 201,
                   prepare: Callable[[Session], None] | None = None) -> BulkResult[Result]:
    """`apply_all(items, uow, contexts)` applies every item in one unit of work of the request's transaction, each
    acting under its own context (`contexts[i]`: its correlation id, the request's as its cause), and returns one
    outcome per item: what `present` makes its result, or the `DomainError` that refused it alone (raised before
    anything of the item was written). Should the attempt fail otherwise — writing the accepted items together meets
    a row a concurrent request wrote first (`IntegrityError`), or one item fails unexpectedly — nothing of it is kept
    and the items go one by one (`apply_each` with `apply_one` and `prepare`), each answered as its single-item
    endpoint would, a failing one alone."""
    runtime = request.app.state.runtime
    contexts = [_context(request, caller, item) for item in items]
    try:
        with runtime.shared_transaction() as transaction:
            outcomes = apply_all(items, runtime.uow(runtime.context_for(request, caller), transaction), contexts)
            transaction.commit()
    except Exception:  # logged; the items go one by one: each answered, a failing one alone
        log.warning("bulk %s: applying the items together failed; applying them one by one", request.url.path,
                    exc_info=True)
        return apply_each(request, caller, collection, items, apply_one, status=status, prepare=prepare)
    results = [_outcome(collection, index, outcome, present, status) for index, outcome in enumerate(outcomes)]
    accepted = sum(1 for r in results if r.status < 300)
    return BulkResult(accepted=accepted, refused=len(results) - accepted, results=results)


def _outcome(collection: str, index: int, outcome: Any, present: Callable[[Any], Result],
             status: int) -> ItemResult[Result]:
    if isinstance(outcome, DomainError):
        return ItemResult(index=index, status=outcome.status, problem=item_problem(outcome, collection, index))
    return ItemResult(index=index, status=status, result=present(outcome))


def _context(request: Request, caller: Principal, item: Any) -> MessageContext:
    return MessageContext(correlation_id=getattr(item, "correlation_id", None) or str(ordered_uuid()),
                          causation_id=request.state.correlation_id, actor=caller.actor)


def _apply_one(request: Request, collection: str, index: int, item: Item, apply: Callable[[Item, Any], Result],
               uow: Any, status: int) -> ItemResult[Result]:
    try:
        return ItemResult(index=index, status=status, result=apply(item, uow))
    except DomainError as exc:
        return ItemResult(index=index, status=exc.status, problem=item_problem(exc, collection, index))
    except Exception:  # the others still count: say which failed, not a bare 500
        log.exception("bulk %s: item %d failed", request.url.path, index)
        return ItemResult(index=index, status=500, problem=_INTERNAL)


def item_problem(exc: DomainError, collection: str, index: int) -> dict[str, Any]:
    """The problem+json of a refused item, its field prefixed with the item's place."""
    field = f"{collection}[{index}]" + (f".{exc.field}" if exc.field else "")
    body = {"type": f"urn:ets:problem:{exc.code}", "title": exc.title, "status": exc.status,
            "detail": exc.detail, "field": field, "article": exc.article}
    return {k: v for k, v in body.items() if v is not None}
