from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.recheck_public import RecheckPublic
    from ..models.verification_public import VerificationPublic


T = TypeVar("T", bound="VerificationFiledPublic")


@_attrs_define
class VerificationFiledPublic:
    """
    Attributes:
        recheck (None | RecheckPublic):
        report_id (str):
        state (str):
        triggers (list[str]):
        verification (VerificationPublic):
        verification_id (str):
        verified_emissions (int):
    """

    recheck: None | RecheckPublic
    report_id: str
    state: str
    triggers: list[str]
    verification: VerificationPublic
    verification_id: str
    verified_emissions: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.recheck_public import RecheckPublic  # noqa: PLC0415

        recheck: dict[str, Any] | None
        if isinstance(self.recheck, RecheckPublic):
            recheck = self.recheck.to_dict()
        else:
            recheck = self.recheck

        report_id = self.report_id

        state = self.state

        triggers = self.triggers

        verification = self.verification.to_dict()

        verification_id = self.verification_id

        verified_emissions = self.verified_emissions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "recheck": recheck,
                "report_id": report_id,
                "state": state,
                "triggers": triggers,
                "verification": verification,
                "verification_id": verification_id,
                "verified_emissions": verified_emissions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.recheck_public import RecheckPublic  # noqa: PLC0415
        from ..models.verification_public import VerificationPublic  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_recheck(data: object) -> None | RecheckPublic:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                recheck_type_0 = RecheckPublic.from_dict(data)

                return recheck_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecheckPublic, data)

        recheck = _parse_recheck(d.pop("recheck"))

        report_id = d.pop("report_id")

        state = d.pop("state")

        triggers = cast(list[str], d.pop("triggers"))

        verification = VerificationPublic.from_dict(d.pop("verification"))

        verification_id = d.pop("verification_id")

        verified_emissions = d.pop("verified_emissions")

        verification_filed_public = cls(
            recheck=recheck,
            report_id=report_id,
            state=state,
            triggers=triggers,
            verification=verification,
            verification_id=verification_id,
            verified_emissions=verified_emissions,
        )

        verification_filed_public.additional_properties = d
        return verification_filed_public

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
