"""Fixtures for the enforcement domain tests. Times are written as Shanghai wall-clock times (`sh`), the way the
regulation counts them, and passed to the domain as UTC instants.

The standard timeline: a case is opened on 1 July 2026 00:00:05 Shanghai (just after the 2025 surrender window
closed), the order is issued on 2 July 2026 10:00 Shanghai; with the default 30 days its last day is 1 August 2026
and it is overdue from 2 August 2026 00:00:00 Shanghai (= 1 August 16:00:00 UTC).

Unless a test passes a policy, a case follows `no_four_eyes()`: the default policy without four eyes (an officer's
decision takes effect at once), so that each rule can be tested on its own; `EnforcementPolicy()`, the platform
default, has every fine, declined fine, dismissal and M-40 decision wait for a second officer. The policy is built
when a test first needs it, not when this file is imported: `ets mutate` re-imports this conftest with every mutant
of `EnforcementPolicy` switched on (and with its forced failure), and an error at import would stop pytest itself.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone

import pytest
from ets_shared.clock import REGULATORY_TZ

from enforcement.domain import Article, CaseSource, EnforcementPolicy, PenaltyCase, Violation

OFFICER = "enforcement_officer:li"


def no_four_eyes() -> EnforcementPolicy:
    return EnforcementPolicy(four_eyes={a: frozenset() for a in Article})


def _sh(y: int, m: int, d: int, h: int = 0, mi: int = 0, s: int = 0, us: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, s, us, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)


OPENED_AT = _sh(2026, 7, 1, 0, 0, 5)
ORDER_AT = _sh(2026, 7, 2, 10)
LAST_DAY = date(2026, 8, 1)
OVERDUE_FROM = _sh(2026, 8, 2)


@pytest.fixture
def sh() -> Callable[..., datetime]:
    return _sh


@pytest.fixture
def timeline() -> dict[str, object]:
    return {"opened_at": OPENED_AT, "order_at": ORDER_AT, "last_day": LAST_DAY, "overdue_from": OVERDUE_FROM}


def open_case(article: Article | str = Article.M39, *, shortfall: int = 30_000,
              policy: EnforcementPolicy | None = None, opened_by: str | None = None) -> PenaltyCase:
    """Open a case under `article`: M-39 from a shortfall event (30,000 t for 2025), the others by an officer."""
    code = Article(article)
    policy = policy or no_four_eyes()
    if code is Article.M39:
        violation = Violation(code, "E-0002", "E-0002-2025", "", OPENED_AT, 2025, shortfall)
        return PenaltyCase.open("CASE-1", violation, OPENED_AT, opened_by or "event:allocation.shortfall",
                                source=CaseSource.EVENT, correlation_id="corr-1", policy=policy,
                                source_ref="evt-shortfall-1")
    party = {"M-41": "AG-01", "M-42": "SEEE"}.get(code.value, "E-0002")
    violation = Violation(code, party, "file-7", "found on inspection", OPENED_AT, 2025)
    return PenaltyCase.open("CASE-1", violation, OPENED_AT, opened_by or "enforcement_officer:zhao",
                            source=CaseSource.OFFICER, correlation_id="corr-1", policy=policy, source_ref="file-7")


@pytest.fixture
def opened() -> Callable[..., PenaltyCase]:
    return open_case


@pytest.fixture
def ordered() -> Callable[..., PenaltyCase]:
    """A case under `article` whose order was issued at ORDER_AT (deadline 1 Aug 2026 by default)."""

    def make(article: Article | str = Article.M39, *, policy: EnforcementPolicy | None = None,
             **kwargs: object) -> PenaltyCase:
        policy = policy or no_four_eyes()
        case = open_case(article, policy=policy, **kwargs)
        case.issue_order(ORDER_AT, OFFICER, policy)
        return case

    return make
