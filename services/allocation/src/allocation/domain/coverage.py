"""Who is on which list (M-5, M-12 ¶2), voluntary applications (M-5 ¶1) and the published list of a year (M-5 ¶2).

- `classify`: the year's thresholds applied to an emitter's known annual emissions (and energy use): THRESHOLD when
  they reach its sector's inclusion threshold (M-5; "达到", inclusive), REPORTING_THRESHOLD when they reach the
  reporting threshold of M-12 ¶2 (10,000 t "以上", inclusive), None below both.
- `KnownEmissions`: the best figure the authority knows for an emitter-year — determined (M-15) over reported (M-12)
  over declared (the authority's own data, e.g. energy statistics, entered at registration or in an application).
- `CoverageApplication`: an organisation applies to be covered from a year; the authority approves or rejects it
  with reasons, once.
- `list_digest`: the SHA-256 of a published list's entity ids, sorted and joined by newlines.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from ets_shared.errors import Conflict, RuleViolation

from allocation.domain.entities import CoverageBasis, meets_inclusion_threshold
from allocation.domain.policy import AllocationPolicy


class EmissionsSource(str, Enum):
    DECLARED = "declared"  # the authority's data (registration, an application)
    REPORTED = "reported"  # the emitter's report (M-12)
    DETERMINED = "determined"  # the authority's determination (M-15)

    @property
    def rank(self) -> int:
        return {"declared": 0, "reported": 1, "determined": 2}[self.value]


@dataclass(frozen=True)
class KnownEmissions:
    entity_id: str
    year: int  # the year the emissions were emitted in
    tonnes: int
    energy_tce: int | None
    source: EmissionsSource
    recorded_at: datetime

    def replaces(self, other: KnownEmissions | None) -> bool:
        """A figure from a source at least as authoritative replaces the one held (a later report replaces an
        earlier one, a determination any report)."""
        return other is None or self.source.rank >= other.source.rank


def classify(policy: AllocationPolicy, sector: str, emissions_t: int,
             energy_tce: int | None = None) -> CoverageBasis | None:
    """M-5 / M-12 ¶2 for the policy's year: THRESHOLD, REPORTING_THRESHOLD or None (neither list)."""
    if meets_inclusion_threshold(policy, sector, emissions_t, energy_tce):
        return CoverageBasis.THRESHOLD
    if emissions_t >= policy.reporting_threshold_t:
        return CoverageBasis.REPORTING_THRESHOLD
    return None


class ApplicationStatus(str, Enum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass
class CoverageApplication:
    """M-5 ¶1: 其他排放单位可以向主管部门申请纳入配额管理."""

    application_id: str
    entity_id: str
    name: str
    sector: str
    compliance_year: int  # covered from this year if approved
    statement: str  # why the organisation applies
    filed_at: datetime
    annual_emissions: int | None = None
    status: ApplicationStatus = ApplicationStatus.PENDING
    decided_at: datetime | None = None
    decided_by: str | None = None
    decision_reason: str | None = None
    correlation_id: str = field(kw_only=True)  # of the filing: the decision's events carry it

    def __post_init__(self) -> None:
        for name in ("entity_id", "name", "sector", "statement"):
            if not str(getattr(self, name)).strip():
                raise RuleViolation(f"an application needs its {name}", field=name, article="M-5")

    @property
    def approved(self) -> bool:
        return self.status is ApplicationStatus.APPROVED

    def decide(self, approve: bool, reason: str, at: datetime, actor: str) -> str:
        """Approve or reject with reasons; the reasons as recorded."""
        if self.status is not ApplicationStatus.PENDING:
            raise Conflict(f"application {self.application_id} was already {self.status.value}",
                           field="application_id", article="M-5")
        if not isinstance(reason, str) or not reason.strip():
            raise RuleViolation("a decision states its reasons", field="reason", article="M-5")
        if at < self.filed_at:
            raise RuleViolation("a decision cannot precede the application", field="decided_at")
        self.status = ApplicationStatus.APPROVED if approve else ApplicationStatus.REJECTED
        stated = reason.strip()
        self.decided_at, self.decided_by, self.decision_reason = at, actor, stated
        return stated


def list_digest(entity_ids: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(entity_ids)).encode()).hexdigest()
