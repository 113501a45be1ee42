"""One entity's compliance year from report to determination (M-12, M-13, M-14/V, M-15).

States: AWAITING_REPORT -> REPORTED (M-12) -> VERIFIED (M-13, awaiting determination) -> DETERMINED (M-15 ¶1), or
VERIFIED/REPORTED -> RECHECK (M-15 ¶2) -> DETERMINED; a correction after determination: DETERMINED -> RECHECK ->
DETERMINED with revision + 1.
- M-18: an exiting entity's case exists from its exit (`start_exit_report`): the current year's report is filed
  during the year, due `exit_report_due`; then verified and determined like any other.
- A case without a report exists once the report deadline found it missing (`flag_report_missing`, M-12); a late
  report is still accepted (flagged late) — even after the authority determined the year, which then stands until
  corrected.
- A report may be amended until a verification is filed; then Conflict.
- Filing a verification checks the signatory (V) and the DISCREPANCY / YEAR_ON_YEAR triggers at once. A report of a
  covered entity still unverified at the verification deadline is flagged (`flag_verification_missing`, M-13).
- The entity may object, with evidence, while no determination exists; the authority may open a re-check at any
  time after verification (after determination: a correction).
- Determining is the authority's act (`determine`): the verified figure once `objection_period_days` (never more than
  the 30 days of M-15) have passed since the verification was received; its figure and reasons after a re-check;
  its own figure and stated basis for a covered entity found without a report or without a verification. With the
  year's `automatic_determination` option a verified figure without a trigger is determined by itself at that
  instant (`determine_due`).
- A determination not made by its due date is flagged once per period (`flag_overdue`, M-43).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Iterable, Sequence

from ets_shared.clock import as_utc, regulatory_date
from ets_shared.errors import Conflict, RuleViolation

from mrv.domain.emissions import ActivitySource, compute_emissions
from mrv.domain.factors import BUILTIN_FACTOR_SETS, FactorSet, find_factor_set
from mrv.domain.policy import MrvPolicy, is_late, missing_from
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
    correlation_id: str  # the compliance case's id: every event of this case carries it, end to end
    state: CaseState = CaseState.AWAITING_REPORT
    report: EmissionReport | None = None
    verification: Verification | None = None
    objections: tuple[Objection, ...] = ()
    rechecks: tuple[Recheck, ...] = ()  # every re-check, oldest first; the last is open while state is RECHECK
    determinations: tuple[Determination, ...] = ()  # every determination, oldest first
    determination_due_by: date | None = None  # M-15: receipt of the verification + determination_days
    covered: bool = True  # False: a reporting-only emitter (M-12 ¶2), never verified nor determined
    report_missing_at: datetime | None = None  # M-12: no report at the deadline
    verification_missing_at: datetime | None = None  # M-13: no verification report at the deadline
    overdue_flagged_for: date | None = None  # M-15/M-43: the due date last found passed without a determination
    exit_report_due: date | None = None  # M-18: an exiting entity's current-year report, due on this day

    @property
    def determination(self) -> Determination | None:
        return self.determinations[-1] if self.determinations else None

    @property
    def decision_due_by(self) -> date | None:
        """The day by which the authority must determine (M-15): the open re-check's, else 30 days from receiving
        the verification report; None when no determination is pending under a statutory period."""
        if self.state is S.RECHECK:
            return self.rechecks[-1].due_by
        if self.state is S.VERIFIED:
            return self.determination_due_by
        return None

    def _missing_for_authority(self) -> bool:
        return self.covered and ((self.state is S.AWAITING_REPORT and self.report_missing_at is not None)
                                 or (self.state is S.REPORTED and self.verification_missing_at is not None))

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
        if self.report is not None or self.state not in (S.AWAITING_REPORT, S.DETERMINED):
            raise Conflict(f"cannot submit a report (amend the existing one instead): the {self.year} case of "
                           f"{self.entity_id} is {self.state.value}", article="M-12")
        now = as_utc(now)
        if regulatory_date(now).year <= self.year and self.exit_report_due is None:
            raise RuleViolation(f"the {self.year} report can only be filed after {self.year} has ended",
                                field="year", article="M-12")
        breakdown = compute_emissions(sources, policy.factor_set(factor_sets))
        self.report = EmissionReport(report_id, self.entity_id, self.year, tuple(sources), breakdown, now,
                                     is_late(now, self.report_due(policy)), covered)
        self.covered = covered
        if self.state is S.AWAITING_REPORT:
            self.state = S.REPORTED  # after the authority's own determination the year stays DETERMINED
        return self.report

    def report_due(self, policy: MrvPolicy) -> date:
        """The report's last day: the year's (M-12), or for an exiting entity its exit report's (M-18)."""
        return self.exit_report_due or policy.report_due

    def start_exit_report(self, due: date) -> None:
        """M-18: the entity exited during the year; its report is due within 15 days (`due`), filed in the year."""
        if self.report is None and self.report_missing_at is None:
            self.exit_report_due = due

    def flag_report_missing(self, now: datetime, policy: MrvPolicy) -> bool:
        """M-12: no report at the deadline (from 00:00 Shanghai after `report_due`, or the exit report's, M-18);
        once."""
        self._check_policy(policy)
        if self.report is not None or self.report_missing_at is not None or as_utc(now) < missing_from(
                self.report_due(policy)):
            return False
        self.report_missing_at = as_utc(now)
        return True

    def flag_verification_missing(self, now: datetime, policy: MrvPolicy) -> bool:
        """M-13: a covered entity's report without a verification report at the deadline; once."""
        self._check_policy(policy)
        if (self.state is not S.REPORTED or not self.covered or self.verification_missing_at is not None
                or as_utc(now) < missing_from(policy.verification_due)):
            return False
        self.verification_missing_at = as_utc(now)
        return True

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
        # who may sign comes first: an uncertified or unassigned verifier learns nothing of the report's state (403
        # before the 409 or 422 that state would give)
        certificate = directory.check_signatory(agency_id, verifier_id, self.year, self.entity_id)
        self._require([S.REPORTED], "file a verification (one per report, after the report)", "M-13")
        assert self.report is not None
        if not self.report.covered:
            raise RuleViolation("only reports of covered entities are verified", field="report_id", article="M-13")
        now = as_utc(now)
        breakdown = compute_emissions(verified_sources, find_factor_set(self.report.breakdown.factor_set_id,
                                                                        factor_sets), field="verified_sources")
        # every check before the first change: a refused verification leaves the case exactly as it was (a bulk
        # request judges its items on the case in memory, one after the other)
        triggers = recheck_triggers(self.report.emissions, breakdown.total_tonnes, previous_year_determined,
                                    False, None, policy)
        self.verification = Verification(
            verification_id, self.report.report_id, agency_id, verifier_id, certificate.certificate_no,
            tuple(verified_sources), breakdown, tuple(findings), now, is_late(now, policy.verification_due))
        self.determination_due_by = regulatory_date(now) + timedelta(days=policy.determination_days)
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
    def objection_period_ends_at(self, policy: MrvPolicy) -> datetime | None:
        """While VERIFIED: the verification's receipt + `objection_period_days` (the entity's time to object)."""
        self._check_policy(policy)
        if self.state is not S.VERIFIED:
            return None
        return self._objection_period_end(policy)

    def _objection_period_end(self, policy: MrvPolicy) -> datetime:
        assert self.verification is not None  # the case is VERIFIED
        return self.verification.submitted_at + timedelta(days=policy.objection_period_days)

    def auto_determination_at(self, policy: MrvPolicy) -> datetime | None:
        """With the year's `automatic_determination` option, when the verified figure is determined by itself (the
        end of the objection period); None without the option or outside VERIFIED."""
        return self.objection_period_ends_at(policy) if policy.automatic_determination else None

    def determine_due(self, now: datetime, policy: MrvPolicy,
                      determination_id: str | None = None) -> Determination | None:
        """The automatic path: determine the verified figure when VERIFIED (no trigger), the option is on and the
        objection period has passed (now >= received + objection_period_days). None when not (yet) due."""
        due_at = self.auto_determination_at(policy)
        if due_at is None or as_utc(now) < due_at:
            return None
        return self._determine_verified(as_utc(now), determination_id)

    def determine(self, emissions: int | None, reason: str | None, now: datetime, policy: MrvPolicy,
                  determination_id: str | None = None) -> Determination:
        """The authority's act (M-15), by the case's state: the verified figure (no other figure without a
        re-check, and not before the objection period has passed); after a re-check its figure and reasons; for a
        covered entity found without a report or verification, its own figure and stated basis."""
        self._check_policy(policy)
        now = as_utc(now)
        if self.state is S.VERIFIED:
            assert self.verification is not None
            if emissions is not None and emissions != self.verification.emissions:
                raise RuleViolation(f"the verified figure is {self.verification.emissions} t; another figure needs a "
                                    "re-check (M-15 ¶2)", field="emissions", article="M-15")
            ends = self._objection_period_end(policy)
            if now < ends:
                raise Conflict(f"the entity may object until {ends.isoformat()}; determine after that",
                               field="report_id", article="M-15")
            return self._determine_verified(now, determination_id)
        if self.state is S.RECHECK:
            return self.determine_after_recheck(emissions, reason, now, determination_id)
        return self.determine_by_authority(emissions, reason, now, determination_id)

    def determine_by_authority(self, emissions: int | None, basis: str | None, now: datetime,
                               determination_id: str | None = None) -> Determination:
        """The authority's own figure and stated basis for a covered entity that never reported, or whose report was
        never verified, by the deadline (the case was flagged missing)."""
        if not self.covered:
            raise RuleViolation("a reporting-only emitter's emissions are not determined (M-12 ¶2)",
                                field="report_id", article="M-15")
        if not self._missing_for_authority():
            raise Conflict(f"cannot determine by the authority's own figure: the {self.year} case of "
                           f"{self.entity_id} is {self.state.value}"
                           + (" without a missing report or verification at its deadline"
                              if self.state in (S.AWAITING_REPORT, S.REPORTED) else ""), article="M-15")
        emissions, basis = _checked(emissions, basis, "a determination by the authority's own figure states its "
                                                       "basis")
        return self._determine(emissions, DeterminationBasis.AUTHORITY, (), as_utc(now), None, basis,
                               determination_id)

    def flag_overdue(self, now: datetime) -> date | None:
        """M-15 ¶1, M-43: the due date, when it has passed (from 00:00 Shanghai the day after) without a
        determination and was not flagged yet; None otherwise."""
        due = self.decision_due_by
        if due is None or regulatory_date(now) <= due or self.overdue_flagged_for == due:
            return None
        self.overdue_flagged_for = due
        return due

    def _determine_verified(self, now: datetime, determination_id: str | None) -> Determination:
        assert self.verification is not None and self.determination_due_by is not None
        return self._determine(self.verification.emissions, DeterminationBasis.VERIFICATION, (), now,
                               self.determination_due_by, None, determination_id)

    def determine_after_recheck(self, emissions: int | None, reason: str | None, now: datetime,
                                determination_id: str | None = None) -> Determination:
        """Authority: the re-check's result, with its reasons; the re-check's triggers are kept with it."""
        self._require([S.RECHECK], "determine after re-check (no re-check open)", "M-15")
        emissions, reason = _checked(emissions, reason, "a determination after re-check states its reasons")
        recheck = self.rechecks[-1]
        return self._determine(emissions, DeterminationBasis.RECHECK, recheck.triggers, as_utc(now),
                               recheck.due_by, reason, determination_id)

    def _determine(self, emissions: int, basis: DeterminationBasis, triggers: tuple[RecheckTrigger, ...],
                   now: datetime, due_by: date | None, reason: str | None,
                   determination_id: str | None) -> Determination:
        revision = len(self.determinations) + 1
        determination = Determination(
            determination_id or f"DET-{self.entity_id}-{self.year}-r{revision}", self.entity_id, self.year,
            emissions, basis, triggers, revision, now, due_by, reason)
        self.determinations += (determination,)
        self.state = S.DETERMINED
        return determination


def _checked(emissions: object, reason: object, missing_reason: str) -> tuple[int, str]:
    if isinstance(emissions, bool) or not isinstance(emissions, int) or emissions < 0:
        raise RuleViolation("emissions must be whole tonnes >= 0", field="emissions", article="M-15")
    if not isinstance(reason, str) or not reason.strip():
        raise RuleViolation(missing_reason, field="reason", article="M-15")
    return emissions, reason.strip()
