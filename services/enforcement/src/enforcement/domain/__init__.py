"""Pure rules of the enforcement service (regulation.md §8: M-37 to M-43). No I/O, no framework imports.

articles  the penalty catalogue (M-37, M-38 ¶1/¶2, M-39, M-41, M-42) and `validate_fine`
policy    `EnforcementPolicy`: the **[param]**s (order deadline, M-39 fine window, M-43 inaction alert)
cases     `PenaltyCase` and `open_case`
lifecycle `tick` (time passing), `next_due` (when time next matters) and the closing rule
orders    orders to correct / surrender, corrections, surrenders, dismissal
fines     penalty decision, declining M-39's optional fine, payment
measures  M-40 administrative measures
history   `CaseStep` audit trail (M-43) and the case vocabulary
"""
from enforcement.domain.articles import (CATALOGUE, Article, OrderKind, PartyKind, PenaltyArticle, parse_article,
                                         penalty_article, validate_fine)
from enforcement.domain.cases import PenaltyCase, open_case
from enforcement.domain.fines import decide_fine, decline_fine, record_payment
from enforcement.domain.history import SYSTEM, CaseSource, CaseStatus, CaseStep, Closure, StepKind
from enforcement.domain.lifecycle import next_due, tick
from enforcement.domain.measures import Department, Measure, MeasureEffect, MeasureKind, apply_measures
from enforcement.domain.money import to_yuan
from enforcement.domain.orders import (dismiss, issue_order, record_correction, record_surrender, revise_shortfall,
                                      settle_obligation)
from enforcement.domain.policy import DEFAULT_POLICY, EnforcementPolicy

__all__ = [
    "CATALOGUE", "DEFAULT_POLICY", "SYSTEM", "Article", "CaseSource", "CaseStatus", "CaseStep", "Closure",
    "Department", "EnforcementPolicy", "Measure", "MeasureEffect", "MeasureKind", "OrderKind", "PartyKind",
    "PenaltyArticle", "PenaltyCase", "StepKind", "apply_measures", "decide_fine", "decline_fine", "dismiss",
    "issue_order", "next_due", "open_case", "parse_article", "penalty_article", "record_correction", "record_payment",
    "record_surrender", "revise_shortfall", "settle_obligation", "tick", "to_yuan", "validate_fine",
]
