from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.lot_in import LotIn


T = TypeVar("T", bound="PublishTender")


@_attrs_define
class PublishTender:
    """V: the year's public tender (公开招投标), open nationwide, with its conditions and lots.

    Attributes:
        bid_deadline (datetime.date): Last Shanghai date a bid is accepted
        compliance_year (int): Compliance year whose reports are verified
        conditions (list[str]):
        lots (list[LotIn]):
        tender_id (str):
        title (str):
    """

    bid_deadline: datetime.date
    compliance_year: int
    conditions: list[str]
    lots: list[LotIn]
    tender_id: str
    title: str

    def to_dict(self) -> dict[str, Any]:
        bid_deadline = self.bid_deadline.isoformat()

        compliance_year = self.compliance_year

        conditions = self.conditions

        lots = []
        for lots_item_data in self.lots:
            lots_item = lots_item_data.to_dict()
            lots.append(lots_item)

        tender_id = self.tender_id

        title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "bid_deadline": bid_deadline,
                "compliance_year": compliance_year,
                "conditions": conditions,
                "lots": lots,
                "tender_id": tender_id,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.lot_in import LotIn  # noqa: PLC0415

        d = dict(src_dict)
        bid_deadline = datetime.date.fromisoformat(d.pop("bid_deadline"))

        compliance_year = d.pop("compliance_year")

        conditions = cast(list[str], d.pop("conditions"))

        lots = []
        _lots = d.pop("lots")
        for lots_item_data in _lots:
            lots_item = LotIn.from_dict(lots_item_data)

            lots.append(lots_item)

        tender_id = d.pop("tender_id")

        title = d.pop("title")

        publish_tender = cls(
            bid_deadline=bid_deadline,
            compliance_year=compliance_year,
            conditions=conditions,
            lots=lots,
            tender_id=tender_id,
            title=title,
        )

        return publish_tender
