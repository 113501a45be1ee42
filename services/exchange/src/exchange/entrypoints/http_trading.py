"""HTTP API of trading (M-19, M-23): products, open-bidding orders (place, amend, cancel) and agreement transfers.
Members enter orders for their own account and their clients' (M-22); the operator lists products."""
from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden
from ets_shared.http.dependencies import Caller, ReadSession, context_for, require
from exchange.entrypoints.dependencies import ProductId, RecordId, Uow
from exchange.adapters.trading_store import TradingStore
from exchange.domain.policy import to_yuan
from exchange.entrypoints.schemas import (
    AgreementPublic, BookLevel, BookPublic, OrderPublic, ProductPublic,
)
from exchange.service_layer import agreements, commands, orders, products
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork

router = APIRouter(tags=["trading"])
Operator = Annotated[Principal, Depends(require(Role.EXCHANGE_OPERATOR))]
Member = Annotated[Principal, Depends(require(Role.MEMBER))]


@router.post("/products", response_model=ProductPublic, status_code=201, summary="List a product (M-19)")
def list_product(cmd: commands.ListProduct, _: Operator, uow: Uow) -> ProductPublic:
    return products.list_product(cmd, uow)


@router.get("/products", response_model=list[ProductPublic], summary="Products traded")
def listed_products(session: ReadSession, _: Caller) -> list[ProductPublic]:
    return [ProductPublic.of(p) for p in TradingStore(session).products()]


@router.get("/products/{product_id}/book", response_model=BookPublic, summary="Best levels of the order book")
def book(product_id: ProductId, uow: Uow, _: Caller,
         levels: Annotated[int, Query(ge=1, le=50)] = 5) -> BookPublic:
    unit: ExchangeUnitOfWork = uow
    with unit, unit.books.lock:
        unit.trading.product(product_id)
        bids, asks = unit.books.book(unit.session, product_id).depth(levels)
    return BookPublic(product_id=product_id,
                      bids=[BookLevel(price=to_yuan(b.price_ticks), quantity=b.quantity) for b in bids],
                      asks=[BookLevel(price=to_yuan(a.price_ticks), quantity=a.quantity) for a in asks])


@router.post("/orders", response_model=OrderPublic, status_code=201,
             summary="Enter a limit order (GTC or immediate-or-cancel) for an account of the calling member")
async def place(cmd: commands.PlaceOrder, caller: Member, request: Request) -> OrderPublic:
    """Queued to the process's sequencer (`service_layer.sequencer`); answered once its batch has committed."""
    sequencer = request.app.state.runtime.sequencer
    order, trades = await asyncio.wrap_future(sequencer.enter(caller.party_id, cmd, context_for(request, caller)))
    return OrderPublic.of(order, trades)


@router.get("/orders/{order_id}", response_model=OrderPublic, summary="One order (its member, operator)")
def get_order(order_id: RecordId, caller: Caller, session: ReadSession) -> OrderPublic:
    order = TradingStore(session).order(order_id)
    account = TradingStore(session).account(order.trading_account_id)
    if not (caller.has(Role.EXCHANGE_OPERATOR, Role.AUTHORITY) or caller.owns(account.member_id)
            or caller.owns(account.participant_id)):
        raise Forbidden("a participant sees only its own orders", field="order_id")
    return OrderPublic.of(order)


@router.post("/orders/{order_id}/amendment", response_model=OrderPublic,
             summary="New price and/or open quantity (priority kept only when it just gets smaller)")
def amend(order_id: RecordId, cmd: commands.AmendOrder, caller: Member, uow: Uow) -> OrderPublic:
    return orders.amend_order(caller.party, order_id, cmd, uow)


@router.post("/orders/{order_id}/cancellation", response_model=OrderPublic, summary="Cancel an open order")
def cancel(order_id: RecordId, caller: Member, uow: Uow) -> OrderPublic:
    return orders.cancel_order(caller.party, order_id, uow)


@router.post("/agreements", response_model=AgreementPublic, status_code=201,
             summary="Propose an agreement transfer to a named counterparty (M-23)")
def propose(cmd: commands.ProposeAgreement, caller: Member, uow: Uow) -> AgreementPublic:
    return agreements.propose(caller.party, cmd, uow)


@router.post("/agreements/{agreement_id}/confirmation", response_model=AgreementPublic,
             summary="The counterparty confirms: the trade is executed and settles like any other")
def confirm(agreement_id: RecordId, caller: Member, uow: Uow) -> AgreementPublic:
    return agreements.confirm(caller.party, agreement_id, uow)


@router.post("/agreements/{agreement_id}/decline", response_model=AgreementPublic,
             summary="The counterparty declines or the proposer withdraws")
def decline(agreement_id: RecordId, caller: Member, uow: Uow) -> AgreementPublic:
    return agreements.decline(caller.party, agreement_id, uow)
