"""Use cases of the yearly evaluation (V, "after": 考评): the versioned scoring table, officers' findings, contests
and reviews, and the finalisation of the whole year — grades, ranking, publication, blacklist, suspension.

A deduction whose item records an M-41 violation publishes `AgencyViolationFound`, on which enforcement opens the
M-41 case. A FAIL publishes `AgencyBlacklisted` and `AgencyEligibilityChanged(eligible=false)` for every year the
entry covers."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from uuid import uuid4

from ets_shared.clock import regulatory_date
from ets_shared.contracts.verifier_oversight import (
    AgencyBlacklisted, AgencyResult, AgencyViolationFound, EvaluationResultsPublished, GradeName,
)
from ets_shared.errors import Conflict, RuleViolation
from verifier_oversight.domain import evaluation as rules
from verifier_oversight.domain.agencies import AgencyStatus, suspend_agency
from verifier_oversight.domain.evaluation import Deduction, DeductionSource, Evaluation, Grade
from verifier_oversight.domain.policy import OversightPolicy
from verifier_oversight.domain.scoring import Band, ItemKind, ScoringItem, ScoringTable, Violation, check_items
from verifier_oversight.service_layer import commands
from verifier_oversight.service_layer.agencies import apply_status, eligibility_changed
from verifier_oversight.adapters.policy_repository import policy_for
from verifier_oversight.service_layer.unit_of_work import OversightUnitOfWork


#: a grade as the results event names it
GRADE_NAMES: dict[Grade, GradeName] = {Grade.EXCELLENT: "EXCELLENT", Grade.PASS: "PASS", Grade.FAIL: "FAIL"}


def subject(agency_id: str, year: int) -> str:
    return f"evaluation:{agency_id}:{year}"


def require_year_open(uow: OversightUnitOfWork, year: int) -> None:
    if uow.evaluations.year_finalised(year) is not None:
        raise Conflict(f"the {year} evaluation is final", field="compliance_year", article="V")


def evaluation_to_change(uow: OversightUnitOfWork, agency_id: str, year: int) -> Evaluation:
    """The agency's evaluation for `year` (the agency row locked: one change at a time); opened at 100 points if it
    has none yet."""
    uow.agencies.get(agency_id, for_update=True)
    return uow.evaluations.find(agency_id, year) or Evaluation(agency_id, year)


def record(uow: OversightUnitOfWork, evaluation: Evaluation, deduction: Deduction, table: ScoringTable) -> Evaluation:
    """Add a deduction (audited), and report it to enforcement when its item is an M-41 violation."""
    changed = rules.add_deduction(evaluation, deduction)
    uow.evaluations.save(changed, deduction.recorded_at)
    uow.audit("verifier-oversight.evaluation.deducted", subject(evaluation.agency_id, evaluation.year),
              {"deduction_id": deduction.deduction_id, "code": deduction.code, "points": deduction.points,
               "source": deduction.source, "reason": deduction.reason, "evidence": list(deduction.evidence),
               "unscored": deduction.unscored, "table_version": table.version})
    item = table.item(deduction.code)
    if item is not None and item.violation is not None:
        uow.publish(AgencyViolationFound(
            finding_id=deduction.deduction_id, agency_id=deduction.agency_id, compliance_year=deduction.year,
            violation=item.violation.value, item_code=item.code, entity_id=deduction.entity_id,
            description=deduction.reason, evidence=list(deduction.evidence), found_at=deduction.recorded_at))
    return changed


# -- the scoring table ---------------------------------------------------------------------------------------------
def adopt_table(year: int, cmd: commands.AdoptScoringTable, uow: OversightUnitOfWork) -> ScoringTable:
    """The next version of the year's table; every open deduction of the year is re-priced under it."""
    items = [ScoringItem(i.code, i.description, ItemKind(i.kind), i.points, i.cap,
                         tuple(Band(b.from_ratio, b.points) for b in i.bands),
                         Violation(i.violation) if i.violation else None) for i in cmd.items]
    with uow:
        require_year_open(uow, year)
        now = uow.now()
        table = ScoringTable(year, uow.scoring.current(year).version + 1, check_items(items), now,
                             uow.context.actor, cmd.reason.strip())
        uow.scoring.add(table)
        for evaluation in uow.evaluations.of_year(year):
            uow.evaluations.save(rules.reprice(evaluation, table), now)
        uow.audit("verifier-oversight.scoring-table.adopted", f"scoring-table:{year}",
                  {"version": table.version, "reason": table.reason, "items": sorted(table.items),
                   "automatic_items_omitted": table.omitted_automatic()})
        uow.commit()
    return table


# -- officers' findings, contests, reviews ---------------------------------------------------------------------------
def record_deduction(agency_id: str, year: int, cmd: commands.RecordDeduction,
                     uow: OversightUnitOfWork) -> Evaluation:
    """An officer's (or panel member's) finding outside an inspection: a FINDING item, with its evidence."""
    with uow:
        require_year_open(uow, year)
        evaluation = evaluation_to_change(uow, agency_id, year)
        if agency_id not in uow.assignments.agencies_that_worked(year):
            raise RuleViolation(f"agency {agency_id} did not work in {year}: nothing to evaluate", field="agency_id",
                                article="V")
        table = uow.scoring.current(year)
        table.finding_item(cmd.code, "code")
        deduction_id = cmd.deduction_id or f"DED-{uuid4().hex[:12]}"
        if uow.evaluations.deduction_owner(deduction_id) is not None:
            raise Conflict(f"deduction {deduction_id} already recorded", field="deduction_id", article="V")
        deduction = rules.make_deduction(deduction_id, agency_id, year, cmd.code, cmd.reason, DeductionSource.OFFICER,
                                         cmd.evidence, uow.now(), table, entity_id=cmd.entity_id)
        evaluation = record(uow, evaluation, deduction, table)
        uow.commit()
    return evaluation


Step = Callable[[Evaluation, datetime], Evaluation]


def _change(agency_id: str, year: int, action: str, detail: dict, uow: OversightUnitOfWork,
            step: Step) -> Evaluation:
    with uow:
        require_year_open(uow, year)
        uow.agencies.get(agency_id, for_update=True)
        now = uow.now()
        evaluation = step(uow.evaluations.get(agency_id, year), now)
        uow.evaluations.save(evaluation, now)
        uow.audit(f"verifier-oversight.evaluation.{action}", subject(agency_id, year), detail)
        uow.commit()
    return evaluation


def contest(agency_id: str, year: int, deduction_id: str, cmd: commands.Contest,
            uow: OversightUnitOfWork) -> Evaluation:
    return _change(agency_id, year, "contested", {"deduction_id": deduction_id, "grounds": cmd.grounds}, uow,
                   lambda e, at: rules.contest(e, deduction_id, cmd.grounds, at))


def review(agency_id: str, year: int, deduction_id: str, cmd: commands.Review, uow: OversightUnitOfWork) -> Evaluation:
    return _change(agency_id, year, "reviewed", {"deduction_id": deduction_id, "outcome": cmd.outcome,
                                                 "reason": cmd.reason}, uow,
                   lambda e, at: rules.review(e, deduction_id, cmd.outcome == "upheld", cmd.reason, at))


def withdraw(agency_id: str, year: int, deduction_id: str, cmd: commands.Withdraw,
             uow: OversightUnitOfWork) -> Evaluation:
    return _change(agency_id, year, "deduction-withdrawn", {"deduction_id": deduction_id, "reason": cmd.reason}, uow,
                   lambda e, at: rules.withdraw(e, deduction_id, cmd.reason, at))


# -- the year's finalisation ------------------------------------------------------------------------------------------
def finalisation_bars(uow: OversightUnitOfWork, year: int, now: datetime) -> tuple[list[str], list[Evaluation]]:
    """Why the year cannot be finalised (empty: it can), and the evaluation of every agency that worked in it."""
    worked = sorted(set(uow.assignments.agencies_that_worked(year)) | {
        e.agency_id for e in uow.evaluations.of_year(year)})
    evaluations = [uow.evaluations.find(a, year) or Evaluation(a, year) for a in worked]
    bars = rules.finalisation_bars(year, regulatory_date(now), policy_for(uow.session, year),
                                   uow.assignments.engagements(year), evaluations)
    return bars, evaluations


def finalise_year(year: int, uow: OversightUnitOfWork) -> list[Evaluation]:
    with uow:
        require_year_open(uow, year)
        now, policy, table = uow.now(), policy_for(uow.session, year), uow.scoring.current(year)
        for agency_id in uow.assignments.agencies_that_worked(year):
            uow.agencies.get(agency_id, for_update=True)
        bars, evaluations = finalisation_bars(uow, year, now)
        if bars:
            raise Conflict("the evaluation cannot be final yet: " + "; ".join(bars), field="compliance_year",
                           article="V")
        final, entries = rules.finalise_year(evaluations, now, policy, table)
        for evaluation in final:
            uow.evaluations.save(evaluation, now)
        uow.evaluations.mark_year_final(year, now, table.version, uow.context.actor)
        names = uow.agencies.many([e.agency_id for e in final])
        uow.publish(EvaluationResultsPublished(
            compliance_year=year, table_version=table.version, published_at=now,
            results=[AgencyResult(agency_id=e.agency_id, name=names[e.agency_id].name, score=e.outcome.score,
                                  grade=GRADE_NAMES[e.outcome.grade], rank=e.outcome.rank) for e in final]),
            subject_ref=f"results:{year}")
        for entry in entries:
            uow.agencies.add_blacklist_entry(entry, now)
            uow.publish(AgencyBlacklisted(agency_id=entry.agency_id, evaluated_year=entry.evaluated_year,
                                          from_year=entry.from_year, to_year=entry.to_year, reason=entry.reason,
                                          listed_at=now))
            for covered in range(entry.from_year, entry.to_year + 1):
                eligibility_changed(uow, entry.agency_id, covered, False,
                                    f"blacklisted for {entry.from_year}-{entry.to_year}: {entry.reason}", now)
        _suspend_repeated_failures(uow, final, policy, now)
        uow.commit()
    return final


def _suspend_repeated_failures(uow: OversightUnitOfWork, final: list[Evaluation], policy: OversightPolicy,
                               now: datetime) -> None:
    count = policy.consecutive_fails_for_suspension
    for evaluation in final:
        if evaluation.grade is not Grade.FAIL or count is None:
            continue
        years = range(evaluation.year - count + 1, evaluation.year)
        fails = uow.evaluations.fail_years(evaluation.agency_id, years) | {evaluation.year}
        agency = uow.agencies.get(evaluation.agency_id)
        if rules.suspension_due(evaluation.year, fails, policy) and agency.status is AgencyStatus.FILED:
            apply_status(uow, agency, suspend_agency(agency),
                         f"{count} consecutive failed evaluations up to {evaluation.year} (seed 000 practice)", now)


def restated(uow: OversightUnitOfWork, evaluation: Evaluation, deduction: Deduction) -> Evaluation:
    """An automatic deduction restated from newer facts (audited)."""
    changed = rules.restate(evaluation, deduction)
    uow.evaluations.save(changed, deduction.recorded_at)
    uow.audit("verifier-oversight.evaluation.restated", subject(evaluation.agency_id, evaluation.year),
              {"deduction_id": deduction.deduction_id, "points": deduction.points, "reason": deduction.reason})
    return changed


def withdrawn_automatically(uow: OversightUnitOfWork, evaluation: Evaluation, deduction_id: str, reason: str,
                            at: datetime) -> Evaluation:
    changed = rules.withdraw(evaluation, deduction_id, reason, at)
    uow.evaluations.save(changed, at)
    uow.audit("verifier-oversight.evaluation.deduction-withdrawn", subject(evaluation.agency_id, evaluation.year),
              {"deduction_id": deduction_id, "reason": reason})
    return changed

