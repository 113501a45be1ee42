from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.listed_entity_public import ListedEntityPublic


T = TypeVar("T", bound="CoveredListPublic")


@_attrs_define
class CoveredListPublic:
    """M-5 ¶2: the published list of entities covered for a year (one page of it).

    Attributes:
        compliance_year (int):
        covered_count (int):
        digest (str):
        entities (list[ListedEntityPublic]):
        offset (int):
        published_at (datetime.datetime):
        reporting_only_count (int):
        version (int):
    """

    compliance_year: int
    covered_count: int
    digest: str
    entities: list[ListedEntityPublic]
    offset: int
    published_at: datetime.datetime
    reporting_only_count: int
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        compliance_year = self.compliance_year

        covered_count = self.covered_count

        digest = self.digest

        entities = []
        for entities_item_data in self.entities:
            entities_item = entities_item_data.to_dict()
            entities.append(entities_item)

        offset = self.offset

        published_at = self.published_at.isoformat()

        reporting_only_count = self.reporting_only_count

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "compliance_year": compliance_year,
                "covered_count": covered_count,
                "digest": digest,
                "entities": entities,
                "offset": offset,
                "published_at": published_at,
                "reporting_only_count": reporting_only_count,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.listed_entity_public import ListedEntityPublic  # noqa: PLC0415

        d = dict(src_dict)
        compliance_year = d.pop("compliance_year")

        covered_count = d.pop("covered_count")

        digest = d.pop("digest")

        entities = []
        _entities = d.pop("entities")
        for entities_item_data in _entities:
            entities_item = ListedEntityPublic.from_dict(entities_item_data)

            entities.append(entities_item)

        offset = d.pop("offset")

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))

        reporting_only_count = d.pop("reporting_only_count")

        version = d.pop("version")

        covered_list_public = cls(
            compliance_year=compliance_year,
            covered_count=covered_count,
            digest=digest,
            entities=entities,
            offset=offset,
            published_at=published_at,
            reporting_only_count=reporting_only_count,
            version=version,
        )

        covered_list_public.additional_properties = d
        return covered_list_public

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
