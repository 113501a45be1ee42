from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RecordDeduction")


@_attrs_define
class RecordDeduction:
    """V: an officer's finding of the year's scoring table (kind FINDING) deducted from the agency's 100 points.

    Attributes:
        code (str):
        evidence (list[str]):
        reason (str):
        deduction_id (None | str | Unset): Chosen by the caller for idempotency; else assigned
        entity_id (None | str | Unset):
    """

    code: str
    evidence: list[str]
    reason: str
    deduction_id: None | str | Unset = UNSET
    entity_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        evidence = self.evidence

        reason = self.reason

        deduction_id: None | str | Unset
        if isinstance(self.deduction_id, Unset):
            deduction_id = UNSET
        else:
            deduction_id = self.deduction_id

        entity_id: None | str | Unset
        if isinstance(self.entity_id, Unset):
            entity_id = UNSET
        else:
            entity_id = self.entity_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "evidence": evidence,
                "reason": reason,
            }
        )
        if deduction_id is not UNSET:
            field_dict["deduction_id"] = deduction_id
        if entity_id is not UNSET:
            field_dict["entity_id"] = entity_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        evidence = cast(list[str], d.pop("evidence"))

        reason = d.pop("reason")

        def _parse_deduction_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        deduction_id = _parse_deduction_id(d.pop("deduction_id", UNSET))

        def _parse_entity_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        entity_id = _parse_entity_id(d.pop("entity_id", UNSET))

        record_deduction = cls(
            code=code,
            evidence=evidence,
            reason=reason,
            deduction_id=deduction_id,
            entity_id=entity_id,
        )

        return record_deduction
