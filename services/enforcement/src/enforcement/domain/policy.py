"""The enforcement parameters the regulation leaves open (§8; M-37 to M-43), one `EnforcementPolicy` per compliance
year. Every method of a case takes the policy explicitly: a case follows its own year's.

- `order_deadline_days` (per article, 30 each): the period of an order to correct or to surrender (责令限期改正).
  Issued on Shanghai date D, the party complies in time up to the end of D + N; the case is overdue from 00:00
  Shanghai on D + N + 1, at the first tick after it. M-39's order names no period; it gets one so an unmet order
  shows as overdue.
- `four_eyes` (per article, the decisions that need a second officer; default: every fine, declined fine,
  dismissal and M-40 measures — the Administrative Penalty Law has the head of the office decide penalties (Art.
  57)): the proposing officer records the decision, another person approves it; the case's opener never approves.
- `fine_decision_window_days` (30): M-39's fine is optional; after the shortfall is made good the authority may
  still decide one until the end of settlement date + N, then the case closes by itself.
- `payment_days` (15, Administrative Penalty Law Art. 67): the fine is due within N days of the day the decision
  was served; unpaid after it, the case records the payment overdue.
- `inaction_alert_days` (30): M-43. A case waiting this many days for an official's act (an order, a mandatory
  fine, a proposal to approve, an objection to decide) is flagged.
- `publicity_years` (3): how long a credit record, the departments' notice and the publication of M-40(1) stand
  (the national rule on publicising administrative-penalty information: at most 3 years).
- `catalogue`: fine ranges and fine rules per article (default: the 2013 Measures).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import MappingProxyType

from ets_shared.clock import start_of_day
from ets_shared.errors import RuleViolation

from enforcement.domain.articles import CATALOGUE, Article, PenaltyArticle
from enforcement.domain.history import DecisionKind

ALL_DECISIONS = frozenset(DecisionKind)


def _per_article(value):
    return lambda: MappingProxyType({a: value for a in Article})


@dataclass(frozen=True)
class EnforcementPolicy:
    order_deadline_days: Mapping[Article, int] = field(default_factory=_per_article(30))
    four_eyes: Mapping[Article, frozenset[DecisionKind]] = field(default_factory=_per_article(ALL_DECISIONS))
    fine_decision_window_days: int = 30
    payment_days: int = 15
    inaction_alert_days: int = 30
    publicity_years: int = 3
    catalogue: Mapping[Article, PenaltyArticle] = field(default_factory=lambda: CATALOGUE)

    def __post_init__(self) -> None:
        for name in ("fine_decision_window_days", "payment_days", "inaction_alert_days", "publicity_years"):
            _days(getattr(self, name), name)
        for article in Article:
            if article not in self.catalogue:
                raise RuleViolation(f"the catalogue lacks {article}", field="catalogue")
            if article not in self.order_deadline_days:
                raise RuleViolation(f"no order deadline for {article}", field=f"order_deadline_days.{article}")
            _days(self.order_deadline_days[article], f"order_deadline_days.{article}")

    def rule(self, article: Article) -> PenaltyArticle:
        return self.catalogue[article]

    def order_deadline(self, article: Article, order_date: date) -> date:
        """Last Shanghai date on which an order issued on `order_date` is complied with in time."""
        return order_date + timedelta(days=self.order_deadline_days[article])

    def needs_second_officer(self, article: Article, decision: DecisionKind) -> bool:
        return decision in self.four_eyes.get(article, frozenset())

    def fine_window_end(self, settled_on: date) -> date:
        """Last Shanghai date on which an M-39 fine may still be decided after the shortfall was made good."""
        return settled_on + timedelta(days=self.fine_decision_window_days)

    def payment_due(self, served_on: date) -> date:
        return served_on + timedelta(days=self.payment_days)

    def inaction_alert_at(self, waiting_since: datetime) -> datetime:
        return waiting_since + timedelta(days=self.inaction_alert_days)


def _days(value: object, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise RuleViolation(f"{name} must be a whole number, at least 1", field=name)


def end_of(day: date) -> datetime:
    """The first UTC instant after the Shanghai date `day` (00:00 Shanghai of the next day)."""
    return start_of_day(day + timedelta(days=1))


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later (29 February → 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
