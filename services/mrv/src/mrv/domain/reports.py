"""The records of one entity's compliance year: report, verification, objection, re-check, determination
(M-12, M-13, M-15). Immutable values; `mrv.domain.report_case.ReportCase` is the aggregate that creates them.

- M-12: the emission report for year Y is due by 31 Mar of Y+1 (`late` by Shanghai date); covered entities and
  non-covered emitters >= 10,000 t report (`covered` tells them apart).
- M-13: the verification report is due by 30 Apr of Y+1 (`late` by Shanghai date); it is signed by a certified
  verifier (`certificate_no`) of an eligible agency.
- M-15: an objection carries evidence; a re-check keeps its triggers; a determination is due within 30 days of the
  authority receiving the verification report (`due_by`), and `revision` counts determinations of the same year; the
  authority's own figure for an entity without a report or verification has no such period (`due_by` None).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from ets_shared.clock import regulatory_date

from mrv.domain.emissions import ActivitySource, EmissionsBreakdown
from mrv.domain.recheck import RecheckTrigger


class CaseState(str, Enum):
    AWAITING_REPORT = "awaiting_report"  # the case exists, no report yet (found missing at the M-12 deadline)
    REPORTED = "reported"  # M-12 report filed, may be amended
    VERIFIED = "verified"  # M-13 verification filed, no trigger: awaiting (auto-)determination
    RECHECK = "recheck"  # M-15 ¶2: re-check open, the authority determines
    DETERMINED = "determined"  # M-15: determination issued


class DeterminationBasis(str, Enum):
    VERIFICATION = "verification"  # M-15 ¶1: the verified figure
    RECHECK = "recheck"  # M-15 ¶2: the authority's figure after a re-check
    AUTHORITY = "authority"  # no report or no verification by the deadline: the authority's figure and stated basis


@dataclass(frozen=True)
class EmissionReport:
    report_id: str
    entity_id: str
    year: int
    sources: tuple[ActivitySource, ...]
    breakdown: EmissionsBreakdown
    submitted_at: datetime
    late: bool  # Shanghai date of the first submission after report_due
    covered: bool  # False: a reporting-only emitter (M-12 ¶2)
    amended_at: datetime | None = None  # last amendment; lateness stays that of the first submission

    @property
    def emissions(self) -> int:
        return self.breakdown.total_tonnes


@dataclass(frozen=True)
class Verification:
    verification_id: str
    report_id: str
    agency_id: str
    verifier_id: str
    certificate_no: str  # the certificate under which the verifier signed (V)
    verified_sources: tuple[ActivitySource, ...]
    breakdown: EmissionsBreakdown
    findings: tuple[str, ...]
    submitted_at: datetime  # = when the authority received it (starts the M-15 30 days)
    late: bool  # Shanghai date after verification_due

    @property
    def emissions(self) -> int:
        return self.breakdown.total_tonnes


@dataclass(frozen=True)
class Objection:
    evidence: tuple[str, ...]  # references to the supporting documents; never empty (M-15 ¶2(3))
    filed_at: datetime


@dataclass(frozen=True)
class Recheck:
    triggers: tuple[RecheckTrigger, ...]
    opened_at: datetime
    due_by: date  # the determination that ends it is due by this Shanghai date


@dataclass(frozen=True)
class Determination:
    determination_id: str
    entity_id: str
    year: int
    emissions: int  # whole tCO2e
    basis: DeterminationBasis
    triggers: tuple[RecheckTrigger, ...]  # the re-check's triggers; empty for basis VERIFICATION
    revision: int  # 1 for the first determination of the year, +1 for each correction
    determined_at: datetime
    due_by: date | None  # None: no statutory period ran (no verification report was received)
    reason: str | None = None  # the authority's reasons (re-check) or stated basis (its own figure)

    @property
    def late(self) -> bool:
        return self.due_by is not None and regulatory_date(self.determined_at) > self.due_by
