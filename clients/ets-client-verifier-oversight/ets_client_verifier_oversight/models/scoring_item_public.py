from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.band_public import BandPublic


T = TypeVar("T", bound="ScoringItemPublic")


@_attrs_define
class ScoringItemPublic:
    """
    Attributes:
        bands (list[BandPublic]):
        cap (int | None):
        code (str):
        description (str):
        kind (str):
        points (int):
        violation (None | str):
    """

    bands: list[BandPublic]
    cap: int | None
    code: str
    description: str
    kind: str
    points: int
    violation: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bands = []
        for bands_item_data in self.bands:
            bands_item = bands_item_data.to_dict()
            bands.append(bands_item)

        cap: int | None
        cap = self.cap

        code = self.code

        description = self.description

        kind = self.kind

        points = self.points

        violation: None | str
        violation = self.violation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bands": bands,
                "cap": cap,
                "code": code,
                "description": description,
                "kind": kind,
                "points": points,
                "violation": violation,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.band_public import BandPublic  # noqa: PLC0415

        d = dict(src_dict)
        bands = []
        _bands = d.pop("bands")
        for bands_item_data in _bands:
            bands_item = BandPublic.from_dict(bands_item_data)

            bands.append(bands_item)

        def _parse_cap(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        cap = _parse_cap(d.pop("cap"))

        code = d.pop("code")

        description = d.pop("description")

        kind = d.pop("kind")

        points = d.pop("points")

        def _parse_violation(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        violation = _parse_violation(d.pop("violation"))

        scoring_item_public = cls(
            bands=bands,
            cap=cap,
            code=code,
            description=description,
            kind=kind,
            points=points,
            violation=violation,
        )

        scoring_item_public.additional_properties = d
        return scoring_item_public

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
