"""Use cases of the yearly evaluation (V, "after": 考评): deductions, withdrawal, finalisation, blacklist.

A FAIL blacklists the agency for the policy's years and publishes `AgencyEligibilityChanged(eligible=false)` for
each compliance year the entry covers, so the mrv service refuses the agency's work for all of them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import uuid4

from verifier_oversight.domain import evaluation as rules
from verifier_oversight.domain.agencies import BlacklistEntry
from verifier_oversight.domain.evaluation import Evaluation, suspension_flag
from verifier_oversight.domain.policy import OversightPolicy
from verifier_oversight.service_layer import commands
from verifier_oversight.service_layer.agencies import eligibility_changed
from verifier_oversight.service_layer.policy import policy_for
from verifier_oversight.service_layer.unit_of_work import OversightUnitOfWork


@dataclass(frozen=True)
class Finalised:
    evaluation: Evaluation
    blacklist_entry: BlacklistEntry | None
    suspension_recommended: bool


def subject(agency_id: str, year: int) -> str:
    return f"evaluation:{agency_id}:{year}"


def evaluation_to_change(uow: OversightUnitOfWork, agency_id: str, year: int) -> Evaluation:
    """The agency's evaluation for `year` (the agency row locked); opened (start: 100 points) if it has none yet."""
    uow.agencies.get(agency_id, for_update=True)
    found = uow.evaluations.find(agency_id, year)
    if found is not None:
        return found
    return rules.open_evaluation(agency_id, year, uow.agencies.awards([agency_id], year), [])


def deduct(uow: OversightUnitOfWork, evaluation: Evaluation, deduction_id: str, code: str, source: str,
           reason: str, policy: OversightPolicy, reference: str | None, at: datetime) -> Evaluation:
    changed = rules.add_deduction(evaluation, deduction_id, code, source, reason, policy, reference)
    uow.evaluations.save(changed, at)
    added = changed.deductions[-1]
    uow.audit("verifier-oversight.evaluation.deducted", subject(evaluation.agency_id, evaluation.year),
              {"deduction_id": deduction_id, "code": code, "points": added.points, "source": source,
               "reason": added.reason, "reference": reference, "score": changed.score})
    return changed


def record_deduction(agency_id: str, year: int, cmd: commands.RecordDeduction,
                     uow: OversightUnitOfWork) -> Evaluation:
    with uow:
        evaluation = evaluation_to_change(uow, agency_id, year)
        evaluation = deduct(uow, evaluation, cmd.deduction_id or f"D-{uuid4().hex[:16]}", cmd.code, cmd.source,
                            cmd.reason, policy_for(uow.session, year), cmd.reference, uow.now())
        uow.commit()
    return evaluation


def withdraw_deduction(agency_id: str, year: int, deduction_id: str, uow: OversightUnitOfWork) -> Evaluation:
    with uow:
        uow.agencies.get(agency_id, for_update=True)
        evaluation = rules.withdraw_deduction(uow.evaluations.get(agency_id, year), deduction_id)
        uow.evaluations.save(evaluation, uow.now())
        uow.audit("verifier-oversight.evaluation.deduction-withdrawn", subject(agency_id, year),
                  {"deduction_id": deduction_id, "score": evaluation.score})
        uow.commit()
    return evaluation


def finalise(agency_id: str, year: int, uow: OversightUnitOfWork) -> Finalised:
    with uow:
        now, policy = uow.now(), policy_for(uow.session, year)
        evaluation, entry = rules.finalise(evaluation_to_change(uow, agency_id, year), now, policy)
        uow.evaluations.save(evaluation, now)
        uow.audit("verifier-oversight.evaluation.finalised", subject(agency_id, year),
                  {"score": evaluation.final_score, "grade": evaluation.grade})
        if entry is not None:
            uow.agencies.add_blacklist_entry(entry, now)
            uow.audit("verifier-oversight.agency.blacklisted", f"agency:{agency_id}", vars(entry))
            for covered in range(entry.from_year, entry.to_year + 1):
                eligibility_changed(uow, agency_id, covered, False,
                                    f"blacklisted for {entry.from_year}-{entry.to_year}: {entry.reason}", now)
        window = range(year - policy.consecutive_fails_for_suspension + 1, year)
        earlier = uow.evaluations.of_agency(agency_id, window)
        flagged = suspension_flag(agency_id, year, [*earlier, evaluation], policy)
        uow.commit()
    return Finalised(evaluation, entry, flagged)
