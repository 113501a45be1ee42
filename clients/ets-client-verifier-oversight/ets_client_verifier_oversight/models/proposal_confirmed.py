from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.proposed_public import ProposedPublic
    from ..models.unplaced_public import UnplacedPublic


T = TypeVar("T", bound="ProposalConfirmed")


@_attrs_define
class ProposalConfirmed:
    """
    Attributes:
        assigned (int):
        compliance_year (int):
        decided_at (datetime.datetime | None):
        entries (list[ProposedPublic]):
        proposal_id (str):
        proposed_at (datetime.datetime):
        proposed_by (str):
        status (str):
        unplaced (list[UnplacedPublic]):
    """

    assigned: int
    compliance_year: int
    decided_at: datetime.datetime | None
    entries: list[ProposedPublic]
    proposal_id: str
    proposed_at: datetime.datetime
    proposed_by: str
    status: str
    unplaced: list[UnplacedPublic]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assigned = self.assigned

        compliance_year = self.compliance_year

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)

        proposal_id = self.proposal_id

        proposed_at = self.proposed_at.isoformat()

        proposed_by = self.proposed_by

        status = self.status

        unplaced = []
        for unplaced_item_data in self.unplaced:
            unplaced_item = unplaced_item_data.to_dict()
            unplaced.append(unplaced_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assigned": assigned,
                "compliance_year": compliance_year,
                "decided_at": decided_at,
                "entries": entries,
                "proposal_id": proposal_id,
                "proposed_at": proposed_at,
                "proposed_by": proposed_by,
                "status": status,
                "unplaced": unplaced,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.proposed_public import ProposedPublic  # noqa: PLC0415
        from ..models.unplaced_public import UnplacedPublic  # noqa: PLC0415

        d = dict(src_dict)
        assigned = d.pop("assigned")

        compliance_year = d.pop("compliance_year")

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

        entries = []
        _entries = d.pop("entries")
        for entries_item_data in _entries:
            entries_item = ProposedPublic.from_dict(entries_item_data)

            entries.append(entries_item)

        proposal_id = d.pop("proposal_id")

        proposed_at = datetime.datetime.fromisoformat(d.pop("proposed_at"))

        proposed_by = d.pop("proposed_by")

        status = d.pop("status")

        unplaced = []
        _unplaced = d.pop("unplaced")
        for unplaced_item_data in _unplaced:
            unplaced_item = UnplacedPublic.from_dict(unplaced_item_data)

            unplaced.append(unplaced_item)

        proposal_confirmed = cls(
            assigned=assigned,
            compliance_year=compliance_year,
            decided_at=decided_at,
            entries=entries,
            proposal_id=proposal_id,
            proposed_at=proposed_at,
            proposed_by=proposed_by,
            status=status,
            unplaced=unplaced,
        )

        proposal_confirmed.additional_properties = d
        return proposal_confirmed

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
