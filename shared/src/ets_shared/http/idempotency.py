"""`Idempotency-Key` on writes (docs/architecture.md#http): the first response to a key is stored and replayed for
every retry of the same request, so a client that lost a response can safely send it again.

Keys are scoped to the caller's credentials. Reusing a key for a different request is refused (422); a retry
that arrives while the first is still running gets 409. Server errors (5xx) are not stored, so they can be retried.
Pure ASGI, so requests without the header pay nothing.
"""
from __future__ import annotations

import asyncio
import hashlib
import json

from sqlalchemy.exc import IntegrityError
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ets_shared.clock import utcnow
from ets_shared.http.problems import PROBLEM_JSON
from ets_shared.persistence.tables import IdempotencyRecord

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS:
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        key = headers.get("idempotency-key")
        if not key:
            return await self.app(scope, receive, send)
        if len(key) > 200:
            return await _send_problem(send, 422, "validation-error", "invalid field 'Idempotency-Key': too long")
        body = await _read_body(receive)
        principal = hashlib.sha256(headers.get("authorization", "").encode()).hexdigest()
        digest = hashlib.sha256(b"|".join([scope["method"].encode(), scope["path"].encode(),
                                           scope.get("query_string", b""), body])).hexdigest()
        session_factory = scope["app"].state.runtime.session_factory
        outcome, record = await asyncio.to_thread(_claim, session_factory, key, principal, scope, digest)
        if outcome == "mismatch":
            return await _send_problem(send, 422, "idempotency-key-reused",
                                       "invalid field 'Idempotency-Key': it was used for a different request")
        if outcome == "in-progress":
            return await _send_problem(send, 409, "idempotency-in-progress",
                                       "a request with this Idempotency-Key is still being processed")
        if outcome == "replay":
            extra = [(b"content-type", (record.content_type or "application/json").encode()),
                     (b"idempotent-replayed", b"true")]
            await send({"type": "http.response.start", "status": record.status_code, "headers": extra})
            return await send({"type": "http.response.body", "body": (record.response_body or "").encode()})

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

        try:
            await self.app(scope, replay_body, capture)
        finally:
            await asyncio.to_thread(_settle, session_factory, key, principal, captured)


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def _claim(session_factory, key: str, principal: str, scope: Scope, digest: str):  # noqa: ANN001
    with session_factory() as session:
        existing = session.get(IdempotencyRecord, (key, principal))
        if existing is None:
            session.add(IdempotencyRecord(key=key, principal=principal, method=scope["method"],
                                          path=scope["path"][:500], request_hash=digest, created_at=utcnow()))
            try:
                session.commit()
                return "new", None
            except IntegrityError:
                session.rollback()
                existing = session.get(IdempotencyRecord, (key, principal))
        if existing.request_hash != digest:
            return "mismatch", existing
        if existing.status_code is None:
            return "in-progress", existing
        return "replay", existing


def _settle(session_factory, key: str, principal: str, captured: dict) -> None:  # noqa: ANN001
    with session_factory() as session:
        record = session.get(IdempotencyRecord, (key, principal))
        if record is None:
            return
        if captured["status"] >= 500:
            session.delete(record)
        else:
            record.status_code = captured["status"]
            record.response_body = b"".join(captured["body"]).decode("utf-8", errors="replace")
            record.content_type = captured["content_type"]
        session.commit()


async def _send_problem(send: Send, status: int, code: str, detail: str) -> None:
    body = json.dumps({"type": f"urn:ets:problem:{code}", "title": detail, "status": status, "detail": detail,
                       "field": "Idempotency-Key"}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", PROBLEM_JSON.encode())]})
    await send({"type": "http.response.body", "body": body})
