from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LedgerAuditPublic")


@_attrs_define
class LedgerAuditPublic:
    """
    Attributes:
        broken_at (int | None):
        from_seq (int):
        head_hash (str):
        head_seq (int):
        intact (bool):
        problem (None | str):
        to_seq (int | None):
        transactions (int):
    """

    broken_at: int | None
    from_seq: int
    head_hash: str
    head_seq: int
    intact: bool
    problem: None | str
    to_seq: int | None
    transactions: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        broken_at: int | None
        broken_at = self.broken_at

        from_seq = self.from_seq

        head_hash = self.head_hash

        head_seq = self.head_seq

        intact = self.intact

        problem: None | str
        problem = self.problem

        to_seq: int | None
        to_seq = self.to_seq

        transactions = self.transactions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "broken_at": broken_at,
                "from_seq": from_seq,
                "head_hash": head_hash,
                "head_seq": head_seq,
                "intact": intact,
                "problem": problem,
                "to_seq": to_seq,
                "transactions": transactions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_broken_at(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        broken_at = _parse_broken_at(d.pop("broken_at"))

        from_seq = d.pop("from_seq")

        head_hash = d.pop("head_hash")

        head_seq = d.pop("head_seq")

        intact = d.pop("intact")

        def _parse_problem(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        problem = _parse_problem(d.pop("problem"))

        def _parse_to_seq(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        to_seq = _parse_to_seq(d.pop("to_seq"))

        transactions = d.pop("transactions")

        ledger_audit_public = cls(
            broken_at=broken_at,
            from_seq=from_seq,
            head_hash=head_hash,
            head_seq=head_seq,
            intact=intact,
            problem=problem,
            to_seq=to_seq,
            transactions=transactions,
        )

        ledger_audit_public.additional_properties = d
        return ledger_audit_public

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
