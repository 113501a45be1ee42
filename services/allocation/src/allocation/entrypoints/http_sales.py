"""HTTP API of paid allocation (M-9): sales of a plan's paid reserve, sealed bids, clearing, the settlement bank's
payment confirmation."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy import select

from allocation.adapters.orm import BidRow, SaleRow
from allocation.service_layer import commands
from allocation.service_layer.sales import clear_sale, confirm_payment, open_sale, place_bid
from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden, NotFound
from ets_shared.http.dependencies import Caller, ReadSession, require
from allocation.entrypoints.dependencies import Uow
from allocation.entrypoints.schemas_sales import BidPublic, SalePublic

router = APIRouter(tags=["paid allocation"])
Authority = Annotated[Principal, Depends(require(Role.AUTHORITY))]
Bank = Annotated[Principal, Depends(require(Role.SETTLEMENT_BANK))]
Entity = Annotated[Principal, Depends(require(Role.ENTITY))]


@router.post("/plans/{compliance_year}/sales", response_model=SalePublic, status_code=201,
             summary="Offer part of the plan's paid reserve by auction or at a fixed price (M-9)")
def open_(compliance_year: int, cmd: commands.OpenSale, _: Authority, uow: Uow) -> SalePublic:
    return open_sale(compliance_year, cmd, uow)


@router.post("/sales/{sale_id}/bids", response_model=BidPublic, status_code=201,
             summary="A covered entity's sealed bid, or subscription at the fixed price (M-9)")
def bid(sale_id: str, cmd: commands.PlaceBid, caller: Entity, uow: Uow) -> BidPublic:
    return place_bid(sale_id, caller.party, cmd, uow)


@router.post("/sales/{sale_id}/clearing", response_model=SalePublic,
             summary="Close the sale: clearing price, awards, pro rata at the margin (M-9)")
def clear(sale_id: str, _: Authority, uow: Uow) -> SalePublic:
    return clear_sale(sale_id, uow)


@router.post("/sales/{sale_id}/awards/{entity_id}/payment", response_model=BidPublic,
             summary="The settlement bank confirms the winner's payment; its allowances are issued (M-9)")
def pay(sale_id: str, entity_id: str, cmd: commands.ConfirmPayment, _: Bank, uow: Uow) -> BidPublic:
    return confirm_payment(sale_id, entity_id, cmd, uow)


@router.get("/sales/{sale_id}", response_model=SalePublic, summary="A sale; its bids are sealed (M-9)")
def get_sale(sale_id: str, session: ReadSession, caller: Caller) -> SalePublic:
    row = session.get(SaleRow, sale_id)
    if row is None:
        raise NotFound(f"no sale {sale_id}", field="sale_id")
    query = select(BidRow).where(BidRow.sale_id == sale_id).order_by(BidRow.placed_at)
    if caller.has(Role.AUTHORITY, Role.SETTLEMENT_BANK):
        bids = list(session.execute(query).scalars()) if row.status == "cleared" else []
    elif caller.has(Role.ENTITY):
        bids = list(session.execute(query.where(BidRow.bidder_id == caller.party_id)).scalars())
    else:
        raise Forbidden("sales are seen by the authority, the settlement bank and bidders", field="sale_id")
    return SalePublic.of(row, bids)
