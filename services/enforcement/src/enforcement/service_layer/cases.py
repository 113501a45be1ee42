"""Use cases of the enforcement office (§8, M-37 to M-43): open a case by hand; order; decide, decline or dismiss
(four eyes where the year's policy says so) and approve or reject such a proposal; serve the decision; record a
correction or a payment; apply M-40 measures; objections and appeals. Each owns its transaction and publishes what
the case's new steps imply (`record`). Another service's events: `handlers`.

Time: every step is taken at `instant` — the regulatory clock (`uow.now()`), but never before the case's last step
(an event's own instant may run ahead of this service's clock by the moments between two consumers).
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from ets_shared.clock import regulatory_date
from ets_shared.errors import Conflict, RuleViolation
from ets_shared.persistence.tables import PolicySetting
from enforcement.domain import (Article, CaseSource, CaseStep, EnforcementPolicy, PenaltyCase, Violation,
                                case_id_for, parse_article)
from enforcement.adapters.policy_repository import EnforcementPolicyModel, policy_for
from enforcement.service_layer import commands
from enforcement.service_layer.accountability import track_case
from enforcement.service_layer.publishing import publish_steps
from enforcement.service_layer.unit_of_work import EnforcementUnitOfWork

def m39_key(entity_id: str, compliance_year: int) -> str:
    """The first M-39 violation of an entity-year; a later one (after a raised determination) adds its revision."""
    return f"{entity_id}-{compliance_year}"


def policy_year(case: PenaltyCase) -> int:
    """A case follows the policy of its compliance year, or else of the (Shanghai) year it was opened."""
    return case.compliance_year or regulatory_date(case.opened_at).year


def instant(uow: EnforcementUnitOfWork, case: PenaltyCase | None = None, at: datetime | None = None) -> datetime:
    moments = [at or uow.now()] + ([case.history[-1].at] if case is not None and case.history else [])
    return max(moments)


def record(uow: EnforcementUnitOfWork, case: PenaltyCase, policy: EnforcementPolicy, steps: list[CaseStep]) -> None:
    """Store the case, append its new steps to the decision log, publish them, keep the M-43 flags."""
    uow.cases.save(case, policy)
    publish_steps(uow, case, steps, policy)
    track_case(uow, case, steps)


def reschedule_for_policy(uow: EnforcementUnitOfWork, year: int, document: EnforcementPolicyModel) -> None:
    """A year's [param]s changed (inside the policy PUT's transaction): the change goes into the decision log (it
    can switch four eyes off), and the open cases that follow the year are re-dated — the M-43 alert of a case
    already waiting moves with `inaction_alert_days` (order deadlines and windows were fixed when set)."""
    stored = uow.session.get(PolicySetting, year)
    uow.log.append(at=uow.now(), subject_ref=f"policy:{year}", kind="policy_set", actor=uow.context.actor,
                   detail=f"{stored.reason if stored else ''}: {json.dumps(document.model_dump(), sort_keys=True)}",
                   correlation_id=uow.context.correlation_id)
    policy, after = document.to_policy(), ""
    while batch := uow.cases.open_of_policy_year(year, after):
        for case in batch:
            uow.cases.save(case, policy)
        after = batch[-1].case_id


def open_by_officer(cmd: commands.OpenCase, uow: EnforcementUnitOfWork) -> PenaltyCase:
    article = parse_article(cmd.article)
    key = cmd.violation_key
    if key is None and article is Article.M39 and cmd.compliance_year is not None:
        key = m39_key(cmd.party_id, cmd.compliance_year)
    case_id = case_id_for(article, key) if key else cmd.case_id or f"CASE-{uuid.uuid4().hex[:12].upper()}"
    if cmd.case_id not in (None, case_id):
        raise RuleViolation(f"the {article} case of violation {key} is {case_id}", field="case_id",
                            article=article.value)
    with uow:
        at = instant(uow)
        policy = policy_for(uow.session, cmd.compliance_year or regulatory_date(at).year)
        rule = policy.rule(article)
        if cmd.party_kind != rule.party_kind.value:
            raise RuleViolation(f"an {article} case is against a {rule.party_kind.value}, not a {cmd.party_kind}",
                                field="party_kind", article=article.value)
        if cmd.deadline is not None and not rule.fine_with_order:
            raise RuleViolation(f"an {article} case is opened without its order; set the deadline when the order "
                                "is issued (POST /cases/{case_id}/order)", field="deadline", article=article.value)
        if uow.cases.find(case_id) is not None:
            raise Conflict(f"case {case_id} already exists", field="case_id")
        actor = uow.context.actor
        violation = Violation(article, cmd.party_id, key or case_id, cmd.allegation, at, cmd.compliance_year,
                              cmd.shortfall_tonnes)
        case = PenaltyCase.open(case_id, violation, at, actor, source=CaseSource.OFFICER,
                                correlation_id=uow.context.correlation_id, policy=policy, source_ref=cmd.source_ref)
        if rule.fine_with_order:  # "责令…,(并可)处以": the order comes with the opening (M-38 ¶2, M-39, M-41, M-42)
            case.issue_order(at, actor, policy, deadline=cmd.deadline)
        record(uow, case, policy, list(case.history))
        uow.commit()
    return case


@dataclass
class CaseInHand:
    """A case loaded for one step: when it is taken, by whom, under which year's policy, and the steps it added."""

    case: PenaltyCase
    at: datetime
    actor: str
    policy: EnforcementPolicy
    steps: list[CaseStep] = field(default_factory=list)


@contextmanager
def acting_on(case_id: str, uow: EnforcementUnitOfWork, *,
              allowed: Callable[[PenaltyCase], None] | None = None) -> Iterator[CaseInHand]:
    """Load a case to take one step on it at the regulatory now, with the policy of the case's year; on leaving,
    store it, publish the steps the use case appended to `steps` and commit. `allowed` refuses (Forbidden) a caller
    who may not act on this case (a party on another's)."""
    with uow:
        case = uow.cases.get(case_id)
        if allowed is not None:
            allowed(case)
        hand = CaseInHand(case, instant(uow, case), uow.context.actor, policy_for(uow.session, policy_year(case)))
        yield hand
        record(uow, case, hand.policy, hand.steps)
        uow.commit()


def order(case_id: str, cmd: commands.IssueOrder, uow: EnforcementUnitOfWork) -> PenaltyCase:
    with acting_on(case_id, uow) as c:
        c.steps = c.case.issue_order(c.at, c.actor, c.policy, deadline=cmd.deadline)
    return c.case


def decide_penalty(case_id: str, cmd: commands.DecidePenalty, uow: EnforcementUnitOfWork) -> PenaltyCase:
    with acting_on(case_id, uow) as c:
        c.steps = c.case.decide_fine(c.at, c.actor, cmd.amount, cmd.reasons, c.policy)
    return c.case


def decline_penalty(case_id: str, cmd: commands.GiveReasons, uow: EnforcementUnitOfWork) -> PenaltyCase:
    with acting_on(case_id, uow) as c:
        c.steps = c.case.decline_fine(c.at, c.actor, cmd.reasons, c.policy)
    return c.case


def dismiss_case(case_id: str, cmd: commands.GiveReasons, uow: EnforcementUnitOfWork) -> PenaltyCase:
    with acting_on(case_id, uow) as c:
        c.steps = c.case.dismiss(c.at, c.actor, cmd.reasons, c.policy)
    return c.case


def measures(case_id: str, cmd: commands.ApplyMeasures, uow: EnforcementUnitOfWork) -> PenaltyCase:
    with acting_on(case_id, uow) as c:
        c.steps = c.case.apply_measures(cmd.measures, c.at, c.actor, cmd.reasons, c.policy)
    return c.case


def approve(case_id: str, no: int, cmd: commands.GiveReasons, uow: EnforcementUnitOfWork) -> PenaltyCase:
    with acting_on(case_id, uow) as c:
        c.steps = c.case.approve(no, c.at, c.actor, cmd.reasons, c.policy)
    return c.case


def reject(case_id: str, no: int, cmd: commands.GiveReasons, uow: EnforcementUnitOfWork) -> PenaltyCase:
    with acting_on(case_id, uow) as c:
        c.steps = c.case.reject(no, c.at, c.actor, cmd.reasons, c.policy)
    return c.case


def notify(case_id: str, cmd: commands.NotifyPenalty, uow: EnforcementUnitOfWork) -> PenaltyCase:
    with acting_on(case_id, uow) as c:
        c.steps = c.case.notify_penalty(c.at, c.actor, cmd.served_on, cmd.method, c.policy)
    return c.case


def pay(case_id: str, cmd: commands.RecordPayment, uow: EnforcementUnitOfWork) -> PenaltyCase:
    with acting_on(case_id, uow) as c:
        c.steps = c.case.record_payment(c.at, c.actor, cmd.amount, c.policy)
    return c.case


def correct(case_id: str, cmd: commands.RecordCorrection, uow: EnforcementUnitOfWork) -> PenaltyCase:
    with acting_on(case_id, uow) as c:
        c.steps = c.case.record_correction(c.at, c.actor, cmd.detail, c.policy)
    return c.case


def object_to(case_id: str, cmd: commands.FileObjection, uow: EnforcementUnitOfWork, *,
              allowed: Callable[[PenaltyCase], None] | None) -> PenaltyCase:
    with acting_on(case_id, uow, allowed=allowed) as c:
        c.steps = c.case.file_objection(c.at, c.actor, cmd.grounds, c.policy)
    return c.case


def decide_objection(case_id: str, no: int, cmd: commands.DecideObjection, uow: EnforcementUnitOfWork) -> PenaltyCase:
    with acting_on(case_id, uow) as c:
        c.steps = c.case.decide_objection(no, cmd.outcome == "accepted", c.at, c.actor, cmd.reasons, c.policy)
    return c.case


def lodge_appeal(case_id: str, cmd: commands.LodgeAppeal, uow: EnforcementUnitOfWork) -> PenaltyCase:
    with acting_on(case_id, uow) as c:
        c.steps = c.case.lodge_appeal(cmd.kind, c.at, c.actor, body=cmd.body, grounds=cmd.grounds,
                                      filed_on=cmd.filed_on, policy=c.policy)
    return c.case


def decide_appeal(case_id: str, no: int, cmd: commands.DecideAppeal, uow: EnforcementUnitOfWork) -> PenaltyCase:
    with acting_on(case_id, uow) as c:
        c.steps = c.case.decide_appeal(no, cmd.outcome, c.at, c.actor, cmd.reasons, c.policy, amount=cmd.amount)
    return c.case
