"""Events of the exchange service (regulation.md §6). Trading events arrive with the trading issue."""
from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime

from ets_shared.contracts.base import EventData, contract


@contract(
    producer="exchange", aggregate="member", event="admitted", version=1,
    example={"member_id": "M-E-0001", "name": "Shanghai Steel Works", "kind": "self_operating",
             "covered_entity_id": "E-0001", "admitted_at": "2025-01-05T02:00:05Z"},
)
class MemberAdmitted(EventData):
    """A participant was admitted as an exchange member (M-21, M-22); covered entities as self-operating members."""

    member_id: str
    name: str
    kind: Literal["self_operating", "comprehensive"]
    covered_entity_id: str | None = None
    admitted_at: AwareDatetime
