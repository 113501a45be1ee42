"""Events of the allocation service: covered entities, issuance, obligations, surrender (regulation.md §2, §3, §5)."""
from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from ets_shared.contracts.base import EventData, Tonnes, contract

P = "allocation"


@contract(
    producer=P, aggregate="entity", event="registered", version=1,
    example={"entity_id": "E-0001", "name": "Shanghai Steel Works", "sector": "steel", "covered": True,
             "registered_at": "2025-01-05T02:00:00Z"},
)
class EntityRegistered(EventData):
    """An entity was put on the published list of entities covered by allowance management (M-5)."""

    entity_id: str
    name: str
    sector: str
    covered: bool = True
    registered_at: AwareDatetime


@contract(
    producer=P, aggregate="allowances", event="issued", version=1,
    example={"transaction_id": "TX-1", "plan_id": "PLAN-2025", "entity_id": "E-0001", "account_id": "ACC-E-0001",
             "vintage": 2025, "quantity": 120000, "issued_at": "2025-03-01T02:00:00Z"},
)
class AllowancesIssued(EventData):
    """Free allowances of a vintage were issued into an entity's holding account under an approved plan (M-9, M-32)."""

    transaction_id: str
    plan_id: str
    entity_id: str
    account_id: str
    vintage: int = Field(ge=2013)
    quantity: Tonnes
    issued_at: AwareDatetime


@contract(
    producer=P, aggregate="obligation", event="recorded", version=1,
    example={"entity_id": "E-0001", "compliance_year": 2025, "obligation": 118000, "determination_id": "DET-1",
             "revision": 1, "recorded_at": "2026-05-10T02:00:00Z"},
)
class ObligationRecorded(EventData):
    """The surrender obligation for a year was set (or revised) from the authority's determination (M-15, M-16)."""

    entity_id: str
    compliance_year: int = Field(ge=2013)
    obligation: Tonnes
    determination_id: str
    revision: int = Field(ge=1)
    recorded_at: AwareDatetime


class SurrenderLine(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    unit_type: Literal["SHEA", "CCER"]
    vintage: int
    quantity: Tonnes


@contract(
    producer=P, aggregate="surrender", event="recorded", version=1,
    example={"surrender_id": "SUR-1", "entity_id": "E-0001", "compliance_year": 2025,
             "lines": [{"unit_type": "SHEA", "vintage": 2025, "quantity": 100000}],
             "total_surrendered": 100000, "remaining": 18000, "surrendered_at": "2026-06-10T02:00:00Z"},
)
class SurrenderRecorded(EventData):
    """Units were surrendered against a year's obligation and cancelled in the registry (M-16, M-32)."""

    surrender_id: str
    entity_id: str
    compliance_year: int = Field(ge=2013)
    lines: list[SurrenderLine]
    total_surrendered: Tonnes
    remaining: Tonnes
    surrendered_at: AwareDatetime


@contract(
    producer=P, aggregate="obligation", event="settled", version=1,
    example={"entity_id": "E-0001", "compliance_year": 2025, "obligation": 118000, "surrendered": 118000,
             "late": False, "settled_at": "2026-06-20T02:00:00Z"},
)
class ObligationSettled(EventData):
    """A year's obligation is met in full; `late` when made good after the window closed (M-16, M-39)."""

    entity_id: str
    compliance_year: int = Field(ge=2013)
    obligation: Tonnes
    surrendered: Tonnes
    late: bool
    settled_at: AwareDatetime


@contract(
    producer=P, aggregate="obligation", event="shortfall-detected", version=1,
    example={"entity_id": "E-0002", "compliance_year": 2025, "obligation": 90000, "surrendered": 60000,
             "shortfall": 30000, "detected_at": "2026-06-30T16:00:00Z"},
)
class ShortfallDetected(EventData):
    """At the close of the surrender window the entity had surrendered less than its obligation (M-16 → M-39).
    The obligation stays open until met."""

    entity_id: str
    compliance_year: int = Field(ge=2013)
    obligation: Tonnes
    surrendered: Tonnes
    shortfall: Tonnes
    detected_at: AwareDatetime
