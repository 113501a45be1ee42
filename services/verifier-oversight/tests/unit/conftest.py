"""Shared values of the verifier-oversight unit tests."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from verifier_oversight.domain.agencies import Agency
from verifier_oversight.domain.policy import OversightPolicy
from verifier_oversight.domain.scoring import default_table

T0 = datetime(2026, 3, 1, 2, 0, tzinfo=timezone.utc)


@pytest.fixture
def policy() -> OversightPolicy:
    return OversightPolicy(year=2025)


@pytest.fixture
def table():
    return default_table(2025)


def agency(agency_id: str = "a1", fields: tuple[str, ...] = ("industry", "power"), n: int = 1,
           **kw) -> Agency:
    return Agency(agency_id, f"Agency {agency_id}", f"91310000MA1FL{n:04d}X", T0, fields, **kw)
