from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bulk_result_public_status import BulkResultPublicStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bulk_result_public_problem_type_0 import BulkResultPublicProblemType0
    from ..models.determination_public import DeterminationPublic


T = TypeVar("T", bound="BulkResultPublic")


@_attrs_define
class BulkResultPublic:
    """One item of a bulk determination: the determination, or the problem that refused it.

    Attributes:
        report_id (str):
        status (BulkResultPublicStatus):
        determination (DeterminationPublic | None | Unset):
        problem (BulkResultPublicProblemType0 | None | Unset):
    """

    report_id: str
    status: BulkResultPublicStatus
    determination: DeterminationPublic | None | Unset = UNSET
    problem: BulkResultPublicProblemType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.bulk_result_public_problem_type_0 import BulkResultPublicProblemType0  # noqa: PLC0415
        from ..models.determination_public import DeterminationPublic  # noqa: PLC0415

        report_id = self.report_id

        status = self.status.value

        determination: dict[str, Any] | None | Unset
        if isinstance(self.determination, Unset):
            determination = UNSET
        elif isinstance(self.determination, DeterminationPublic):
            determination = self.determination.to_dict()
        else:
            determination = self.determination

        problem: dict[str, Any] | None | Unset
        if isinstance(self.problem, Unset):
            problem = UNSET
        elif isinstance(self.problem, BulkResultPublicProblemType0):
            problem = self.problem.to_dict()
        else:
            problem = self.problem

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "report_id": report_id,
                "status": status,
            }
        )
        if determination is not UNSET:
            field_dict["determination"] = determination
        if problem is not UNSET:
            field_dict["problem"] = problem

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bulk_result_public_problem_type_0 import BulkResultPublicProblemType0  # noqa: PLC0415
        from ..models.determination_public import DeterminationPublic  # noqa: PLC0415

        d = dict(src_dict)
        report_id = d.pop("report_id")

        status = BulkResultPublicStatus(d.pop("status"))

        def _parse_determination(data: object) -> DeterminationPublic | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                determination_type_0 = DeterminationPublic.from_dict(data)

                return determination_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeterminationPublic | None | Unset, data)

        determination = _parse_determination(d.pop("determination", UNSET))

        def _parse_problem(data: object) -> BulkResultPublicProblemType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                problem_type_0 = BulkResultPublicProblemType0.from_dict(data)

                return problem_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BulkResultPublicProblemType0 | None | Unset, data)

        problem = _parse_problem(d.pop("problem", UNSET))

        bulk_result_public = cls(
            report_id=report_id,
            status=status,
            determination=determination,
            problem=problem,
        )

        bulk_result_public.additional_properties = d
        return bulk_result_public

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
