from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="BandIn")


@_attrs_define
class BandIn:
    """
    Attributes:
        from_ratio (int | str): an exact decimal as a string
        points (int):
    """

    from_ratio: int | str
    points: int

    def to_dict(self) -> dict[str, Any]:
        from_ratio: int | str
        from_ratio = self.from_ratio

        points = self.points

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from_ratio": from_ratio,
                "points": points,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_from_ratio(data: object) -> int | str:
            return cast(int | str, data)

        from_ratio = _parse_from_ratio(d.pop("from_ratio"))

        points = d.pop("points")

        band_in = cls(
            from_ratio=from_ratio,
            points=points,
        )

        return band_in
