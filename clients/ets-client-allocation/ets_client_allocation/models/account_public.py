from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.holding_public import HoldingPublic
    from ..models.participant_public import ParticipantPublic


T = TypeVar("T", bound="AccountPublic")


@_attrs_define
class AccountPublic:
    """
    Attributes:
        account_id (str):
        holder_id (None | str):
        holdings (list[HoldingPublic]):
        kind (str):
        linked_account_id (None | str):
        opened_at (datetime.datetime):
        participant (None | ParticipantPublic):
    """

    account_id: str
    holder_id: None | str
    holdings: list[HoldingPublic]
    kind: str
    linked_account_id: None | str
    opened_at: datetime.datetime
    participant: None | ParticipantPublic
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.participant_public import ParticipantPublic  # noqa: PLC0415

        account_id = self.account_id

        holder_id: None | str
        holder_id = self.holder_id

        holdings = []
        for holdings_item_data in self.holdings:
            holdings_item = holdings_item_data.to_dict()
            holdings.append(holdings_item)

        kind = self.kind

        linked_account_id: None | str
        linked_account_id = self.linked_account_id

        opened_at = self.opened_at.isoformat()

        participant: dict[str, Any] | None
        if isinstance(self.participant, ParticipantPublic):
            participant = self.participant.to_dict()
        else:
            participant = self.participant

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "holder_id": holder_id,
                "holdings": holdings,
                "kind": kind,
                "linked_account_id": linked_account_id,
                "opened_at": opened_at,
                "participant": participant,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.holding_public import HoldingPublic  # noqa: PLC0415
        from ..models.participant_public import ParticipantPublic  # noqa: PLC0415

        d = dict(src_dict)
        account_id = d.pop("account_id")

        def _parse_holder_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        holder_id = _parse_holder_id(d.pop("holder_id"))

        holdings = []
        _holdings = d.pop("holdings")
        for holdings_item_data in _holdings:
            holdings_item = HoldingPublic.from_dict(holdings_item_data)

            holdings.append(holdings_item)

        kind = d.pop("kind")

        def _parse_linked_account_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        linked_account_id = _parse_linked_account_id(d.pop("linked_account_id"))

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        def _parse_participant(data: object) -> None | ParticipantPublic:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                participant_type_0 = ParticipantPublic.from_dict(data)

                return participant_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ParticipantPublic, data)

        participant = _parse_participant(d.pop("participant"))

        account_public = cls(
            account_id=account_id,
            holder_id=holder_id,
            holdings=holdings,
            kind=kind,
            linked_account_id=linked_account_id,
            opened_at=opened_at,
            participant=participant,
        )

        account_public.additional_properties = d
        return account_public

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
