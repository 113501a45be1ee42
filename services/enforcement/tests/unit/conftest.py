"""Fixtures for the enforcement domain tests. Times are written as Shanghai wall-clock times (`sh`), the way the
regulation counts them, and passed to the domain as UTC instants.

The standard timeline: a case is opened on 1 July 2026 00:00:05 Shanghai (just after the 2025 surrender window
closed), the order is issued on 2 July 2026 10:00 Shanghai; with the default 30 days its last day is 1 August 2026
and it is overdue from 2 August 2026 00:00:00 Shanghai (= 1 August 16:00:00 UTC).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone

import pytest
from ets_shared.clock import REGULATORY_TZ

from enforcement.domain import (Article, CaseSource, EnforcementPolicy, PenaltyCase, issue_order, open_case)


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


@pytest.fixture
def opened() -> Callable[..., PenaltyCase]:
    """Open a case under `article` (M-39 with a 30,000 t shortfall for 2025)."""

    def make(article: Article | str = Article.M39, *, shortfall: int = 30_000,
             policy: EnforcementPolicy | None = None) -> PenaltyCase:
        code = Article(article)
        kwargs = {"policy": policy} if policy else {}
        if code is Article.M39:
            return open_case("CASE-1", code, "E-0002", OPENED_AT, "system", source=CaseSource.EVENT,
                             source_ref="evt-shortfall-1", compliance_year=2025, shortfall_tonnes=shortfall,
                             **kwargs)
        party = {"M-41": "AG-01", "M-42": "SEEE"}.get(code.value, "E-0002")
        return open_case("CASE-1", code, party, OPENED_AT, "officer-1", source=CaseSource.OFFICER,
                         allegation="found on inspection", source_ref="file-7", compliance_year=2025, **kwargs)

    return make


@pytest.fixture
def ordered(opened: Callable[..., PenaltyCase]) -> Callable[..., PenaltyCase]:
    """A case under `article` whose order was issued at ORDER_AT (deadline 1 Aug 2026 by default)."""

    def make(article: Article | str = Article.M39, *, policy: EnforcementPolicy | None = None,
             **kwargs: object) -> PenaltyCase:
        case = opened(article, policy=policy, **kwargs)
        issue_order(case, ORDER_AT, "officer-1", **({"policy": policy} if policy else {}))
        return case

    return make
