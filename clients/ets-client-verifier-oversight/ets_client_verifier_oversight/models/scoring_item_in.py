from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.scoring_item_in_kind import ScoringItemInKind
from ..models.scoring_item_in_violation_type_0 import ScoringItemInViolationType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.band_in import BandIn


T = TypeVar("T", bound="ScoringItemIn")


@_attrs_define
class ScoringItemIn:
    """
    Attributes:
        code (str):
        description (str):
        kind (ScoringItemInKind):
        points (int):
        bands (list[BandIn] | Unset):
        cap (int | None | Unset):
        violation (None | ScoringItemInViolationType0 | Unset):
    """

    code: str
    description: str
    kind: ScoringItemInKind
    points: int
    bands: list[BandIn] | Unset = UNSET
    cap: int | None | Unset = UNSET
    violation: None | ScoringItemInViolationType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        description = self.description

        kind = self.kind.value

        points = self.points

        bands: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.bands, Unset):
            bands = []
            for bands_item_data in self.bands:
                bands_item = bands_item_data.to_dict()
                bands.append(bands_item)

        cap: int | None | Unset
        if isinstance(self.cap, Unset):
            cap = UNSET
        else:
            cap = self.cap

        violation: None | str | Unset
        if isinstance(self.violation, Unset):
            violation = UNSET
        elif isinstance(self.violation, ScoringItemInViolationType0):
            violation = self.violation.value
        else:
            violation = self.violation

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "description": description,
                "kind": kind,
                "points": points,
            }
        )
        if bands is not UNSET:
            field_dict["bands"] = bands
        if cap is not UNSET:
            field_dict["cap"] = cap
        if violation is not UNSET:
            field_dict["violation"] = violation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.band_in import BandIn  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        description = d.pop("description")

        kind = ScoringItemInKind(d.pop("kind"))

        points = d.pop("points")

        _bands = d.pop("bands", UNSET)
        bands: list[BandIn] | Unset = UNSET
        if _bands is not UNSET:
            bands = []
            for bands_item_data in _bands:
                bands_item = BandIn.from_dict(bands_item_data)

                bands.append(bands_item)

        def _parse_cap(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        cap = _parse_cap(d.pop("cap", UNSET))

        def _parse_violation(data: object) -> None | ScoringItemInViolationType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                violation_type_0 = ScoringItemInViolationType0(data)

                return violation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ScoringItemInViolationType0 | Unset, data)

        violation = _parse_violation(d.pop("violation", UNSET))

        scoring_item_in = cls(
            code=code,
            description=description,
            kind=kind,
            points=points,
            bands=bands,
            cap=cap,
            violation=violation,
        )

        return scoring_item_in
