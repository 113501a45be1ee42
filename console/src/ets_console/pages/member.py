"""An exchange member's trading pages (role `member`, its own member id only): its trading accounts with cash and
allowances, orders (enter a limit order, cancel an open one) and trades. A covered entity trades here as its
member `M-<entity>` (admitted with its coverage, M-21; orders are entered by members, M-23)."""
from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from ets_console import nav
from ets_console.api import ApiProblem
from ets_console.web import DoneQuery, FormErrors, Look, RecordId, form_of, render
from ets_shared.auth import Role

router = APIRouter(prefix="/member/{member_id}")

nav.register(Role.MEMBER, home=lambda p: f"/member/{p.party_id}", links=[
    nav.Link("member.nav.trading", lambda p: f"/member/{p.party_id}"),
])

ORDER_FIELDS = {"trading_account_id", "product_id", "side", "price", "quantity", "time_in_force"}


@router.get("")
async def trading(request: Request, look: Look, member_id: RecordId, done: DoneQuery = None) -> Response:
    look.require_party(member_id, Role.MEMBER)
    return await _trading_page(request, look, member_id, done=done)


async def _trading_page(request: Request, look: Look, member_id: str, *, status: int = 200,
                        errors: FormErrors | None = None, values: dict | None = None,
                        done: DoneQuery = None) -> Response:
    accounts = await look.api.get("exchange", f"/members/{member_id}/trading-accounts")
    products = await look.api.get("exchange", "/products")

    async def details(account: dict) -> dict:
        aid = account["trading_account_id"]
        balances, orders, trades = await asyncio.gather(
            look.api.get("exchange", f"/trading-accounts/{aid}/balances"),
            look.api.get("exchange", f"/trading-accounts/{aid}/orders", limit=100),
            look.api.get("exchange", f"/trading-accounts/{aid}/trades", limit=100))
        return {**account, "balances": balances, "orders": orders, "trades": trades}

    books = await asyncio.gather(*(details(a) for a in accounts))
    if values is None:
        values = {"trading_account_id": accounts[0]["trading_account_id"] if accounts else "",
                  "product_id": products[0]["product_id"] if products else "", "side": "BUY",
                  "time_in_force": "GTC"}
    return render(request, "member/trading.html", status=status, member_id=member_id, accounts=books,
                  products=products, errors=errors or FormErrors(), values=values, done=done)


def _whole(value: str) -> int | str:
    """Whole tonnes as a number; anything else as typed, for the exchange to refuse by name."""
    try:
        return int(value)
    except ValueError:
        return value


@router.post("/orders")
async def place_order(request: Request, look: Look, member_id: RecordId) -> Response:
    """M-23 open bidding: a limit order (GTC or IOC) for one of the member's trading accounts."""
    look.require_party(member_id, Role.MEMBER)
    data = await form_of(request)
    body: dict[str, str | int] = {name: data.get(name, "").strip() for name in ORDER_FIELDS}
    body["quantity"] = _whole(str(body["quantity"]))
    try:
        await look.api.post("exchange", "/orders", body, idempotency_key=data.get("idempotency_key"))
    except ApiProblem as problem:
        return await _trading_page(request, look, member_id, status=problem.status, values=data,
                                   errors=FormErrors.of(problem, ORDER_FIELDS))
    return RedirectResponse(f"/member/{member_id}?done=order_placed", status_code=303)


@router.post("/orders/{order_id}/cancellation")
async def cancel_order(request: Request, look: Look, member_id: RecordId, order_id: RecordId) -> Response:
    look.require_party(member_id, Role.MEMBER)
    await form_of(request)
    try:
        await look.api.post("exchange", f"/orders/{order_id}/cancellation")
    except ApiProblem as problem:
        errors = FormErrors.of(problem, set())
        return await _trading_page(request, look, member_id, status=problem.status, errors=errors)
    return RedirectResponse(f"/member/{member_id}?done=order_cancelled", status_code=303)
