"""Use cases of the enforcement office (§8: M-37 to M-43): open a case, order, decide / decline / record a fine,
record a correction, dismiss, apply M-40 measures. Each owns its transaction; the events the case's new steps imply
are published with it (`publication`). The events it consumes are in `event_handlers`.

Time: every step is taken at `instant` — the regulatory clock (`uow.now()`), but never before the case's last step:
an event's own instant (a shortfall detected at 00:00 on 1 July) may run ahead of this service's clock by the
moments between two consumers, and a case's steps are kept in time order.
"""
from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from ets_shared.clock import regulatory_date
from ets_shared.errors import Conflict, RuleViolation
from ets_shared.http.platform_routes import load_policy
from enforcement.domain import (Article, CaseSource, CaseStep, EnforcementPolicy, Measure, PenaltyCase,
                                apply_measures, decide_fine, decline_fine, dismiss, issue_order, open_case,
                                penalty_article, record_correction, record_payment)
from enforcement.service_layer import commands
from enforcement.service_layer.publication import publish_measures, publish_steps
from enforcement.service_layer.unit_of_work import EnforcementUnitOfWork

Step = Callable[[PenaltyCase, datetime, str, EnforcementPolicy], list[CaseStep]]


def m39_case_id(entity_id: str, compliance_year: int) -> str:
    """One M-39 case per entity and compliance year, whoever opens it (event or officer)."""
    return f"CASE-M39-{entity_id}-{compliance_year}"


def m41_case_id(finding_id: str) -> str:
    """One M-41 case per agency violation found (the finding's id, unique across the platform); an id too long for a
    case id is replaced by its digest."""
    case_id = f"CASE-M41-{finding_id}"
    return case_id if len(case_id) <= 100 else f"CASE-M41-{hashlib.sha256(finding_id.encode()).hexdigest()[:40]}"


def policy_for(session: Session, year: int) -> EnforcementPolicy:
    doc = load_policy(session, year, commands.EnforcementPolicyModel, commands.default_policy)
    return EnforcementPolicy(**doc.model_dump())


def policy_year(case: PenaltyCase) -> int:
    """A case follows the policy of its compliance year, or else of the (Shanghai) year it was opened."""
    return case.compliance_year or regulatory_date(case.opened_at).year


def instant(uow: EnforcementUnitOfWork, case: PenaltyCase | None = None, at: datetime | None = None) -> datetime:
    moments = [at or uow.now()] + ([case.history[-1].at] if case is not None and case.history else [])
    return max(moments)


def record(uow: EnforcementUnitOfWork, case: PenaltyCase, policy: EnforcementPolicy, steps: list[CaseStep]) -> None:
    uow.cases.save(case, policy)
    publish_steps(uow, case, steps)


def reschedule_for_policy(uow: EnforcementUnitOfWork, year: int, document: commands.EnforcementPolicyModel) -> None:
    """A year's [param]s changed (inside the policy PUT's transaction): re-date the open cases that follow them —
    the M-43 alert of a case already waiting moves with `inaction_alert_days` (order deadlines and M-39 fine windows
    were fixed when set)."""
    policy, after = EnforcementPolicy(**document.model_dump()), ""
    while batch := uow.cases.open_of_policy_year(year, after):
        for case in batch:
            uow.cases.save(case, policy)
        after = batch[-1].case_id


def open_by_officer(cmd: commands.OpenCase, uow: EnforcementUnitOfWork) -> PenaltyCase:
    rule = penalty_article(cmd.article)
    if cmd.party_kind != rule.party_kind.value:
        raise RuleViolation(f"an {rule.article} case is against a {rule.party_kind.value}, not a {cmd.party_kind}",
                            field="party_kind", article=rule.article.value)
    if cmd.deadline is not None and not rule.fine_with_order:
        raise RuleViolation(f"an {rule.article} case is opened without its order; set the deadline when the order "
                            "is issued (POST /cases/{case_id}/order)", field="deadline", article=rule.article.value)
    case_id = cmd.case_id or f"CASE-{uuid.uuid4().hex[:12].upper()}"
    if rule.article is Article.M39 and cmd.compliance_year is not None:
        expected = m39_case_id(cmd.party_id, cmd.compliance_year)
        if cmd.case_id not in (None, expected):
            raise RuleViolation(f"the M-39 case of {cmd.party_id} for {cmd.compliance_year} is {expected}",
                                field="case_id", article="M-39")
        case_id = expected
    with uow:
        if uow.cases.find(case_id) is not None:
            raise Conflict(f"case {case_id} already exists", field="case_id")
        at = instant(uow)
        policy = policy_for(uow.session, cmd.compliance_year or regulatory_date(at).year)
        actor = uow.context.actor
        case = open_case(case_id, rule.article, cmd.party_id, at, actor, source=CaseSource.OFFICER,
                         allegation=cmd.allegation, source_ref=cmd.source_ref, compliance_year=cmd.compliance_year,
                         shortfall_tonnes=cmd.shortfall_tonnes, policy=policy)
        if rule.fine_with_order:  # "责令…,(并可)处以": the order comes with the opening (M-38 ¶2, M-39, M-41, M-42)
            issue_order(case, at, actor, deadline=cmd.deadline, policy=policy)
        record(uow, case, policy, list(case.history))
        uow.commit()
    return case


def act(case_id: str, step: Step, uow: EnforcementUnitOfWork) -> PenaltyCase:
    """Take one step on a case (the officer's act at the regulatory now) and publish what it implies."""
    with uow:
        case = uow.cases.get(case_id)
        policy = policy_for(uow.session, policy_year(case))
        record(uow, case, policy, step(case, instant(uow, case), uow.context.actor, policy))
        uow.commit()
    return case


def order(case_id: str, cmd: commands.IssueOrder, uow: EnforcementUnitOfWork) -> PenaltyCase:
    return act(case_id, lambda c, at, who, p: issue_order(c, at, who, deadline=cmd.deadline, policy=p), uow)


def decide_penalty(case_id: str, cmd: commands.DecidePenalty, uow: EnforcementUnitOfWork) -> PenaltyCase:
    return act(case_id, lambda c, at, who, p: decide_fine(c, at, who, cmd.amount, cmd.reasons, p), uow)


def decline_penalty(case_id: str, cmd: commands.DeclinePenalty, uow: EnforcementUnitOfWork) -> PenaltyCase:
    return act(case_id, lambda c, at, who, p: decline_fine(c, at, who, cmd.reasons, p), uow)


def pay(case_id: str, cmd: commands.RecordPayment, uow: EnforcementUnitOfWork) -> PenaltyCase:
    return act(case_id, lambda c, at, who, p: record_payment(c, at, who, cmd.amount, p), uow)


def correct(case_id: str, cmd: commands.RecordCorrection, uow: EnforcementUnitOfWork) -> PenaltyCase:
    return act(case_id, lambda c, at, who, p: record_correction(c, at, who, cmd.detail, p), uow)


def dismiss_case(case_id: str, cmd: commands.Dismiss, uow: EnforcementUnitOfWork) -> PenaltyCase:
    return act(case_id, lambda c, at, who, p: dismiss(c, at, who, cmd.reasons, p), uow)


def measures(case_id: str, cmd: commands.ApplyMeasures, uow: EnforcementUnitOfWork) -> tuple[PenaltyCase,
                                                                                                list[Measure]]:
    """M-40: the measures' records and events, in the case's transaction."""
    with uow:
        case = uow.cases.get(case_id)
        policy = policy_for(uow.session, policy_year(case))
        start = len(case.history)
        made = apply_measures(case, cmd.measures, instant(uow, case), actor=uow.context.actor,
                              published=cmd.published, policy=policy)
        record(uow, case, policy, case.history[start:])
        uow.cases.add_measures(made)
        rule = case.rule(policy)
        publish_measures(uow, case, made, f"{rule.violation}; breach of {rule.breaches}: {case.allegation}")
        uow.commit()
    return case, made
