from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.open_case_article import OpenCaseArticle
from ..models.open_case_party_kind import OpenCasePartyKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="OpenCase")


@_attrs_define
class OpenCase:
    """§8: an officer opens a case (inspection, complaint, a report from another service). `violation_key` names
    the violation as the platform does when it opens the case itself (M-37 `E-0001-2025-report`, M-39
    `E-0001-2025`, M-41 the finding id, ...): the case is then `CASE-<article>-<key>`, and the violation never gets
    a second case. An M-39 case defaults to the key `<entity>-<year>`.

        Attributes:
            article (OpenCaseArticle):
            party_id (str):
            party_kind (OpenCasePartyKind):
            allegation (str | Unset): Required except for M-39 Default: ''.
            case_id (None | str | Unset): The office's own file number (else derived from the violation)
            compliance_year (int | None | Unset): Required for M-39
            deadline (datetime.date | None | Unset): Last day of the order where the article orders at once (M-38-2, M-39,
                M-41, M-42); default: the article's order_deadline_days
            shortfall_tonnes (int | None | Unset): M-39 only: the shortfall
            source_ref (None | str | Unset): The officer's file reference
            violation_key (None | str | Unset):
    """

    article: OpenCaseArticle
    party_id: str
    party_kind: OpenCasePartyKind
    allegation: str | Unset = ""
    case_id: None | str | Unset = UNSET
    compliance_year: int | None | Unset = UNSET
    deadline: datetime.date | None | Unset = UNSET
    shortfall_tonnes: int | None | Unset = UNSET
    source_ref: None | str | Unset = UNSET
    violation_key: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        article = self.article.value

        party_id = self.party_id

        party_kind = self.party_kind.value

        allegation = self.allegation

        case_id: None | str | Unset
        if isinstance(self.case_id, Unset):
            case_id = UNSET
        else:
            case_id = self.case_id

        compliance_year: int | None | Unset
        if isinstance(self.compliance_year, Unset):
            compliance_year = UNSET
        else:
            compliance_year = self.compliance_year

        deadline: None | str | Unset
        if isinstance(self.deadline, Unset):
            deadline = UNSET
        elif isinstance(self.deadline, datetime.date):
            deadline = self.deadline.isoformat()
        else:
            deadline = self.deadline

        shortfall_tonnes: int | None | Unset
        if isinstance(self.shortfall_tonnes, Unset):
            shortfall_tonnes = UNSET
        else:
            shortfall_tonnes = self.shortfall_tonnes

        source_ref: None | str | Unset
        if isinstance(self.source_ref, Unset):
            source_ref = UNSET
        else:
            source_ref = self.source_ref

        violation_key: None | str | Unset
        if isinstance(self.violation_key, Unset):
            violation_key = UNSET
        else:
            violation_key = self.violation_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "article": article,
                "party_id": party_id,
                "party_kind": party_kind,
            }
        )
        if allegation is not UNSET:
            field_dict["allegation"] = allegation
        if case_id is not UNSET:
            field_dict["case_id"] = case_id
        if compliance_year is not UNSET:
            field_dict["compliance_year"] = compliance_year
        if deadline is not UNSET:
            field_dict["deadline"] = deadline
        if shortfall_tonnes is not UNSET:
            field_dict["shortfall_tonnes"] = shortfall_tonnes
        if source_ref is not UNSET:
            field_dict["source_ref"] = source_ref
        if violation_key is not UNSET:
            field_dict["violation_key"] = violation_key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        article = OpenCaseArticle(d.pop("article"))

        party_id = d.pop("party_id")

        party_kind = OpenCasePartyKind(d.pop("party_kind"))

        allegation = d.pop("allegation", UNSET)

        def _parse_case_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        case_id = _parse_case_id(d.pop("case_id", UNSET))

        def _parse_compliance_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        compliance_year = _parse_compliance_year(d.pop("compliance_year", UNSET))

        def _parse_deadline(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deadline_type_0 = datetime.date.fromisoformat(data)

                return deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        deadline = _parse_deadline(d.pop("deadline", UNSET))

        def _parse_shortfall_tonnes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        shortfall_tonnes = _parse_shortfall_tonnes(d.pop("shortfall_tonnes", UNSET))

        def _parse_source_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_ref = _parse_source_ref(d.pop("source_ref", UNSET))

        def _parse_violation_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        violation_key = _parse_violation_key(d.pop("violation_key", UNSET))

        open_case = cls(
            article=article,
            party_id=party_id,
            party_kind=party_kind,
            allegation=allegation,
            case_id=case_id,
            compliance_year=compliance_year,
            deadline=deadline,
            shortfall_tonnes=shortfall_tonnes,
            source_ref=source_ref,
            violation_key=violation_key,
        )

        open_case.additional_properties = d
        return open_case

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
