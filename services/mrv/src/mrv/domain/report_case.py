"""One entity's compliance year from report to determination (M-12, M-13, M-14/V, M-15).

States: AWAITING_REPORT -> REPORTED (M-12) -> VERIFIED (M-13, awaiting determination) -> DETERMINED (M-15 ¶1), or
VERIFIED/REPORTED -> RECHECK (M-15 ¶2) -> DETERMINED; a correction after determination: DETERMINED -> RECHECK ->
DETERMINED with revision + 1.
- A report may be amended until a verification is filed; then Conflict.
- Filing a verification checks the signatory (V) and the DISCREPANCY / YEAR_ON_YEAR triggers at once.
- The entity may object, with evidence, while no determination exists; the authority may open a re-check at any
  time after verification (after determination: a correction).
- Without a trigger the verified figure is determined automatically once `objection_period_days` (never more than the
  30 days of M-15) have passed since the verification was received.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Iterable, Sequence

from ets_shared.clock import as_utc, regulatory_date
from ets_shared.errors import Conflict, RuleViolation

from mrv.domain.emissions import ActivitySource, compute_emissions
from mrv.domain.factors import BUILTIN_FACTOR_SETS, FactorSet, find_factor_set
from mrv.domain.policy import MrvPolicy, is_late
from mrv.domain.recheck import RecheckTrigger, TriggerCode, authority_reason_text, recheck_triggers
from mrv.domain.reports import (
    CaseState, Determination, DeterminationBasis, EmissionReport, Objection, Recheck, Verification,
)
from mrv.domain.signatories import VerifierDirectory

S = CaseState


@dataclass
class ReportCase:
    entity_id: str
    year: int
    state: CaseState = CaseState.AWAITING_REPORT
    report: EmissionReport | None = None
    verification: Verification | None = None
    objections: tuple[Objection, ...] = ()
    rechecks: tuple[Recheck, ...] = ()  # every re-check, oldest first; the last is open while state is RECHECK
    determinations: tuple[Determination, ...] = ()  # every determination, oldest first
    determination_due_by: date | None = None  # M-15: receipt of the verification + determination_days

    @property
    def determination(self) -> Determination | None:
        return self.determinations[-1] if self.determinations else None

    @property
    def open_recheck_record(self) -> Recheck | None:
        return self.rechecks[-1] if self.state is S.RECHECK else None

    def _require(self, states: Iterable[CaseState], action: str, article: str) -> None:
        if self.state not in tuple(states):
            raise Conflict(f"cannot {action}: the {self.year} case of {self.entity_id} is {self.state.value}",
                           article=article)

    def _check_policy(self, policy: MrvPolicy) -> None:
        if policy.year != self.year:
            raise ValueError(f"policy for {policy.year} applied to the {self.year} case")

    # -- M-12 ------------------------------------------------------------------------------------------------------
    def submit_report(self, report_id: str, sources: Sequence[ActivitySource], *, covered: bool, now: datetime,
                      policy: MrvPolicy, factor_sets: Sequence[FactorSet] = BUILTIN_FACTOR_SETS) -> EmissionReport:
        self._check_policy(policy)
        self._require([S.AWAITING_REPORT], "submit a report (amend the existing one instead)", "M-12")
        now = as_utc(now)
        if regulatory_date(now).year <= self.year:
            raise RuleViolation(f"the {self.year} report can only be filed after {self.year} has ended",
                                field="year", article="M-12")
        breakdown = compute_emissions(sources, policy.factor_set(factor_sets))
        self.report = EmissionReport(report_id, self.entity_id, self.year, tuple(sources), breakdown, now,
                                     is_late(now, policy.report_due), covered)
        self.state = S.REPORTED
        return self.report

    def amend_report(self, sources: Sequence[ActivitySource], *, now: datetime,
                     factor_sets: Sequence[FactorSet] = BUILTIN_FACTOR_SETS) -> EmissionReport:
        """Recompute with the report's own factor set; refused (Conflict) once a verification is filed."""
        self._require([S.REPORTED], "amend the report (only until a verification is filed)", "M-12")
        assert self.report is not None
        breakdown = compute_emissions(sources, find_factor_set(self.report.breakdown.factor_set_id, factor_sets))
        self.report = replace(self.report, sources=tuple(sources), breakdown=breakdown, amended_at=as_utc(now))
        return self.report

    # -- M-13, M-14/V, M-15 ¶2(1)(2) ----------------------------------------------------------------------------
    def file_verification(
        self, verification_id: str, agency_id: str, verifier_id: str, verified_sources: Sequence[ActivitySource],
        findings: Sequence[str], *, now: datetime, policy: MrvPolicy, directory: VerifierDirectory,
        previous_year_determined: int | None, factor_sets: Sequence[FactorSet] = BUILTIN_FACTOR_SETS,
    ) -> Verification:
        self._check_policy(policy)
        self._require([S.REPORTED], "file a verification (one per report, after the report)", "M-13")
        assert self.report is not None
        if not self.report.covered:
            raise RuleViolation("only reports of covered entities are verified", field="report_id", article="M-13")
        certificate = directory.check_signatory(agency_id, verifier_id, self.year, self.entity_id)
        now = as_utc(now)
        breakdown = compute_emissions(verified_sources, find_factor_set(self.report.breakdown.factor_set_id,
                                                                        factor_sets), field="verified_sources")
        self.verification = Verification(
            verification_id, self.report.report_id, agency_id, verifier_id, certificate.certificate_no,
            tuple(verified_sources), breakdown, tuple(findings), now, is_late(now, policy.verification_due))
        self.determination_due_by = regulatory_date(now) + timedelta(days=policy.determination_days)
        triggers = recheck_triggers(self.report.emissions, breakdown.total_tonnes, previous_year_determined,
                                    False, None, policy)
        if triggers:
            self._open(triggers, now, self.determination_due_by)
        else:
            self.state = S.VERIFIED
        return self.verification

    # -- M-15 ¶2(3)(4): objection and re-check ------------------------------------------------------------------
    def object(self, evidence: Sequence[str] | str, now: datetime) -> Objection:
        """The entity objects to the verification report; refused once any determination exists."""
        self._require([S.VERIFIED, S.RECHECK], "object (only after verification and before determination)", "M-15")
        if self.determinations:
            raise Conflict("cannot object: the year has already been determined", article="M-15")
        items = (evidence,) if isinstance(evidence, str) else tuple(evidence or ())
        if not items:
            raise RuleViolation("an objection must carry evidence", field="evidence", article="M-15")
        for index, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                raise RuleViolation("evidence entries must be non-blank", field=f"evidence[{index}]",
                                    article="M-15")
        objection = Objection(tuple(i.strip() for i in items), as_utc(now))
        self.objections += (objection,)
        self._add_trigger(RecheckTrigger(TriggerCode.OBJECTION, "the entity objects to the verification report "
                                                                "with evidence"), objection.filed_at, once=True)
        return objection

    def open_recheck(self, reason: str, now: datetime, policy: MrvPolicy) -> Recheck:
        """Authority: re-check for a recorded reason; after determination this opens a correction (revision + 1)."""
        self._check_policy(policy)
        self._require([S.VERIFIED, S.RECHECK, S.DETERMINED], "open a re-check (only after verification)", "M-15")
        trigger = RecheckTrigger(TriggerCode.AUTHORITY, authority_reason_text(reason))
        now = as_utc(now)
        if self.state is S.DETERMINED:
            return self._open((trigger,), now, regulatory_date(now) + timedelta(days=policy.determination_days))
        return self._add_trigger(trigger, now, once=False)

    def _open(self, triggers: tuple[RecheckTrigger, ...], now: datetime, due_by: date) -> Recheck:
        recheck = Recheck(triggers, now, due_by)
        self.rechecks += (recheck,)
        self.state = S.RECHECK
        return recheck

    def _add_trigger(self, trigger: RecheckTrigger, now: datetime, *, once: bool) -> Recheck:
        current = self.open_recheck_record
        if current is None:
            assert self.determination_due_by is not None
            return self._open((trigger,), now, self.determination_due_by)
        if once and any(t.code is trigger.code for t in current.triggers):
            return current
        updated = replace(current, triggers=current.triggers + (trigger,))
        self.rechecks = self.rechecks[:-1] + (updated,)
        return updated

    # -- M-15: determination ------------------------------------------------------------------------------------
    def auto_determination_at(self, policy: MrvPolicy) -> datetime | None:
        """When the verified figure becomes determinable without a re-check: the verification's receipt +
        `objection_period_days`, while the case is VERIFIED; None in every other state."""
        self._check_policy(policy)
        if self.state is not S.VERIFIED:
            return None
        assert self.verification is not None
        return self.verification.submitted_at + timedelta(days=policy.objection_period_days)

    def determine_due(self, now: datetime, policy: MrvPolicy,
                      determination_id: str | None = None) -> Determination | None:
        """Auto-determine the verified figure when VERIFIED (no trigger) and the objection period has passed:
        now >= received + objection_period_days. None when not (yet) due."""
        due_at = self.auto_determination_at(policy)
        if due_at is None or as_utc(now) < due_at:
            return None
        assert self.verification is not None and self.determination_due_by is not None
        now = as_utc(now)
        return self._determine(self.verification.emissions, DeterminationBasis.VERIFICATION, (), now,
                               self.determination_due_by, None, determination_id)

    def determine_after_recheck(self, emissions: int, reason: str, now: datetime,
                                determination_id: str | None = None) -> Determination:
        """Authority: the re-check's result, with its reasons; the re-check's triggers are kept with it."""
        self._require([S.RECHECK], "determine after re-check (no re-check open)", "M-15")
        if isinstance(emissions, bool) or not isinstance(emissions, int) or emissions < 0:
            raise RuleViolation("emissions must be whole tonnes >= 0", field="emissions", article="M-15")
        if not isinstance(reason, str) or not reason.strip():
            raise RuleViolation("a determination after re-check states its reasons", field="reason",
                                article="M-15")
        recheck = self.rechecks[-1]
        return self._determine(emissions, DeterminationBasis.RECHECK, recheck.triggers, as_utc(now),
                               recheck.due_by, reason.strip(), determination_id)

    def _determine(self, emissions: int, basis: DeterminationBasis, triggers: tuple[RecheckTrigger, ...],
                   now: datetime, due_by: date, reason: str | None, determination_id: str | None) -> Determination:
        revision = len(self.determinations) + 1
        determination = Determination(
            determination_id or f"DET-{self.entity_id}-{self.year}-r{revision}", self.entity_id, self.year,
            emissions, basis, triggers, revision, now, due_by, reason)
        self.determinations += (determination,)
        self.state = S.DETERMINED
        return determination
