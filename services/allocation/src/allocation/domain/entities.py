"""Covered entities: the published list of emitters under allowance management (M-5).

M-5: an emitter whose annual emissions reach its sector's threshold (a per-year parameter, see
`AllocationPolicy.inclusion_thresholds`) is covered; any other emitter may apply and be admitted by the authority.
The list is published, so an entity that leaves (dissolution, deregistration, stopped production or leaving
Shanghai, M-18) is marked EXITED with the date, never deleted.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum

from ets_shared.errors import Conflict, RuleViolation

from allocation.domain.policy import AllocationPolicy


class EntityStatus(str, Enum):
    ACTIVE = "active"
    EXITED = "exited"


@dataclass
class CoveredEntity:
    entity_id: str
    name: str
    sector: str
    registered_at: datetime
    status: EntityStatus = EntityStatus.ACTIVE
    exited_at: datetime | None = None

    def __post_init__(self) -> None:
        if not self.entity_id.strip():
            raise RuleViolation("an entity needs an id", field="entity_id", article="M-5")
        if not self.name.strip():
            raise RuleViolation("an entity needs a name", field="name", article="M-5")
        if not self.sector.strip():
            raise RuleViolation("an entity needs a sector", field="sector", article="M-5")
        if self.registered_at.tzinfo is None:
            raise RuleViolation("registered_at must be an aware datetime", field="registered_at")

    @property
    def is_active(self) -> bool:
        return self.status is EntityStatus.ACTIVE

    def exit(self, at: datetime) -> None:
        """Take the entity off the active list (M-18); it stays on the published record as exited."""
        if self.status is EntityStatus.EXITED:
            raise Conflict(f"entity {self.entity_id} has already exited", article="M-18")
        if at < self.registered_at:
            raise RuleViolation("an entity cannot exit before it was registered", field="exited_at")
        self.status = EntityStatus.EXITED
        self.exited_at = at


def meets_inclusion_threshold(policy: AllocationPolicy, sector: str, emissions_t: int,
                              energy_tce: Decimal | int | None = None) -> bool:
    """M-5: whether an emitter must be covered in `policy.year`. Thresholds are inclusive (以上).
    A sector without a threshold is never covered by obligation (it may still apply voluntarily)."""
    if emissions_t < 0:
        raise RuleViolation("emissions cannot be negative", field="emissions_t", article="M-5")
    threshold = policy.threshold_for(sector)
    if threshold is None:
        return False
    if emissions_t >= threshold.min_emissions_t:
        return True
    return (threshold.min_energy_tce is not None and energy_tce is not None
            and energy_tce >= threshold.min_energy_tce)
