"""The JSON and text forms of the case's value objects in the mrv's tables (sources, triggers, breakdowns)."""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable, Sequence

from mrv.domain.emissions import ActivitySource, EmissionsBreakdown, SourceKind
from mrv.domain.recheck import RecheckTrigger, TriggerCode


def sources_to_json(sources: Iterable[ActivitySource]) -> list[dict[str, Any]]:
    return [{"kind": SourceKind(s.kind).value, "quantity": str(s.quantity), "unit": s.unit, "fuel": s.fuel,
             "description": s.description} for s in sources]


def sources_from_json(items: Sequence[dict[str, Any]]) -> tuple[ActivitySource, ...]:
    return tuple(ActivitySource(SourceKind(i["kind"]), Decimal(i["quantity"]), i["unit"], i.get("fuel"),
                                i.get("description") or "") for i in items)


def triggers_to_json(triggers: Iterable[RecheckTrigger]) -> list[dict[str, str]]:
    return [{"code": t.code.value, "detail": t.detail} for t in triggers]


def triggers_from_json(items: Sequence[dict[str, str]]) -> tuple[RecheckTrigger, ...]:
    return tuple(RecheckTrigger(TriggerCode(i["code"]), i["detail"]) for i in items)


def breakdown_columns(breakdown: EmissionsBreakdown) -> dict[str, Any]:
    """The exact figures as text: str(Decimal) round-trips without loss."""
    return {"direct": str(breakdown.direct), "indirect": str(breakdown.indirect), "total": str(breakdown.total),
            "factor_set_id": breakdown.factor_set_id}


def breakdown_from(row: Any, total_tonnes: int) -> EmissionsBreakdown:
    return EmissionsBreakdown(Decimal(row.direct), Decimal(row.indirect), Decimal(row.total), total_tonnes,
                              row.factor_set_id)
