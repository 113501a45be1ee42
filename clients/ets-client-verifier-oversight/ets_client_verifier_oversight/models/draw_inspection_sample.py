from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.target_in import TargetIn


T = TypeVar("T", bound="DrawInspectionSample")


@_attrs_define
class DrawInspectionSample:
    """V: random sampling combined with targeted selection (随机抽取与重点选取相结合) over the agency's engagements of
    the year, reproducible from its seed.

        Attributes:
            agency_id (str):
            compliance_year (int): Compliance year whose reports are verified
            draw_id (None | str | Unset): Assigned when absent
            seed (int | None | Unset): Chosen and recorded when absent
            targeted (list[TargetIn] | Unset): Engagements inspected in any case (重点选取), each with a reason
    """

    agency_id: str
    compliance_year: int
    draw_id: None | str | Unset = UNSET
    seed: int | None | Unset = UNSET
    targeted: list[TargetIn] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        compliance_year = self.compliance_year

        draw_id: None | str | Unset
        if isinstance(self.draw_id, Unset):
            draw_id = UNSET
        else:
            draw_id = self.draw_id

        seed: int | None | Unset
        if isinstance(self.seed, Unset):
            seed = UNSET
        else:
            seed = self.seed

        targeted: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.targeted, Unset):
            targeted = []
            for targeted_item_data in self.targeted:
                targeted_item = targeted_item_data.to_dict()
                targeted.append(targeted_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agency_id": agency_id,
                "compliance_year": compliance_year,
            }
        )
        if draw_id is not UNSET:
            field_dict["draw_id"] = draw_id
        if seed is not UNSET:
            field_dict["seed"] = seed
        if targeted is not UNSET:
            field_dict["targeted"] = targeted

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.target_in import TargetIn  # noqa: PLC0415

        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        compliance_year = d.pop("compliance_year")

        def _parse_draw_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        draw_id = _parse_draw_id(d.pop("draw_id", UNSET))

        def _parse_seed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        seed = _parse_seed(d.pop("seed", UNSET))

        _targeted = d.pop("targeted", UNSET)
        targeted: list[TargetIn] | Unset = UNSET
        if _targeted is not UNSET:
            targeted = []
            for targeted_item_data in _targeted:
                targeted_item = TargetIn.from_dict(targeted_item_data)

                targeted.append(targeted_item)

        draw_inspection_sample = cls(
            agency_id=agency_id,
            compliance_year=compliance_year,
            draw_id=draw_id,
            seed=seed,
            targeted=targeted,
        )

        return draw_inspection_sample
