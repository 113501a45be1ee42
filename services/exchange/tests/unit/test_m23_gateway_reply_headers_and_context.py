"""M-23 through the NATS gateway: what a request is answered with, headers and body, as it goes out on NATS — the
`Status` the same HTTP request would have had and the JSON type, for an accepted order, a refused one and a mass
order — and the context its orders' events carry: a fresh correlation id per request, the member as the actor, as
`MessageContext.new` makes it (`reply_headers`)."""
from __future__ import annotations

import json
import re
import uuid
from types import SimpleNamespace

from ets_shared.auth import Principal, Role
from ets_shared.envelope import MessageContext
from exchange.entrypoints.rpc import MASS_ORDERS_SUBJECT, ORDERS_SUBJECT, OrderGateway

from exchange.entrypoints.rpc_order_json import order_json

from .test_m23_gateway_order_answers import ORDERS, Entered, an_order

UUID_TEXT = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


class Published:
    """A NATS connection that records what the gateway publishes."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, bytes, dict[str, str]]] = []

    async def publish(self, subject: str, body: bytes, headers: dict[str, str]) -> None:
        self.sent.append((subject, body, dict(headers)))


class Contexts(Entered):
    """`Entered`, keeping the context each request's orders were entered with."""

    def __init__(self) -> None:
        super().__init__(refusing=frozenset({7}))
        self.contexts: list[MessageContext] = []

    def enter_all(self, member_id, cmds, context, done):
        self.contexts.append(context)
        super().enter_all(member_id, cmds, context, done)

    async def answer(self, entry):
        self.contexts.append(entry[2])
        return await super().answer(entry)


def a_gateway() -> OrderGateway:
    gateway = OrderGateway(SimpleNamespace(settings=SimpleNamespace(jwks_url=None), sequencer=Contexts()))
    gateway.tokens._held["t"] = (Principal(subject="M-B", role=Role.MEMBER, party_id="B"), float("inf"))
    gateway._nc = Published()
    return gateway


async def a_request(gateway: OrderGateway, subject: str, body: object, token: str = "t") -> None:
    msg = SimpleNamespace(subject=subject, headers={"Authorization": f"Bearer {token}"}, reply="_INBOX.1",
                          data=json.dumps(body).encode())
    await gateway._answer(msg)


def test_m23_a_requests_context_is_what_message_context_new_makes():
    made = [MessageContext.new("member:M-B") for _ in range(1000)]
    assert all(type(c) is MessageContext and (c.causation_id, c.actor) == (None, "member:M-B") for c in made)
    assert all(UUID_TEXT.match(c.correlation_id) and str(uuid.UUID(c.correlation_id)) == c.correlation_id
               for c in made)
    assert len({c.correlation_id for c in made}) == 1000
    new = MessageContext.new("member:M-B")
    assert [type(new.correlation_id), UUID_TEXT.match(new.correlation_id) is not None] == [str, True]


async def test_m23_replies_carry_the_http_status_and_the_json_type_in_their_headers():
    gateway = a_gateway()
    await a_request(gateway, ORDERS_SUBJECT, ORDERS[0])
    await a_request(gateway, ORDERS_SUBJECT, {**ORDERS[0], "quantity": 7})
    await a_request(gateway, ORDERS_SUBJECT, {**ORDERS[0], "quantity": 1.5})
    await a_request(gateway, ORDERS_SUBJECT, ORDERS[0], token="")  # no token
    await a_request(gateway, MASS_ORDERS_SUBJECT, {"orders": [ORDERS[0], {**ORDERS[1], "quantity": 7}]})
    await a_request(gateway, MASS_ORDERS_SUBJECT, {"orders": []})
    sent = gateway._nc.sent
    assert [(subject, headers) for subject, _body, headers in sent] == [
        ("_INBOX.1", {"Status": status, "Content-Type": "application/json"})
        for status in ("201", "422", "422", "401", "200", "422")]
    assert sent[0][1] == order_json(an_order(sequence=1, quantity=3), [])
    assert json.loads(sent[1][1])["field"] == "quantity" and json.loads(sent[2][1])["field"] == "quantity"
    assert [r["status"] for r in json.loads(sent[4][1])["results"]] == [201, 422]
    assert json.loads(sent[5][1])["field"] == "orders"


async def test_m23_each_request_enters_its_orders_with_a_context_of_its_own():
    gateway = a_gateway()
    await a_request(gateway, ORDERS_SUBJECT, ORDERS[0])
    await a_request(gateway, MASS_ORDERS_SUBJECT, {"orders": ORDERS})
    contexts = gateway.runtime.sequencer.contexts
    assert [(c.actor, c.causation_id) for c in contexts] == [("member:M-B@B", None)] * 2
    assert contexts[0].correlation_id != contexts[1].correlation_id
    assert all(UUID_TEXT.match(c.correlation_id) for c in contexts)
