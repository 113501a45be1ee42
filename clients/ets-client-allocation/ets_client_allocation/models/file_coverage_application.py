from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FileCoverageApplication")


@_attrs_define
class FileCoverageApplication:
    """M-5 ¶1: an organisation (the caller) applies to be covered from a compliance year.

    Attributes:
        compliance_year (int): a compliance year (2013-2100)
        name (str):
        sector (str):
        statement (str): why it applies
        annual_emissions (int | None | Unset): its last year's tCO2e, if known
    """

    compliance_year: int
    name: str
    sector: str
    statement: str
    annual_emissions: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        compliance_year = self.compliance_year

        name = self.name

        sector = self.sector

        statement = self.statement

        annual_emissions: int | None | Unset
        if isinstance(self.annual_emissions, Unset):
            annual_emissions = UNSET
        else:
            annual_emissions = self.annual_emissions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "compliance_year": compliance_year,
                "name": name,
                "sector": sector,
                "statement": statement,
            }
        )
        if annual_emissions is not UNSET:
            field_dict["annual_emissions"] = annual_emissions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        compliance_year = d.pop("compliance_year")

        name = d.pop("name")

        sector = d.pop("sector")

        statement = d.pop("statement")

        def _parse_annual_emissions(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        annual_emissions = _parse_annual_emissions(d.pop("annual_emissions", UNSET))

        file_coverage_application = cls(
            compliance_year=compliance_year,
            name=name,
            sector=sector,
            statement=statement,
            annual_emissions=annual_emissions,
        )

        file_coverage_application.additional_properties = d
        return file_coverage_application

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
