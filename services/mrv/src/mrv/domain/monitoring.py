"""Monitoring plans (M-11): a covered entity plans how it will monitor a year's emissions, and tells the authority.

- M-11 ¶1: the plan for year Y is filed by 31 December of Y-1 (`MrvPolicy.monitoring_plan_due` of Y) and states the
  monitoring scope (the emission boundary, M-44(5)), the sources with their method, instruments and frequency, and
  the responsible staff ("明确监测范围、监测方式、频次、责任人员等内容"). A first version after the deadline is
  still accepted, flagged late.
- M-11 ¶2: monitoring follows the plan; a change is a new version that states its reason, and a major change
  (重大变更) is marked so the authority sees it was reported.
- The duty for year Y falls on entities covered during Y-1 (first compliance year <= Y-1): only they could file by
  31 December of Y-1. At the deadline, a duty without a plan is flagged missing, once (`flag_missing`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ets_shared.clock import as_utc, regulatory_date
from ets_shared.errors import Conflict, RuleViolation

from mrv.domain.policy import MrvPolicy, is_late, missing_from


@dataclass(frozen=True)
class MonitoredSource:
    name: str  # e.g. "kiln 1 natural gas"
    kind: str  # fuel, process, electricity, heat (M-44(1))
    method: str  # how it is quantified, e.g. "activity data x default factor"
    instruments: str  # e.g. "gas flow meter FM-12, calibrated yearly"
    frequency: str  # e.g. "continuous, read monthly"


@dataclass(frozen=True)
class ResponsiblePerson:
    name: str
    role: str


@dataclass(frozen=True)
class PlanContent:
    boundary: str  # the monitoring scope: the emission boundary and the facilities inside it
    sources: tuple[MonitoredSource, ...]
    responsible_staff: tuple[ResponsiblePerson, ...]

    def check(self) -> None:
        if not self.boundary.strip():
            raise RuleViolation("the plan states its monitoring scope (boundary)", field="boundary", article="M-11")
        if not self.sources:
            raise RuleViolation("the plan names the sources it monitors", field="sources", article="M-11")
        if not self.responsible_staff:
            raise RuleViolation("the plan names the responsible staff", field="responsible_staff", article="M-11")


@dataclass(frozen=True)
class PlanVersion:
    version: int
    content: PlanContent
    filed_at: datetime
    change_reason: str | None  # None only for the first version
    major_change: bool


@dataclass
class MonitoringPlan:
    entity_id: str
    year: int  # the year monitored
    correlation_id: str  # of the plan's first filing (or of the tick that found it missing): its events carry it
    versions: tuple[PlanVersion, ...] = field(default_factory=tuple)
    late: bool = False  # the first version was filed after the deadline
    missing_at: datetime | None = None  # found missing at the deadline

    @property
    def plan_id(self) -> str:
        return plan_id_for(self.entity_id, self.year)

    @property
    def current(self) -> PlanVersion | None:
        return self.versions[-1] if self.versions else None

    def file(self, content: PlanContent, now: datetime, policy: MrvPolicy) -> PlanVersion:
        """The first version; a plan for a year already over is refused."""
        self._check_policy(policy)
        if self.versions:
            raise Conflict(f"{self.entity_id} already filed its {self.year} monitoring plan; file a new version",
                           field="compliance_year", article="M-11")
        now = as_utc(now)
        if self.year < regulatory_date(now).year:
            raise RuleViolation(f"the {self.year} monitoring year is over", field="compliance_year", article="M-11")
        content.check()
        self.late = is_late(now, policy.monitoring_plan_due)
        return self._add(PlanVersion(1, content, now, None, False))

    def revise(self, content: PlanContent, reason: str, major_change: bool, now: datetime) -> PlanVersion:
        """M-11 ¶2: a new version, with the reason for the change."""
        if not self.versions:
            raise Conflict(f"{self.entity_id} has no {self.year} monitoring plan to revise", field="plan_id",
                           article="M-11")
        if not isinstance(reason, str) or not reason.strip():
            raise RuleViolation("a changed plan states the reason for the change", field="change_reason",
                                article="M-11")
        content.check()
        return self._add(PlanVersion(len(self.versions) + 1, content, as_utc(now), reason.strip(), major_change))

    def flag_missing(self, now: datetime, policy: MrvPolicy) -> bool:
        """At the deadline (from 00:00 Shanghai after `monitoring_plan_due`) with no plan filed: once."""
        self._check_policy(policy)
        if self.versions or self.missing_at is not None or as_utc(now) < missing_from(policy.monitoring_plan_due):
            return False
        self.missing_at = as_utc(now)
        return True

    def _add(self, version: PlanVersion) -> PlanVersion:
        self.versions += (version,)
        return version

    def _check_policy(self, policy: MrvPolicy) -> None:
        if policy.year != self.year:
            raise ValueError(f"policy for {policy.year} applied to the {self.year} monitoring plan")


def plan_id_for(entity_id: str, year: int) -> str:
    return f"MP-{entity_id}-{year}"

