"""What the allocation HTTP API of `entrypoints.http_exit` returns (its response models)."""
from __future__ import annotations

from datetime import date, datetime
import json

from pydantic import BaseModel

from allocation.adapters.orm import EntityExitRow
from ets_shared.contracts.allocation import RecalledVintage


class ExitPublic(BaseModel):
    entity_id: str
    reason: str
    exit_on: date
    compliance_year: int  # the exit's year: its report, determination and surrender (M-18)
    report_due_on: date  # the last day of the exit report (inclusive)
    declared_at: datetime
    declared_by: str
    recall_transaction_id: str | None
    recall: list[RecalledVintage]  # per later vintage: issued free, due (ROUND_HALF_UP), recalled, unrecovered

    @classmethod
    def of(cls, row: EntityExitRow) -> ExitPublic:
        return cls(entity_id=row.entity_id, reason=row.reason, exit_on=row.exit_on,
                   compliance_year=row.exit_on.year, report_due_on=row.report_due_on, declared_at=row.declared_at,
                   declared_by=row.declared_by, recall_transaction_id=row.recall_transaction_id,
                   recall=[RecalledVintage(**ln) for ln in json.loads(row.recall)])
