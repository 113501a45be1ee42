from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.problem_invalid_params_item import ProblemInvalidParamsItem


T = TypeVar("T", bound="Problem")


@_attrs_define
class Problem:
    """RFC 9457 problem details; `type` is a stable `urn:ets:problem:<code>`

    Attributes:
        detail (str):
        status (int):
        title (str):
        type_ (str):
        article (str | Unset): the regulation article of the rule, e.g. M-16
        field (str | Unset): the input field at fault (dotted path)
        invalid_params (list[ProblemInvalidParamsItem] | Unset):
    """

    detail: str
    status: int
    title: str
    type_: str
    article: str | Unset = UNSET
    field: str | Unset = UNSET
    invalid_params: list[ProblemInvalidParamsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        status = self.status

        title = self.title

        type_ = self.type_

        article = self.article

        field = self.field

        invalid_params: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.invalid_params, Unset):
            invalid_params = []
            for invalid_params_item_data in self.invalid_params:
                invalid_params_item = invalid_params_item_data.to_dict()
                invalid_params.append(invalid_params_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "detail": detail,
                "status": status,
                "title": title,
                "type": type_,
            }
        )
        if article is not UNSET:
            field_dict["article"] = article
        if field is not UNSET:
            field_dict["field"] = field
        if invalid_params is not UNSET:
            field_dict["invalid_params"] = invalid_params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.problem_invalid_params_item import ProblemInvalidParamsItem  # noqa: PLC0415

        d = dict(src_dict)
        detail = d.pop("detail")

        status = d.pop("status")

        title = d.pop("title")

        type_ = d.pop("type")

        article = d.pop("article", UNSET)

        field = d.pop("field", UNSET)

        _invalid_params = d.pop("invalid_params", UNSET)
        invalid_params: list[ProblemInvalidParamsItem] | Unset = UNSET
        if _invalid_params is not UNSET:
            invalid_params = []
            for invalid_params_item_data in _invalid_params:
                invalid_params_item = ProblemInvalidParamsItem.from_dict(invalid_params_item_data)

                invalid_params.append(invalid_params_item)

        problem = cls(
            detail=detail,
            status=status,
            title=title,
            type_=type_,
            article=article,
            field=field,
            invalid_params=invalid_params,
        )

        problem.additional_properties = d
        return problem

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
