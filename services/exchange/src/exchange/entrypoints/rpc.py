"""The members' order gateway on NATS (request/reply, M-23 open bidding): `ORDERS_SUBJECT`, beside `POST /orders`.

A member's gateway sends a request whose body is a `PlaceOrder` (the JSON of `POST /orders`) and whose
`Authorization` header is `Bearer <token>`, the same member token the HTTP API takes: the member is authenticated per
request and may enter orders only for its own and its clients' accounts (M-22). The order goes to the sequencer like
an HTTP one, and the reply comes after its batch has committed. The reply's `Status` header is the HTTP status the
same request would have had: 201 with the `OrderPublic` JSON, or a 4xx with its problem+json (the field named).
A mass-order request (`MASS_ORDERS_SUBJECT`, `rpc_mass`) carries many orders and is answered with one such answer per
order.

Requests are served by the `exchange` queue group on the service's own NATS connection (its identity may subscribe
`ets.rpc.exchange.>`, `ets_shared.messaging.nats_auth`). Each request is answered by a task of its own, so many are
outstanding at once and the sequencer batches them.

A gateway sends the same token with every order, so a verified token is remembered (`VerifiedTokens`): its signature,
issuer, audience and lifetime are checked in full the first time, and again after `VERIFIED_FOR` seconds or at its
expiry, whichever comes first (a refused token is never remembered). Verifying an HS256 token cost about a tenth of
the exchange process's time per order in the benchmark."""
from __future__ import annotations

import asyncio
import time
from typing import Any

import jwt

from ets_shared.auth import Principal, Role, Unauthenticated, decode_token
from ets_shared.envelope import MessageContext
from ets_shared.errors import Forbidden
from ets_shared.messaging.nats_auth import MEMBER_MASS_ORDERS_SUBJECT, MEMBER_ORDERS_SUBJECT
from exchange.entrypoints import rpc_mass
from exchange.entrypoints.rpc_answers import LoopAnswers, reply_headers
from exchange.entrypoints.rpc_order_json import order_json
from exchange.entrypoints.rpc_problems import refusal
from exchange.service_layer import commands

ORDERS_SUBJECT = MEMBER_ORDERS_SUBJECT  # the member-gateway NATS identity may publish here and to the next only
MASS_ORDERS_SUBJECT = MEMBER_MASS_ORDERS_SUBJECT  # many orders in one request (`rpc_mass`)
QUEUE = "exchange"
VERIFIED_FOR = 60.0  # seconds a verified token is taken without verifying it again (never beyond its expiry)


class VerifiedTokens:
    """Tokens verified in full lately, with their principal, each until `VERIFIED_FOR` seconds after its
    verification or its own expiry (`exp`), whichever is earlier; at most `limit` of them (then forgotten at once)."""

    def __init__(self, limit: int = 10_000, clock=time.time) -> None:
        self._held: dict[str, tuple[Principal, float]] = {}
        self._limit = limit
        self._clock = clock

    def get(self, token: str) -> Principal | None:
        held = self._held.get(token)
        if held is None:
            return None
        if self._clock() >= held[1]:
            del self._held[token]
            return None
        return held[0]

    def keep(self, token: str, principal: Principal) -> None:
        """Remember a token that was just verified in full (its `exp` is then known to be a number)."""
        expires = float(jwt.decode(token, options={"verify_signature": False})["exp"])
        if len(self._held) >= self._limit:
            self._held.clear()
        self._held[token] = (principal, min(expires, self._clock() + VERIFIED_FOR))


class OrderGateway:
    def __init__(self, runtime: Any) -> None:
        self.runtime = runtime
        self.tokens = VerifiedTokens()
        self.answers = LoopAnswers()  # the sequencer's answers to mass requests, one loop wake-up per batch
        self._subs: list[Any] = []
        self._nc: Any = None
        self._tasks: set[asyncio.Task] = set()

    async def start(self, nc: Any) -> None:
        self._nc = nc
        self._subs = [await nc.subscribe(ORDERS_SUBJECT, queue=QUEUE, cb=self._on_request),
                      await nc.subscribe(MASS_ORDERS_SUBJECT, queue=QUEUE, cb=self._on_request)]

    async def stop(self) -> None:
        for sub in self._subs:
            await sub.unsubscribe()
        self._subs = []
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _on_request(self, msg: Any) -> None:
        task = asyncio.create_task(self._answer(msg))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _answer(self, msg: Any) -> None:
        if msg.subject == MASS_ORDERS_SUBJECT:
            status, body = await rpc_mass.handle(self, msg.headers or {}, msg.data)
        else:
            status, body = await self.handle(msg.headers or {}, msg.data)
        if msg.reply:
            await self._nc.publish(msg.reply, body, headers=reply_headers(status))

    async def member(self, headers: dict[str, str]) -> Principal:
        """The member the request's token names (verified, or remembered as verified); refused unless a member."""
        scheme, _, token = headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Unauthenticated("an order request needs an Authorization: Bearer <member token> header")
        principal = self.tokens.get(token)
        if principal is None:
            principal = await asyncio.to_thread(decode_token, self.runtime.settings, token) \
                if self.runtime.settings.jwks_url else decode_token(self.runtime.settings, token)
            self.tokens.keep(token, principal)
        if principal.role is not Role.MEMBER:
            raise Forbidden(f"role '{principal.role.value}' may not do this; allowed: member")
        return principal

    async def handle(self, headers: dict[str, str], data: bytes) -> tuple[int, bytes]:
        """(status, body) for one request: what `POST /orders` would answer."""
        try:
            principal = await self.member(headers)
            cmd = commands.PlaceOrder.model_validate_json(data)
            # the sequencer's entry (`Sequencer.enter`'s), answered on this loop (`GroupCommit.answer`: a batch's
            # answers in one wake-up) — its refusal raised
            order, trades = await self.runtime.sequencer.answer(
                (principal.party_id, cmd, MessageContext.new(principal.actor)))
            return 201, order_json(order, trades)
        except Exception as error:  # noqa: BLE001 - every request is answered (`refusal`)
            return refusal(error)
