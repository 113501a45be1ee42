"""Pure rules of the enforcement service (docs/rules.md §8, §10: M-37 to M-43). No I/O, no framework imports.

articles      the penalty catalogue (M-37, M-38 ¶1/¶2, M-39, M-41, M-42) and `validate_fine`
policy        `EnforcementPolicy`: the [param]s per year (order deadlines and four eyes per article, ...)
violations    `Violation`: what another service (or an officer) reports, and the one case id it opens
penalty_case  `PenaltyCase`, the aggregate: opening, time, closing; with its methods from
  orders        order, correction, surrender, settlement, revised shortfall
  penalties     fine, declined fine, dismissal, service of the decision, payment
  decisions     four eyes (M-43)
  measures      M-40 measures and their windows
  challenges    objections and appeals
case_state    `CaseState`: the fields and shared steps those methods' mixins are typed against
history       the case vocabulary and `CaseStep`
eligibility   what the measures in force answer to the departments
inaction      M-43 inaction flags (also for other services' deadlines the authority owns)
decision_log  M-43 hash chain
"""
from enforcement.domain.articles import (CATALOGUE, Article, OrderKind, PartyKind, PenaltyArticle, parse_article,
                                         validate_fine)
from enforcement.domain.challenges import Challenge, ChallengeKind, ChallengeOutcome
from enforcement.domain.decisions import Proposal
from enforcement.domain.history import (SYSTEM, CaseSource, CaseStatus, CaseStep, Closure, DecisionKind, StepKind,
                                        person_of)
from enforcement.domain.inaction import InactionFlag
from enforcement.domain.measures import Department, Measure, MeasureEffect, MeasureKind
from enforcement.domain import eligibility
from enforcement.domain.money import to_yuan
from enforcement.domain.penalties import ServiceMethod
from enforcement.domain.penalty_case import Order, Penalty, PenaltyCase
from enforcement.domain.policy import EnforcementPolicy
from enforcement.domain.violations import ExchangeDuty, Violation, case_id_for, exchange_violation

__all__ = [
    "CATALOGUE", "SYSTEM", "Article", "CaseSource", "CaseStatus", "CaseStep", "Challenge", "ChallengeKind",
    "ChallengeOutcome", "Closure", "DecisionKind", "Department", "EnforcementPolicy", "ExchangeDuty", "InactionFlag",
    "Measure", "MeasureEffect", "MeasureKind", "Order", "OrderKind", "PartyKind", "Penalty", "PenaltyArticle",
    "PenaltyCase", "Proposal", "ServiceMethod", "StepKind", "Violation", "case_id_for", "eligibility",
    "exchange_violation",
    "parse_article", "person_of", "to_yuan", "validate_fine",
]
