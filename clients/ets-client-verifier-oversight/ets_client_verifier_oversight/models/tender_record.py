from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.bid_public import BidPublic
    from ..models.lot_award_public import LotAwardPublic
    from ..models.lot_public import LotPublic


T = TypeVar("T", bound="TenderRecord")


@_attrs_define
class TenderRecord:
    """
    Attributes:
        awards (list[LotAwardPublic]):
        bid_deadline (datetime.date):
        bids (list[BidPublic]):
        compliance_year (int):
        conditions (list[str]):
        lots (list[LotPublic]):
        published_at (datetime.datetime):
        tender_id (str):
        title (str):
    """

    awards: list[LotAwardPublic]
    bid_deadline: datetime.date
    bids: list[BidPublic]
    compliance_year: int
    conditions: list[str]
    lots: list[LotPublic]
    published_at: datetime.datetime
    tender_id: str
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        awards = []
        for awards_item_data in self.awards:
            awards_item = awards_item_data.to_dict()
            awards.append(awards_item)

        bid_deadline = self.bid_deadline.isoformat()

        bids = []
        for bids_item_data in self.bids:
            bids_item = bids_item_data.to_dict()
            bids.append(bids_item)

        compliance_year = self.compliance_year

        conditions = self.conditions

        lots = []
        for lots_item_data in self.lots:
            lots_item = lots_item_data.to_dict()
            lots.append(lots_item)

        published_at = self.published_at.isoformat()

        tender_id = self.tender_id

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "awards": awards,
                "bid_deadline": bid_deadline,
                "bids": bids,
                "compliance_year": compliance_year,
                "conditions": conditions,
                "lots": lots,
                "published_at": published_at,
                "tender_id": tender_id,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bid_public import BidPublic  # noqa: PLC0415
        from ..models.lot_award_public import LotAwardPublic  # noqa: PLC0415
        from ..models.lot_public import LotPublic  # noqa: PLC0415

        d = dict(src_dict)
        awards = []
        _awards = d.pop("awards")
        for awards_item_data in _awards:
            awards_item = LotAwardPublic.from_dict(awards_item_data)

            awards.append(awards_item)

        bid_deadline = datetime.date.fromisoformat(d.pop("bid_deadline"))

        bids = []
        _bids = d.pop("bids")
        for bids_item_data in _bids:
            bids_item = BidPublic.from_dict(bids_item_data)

            bids.append(bids_item)

        compliance_year = d.pop("compliance_year")

        conditions = cast(list[str], d.pop("conditions"))

        lots = []
        _lots = d.pop("lots")
        for lots_item_data in _lots:
            lots_item = LotPublic.from_dict(lots_item_data)

            lots.append(lots_item)

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))

        tender_id = d.pop("tender_id")

        title = d.pop("title")

        tender_record = cls(
            awards=awards,
            bid_deadline=bid_deadline,
            bids=bids,
            compliance_year=compliance_year,
            conditions=conditions,
            lots=lots,
            published_at=published_at,
            tender_id=tender_id,
            title=title,
        )

        tender_record.additional_properties = d
        return tender_record

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
