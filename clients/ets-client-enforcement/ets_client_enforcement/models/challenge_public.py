from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ChallengePublic")


@_attrs_define
class ChallengePublic:
    """
    Attributes:
        amount (None | str):
        body (None | str):
        decided_at (datetime.datetime | None):
        decided_by (None | str):
        filed_at (datetime.datetime):
        filed_by (str):
        filed_on (datetime.date):
        grounds (str):
        kind (str):
        no (int):
        outcome (None | str):
        outcome_reasons (None | str):
    """

    amount: None | str
    body: None | str
    decided_at: datetime.datetime | None
    decided_by: None | str
    filed_at: datetime.datetime
    filed_by: str
    filed_on: datetime.date
    grounds: str
    kind: str
    no: int
    outcome: None | str
    outcome_reasons: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount: None | str
        amount = self.amount

        body: None | str
        body = self.body

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decided_by: None | str
        decided_by = self.decided_by

        filed_at = self.filed_at.isoformat()

        filed_by = self.filed_by

        filed_on = self.filed_on.isoformat()

        grounds = self.grounds

        kind = self.kind

        no = self.no

        outcome: None | str
        outcome = self.outcome

        outcome_reasons: None | str
        outcome_reasons = self.outcome_reasons

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "body": body,
                "decided_at": decided_at,
                "decided_by": decided_by,
                "filed_at": filed_at,
                "filed_by": filed_by,
                "filed_on": filed_on,
                "grounds": grounds,
                "kind": kind,
                "no": no,
                "outcome": outcome,
                "outcome_reasons": outcome_reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_amount(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        amount = _parse_amount(d.pop("amount"))

        def _parse_body(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        body = _parse_body(d.pop("body"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_decided_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        filed_at = datetime.datetime.fromisoformat(d.pop("filed_at"))

        filed_by = d.pop("filed_by")

        filed_on = datetime.date.fromisoformat(d.pop("filed_on"))

        grounds = d.pop("grounds")

        kind = d.pop("kind")

        no = d.pop("no")

        def _parse_outcome(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        outcome = _parse_outcome(d.pop("outcome"))

        def _parse_outcome_reasons(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        outcome_reasons = _parse_outcome_reasons(d.pop("outcome_reasons"))

        challenge_public = cls(
            amount=amount,
            body=body,
            decided_at=decided_at,
            decided_by=decided_by,
            filed_at=filed_at,
            filed_by=filed_by,
            filed_on=filed_on,
            grounds=grounds,
            kind=kind,
            no=no,
            outcome=outcome,
            outcome_reasons=outcome_reasons,
        )

        challenge_public.additional_properties = d
        return challenge_public

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
