"""What the allocation HTTP API of `entrypoints.http_succession` returns (its response models)."""
from __future__ import annotations

from datetime import date, datetime
import json
from typing import Any

from pydantic import BaseModel

from allocation.adapters.orm import SuccessionRow


class SuccessionPublic(BaseModel):
    succession_id: str
    kind: str
    predecessor_ids: list[str]
    successor_id: str | None
    facilities: list[dict[str, Any]]
    effective_on: date
    statement: str
    status: str  # filed, approved or rejected
    filed_at: datetime
    filed_by: str
    decided_at: datetime | None
    decided_by: str | None
    decision_reason: str | None
    moved: dict[str, Any] | None  # the SUCCESSION transactions and the obligations passed on

    @classmethod
    def of(cls, row: SuccessionRow) -> SuccessionPublic:
        return cls(**row.model_dump(exclude={"predecessor_ids", "facilities", "moved", "correlation_id"}),
                   predecessor_ids=json.loads(row.predecessor_ids), facilities=json.loads(row.facilities),
                   moved=json.loads(row.moved) if row.moved else None)

    def concerns(self, entity_id: str) -> bool:
        return entity_id in self.predecessor_ids or entity_id == self.successor_id or any(
            f["successor_id"] == entity_id for f in self.facilities)
