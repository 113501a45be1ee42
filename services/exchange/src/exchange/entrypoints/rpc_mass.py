"""Mass orders on the members' NATS order gateway (M-23 open bidding): many limit orders in one request, an answer
per order — what exchanges offer their members' gateways beside the single order (`rpc.ORDERS_SUBJECT`).

A gateway sends `{"orders": [<PlaceOrder>, ...]}` (1 to `MAX_ORDERS`) to `rpc.MASS_ORDERS_SUBJECT`, with the member's
token as for a single order (the member authenticated, M-22 checked per order). Each order is validated alone and
queued to the sequencer in the request's order, so they are entered exactly as the same orders sent one after
another: the same checks, the same events, and a refused order (422 naming its field as `orders.<n>.<field>`, or a
rule's 4xx) changes nothing and does not stop the others. The reply (`Status` 200) is `{"results": [...]}`, one per
order in the request's order, each `{"status": 201, "order": <OrderPublic>}` or `{"status": 4xx, "problem":
<problem+json>}`; it is sent once every order has been answered, that is after the batches holding them committed
(each accepted order is durable). A request refused as a whole — no member token, a body that is not such an object —
gets one answer as a single order would (401, 403, 422)."""
from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ets_shared.envelope import MessageContext
from exchange.entrypoints.rpc_problems import refusal
from exchange.entrypoints.rpc_order_json import accepted_json, order_json
from exchange.service_layer import commands

MAX_ORDERS = 200


class MassOrder(BaseModel):
    """The request: its orders, each validated alone (one bad order refuses that order only)."""
    model_config = ConfigDict(extra="forbid")
    orders: list[Any] = Field(min_length=1, max_length=MAX_ORDERS)


class ValidMassOrder(BaseModel):
    """The request when every order in it is valid, the usual case: validated in one pass from its JSON, the same
    commands as `MassOrder`'s orders validated one by one (`handle` takes that way for a request it refuses)."""
    model_config = ConfigDict(extra="forbid")
    orders: list[commands.PlaceOrder] = Field(min_length=1, max_length=MAX_ORDERS)


async def handle(gateway: Any, headers: dict[str, str], data: bytes) -> tuple[int, bytes]:
    """(status, body) for one mass-order request."""
    refused: dict[int, tuple[int, bytes]] = {}  # the orders refused as invalid, by place in the request
    try:
        principal = await gateway.member(headers)
        try:
            orders: list[Any] = ValidMassOrder.model_validate_json(data).orders
            cmds: list[commands.PlaceOrder] = orders  # every order valid: the commands as they are
        except ValidationError:
            orders = MassOrder.model_validate_json(data).orders
            cmds = _commands(orders, refused)
    except Exception as error:  # noqa: BLE001 - every request is answered
        return refusal(error)
    context = MessageContext.new(principal.actor)  # one request: its orders' events carry its ids
    sequencer, party_id = gateway.runtime.sequencer, principal.party_id
    # the request's orders queued together and answered together, after the batches holding them committed
    outcomes = await gateway.answers.gathered(
        lambda done: sequencer.enter_all(party_id, cmds, context, done)) if cmds else []
    if not refused and set(map(type, outcomes)) == _PLACED:  # every order placed: none refused (an exception)
        return 200, accepted_json(outcomes)
    answered = iter(outcomes)
    return 200, b'{"results":[' + b",".join(
        _result(refused[n] if n in refused else next(answered), n) for n in range(len(orders))) + b"]}"


_PLACED = {tuple}  # the type of a placed order's outcome, (order, trades)


def _commands(orders: list[Any], refused: dict[int, tuple[int, bytes]]) -> list[commands.PlaceOrder]:
    """The orders of a request that is not valid throughout, each validated alone: its valid orders' commands, in
    their order, and each invalid one's refusal put in `refused` at its place."""
    cmds = []
    for n, item in enumerate(orders):
        try:
            cmds.append(commands.PlaceOrder.model_validate(item))
        except ValidationError as invalid:
            refused[n] = refusal(invalid, within=f"orders.{n}")
    return cmds


def _result(outcome: Any, n: int) -> bytes:
    """An order's result: `outcome` is its order and trades, its refusal by the sequencer (an exception), or its
    refusal as invalid (status, problem)."""
    if isinstance(outcome, BaseException):
        outcome = refusal(outcome if isinstance(outcome, Exception) else RuntimeError(outcome), within=f"orders.{n}")
    elif not isinstance(outcome[0], int):
        order, trades = outcome
        return b'{"status":201,"order":' + order_json(order, trades) + b"}"
    status, problem = outcome
    return b'{"status":' + json.dumps(status).encode() + b',"problem":' + problem + b"}"
