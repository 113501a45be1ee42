"""What the operations desk asks of the market's oversight (also the HTTP request bodies): emergency measures in
abnormal situations (M-29) and risk warnings (M-28(3))."""
from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from ets_shared.bounds import DecimalString

Identifier = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")
ProductId = Field(default=None, min_length=1, max_length=32, pattern=r"^[A-Za-z0-9._-]+$")


class ImposeMeasure(BaseModel):
    """A halt, a price limit or a holding limit, with the abnormal situation that calls for it; `product_id` null:
    the whole market (a holding limit is always market-wide). Held until lifted, or until `ends_at` if given."""

    model_config = ConfigDict(extra="forbid")
    measure_id: str = Identifier
    kind: Literal["halt", "price_limit", "holding_limit"]
    product_id: str | None = ProductId
    price_limit: DecimalString | None = Field(default=None, gt=0, le=1, max_digits=6, decimal_places=4,
                                        description="price_limit: the band, a rate of the previous close")
    max_holding_t: int | None = Field(default=None, ge=1, le=100_000_000,
                                      description="holding_limit: tonnes per account (plus a covered allocation)")
    reason: str = Field(min_length=3, max_length=1000)
    ends_at: AwareDatetime | None = None

    @model_validator(mode="after")
    def _fits_kind(self) -> ImposeMeasure:
        if (self.kind == "price_limit") != (self.price_limit is not None):
            raise ValueError("price_limit is required for a price_limit measure and only for it")
        if (self.kind == "holding_limit") != (self.max_holding_t is not None):
            raise ValueError("max_holding_t is required for a holding_limit measure and only for it")
        if self.kind == "holding_limit" and self.product_id is not None:
            raise ValueError("a holding limit applies to every account: product_id must be null")
        return self


class LiftMeasure(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(min_length=3, max_length=1000, description="why the abnormal situation is over")


class IssueWarning(BaseModel):
    """风险警示 (M-28(3)) about one product, or the whole market (`product_id` null)."""

    model_config = ConfigDict(extra="forbid")
    warning_id: str = Identifier
    product_id: str | None = ProductId
    level: Literal["notice", "warning", "severe"] = "warning"
    message: str = Field(min_length=3, max_length=2000)
