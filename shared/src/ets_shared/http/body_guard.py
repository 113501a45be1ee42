"""A JSON body the service cannot read gets a 400 problem+json that says why, before any route sees it: not UTF-8
(with the byte offset), or nested deeper than `MAX_DEPTH` (a 100,000-deep array would otherwise exhaust the
parser's recursion). Bodies of other media types, and requests without a body, pass untouched."""
from __future__ import annotations

import json
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ets_shared.http.problems import PROBLEM_JSON
from ets_shared.http.raw_headers import header

MAX_DEPTH = 32
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


def body_problem(body: bytes) -> str | None:
    """Why `body` cannot be read as JSON by this platform (None: it can be handed to the route)."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"the body is not UTF-8 (byte {exc.start}: {exc.reason})"
    if body.count(b"[") + body.count(b"{") <= MAX_DEPTH:
        return None
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub(b'""', body)):
        depth += 1 if match.group() in (b"[", b"{") else -1
        if depth > MAX_DEPTH:
            return f"the body nests arrays and objects deeper than {MAX_DEPTH} levels"
    return None


class BodyGuardMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        content_type = header(scope, b"content-type")
        if "json" not in content_type:
            return await self.app(scope, receive, send)
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        reason = body_problem(body)
        if reason is not None:
            problem = {"type": "urn:ets:problem:malformed-body", "title": "The body cannot be read", "status": 400,
                       "detail": reason, "field": "body"}
            await send({"type": "http.response.start", "status": 400,
                        "headers": [(b"content-type", PROBLEM_JSON.encode())]})
            return await send({"type": "http.response.body", "body": json.dumps(problem).encode()})
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)
