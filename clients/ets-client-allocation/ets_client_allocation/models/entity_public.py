from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EntityPublic")


@_attrs_define
class EntityPublic:
    """
    Attributes:
        account_id (None | str):
        coverage (str):
        coverage_basis (None | str):
        entity_id (str):
        exited_at (datetime.datetime | None):
        first_compliance_year (int | None):
        name (str):
        registered_at (datetime.datetime):
        sector (str):
        status (str):
    """

    account_id: None | str
    coverage: str
    coverage_basis: None | str
    entity_id: str
    exited_at: datetime.datetime | None
    first_compliance_year: int | None
    name: str
    registered_at: datetime.datetime
    sector: str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id: None | str
        account_id = self.account_id

        coverage = self.coverage

        coverage_basis: None | str
        coverage_basis = self.coverage_basis

        entity_id = self.entity_id

        exited_at: None | str
        if isinstance(self.exited_at, datetime.datetime):
            exited_at = self.exited_at.isoformat()
        else:
            exited_at = self.exited_at

        first_compliance_year: int | None
        first_compliance_year = self.first_compliance_year

        name = self.name

        registered_at = self.registered_at.isoformat()

        sector = self.sector

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "coverage": coverage,
                "coverage_basis": coverage_basis,
                "entity_id": entity_id,
                "exited_at": exited_at,
                "first_compliance_year": first_compliance_year,
                "name": name,
                "registered_at": registered_at,
                "sector": sector,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_account_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        account_id = _parse_account_id(d.pop("account_id"))

        coverage = d.pop("coverage")

        def _parse_coverage_basis(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        coverage_basis = _parse_coverage_basis(d.pop("coverage_basis"))

        entity_id = d.pop("entity_id")

        def _parse_exited_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                exited_at_type_0 = datetime.datetime.fromisoformat(data)

                return exited_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        exited_at = _parse_exited_at(d.pop("exited_at"))

        def _parse_first_compliance_year(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        first_compliance_year = _parse_first_compliance_year(d.pop("first_compliance_year"))

        name = d.pop("name")

        registered_at = datetime.datetime.fromisoformat(d.pop("registered_at"))

        sector = d.pop("sector")

        status = d.pop("status")

        entity_public = cls(
            account_id=account_id,
            coverage=coverage,
            coverage_basis=coverage_basis,
            entity_id=entity_id,
            exited_at=exited_at,
            first_compliance_year=first_compliance_year,
            name=name,
            registered_at=registered_at,
            sector=sector,
            status=status,
        )

        entity_public.additional_properties = d
        return entity_public

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
