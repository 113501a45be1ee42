"""`Idempotency-Key` on writes (docs/architecture.md#http): the first response to a key is stored and replayed for
every retry of the same request, so a client that lost a response can safely send it again.

**Scope**: a key belongs to the caller — the token's role, subject and party — not to the token string, so a retry
with a freshly minted token of the same caller replays the first answer, and another caller's same key is its own.
Reusing a key for a different request (method, path, query or body) is refused (422). Pure ASGI, so requests
without the header pay nothing.

**Crashes** (a claim is a lease, fenced by the effect's own transaction):
1. The first request *claims* the key: a row with a fresh `claim_id` and a lease (`ETS_IDEMPOTENCY_LEASE_SECONDS`,
   30 s) that it renews while it runs. A retry that arrives while the lease holds gets 409 (in progress).
2. The transaction that carries the request's effect stamps the row `committed_at` — only where `claim_id` is still
   this request's (`ets_shared.persistence.claims.fence`, called by the unit of work right before it commits); if
   the claim was taken over, the stamp matches no row, the transaction is rolled back and the request answers 409:
   its effect is not applied.
3. When the request ends, its response is stored under its claim (5xx not stored when nothing was committed, so a
   failed request can be retried).
A process killed between 1 and 2 leaves a claim whose lease runs out: the next retry *takes it over* (a new
`claim_id`) and runs the request — exactly one effect, because a late commit of the old request would find its
claim gone (2). A process killed between 2 and 3 (microseconds) has applied the request but lost its answer: a
retry gets 409 `idempotency-response-lost` saying so (read the resource) rather than a second effect.
"""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import uuid
from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ets_shared.auth import Unauthenticated, decode_token
from ets_shared.clock import utcnow
from ets_shared.http.problems import PROBLEM_JSON
from ets_shared.http.raw_headers import header
from ets_shared.persistence.claims import Claim, current_claim
from ets_shared.persistence.tables import IdempotencyRecord as Record

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def caller_scope(settings, authorization: str) -> str | None:
    """The caller a key belongs to: a digest of role, subject and party (None: no valid token, so no scope)."""
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return hashlib.sha256(b"anonymous").hexdigest()
    try:
        principal = decode_token(settings, token.strip())
    except Unauthenticated:
        return None
    return hashlib.sha256("\n".join([principal.role.value, principal.subject, principal.party_id or ""])
                          .encode()).hexdigest()


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS:
            return await self.app(scope, receive, send)
        key = header(scope, b"idempotency-key")
        if not key:
            return await self.app(scope, receive, send)
        if len(key) > 200 or not key.isprintable():
            return await _send_problem(send, 422, "validation-error",
                                       "invalid field 'Idempotency-Key': at most 200 printable characters")
        runtime = scope["app"].state.runtime
        principal = await asyncio.to_thread(caller_scope, runtime.settings, header(scope, b"authorization"))
        if principal is None:  # an invalid token: the route answers 401, nothing is claimed
            return await self.app(scope, receive, send)
        body = await _read_body(receive)
        digest = hashlib.sha256(b"|".join([scope["method"].encode(), scope["path"].encode(),
                                           scope.get("query_string", b""), body])).hexdigest()
        lease = timedelta(seconds=runtime.settings.idempotency_lease_seconds)
        store = ClaimStore(runtime.session_factory, key, principal, lease)
        outcome, record = await asyncio.to_thread(store.claim, scope, digest)
        if record is not None:  # every outcome but "new" comes with the stored record
            return await _refuse_or_replay(send, outcome, record)

        captured: dict = {"status": 500, "body": [], "content_type": None}
        body_sent = False

        async def replay_body() -> Message:
            nonlocal body_sent
            if body_sent:  # after the body, only a disconnect can come
                return await receive()
            body_sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                captured["content_type"] = Headers(raw=message.get("headers", [])).get("content-type")
            elif message["type"] == "http.response.body":
                captured["body"].append(message.get("body", b""))
            await send(message)

        token = current_claim.set(Claim(key, principal, store.claim_id))
        heartbeat = asyncio.create_task(store.keep_alive())
        try:
            await self.app(scope, replay_body, capture)
        finally:
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat
            current_claim.reset(token)
            await asyncio.to_thread(store.settle, captured)


async def _refuse_or_replay(send: Send, outcome: str, record: Record) -> None:
    if outcome == "mismatch":
        return await _send_problem(send, 422, "idempotency-key-reused",
                                   "invalid field 'Idempotency-Key': it was used for a different request")
    if outcome == "in-progress":
        return await _send_problem(send, 409, "idempotency-in-progress",
                                   "a request with this Idempotency-Key is still being processed; retry later")
    if outcome == "response-lost":
        return await _send_problem(send, 409, "idempotency-response-lost",
                                   "the request with this Idempotency-Key was applied, but its process stopped "
                                   "before the answer was stored: read the resource instead of retrying")
    extra = [(b"content-type", (record.content_type or "application/json").encode()),
             (b"idempotent-replayed", b"true")]
    await send({"type": "http.response.start", "status": record.status_code, "headers": extra})
    await send({"type": "http.response.body", "body": (record.response_body or "").encode()})


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


async def _send_problem(send: Send, status: int, code: str, detail: str) -> None:
    body = json.dumps({"type": f"urn:ets:problem:{code}", "title": detail, "status": status, "detail": detail,
                       "field": "Idempotency-Key"}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", PROBLEM_JSON.encode())]})
    await send({"type": "http.response.body", "body": body})


class ClaimStore:
    """One request's claim on its key: claim or take over, renew the lease, settle with the response."""

    def __init__(self, session_factory, key: str, principal: str, lease: timedelta) -> None:
        self.session_factory, self.key, self.principal, self.lease = session_factory, key, principal, lease
        self.claim_id = str(uuid.uuid4())

    def _mine(self):
        return update(Record).where(Record.key == self.key, Record.principal == self.principal,
                                    Record.claim_id == self.claim_id)

    def claim(self, scope: Scope, digest: str) -> tuple[str, Record | None]:
        with self.session_factory() as session:
            existing = session.get(Record, (self.key, self.principal))
            now = utcnow()
            if existing is None:
                session.add(Record(key=self.key, principal=self.principal, method=scope["method"],
                                   path=scope["path"][:500], request_hash=digest, created_at=now,
                                   claim_id=self.claim_id, lease_expires_at=now + self.lease))
                try:
                    session.commit()
                    return "new", None
                except IntegrityError:
                    session.rollback()
                    existing = session.get(Record, (self.key, self.principal))
            if existing.request_hash != digest:
                return "mismatch", existing
            if existing.status_code is not None:
                return "replay", existing
            if existing.lease_expires_at is not None and existing.lease_expires_at > now:
                return "in-progress", existing
            if existing.committed_at is not None:
                return "response-lost", existing
            # the claim's holder is gone (its lease ran out): take it over, if no one else just did
            taken = session.execute(update(Record).where(
                Record.key == self.key, Record.principal == self.principal, Record.status_code.is_(None),
                Record.committed_at.is_(None),
                Record.claim_id.is_(None) if existing.claim_id is None else Record.claim_id == existing.claim_id,
            ).values(claim_id=self.claim_id, lease_expires_at=now + self.lease)).rowcount
            session.commit()
            return ("new", None) if taken == 1 else ("in-progress", existing)

    async def keep_alive(self) -> None:
        interval = self.lease.total_seconds() / 3
        while True:
            await asyncio.sleep(interval)
            with contextlib.suppress(Exception):  # a busy database: the next beat tries again
                await asyncio.to_thread(self._renew)

    def _renew(self) -> None:
        with self.session_factory() as session:
            session.execute(self._mine().where(Record.status_code.is_(None))
                            .values(lease_expires_at=utcnow() + self.lease))
            session.commit()

    def settle(self, captured: dict) -> None:
        with self.session_factory() as session:
            record = session.get(Record, (self.key, self.principal))
            if record is None or record.claim_id != self.claim_id:
                return  # taken over: the retry settles the key
            if captured["status"] >= 500 and record.committed_at is None:
                session.delete(record)  # nothing was applied: a retry may run it again
            else:
                record.status_code = captured["status"]
                record.response_body = b"".join(captured["body"]).decode("utf-8", errors="replace")
                record.content_type = captured["content_type"]
                record.lease_expires_at = None
            session.commit()
