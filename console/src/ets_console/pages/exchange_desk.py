"""The exchange's operations desk (role `exchange_operator`; the authority reads it): members with their own and
their clients' trading accounts, suspension and reinstatement with reasons (M-21, M-22); halts, price limits and
holding limits imposed and lifted with the abnormal situation that calls for them (M-29); surveillance alerts with
their evidence (M-24, M-25)."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from starlette.responses import Response

from ets_console import nav
from ets_console.pages.desk_forms import act, idempotency, query_of
from ets_console.web import FormErrors, Look, RecordId, form_of, render
from ets_shared.auth import Role

router = APIRouter(prefix="/exchange")
DESK = (Role.EXCHANGE_OPERATOR, Role.AUTHORITY)
KINDS = ("halt", "price_limit", "holding_limit")
PATTERNS = ("wash_trade", "layering", "marking_the_close")
nav.register(Role.EXCHANGE_OPERATOR, home=lambda _: "/exchange/members", links=[
    nav.Link("exchange.members.title", lambda _: "/exchange/members"),
    nav.Link("exchange.measures.title", lambda _: "/exchange/measures"),
    nav.Link("exchange.alerts.title", lambda _: "/exchange/alerts"),
])


# members and clients -------------------------------------------------------------------------------------------
@router.get("/members")
async def members(request: Request, look: Look) -> Response:
    look.require(*DESK)
    return render(request, "exchange/members.html", members=await look.api.get("exchange", "/members", limit=1000))


async def member_page(request: Request, look: Look, member_id: str, *, status: int = 200,
                      errors: FormErrors | None = None, values: dict | None = None,
                      form: str | None = None) -> Response:
    member = await look.api.get("exchange", f"/members/{member_id}")
    accounts = await look.api.get("exchange", f"/members/{member_id}/trading-accounts")
    return render(request, "exchange/member.html", status=status, member=member, accounts=accounts,
                  errors=errors or FormErrors(), values=values or {}, form=form)


@router.get("/members/{member_id}")
async def member(request: Request, look: Look, member_id: RecordId) -> Response:
    look.require(*DESK)
    return await member_page(request, look, member_id)


@router.post("/members/{member_id}/{change}")
async def member_status(request: Request, look: Look, member_id: RecordId,
                        change: Literal["suspension", "reinstatement"]) -> Response:
    look.require(Role.EXCHANGE_OPERATOR)
    values = await form_of(request)
    call = look.api.post("exchange", f"/members/{member_id}/{change}", {"reason": values.get("reason", "")},
                         idempotency_key=idempotency(values))

    async def again(**context: Any) -> Response:
        return await member_page(request, look, member_id, form=change, **context)

    return await act(call, f"/exchange/members/{member_id}", again, values, {"reason"})


# halts and limits (M-29) -----------------------------------------------------------------------------------------
async def measures_page(request: Request, look: Look, *, status: int = 200, errors: FormErrors | None = None,
                        values: dict | None = None, form: str | None = None) -> Response:
    measures = await look.api.get("exchange", "/market-measures", limit=500)
    return render(request, "exchange/measures.html", status=status, measures=measures, kinds=KINDS,
                  errors=errors or FormErrors(), values=values or {}, form=form)


@router.get("/measures")
async def measures(request: Request, look: Look) -> Response:
    look.require(*DESK)
    return await measures_page(request, look)


@router.post("/measures")
async def impose(request: Request, look: Look) -> Response:
    look.require(Role.EXCHANGE_OPERATOR)
    values = await form_of(request)
    key = idempotency(values)
    body = {"measure_id": values.get("measure_id", ""), "kind": values.get("kind", ""),
            "product_id": values.get("product_id") or None, "price_limit": values.get("price_limit") or None,
            "max_holding_t": values.get("max_holding_t") or None, "reason": values.get("reason", "")}
    call = look.api.post("exchange", "/market-measures", body, idempotency_key=key)

    async def again(**context: Any) -> Response:
        return await measures_page(request, look, form="impose", **context)

    return await act(call, "/exchange/measures", again, values, set(body))


@router.post("/measures/{measure_id}/lifting")
async def lift(request: Request, look: Look, measure_id: RecordId) -> Response:
    look.require(Role.EXCHANGE_OPERATOR)
    values = await form_of(request)
    call = look.api.post("exchange", f"/market-measures/{measure_id}/lifting", {"reason": values.get("reason", "")},
                         idempotency_key=idempotency(values))

    async def again(**context: Any) -> Response:
        return await measures_page(request, look, form=f"lift-{measure_id}", **context)

    return await act(call, "/exchange/measures", again, values, {"reason"})


# surveillance alerts (M-24, M-25) ------------------------------------------------------------------------------
@router.get("/alerts")
async def alerts(request: Request, look: Look) -> Response:
    look.require(*DESK)
    filters = query_of(request, "pattern", "start", "end")
    found = await look.api.get("exchange", "/surveillance/alerts", limit=500, **filters)
    return render(request, "exchange/alerts.html", alerts=found, filters=filters, patterns=PATTERNS)
