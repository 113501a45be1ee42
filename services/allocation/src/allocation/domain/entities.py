"""Emitters the authority manages: the covered entities of the published list (M-5) and the reporting-only emitters
(M-12 ¶2).

M-5: an emitter whose annual emissions reach its sector's threshold (a per-year parameter, see
`AllocationPolicy.inclusion_thresholds`) is covered; any other emitter may apply and be admitted by the authority
(`coverage.CoverageApplication`). Coverage is a consequence of the rule (basis THRESHOLD) or of an approved
application (VOLUNTARY), from a first compliance year. An emitter of at least `reporting_threshold_t` that is not
covered is REPORTING_ONLY (M-12 ¶2) until the thresholds, applied to emissions known later, or an application cover
it (`cover`). The list is published, so an entity that leaves (dissolution, deregistration, stopped production or
leaving Shanghai, M-18) is marked EXITED with the date, never deleted.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum

from ets_shared.clock import regulatory_date
from ets_shared.errors import Conflict, RuleViolation

from allocation.domain.policy import AllocationPolicy


class EntityStatus(str, Enum):
    ACTIVE = "active"
    EXITED = "exited"
    SUCCEEDED = "succeeded"  # M-10: merged into, or split between, its successors


class Coverage(str, Enum):
    COVERED = "covered"  # M-5: on the published list, under allowance management
    REPORTING_ONLY = "reporting_only"  # M-12 ¶2: reports its emissions, holds no obligation


class CoverageBasis(str, Enum):
    THRESHOLD = "threshold"  # M-5: its emissions reach its sector's inclusion threshold
    VOLUNTARY = "voluntary"  # M-5: its application was approved by the authority
    REPORTING_THRESHOLD = "reporting_threshold"  # M-12 ¶2: >= the reporting threshold, not covered


def exit_year_of(status: EntityStatus, exited_at: datetime | None) -> int | None:
    """M-18: an exited entity's last compliance year, the year of its exit; None while it has not exited."""
    return regulatory_date(exited_at).year if status is EntityStatus.EXITED and exited_at else None


@dataclass(frozen=True)
class Standing:
    """What a determination needs of its entity (M-15 → M-16): whether it is covered, and the year it exited."""
    covered: bool
    exit_year: int | None


@dataclass
class CoveredEntity:
    entity_id: str
    name: str
    sector: str
    registered_at: datetime
    status: EntityStatus = EntityStatus.ACTIVE
    exited_at: datetime | None = None
    coverage: Coverage = Coverage.COVERED
    coverage_basis: CoverageBasis | None = None
    first_compliance_year: int | None = None  # the first year it is covered (or must report) for

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

    @property
    def exit_year(self) -> int | None:
        """M-18: the year of the entity's exit (its last compliance year), if it exited."""
        return exit_year_of(self.status, self.exited_at)

    @property
    def is_covered(self) -> bool:
        return self.coverage is Coverage.COVERED

    def covered_in(self, year: int) -> bool:
        """On the list of covered entities for `year`: covered from that year or before, and not exited before it."""
        return (self.is_covered and (self.first_compliance_year or 0) <= year
                and (self.exited_at is None or regulatory_date(self.exited_at).year >= year))

    def cover(self, basis: CoverageBasis, first_year: int, at: datetime) -> None:
        """A reporting-only emitter becomes covered (the thresholds applied to later emissions, or an approved
        application); a covered entity is refused."""
        if self.is_covered:
            raise Conflict(f"entity {self.entity_id} is already covered (since {self.first_compliance_year})",
                           field="entity_id", article="M-5")
        if not self.is_active:
            raise Conflict(f"entity {self.entity_id} has exited", field="entity_id", article="M-18")
        if basis is CoverageBasis.REPORTING_THRESHOLD:
            raise RuleViolation("coverage rests on the threshold or an approved application", field="basis",
                                article="M-5")
        self.coverage, self.coverage_basis, self.first_compliance_year = Coverage.COVERED, basis, first_year
        self.registered_at = at

    def exit(self, at: datetime) -> None:
        """Take the entity off the active list (M-18); it stays on the published record as exited."""
        if self.status is EntityStatus.EXITED:
            raise Conflict(f"entity {self.entity_id} has already exited", article="M-18")
        if at < self.registered_at:
            raise RuleViolation("an entity cannot exit before it was registered", field="exited_at")
        self.status = EntityStatus.EXITED
        self.exited_at = at


    def pass_to_successors(self, at: datetime) -> None:
        """M-10: merged away or split without keeping a facility: it no longer exists on its own."""
        if not self.is_active:
            raise Conflict(f"entity {self.entity_id} is {self.status.value}", field="predecessor_ids", article="M-10")
        self.status, self.exited_at = EntityStatus.SUCCEEDED, max(at, self.registered_at)


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
