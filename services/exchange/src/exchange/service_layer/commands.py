"""What callers ask the exchange to do (also the HTTP request bodies)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class AdmitMember(BaseModel):
    """M-21: the operator admits another organisation or individual under the trading rules."""

    member_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")
    name: str = Field(min_length=1, max_length=300)
    kind: Literal["self_operating", "comprehensive"]


class ChangeMemberStatus(BaseModel):
    reason: str = Field(min_length=1, max_length=1000)


class ApplyForComprehensive(BaseModel):
    """M-22 ¶2: a self-operating member (e.g. a covered entity) applies to become comprehensive."""

    application_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")


class DecideApplication(BaseModel):
    approve: bool
    reason: str | None = Field(default=None, max_length=1000)
