from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.proposal_public_terms import ProposalPublicTerms


T = TypeVar("T", bound="ProposalPublic")


@_attrs_define
class ProposalPublic:
    """
    Attributes:
        approved (bool | None):
        kind (str):
        no (int):
        pending (bool):
        proposed_at (datetime.datetime):
        proposed_by (str):
        review_reasons (None | str):
        reviewed_at (datetime.datetime | None):
        reviewed_by (None | str):
        summary (str):
        terms (ProposalPublicTerms):
    """

    approved: bool | None
    kind: str
    no: int
    pending: bool
    proposed_at: datetime.datetime
    proposed_by: str
    review_reasons: None | str
    reviewed_at: datetime.datetime | None
    reviewed_by: None | str
    summary: str
    terms: ProposalPublicTerms
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approved: bool | None
        approved = self.approved

        kind = self.kind

        no = self.no

        pending = self.pending

        proposed_at = self.proposed_at.isoformat()

        proposed_by = self.proposed_by

        review_reasons: None | str
        review_reasons = self.review_reasons

        reviewed_at: None | str
        if isinstance(self.reviewed_at, datetime.datetime):
            reviewed_at = self.reviewed_at.isoformat()
        else:
            reviewed_at = self.reviewed_at

        reviewed_by: None | str
        reviewed_by = self.reviewed_by

        summary = self.summary

        terms = self.terms.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approved": approved,
                "kind": kind,
                "no": no,
                "pending": pending,
                "proposed_at": proposed_at,
                "proposed_by": proposed_by,
                "review_reasons": review_reasons,
                "reviewed_at": reviewed_at,
                "reviewed_by": reviewed_by,
                "summary": summary,
                "terms": terms,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.proposal_public_terms import ProposalPublicTerms  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_approved(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        approved = _parse_approved(d.pop("approved"))

        kind = d.pop("kind")

        no = d.pop("no")

        pending = d.pop("pending")

        proposed_at = datetime.datetime.fromisoformat(d.pop("proposed_at"))

        proposed_by = d.pop("proposed_by")

        def _parse_review_reasons(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        review_reasons = _parse_review_reasons(d.pop("review_reasons"))

        def _parse_reviewed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reviewed_at_type_0 = datetime.datetime.fromisoformat(data)

                return reviewed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        reviewed_at = _parse_reviewed_at(d.pop("reviewed_at"))

        def _parse_reviewed_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reviewed_by = _parse_reviewed_by(d.pop("reviewed_by"))

        summary = d.pop("summary")

        terms = ProposalPublicTerms.from_dict(d.pop("terms"))

        proposal_public = cls(
            approved=approved,
            kind=kind,
            no=no,
            pending=pending,
            proposed_at=proposed_at,
            proposed_by=proposed_by,
            review_reasons=review_reasons,
            reviewed_at=reviewed_at,
            reviewed_by=reviewed_by,
            summary=summary,
            terms=terms,
        )

        proposal_public.additional_properties = d
        return proposal_public

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
