from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BidPublic")


@_attrs_define
class BidPublic:
    """
    Attributes:
        agency_id (str):
        bid_id (str):
        lot_no (int):
        price (None | str):
        score (None | str):
        score_reason (None | str):
        scored_at (datetime.datetime | None):
        statement (str):
        submitted_at (datetime.datetime):
        tender_id (str):
    """

    agency_id: str
    bid_id: str
    lot_no: int
    price: None | str
    score: None | str
    score_reason: None | str
    scored_at: datetime.datetime | None
    statement: str
    submitted_at: datetime.datetime
    tender_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agency_id = self.agency_id

        bid_id = self.bid_id

        lot_no = self.lot_no

        price: None | str
        price = self.price

        score: None | str
        score = self.score

        score_reason: None | str
        score_reason = self.score_reason

        scored_at: None | str
        if isinstance(self.scored_at, datetime.datetime):
            scored_at = self.scored_at.isoformat()
        else:
            scored_at = self.scored_at

        statement = self.statement

        submitted_at = self.submitted_at.isoformat()

        tender_id = self.tender_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agency_id": agency_id,
                "bid_id": bid_id,
                "lot_no": lot_no,
                "price": price,
                "score": score,
                "score_reason": score_reason,
                "scored_at": scored_at,
                "statement": statement,
                "submitted_at": submitted_at,
                "tender_id": tender_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agency_id = d.pop("agency_id")

        bid_id = d.pop("bid_id")

        lot_no = d.pop("lot_no")

        def _parse_price(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        price = _parse_price(d.pop("price"))

        def _parse_score(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        score = _parse_score(d.pop("score"))

        def _parse_score_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        score_reason = _parse_score_reason(d.pop("score_reason"))

        def _parse_scored_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scored_at_type_0 = datetime.datetime.fromisoformat(data)

                return scored_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        scored_at = _parse_scored_at(d.pop("scored_at"))

        statement = d.pop("statement")

        submitted_at = datetime.datetime.fromisoformat(d.pop("submitted_at"))

        tender_id = d.pop("tender_id")

        bid_public = cls(
            agency_id=agency_id,
            bid_id=bid_id,
            lot_no=lot_no,
            price=price,
            score=score,
            score_reason=score_reason,
            scored_at=scored_at,
            statement=statement,
            submitted_at=submitted_at,
            tender_id=tender_id,
        )

        bid_public.additional_properties = d
        return bid_public

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
