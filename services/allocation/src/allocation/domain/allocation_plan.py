"""The yearly cap and allocation plan (M-6, M-7, M-8, M-9).

- M-6: each compliance year has one total cap (`AllocationPlan.cap`, whole allowances).
- M-7: the plan is drawn up (DRAFT), approved (APPROVED), and only then used (ISSUED); entries and cap change only
  in draft.
- M-8: entries come from `allocation_methods` (historical-emission or benchmark method + early-action bonus;
  ROUND_HALF_UP to whole allowances). The sum of allocations never exceeds the cap; the plan reports `allocated`
  and `remaining`.
- M-9: issuing returns one issuance line per entity with a non-zero allocation (vintage = the plan's year), which
  the registry registers (`Registry.issue`). The paid reserve (`paid_reserve`, the year's `paid_share` of the cap)
  is kept out of free allocation and sold (`paid_allocation`): free + paid never exceeds the cap.

A plan of thousands of entries need not be loaded whole to add one: `other_entries` / `other_allocated` count the
stored entries left out of this instance (the cap rule needs only their total). Issuing needs every entry.
Entries change only through the methods (an index keeps lookups and the running total O(1)).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import Enum

from ets_shared.errors import Conflict, RuleViolation

from allocation.domain.allocation_methods import AllocationEntry, benchmark_entry, historical_entry


class PlanStatus(str, Enum):
    DRAFT = "draft"
    APPROVED = "approved"
    ISSUED = "issued"


@dataclass(frozen=True)
class IssuanceLine:
    entity_id: str
    vintage: int
    quantity: int


@dataclass
class AllocationPlan:
    year: int
    cap: int
    status: PlanStatus = PlanStatus.DRAFT
    entries: list[AllocationEntry] = field(default_factory=list)
    approved_at: datetime | None = None
    issued_at: datetime | None = None
    other_entries: int = 0
    other_allocated: int = 0
    paid_reserve: int = 0  # M-9: the share of the cap reserved for paid allocation; free entries stay below the rest
    paid_issued: int = 0  # M-9: sold and paid for
    _index: dict[str, AllocationEntry] = field(init=False, repr=False, compare=False)
    _loaded_allocated: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check_cap(self.cap)
        if self.other_entries < 0 or self.other_allocated < 0:
            raise RuleViolation("the totals of entries not loaded cannot be negative", field="entries")
        self._index = {e.entity_id: e for e in self.entries}
        if len(self._index) != len(self.entries):
            raise Conflict("a plan has one entry per entity", field="entries", article="M-8")
        self._loaded_allocated = sum(e.quantity for e in self.entries)

    @property
    def allocated(self) -> int:
        return self.other_allocated + self._loaded_allocated

    @property
    def entries_count(self) -> int:
        return self.other_entries + len(self.entries)

    @property
    def remaining(self) -> int:
        """What free allocation may still take: the cap less what is allocated free and the paid reserve."""
        return self.cap - self.allocated - self.paid_reserve

    def entry_for(self, entity_id: str) -> AllocationEntry | None:
        return self._index.get(entity_id)

    def set_cap(self, cap: int, paid_reserve: int) -> None:
        """M-6: the authority corrects a draft plan's cap; the paid reserve (M-9) is the new cap's share, and the
        cap never falls below what the plan allocates free plus that reserve (exactly that is allowed)."""
        self._require_draft("cap")
        _check_cap(cap)
        if cap < self.allocated + paid_reserve:
            raise RuleViolation(f"the cap {cap} is below what the plan already allocates ({self.allocated}) plus its "
                                f"paid reserve ({paid_reserve})", field="cap", article="M-6")
        self.cap, self.paid_reserve = cap, paid_reserve

    def add_historical_entry(self, entity_id: str, base_years: dict[int, int], factor: Decimal = Decimal(1),
                             early_action_bonus: int = 0) -> AllocationEntry:
        self._require_draft("entries")
        return self._add(historical_entry(self.year, entity_id, base_years, factor, early_action_bonus))

    def add_benchmark_entry(self, entity_id: str, benchmark_intensity: Decimal, output: Decimal,
                            early_action_bonus: int = 0) -> AllocationEntry:
        self._require_draft("entries")
        return self._add(benchmark_entry(entity_id, benchmark_intensity, output, early_action_bonus))

    def remove_entry(self, entity_id: str) -> None:
        self._require_draft("entries")
        entry = self.entry_for(entity_id)
        if entry is None:
            raise RuleViolation(f"entity {entity_id} has no entry in the {self.year} plan", field="entity_id")
        self.entries = [e for e in self.entries if e.entity_id != entity_id]
        del self._index[entity_id]
        self._loaded_allocated -= entry.quantity

    def approve(self, at: datetime) -> None:
        if self.status is not PlanStatus.DRAFT:
            raise Conflict(f"the {self.year} plan is already {self.status.value}", article="M-7")
        if not self.entries_count:
            raise RuleViolation("a plan with no entries cannot be approved", field="entries", article="M-7")
        self.status, self.approved_at = PlanStatus.APPROVED, at

    def issue(self, at: datetime) -> list[IssuanceLine]:
        """Mark the plan issued and return what the registry must issue (M-9)."""
        if self.status is PlanStatus.ISSUED:
            raise Conflict(f"the {self.year} plan was already issued", article="M-9")
        if self.status is not PlanStatus.APPROVED:
            raise RuleViolation(f"the {self.year} plan must be approved before it is issued", article="M-7")
        if self.other_entries:
            raise RuntimeError("issuing needs every entry of the plan loaded")
        self.status, self.issued_at = PlanStatus.ISSUED, at
        return [IssuanceLine(e.entity_id, self.year, e.quantity) for e in self.entries if e.quantity > 0]

    def _require_draft(self, field_name: str) -> None:
        if self.status is not PlanStatus.DRAFT:
            raise Conflict(f"the {self.year} plan is {self.status.value}; it changes only in draft",
                           field=field_name, article="M-7")

    def _add(self, entry: AllocationEntry) -> AllocationEntry:
        if self.entry_for(entry.entity_id) is not None:
            raise Conflict(f"entity {entry.entity_id} already has an allocation in the {self.year} plan",
                           field="entity_id", article="M-8")
        if entry.quantity > self.remaining:
            raise RuleViolation(f"allocating {entry.quantity} would exceed the {self.year} cap of {self.cap} "
                                f"({self.remaining} remain)", field="entries", article="M-6")
        self.entries.append(entry)
        self._index[entry.entity_id] = entry
        self._loaded_allocated += entry.quantity
        return entry


def _check_cap(cap: int) -> None:
    if not isinstance(cap, int) or isinstance(cap, bool) or cap <= 0:
        raise RuleViolation("the cap must be a positive whole number of allowances", field="cap", article="M-6")
