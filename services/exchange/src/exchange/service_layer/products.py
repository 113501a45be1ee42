"""Products (M-19): the allowances of one vintage, listed by the exchange operator with the reference price that
stands for the previous close until the product's first day of open-bidding trades (M-28(1))."""
from __future__ import annotations

from ets_shared.errors import Conflict
from exchange.adapters.orm import ProductRow
from exchange.domain.policy import to_cents
from exchange.entrypoints.schemas import ProductPublic
from exchange.service_layer import commands
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork


def list_product(cmd: commands.ListProduct, uow: ExchangeUnitOfWork) -> ProductPublic:
    with uow:
        if uow.session.get(ProductRow, cmd.product_id) is not None:
            raise Conflict(f"product {cmd.product_id} is listed", field="product_id", article="M-19")
        row = ProductRow(product_id=cmd.product_id, vintage=cmd.vintage, listed_at=uow.now(),
                         reference_price_cents=to_cents(commands.yuan(cmd.reference_price)))
        uow.trading.add(row)
        uow.audit("exchange.product.listed", f"product:{cmd.product_id}", cmd.model_dump())
        uow.commit()
    return ProductPublic.of(row)
