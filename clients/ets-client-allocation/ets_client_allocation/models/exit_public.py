from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.recalled_vintage import RecalledVintage


T = TypeVar("T", bound="ExitPublic")


@_attrs_define
class ExitPublic:
    """
    Attributes:
        compliance_year (int):
        declared_at (datetime.datetime):
        declared_by (str):
        entity_id (str):
        exit_on (datetime.date):
        reason (str):
        recall (list[RecalledVintage]):
        recall_transaction_id (None | str):
        report_due_on (datetime.date):
    """

    compliance_year: int
    declared_at: datetime.datetime
    declared_by: str
    entity_id: str
    exit_on: datetime.date
    reason: str
    recall: list[RecalledVintage]
    recall_transaction_id: None | str
    report_due_on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        compliance_year = self.compliance_year

        declared_at = self.declared_at.isoformat()

        declared_by = self.declared_by

        entity_id = self.entity_id

        exit_on = self.exit_on.isoformat()

        reason = self.reason

        recall = []
        for recall_item_data in self.recall:
            recall_item = recall_item_data.to_dict()
            recall.append(recall_item)

        recall_transaction_id: None | str
        recall_transaction_id = self.recall_transaction_id

        report_due_on = self.report_due_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "compliance_year": compliance_year,
                "declared_at": declared_at,
                "declared_by": declared_by,
                "entity_id": entity_id,
                "exit_on": exit_on,
                "reason": reason,
                "recall": recall,
                "recall_transaction_id": recall_transaction_id,
                "report_due_on": report_due_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.recalled_vintage import RecalledVintage  # noqa: PLC0415

        d = dict(src_dict)
        compliance_year = d.pop("compliance_year")

        declared_at = datetime.datetime.fromisoformat(d.pop("declared_at"))

        declared_by = d.pop("declared_by")

        entity_id = d.pop("entity_id")

        exit_on = datetime.date.fromisoformat(d.pop("exit_on"))

        reason = d.pop("reason")

        recall = []
        _recall = d.pop("recall")
        for recall_item_data in _recall:
            recall_item = RecalledVintage.from_dict(recall_item_data)

            recall.append(recall_item)

        def _parse_recall_transaction_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        recall_transaction_id = _parse_recall_transaction_id(d.pop("recall_transaction_id"))

        report_due_on = datetime.date.fromisoformat(d.pop("report_due_on"))

        exit_public = cls(
            compliance_year=compliance_year,
            declared_at=declared_at,
            declared_by=declared_by,
            entity_id=entity_id,
            exit_on=exit_on,
            reason=reason,
            recall=recall,
            recall_transaction_id=recall_transaction_id,
            report_due_on=report_due_on,
        )

        exit_public.additional_properties = d
        return exit_public

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
