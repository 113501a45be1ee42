from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.recheck_public import RecheckPublic


T = TypeVar("T", bound="RecheckOpenedPublic")


@_attrs_define
class RecheckOpenedPublic:
    """
    Attributes:
        recheck (RecheckPublic):
        report_id (str):
        state (str):
        triggers (list[str]):
    """

    recheck: RecheckPublic
    report_id: str
    state: str
    triggers: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        recheck = self.recheck.to_dict()

        report_id = self.report_id

        state = self.state

        triggers = self.triggers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "recheck": recheck,
                "report_id": report_id,
                "state": state,
                "triggers": triggers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.recheck_public import RecheckPublic  # noqa: PLC0415

        d = dict(src_dict)
        recheck = RecheckPublic.from_dict(d.pop("recheck"))

        report_id = d.pop("report_id")

        state = d.pop("state")

        triggers = cast(list[str], d.pop("triggers"))

        recheck_opened_public = cls(
            recheck=recheck,
            report_id=report_id,
            state=state,
            triggers=triggers,
        )

        recheck_opened_public.additional_properties = d
        return recheck_opened_public

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
