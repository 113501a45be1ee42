"""Paid allocation (M-9): the authority opens an auction or fixed-price sale of part of a plan's paid reserve,
covered entities of the year bid (sealed), the authority clears it (`domain.paid_allocation`), the settlement bank
confirms each winner's payment and only then are its allowances issued (ISSUE, vintage = the plan's year)."""
from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Literal

from sqlalchemy import func, select

from allocation.adapters.orm import ISSUANCE_ACCOUNT, BidRow, PlanRow, SaleRow
from allocation.domain import PlanStatus, UnitLine, UnitType
from allocation.domain.paid_allocation import Bid, check_bid, clear_auction, fill_fixed_price
from allocation.entrypoints.schemas_sales import BidPublic, SalePublic
from allocation.service_layer import commands
from allocation.service_layer.planning import plan_id
from allocation.adapters.policy_repository import policy_for
from allocation.service_layer.registration import account_id
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.contracts.allocation import AllowancesSold, SaleAward, SaleCleared
from ets_shared.errors import Conflict, NotFound, RuleViolation


def _sale(uow: AllocationUnitOfWork, sale_id: str) -> SaleRow:
    row = uow.session.get(SaleRow, sale_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no sale {sale_id}", field="sale_id")
    return row


def offered(uow: AllocationUnitOfWork, year: int) -> int:
    """What the year's sales hold of the reserve: open sales their quantity, cleared ones what they awarded."""
    held = func.coalesce(func.sum(func.coalesce(SaleRow.awarded, SaleRow.quantity)), 0)
    return int(uow.session.execute(select(held).where(SaleRow.compliance_year == year)).scalar_one())


def open_sale(year: int, cmd: commands.OpenSale, uow: AllocationUnitOfWork) -> SalePublic:
    with uow:
        plan = uow.plans.get(year, [])
        if plan.status is PlanStatus.DRAFT:
            raise RuleViolation(f"the {year} plan must be approved before allowances are sold", article="M-7")
        if (cmd.kind == "fixed_price") != (cmd.price is not None):
            raise RuleViolation("a fixed-price sale, and only one, states its price", field="price", article="M-9")
        left = plan.paid_reserve - offered(uow, year)
        if cmd.quantity > left:
            raise RuleViolation(f"the {year} paid reserve has {left} allowances left to offer", field="quantity",
                                article="M-9")
        row = SaleRow(sale_id=f"SALE-{year}-{uuid.uuid4().hex[:10]}", compliance_year=year, kind=cmd.kind,
                      quantity=cmd.quantity, price=str(cmd.price) if cmd.price is not None else None,
                      reserve_price=str(policy_for(uow.session, year).auction_reserve_price), status="open",
                      opened_at=uow.now(), correlation_id=uow.context.correlation_id)
        uow.session.add(row)
        uow.audit("allocation.sale.opened", f"sale:{row.sale_id}", cmd)
        uow.commit()
    return SalePublic.of(row, [])


def place_bid(sale_id: str, entity_id: str, cmd: commands.PlaceBid, uow: AllocationUnitOfWork) -> BidPublic:
    with uow:
        sale = _sale(uow, sale_id)
        if sale.status != "open":
            raise Conflict(f"sale {sale_id} is {sale.status}", article="M-9")
        entity = uow.entities.find(entity_id)
        if entity is None or not entity.covered_in(sale.compliance_year) or not entity.is_active:
            raise RuleViolation(f"only entities covered in {sale.compliance_year} may bid", field="entity_id",
                                article="M-9")
        check_bid(sale.kind, cmd.quantity, cmd.price, Decimal(sale.price or 0), Decimal(sale.reserve_price),
                  sale.quantity)
        row = uow.session.get(BidRow, (sale_id, entity_id))
        if row is None:
            row = BidRow(sale_id=sale_id, bidder_id=entity_id, quantity=cmd.quantity, price=str(cmd.price),
                         placed_at=uow.now())
            uow.session.add(row)
        else:
            row.quantity, row.price, row.placed_at = cmd.quantity, str(cmd.price), uow.now()
        uow.audit("allocation.sale.bid", f"sale:{sale_id}", {"bidder_id": entity_id})  # sealed: no figures
        uow.commit()
    return BidPublic.of(row)


def clear_sale(sale_id: str, uow: AllocationUnitOfWork) -> SalePublic:
    with uow:
        sale = _sale(uow, sale_id)
        if sale.status != "open":
            raise Conflict(f"sale {sale_id} is {sale.status}", article="M-9")
        rows = {r.bidder_id: r for r in uow.session.execute(
            select(BidRow).where(BidRow.sale_id == sale_id).order_by(BidRow.placed_at)).scalars()}
        bids = [Bid(r.bidder_id, r.quantity, Decimal(r.price), r.placed_at) for r in rows.values()]
        kind: Literal["auction", "fixed_price"]
        if sale.kind == "auction":
            kind, (clearing, awards) = "auction", clear_auction(sale.quantity, bids, Decimal(sale.reserve_price))
        elif sale.price is not None:  # a fixed-price sale states its price when opened (open_sale)
            kind, clearing = "fixed_price", Decimal(sale.price)
            awards = fill_fixed_price(sale.quantity, bids, clearing)
        else:
            raise Conflict(f"fixed-price sale {sale_id} has no price", field="sale_id", article="M-9")
        for award in awards:
            rows[award.bidder_id].awarded, rows[award.bidder_id].amount = award.quantity, str(award.amount)
        now = uow.now()
        sale.status, sale.cleared_at, sale.awarded = "cleared", now, sum(a.quantity for a in awards)
        sale.clearing_price = str(clearing) if clearing is not None and awards else None
        uow.publish(SaleCleared(
            sale_id=sale_id, compliance_year=sale.compliance_year, kind=kind, quantity=sale.quantity,
            clearing_price=sale.clearing_price, cleared_at=now,
            awards=[SaleAward(entity_id=a.bidder_id, quantity=a.quantity, price=str(a.price), amount=str(a.amount))
                    for a in awards]), correlation_id=sale.correlation_id)
        uow.audit("allocation.sale.cleared", f"sale:{sale_id}", {"clearing_price": sale.clearing_price,
                                                                "awarded": sale.awarded})
        uow.commit()
    return SalePublic.of(sale, [])  # the bids stay sealed in this answer; GET /sales/{id} shows them to whom it may


def confirm_payment(sale_id: str, entity_id: str, cmd: commands.ConfirmPayment, uow: AllocationUnitOfWork
                    ) -> BidPublic:
    """The settlement bank's confirmation: the exact amount, once; then the allowances are issued (M-9, M-32)."""
    with uow:
        sale = _sale(uow, sale_id)
        bid = uow.session.get(BidRow, (sale_id, entity_id), with_for_update=True)
        price = sale.clearing_price or sale.price
        if sale.status != "cleared" or bid is None or not bid.awarded or bid.amount is None or price is None:
            raise NotFound(f"{entity_id} has no award in sale {sale_id}", field="entity_id")
        if bid.paid_at is not None:
            raise Conflict(f"{entity_id}'s award was paid on {bid.paid_at.isoformat()}", article="M-9")
        if cmd.amount != Decimal(bid.amount):
            raise RuleViolation(f"the award costs {bid.amount}", field="amount", article="M-9")
        now, account, year = uow.now(), account_id(entity_id), sale.compliance_year
        registry = uow.registry.load([ISSUANCE_ACCOUNT, account], [account], unit_type=UnitType.SHEA, vintage=year)
        tx = registry.issue(f"{sale_id}-{entity_id}", ISSUANCE_ACCOUNT, account,
                            [UnitLine(UnitType.SHEA, year, bid.awarded)], now)
        uow.registry.record(registry, [tx], reference=f"sale:{sale_id}")
        bid.paid_at, bid.payment_reference, bid.transaction_id = now, cmd.reference, tx.transaction_id
        plan = uow.session.get(PlanRow, year, with_for_update=True)
        if plan is None:
            raise NotFound(f"no {year} plan", field="compliance_year", article="M-9")
        plan.paid_issued += bid.awarded
        uow.publish(AllowancesSold(
            sale_id=sale_id, entity_id=entity_id, account_id=account, transaction_id=tx.transaction_id, vintage=year,
            quantity=bid.awarded, price=price, amount=bid.amount,
            payment_reference=cmd.reference, issued_at=now), correlation_id=sale.correlation_id)
        uow.audit("allocation.sale.paid", f"sale:{sale_id}", {"entity_id": entity_id, "plan": plan_id(year),
                                                             "reference": cmd.reference})
        uow.commit()
    return BidPublic.of(bid)
