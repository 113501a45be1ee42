"""What the M-40 measures in force mean to the departments that act on them — the answers of the department query
API, each with the measures (and so the cases) behind it. Pure functions over a party's measures.

- special funds in year Y (M-40(2)): refused when a `special_fund_ineligible` measure names Y;
- awards on day D (M-40(2)): barred when an `award_ineligible` measure is in force on D;
- a new project's energy assessment in year Y (M-40(3)): refused when a `project_assessment_refused` measure names Y;
- credit records (M-40(1)): those in force on D.
A measure lifted (its decision revoked on appeal) counts nowhere.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from enforcement.domain.measures import Measure, MeasureEffect


@dataclass(frozen=True)
class Answer:
    allowed: bool
    because: tuple[Measure, ...]  # the measures that refuse it (empty when allowed)


def _answer(barring: Iterable[Measure]) -> Answer:
    found = tuple(sorted(barring, key=lambda m: (m.starts_on, m.case_id)))
    return Answer(not found, found)


def special_funds(measures: Iterable[Measure], year: int) -> Answer:
    return _answer(m for m in measures if m.effect is MeasureEffect.SPECIAL_FUND_INELIGIBLE and m.bars_year(year))


def awards(measures: Iterable[Measure], on: date) -> Answer:
    return _answer(m for m in measures if m.effect is MeasureEffect.AWARD_INELIGIBLE and m.in_force_on(on))


def project_assessment(measures: Iterable[Measure], year: int) -> Answer:
    return _answer(m for m in measures if m.effect is MeasureEffect.PROJECT_ASSESSMENT_REFUSED and m.bars_year(year))


def credit_records(measures: Iterable[Measure], on: date | None = None) -> list[Measure]:
    """Credit records (in force on `on`, or all that were ever entered and not lifted)."""
    return sorted((m for m in measures if m.effect is MeasureEffect.CREDIT_RECORD_ENTERED and m.lifted_at is None
                   and (on is None or m.in_force_on(on))), key=lambda m: (m.starts_on, m.case_id))
