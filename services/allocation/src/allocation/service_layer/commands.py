"""What callers ask the allocation service to do (also the HTTP request bodies)."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from ets_shared.bounds import Day, ExactDecimal, PositiveQuantity, Quantity, Vintage, Year
from ets_shared.http.bulk import MAX_ITEMS, CorrelationId

EntityId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")]
MAX_BATCH = 10_000


class RegisterEntity(BaseModel):
    """M-5 / M-12 ¶2: an emitter the authority knows, with its annual emissions; the year's thresholds decide whether
    it is covered (its sector's inclusion threshold, M-5) or reporting-only (10,000 t, M-12 ¶2). Below both it is
    refused: it may apply to be covered (`POST /coverage-applications`)."""

    entity_id: EntityId
    name: str = Field(min_length=1, max_length=300)
    sector: str = Field(min_length=1, max_length=100, pattern=r"^[a-z][a-z0-9_]*$",
                        examples=["industry", "data_centre"])
    annual_emissions: int = Field(ge=0, le=10**12, description="tCO2e in `emissions_year`, as the authority knows "
                                                               "them (energy statistics, a report)")
    energy_tce: int | None = Field(default=None, ge=0, le=10**12,
                                   description="annual energy use (t standard coal), where the sector has a threshold")
    emissions_year: Year | None = Field(default=None, description="the year of the figures; default the year "
                                                                  "before `compliance_year`")
    compliance_year: Year | None = Field(default=None, description="the first year it is on the list; default the "
                                                                   "current (Shanghai) year")


class RegisterEntities(BaseModel):
    entities: list[RegisterEntity] = Field(min_length=1, max_length=MAX_BATCH)


class CreatePlan(BaseModel):
    """M-6/M-7: the year's cap; the plan starts as a draft."""

    compliance_year: Year
    cap: PositiveQuantity = Field(description="whole allowances")


class ChangeCap(BaseModel):
    """M-6/M-7: a draft plan's corrected cap."""

    cap: PositiveQuantity = Field(description="whole allowances")


class HistoricalEntry(BaseModel):
    """历史排放法 (M-8): round(mean of base-year emissions x factor) + early-action bonus."""

    entity_id: EntityId
    method: Literal["historical"]
    base_years: dict[Year, Quantity] = Field(min_length=1, max_length=50, description='{"2022": 100000, ...}')
    factor: Annotated[Decimal, ExactDecimal(16, 6)] = Decimal(1)
    early_action_bonus: Quantity = 0


class BenchmarkEntry(BaseModel):
    """基准线法 (M-8): round(benchmark intensity x output) + early-action bonus."""

    entity_id: EntityId
    method: Literal["benchmark"]
    intensity: Annotated[Decimal, ExactDecimal(16, 6)] = Field(description="tCO2e per unit of output")
    output: Annotated[Decimal, ExactDecimal(16, 6)]
    early_action_bonus: Quantity = 0


PlanEntry = Annotated[HistoricalEntry | BenchmarkEntry, Field(discriminator="method")]


class AddEntries(BaseModel):
    entries: list[PlanEntry] = Field(min_length=1, max_length=MAX_BATCH)


class DepositCcer(BaseModel):
    """CCERs entering the registry from the national registry (M-44(6)); vintage = the year of the reduction."""

    project_id: str = Field(min_length=1, max_length=100, pattern=r"^[^|]+$")
    reduction_date: Day
    quantity: PositiveQuantity
    boundary_entity_id: EntityId | None = Field(
        default=None, description="the covered entity inside whose emission boundary the project lies, if any")


class SurrenderLine(BaseModel):
    unit_type: Literal["SHEA", "CCER"]
    vintage: Vintage
    quantity: PositiveQuantity
    project_id: str | None = Field(default=None, max_length=100, description="required for CCER: the project")


class Surrender(BaseModel):
    """M-16: units surrendered against the year's obligation (cancelled in the registry)."""

    compliance_year: Year
    lines: list[SurrenderLine] = Field(min_length=1, max_length=1000)


class FileCoverageApplication(BaseModel):
    """M-5 ¶1: an organisation (the caller) applies to be covered from a compliance year."""

    name: str = Field(min_length=1, max_length=300)
    sector: str = Field(min_length=1, max_length=100, pattern=r"^[a-z][a-z0-9_]*$")
    compliance_year: Year
    statement: str = Field(min_length=3, max_length=4000, description="why it applies")
    annual_emissions: int | None = Field(default=None, ge=0, le=10**12, description="its last year's tCO2e, if known")


class DecideCoverageApplication(BaseModel):
    """The authority approves or rejects a voluntary application, with its reasons (M-5 ¶1)."""

    approve: bool
    reason: str = Field(min_length=3, max_length=4000)


class DeclareEmissions(BaseModel):
    """Annual emissions the authority knows from its own data (e.g. energy statistics) — the base of the M-5 list."""

    year: Year
    tonnes: int = Field(ge=0, le=10**12, description="tCO2e in `year`")
    energy_tce: int | None = Field(default=None, ge=0, le=10**12, description="energy use (t standard coal)")


AccountId = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9._-]+$")]


class TransferLine(BaseModel):
    unit_type: Literal["SHEA", "CCER"] = Field(description="only SHEA enters a trading account (M-19)")
    vintage: Year
    quantity: int = Field(gt=0, le=10**12, description="whole units")


class RequestTransfer(BaseModel):
    """A holder moves units from its holding account: into its own exchange trading account (an
    `exchange_deposit`, M-26 ¶2), or to another holding account of its own. Allowances change holders only by
    trading on the exchange (M-23), and only the exchange's instructions debit a trading account (M-26 ¶2)."""

    from_account_id: AccountId
    to_account_id: AccountId
    lines: list[TransferLine] = Field(min_length=1, max_length=100)


class BulkTransfer(RequestTransfer):
    correlation_id: str | None = CorrelationId


class RequestTransfers(BaseModel):
    """A holder's transfers in one request (`POST /registry/transfers/batch`), each registered or refused alone."""

    transfers: list[BulkTransfer] = Field(min_length=1, max_length=MAX_ITEMS)


class DeclareExit(BaseModel):
    """M-18: the entity dissolved, deregistered, stopped production or left Shanghai on `exit_on`."""

    reason: Literal["dissolution", "deregistration", "production_stopped", "moved_out"] = Field(
        description="解散, 注销, 停止生产经营, 迁出本市 (M-18)")
    exit_on: Day = Field(description="the Shanghai date of the dissolution, deregistration, stop or move")
    statement: str | None = Field(default=None, max_length=4000)


Percent = Annotated[Decimal, ExactDecimal(7, 4, ge=0, le=100)]


class SplitFacility(BaseModel):
    """One emission facility of a split plan (M-10, M-44(4)) and the successor that owns it after the split."""

    facility_id: str = Field(min_length=1, max_length=100)
    successor_id: EntityId
    holdings_share: Percent = Field(description="percent of the predecessor's allowances, a decimal string")
    obligations_share: Percent = Field(description="percent of its unmet obligations, a decimal string")


class FileSuccession(BaseModel):
    """M-10: a merger (predecessors -> `successor_id`, the surviving or a newly registered unit) or a split (one
    predecessor -> the owners of its facilities, by a plan accounting for exactly 100 % of holdings and
    obligations)."""

    kind: Literal["merger", "split"]
    predecessor_ids: list[EntityId] = Field(min_length=1, max_length=100)
    successor_id: EntityId | None = None
    facilities: list[SplitFacility] = Field(default_factory=list, max_length=1000)
    effective_on: Day
    statement: str = Field(min_length=3, max_length=4000)


class DecideSuccession(BaseModel):
    approve: bool
    reason: str = Field(min_length=3, max_length=4000)


Price = Annotated[Decimal, ExactDecimal(12, 2, gt=0), Field(description="RMB per allowance, a decimal string")]


class OpenSale(BaseModel):
    """M-9: sell part of the plan's paid reserve by auction (sealed bids at or above the reserve price) or at a
    fixed price."""

    kind: Literal["auction", "fixed_price"]
    quantity: PositiveQuantity
    price: Price | None = Field(default=None, description="the fixed price (fixed_price only)")


class PlaceBid(BaseModel):
    """A sealed bid, or a subscription at the fixed price; a later one replaces the bidder's own while open."""

    quantity: PositiveQuantity
    price: Price


class ConfirmPayment(BaseModel):
    """The settlement bank confirms a winner's payment of its award (M-9, M-26)."""

    amount: Annotated[Decimal, ExactDecimal(16, 2, gt=0)]
    reference: str = Field(min_length=1, max_length=100, description="the bank's payment reference")
