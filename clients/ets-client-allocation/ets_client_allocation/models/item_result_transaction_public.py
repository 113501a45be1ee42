from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.item_result_transaction_public_problem_type_0 import ItemResultTransactionPublicProblemType0
    from ..models.transaction_public import TransactionPublic


T = TypeVar("T", bound="ItemResultTransactionPublic")


@_attrs_define
class ItemResultTransactionPublic:
    """
    Attributes:
        index (int): the item's place in the request
        status (int): what the single-item endpoint would have answered
        problem (ItemResultTransactionPublicProblemType0 | None | Unset): problem+json of a refused item
        result (None | TransactionPublic | Unset):
    """

    index: int
    status: int
    problem: ItemResultTransactionPublicProblemType0 | None | Unset = UNSET
    result: None | TransactionPublic | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.item_result_transaction_public_problem_type_0 import ItemResultTransactionPublicProblemType0  # noqa: PLC0415
        from ..models.transaction_public import TransactionPublic  # noqa: PLC0415

        index = self.index

        status = self.status

        problem: dict[str, Any] | None | Unset
        if isinstance(self.problem, Unset):
            problem = UNSET
        elif isinstance(self.problem, ItemResultTransactionPublicProblemType0):
            problem = self.problem.to_dict()
        else:
            problem = self.problem

        result: dict[str, Any] | None | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, TransactionPublic):
            result = self.result.to_dict()
        else:
            result = self.result

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "status": status,
            }
        )
        if problem is not UNSET:
            field_dict["problem"] = problem
        if result is not UNSET:
            field_dict["result"] = result

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_result_transaction_public_problem_type_0 import ItemResultTransactionPublicProblemType0  # noqa: PLC0415
        from ..models.transaction_public import TransactionPublic  # noqa: PLC0415

        d = dict(src_dict)
        index = d.pop("index")

        status = d.pop("status")

        def _parse_problem(data: object) -> ItemResultTransactionPublicProblemType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                problem_type_0 = ItemResultTransactionPublicProblemType0.from_dict(data)

                return problem_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ItemResultTransactionPublicProblemType0 | None | Unset, data)

        problem = _parse_problem(d.pop("problem", UNSET))

        def _parse_result(data: object) -> None | TransactionPublic | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = TransactionPublic.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TransactionPublic | Unset, data)

        result = _parse_result(d.pop("result", UNSET))

        item_result_transaction_public = cls(
            index=index,
            status=status,
            problem=problem,
            result=result,
        )

        item_result_transaction_public.additional_properties = d
        return item_result_transaction_public

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
