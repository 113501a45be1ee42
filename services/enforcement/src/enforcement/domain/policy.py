"""The enforcement parameters the regulation leaves open (§8; M-37 to M-43).

`EnforcementPolicy` holds every **[param]** of the enforcement service, with its default:

- `order_deadline_days` (30): the period of an order to correct or to surrender (责令限期改正). The order is issued
  on Shanghai date D; the party complies in time up to the end of D + N (Shanghai), and the case is overdue from
  00:00 Shanghai on D + N + 1 (`overdue_from`). M-39's order (责令履行配额清缴义务) names no period in the text;
  the platform gives it the same one so that an unmet order shows as overdue.
- `fine_decision_window_days` (30): M-39's fine is optional. When the shortfall is made good before any fine was
  decided, the authority may still decide one until the end of settlement date + N; the case then closes by itself
  (or at once if the officer declines the fine).
- `inaction_alert_days` (30): M-43. When a case has waited this many days for an official's next act (an order, or
  a mandatory fine), `tick` records an `inaction_flagged` step, so the audit trail proves the inaction.
- `catalogue`: the fine ranges and fine rules per article (default: the 2013 Measures, `articles.CATALOGUE`), so
  that a later text (e.g. Decree No. 20 of 2025) can be followed without code changes.

The service keeps one policy per compliance year where it changes; `EnforcementPolicy()` is the default.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ets_shared.clock import start_of_day
from ets_shared.errors import RuleViolation

from enforcement.domain.articles import CATALOGUE, Article, PenaltyArticle


@dataclass(frozen=True)
class EnforcementPolicy:
    order_deadline_days: int = 30
    fine_decision_window_days: int = 30
    inaction_alert_days: int = 30
    catalogue: Mapping[Article, PenaltyArticle] = field(default_factory=lambda: CATALOGUE)

    def __post_init__(self) -> None:
        for name in ("order_deadline_days", "fine_decision_window_days", "inaction_alert_days"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise RuleViolation(f"{name} must be a whole number of days, at least 1", field=name)
        missing = [a.value for a in Article if a not in self.catalogue]
        if missing:
            raise RuleViolation(f"the catalogue lacks {', '.join(missing)}", field="catalogue")

    def rule(self, article: Article) -> PenaltyArticle:
        return self.catalogue[article]

    def order_deadline(self, order_date: date) -> date:
        """Last Shanghai date on which an order issued on `order_date` is complied with in time."""
        return order_date + timedelta(days=self.order_deadline_days)

    def fine_window_end(self, settled_on: date) -> date:
        """Last Shanghai date on which an M-39 fine may still be decided after the shortfall was made good."""
        return settled_on + timedelta(days=self.fine_decision_window_days)

    def inaction_alert_at(self, waiting_since: datetime) -> datetime:
        return waiting_since + timedelta(days=self.inaction_alert_days)


def end_of(day: date) -> datetime:
    """The first UTC instant after the Shanghai date `day` (00:00 Shanghai of the next day)."""
    return start_of_day(day + timedelta(days=1))


DEFAULT_POLICY = EnforcementPolicy()
