from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.enforcement_policy_model_four_eyes import EnforcementPolicyModelFourEyes
    from ..models.enforcement_policy_model_order_deadline_days import EnforcementPolicyModelOrderDeadlineDays


T = TypeVar("T", bound="EnforcementPolicyModel")


@_attrs_define
class EnforcementPolicyModel:
    """The enforcement [param]s of a compliance year (docs/policy-parameters.md#enforcement, docs/rules.md §8;
    domain `EnforcementPolicy`).

        Attributes:
            fine_decision_window_days (int | Unset): M-39: days after the shortfall was made good in which a fine may still
                be decided Default: 30.
            four_eyes (EnforcementPolicyModelFourEyes | Unset): Per article, the decisions a second officer must approve
                (M-43); an article left out keeps the default (all four)
            inaction_alert_days (int | Unset): M-43: days an official act may wait before the case is flagged Default: 30.
            order_deadline_days (EnforcementPolicyModelOrderDeadlineDays | Unset): Period of an order to correct or to
                surrender, in days, per article (one number: every article)
            payment_days (int | Unset): Days from service of the penalty decision to pay the fine (Administrative Penalty
                Law Art. 67) Default: 15.
            publicity_years (int | Unset): M-40(1): years a credit record, the departments' notice and the publication stand
                Default: 3.
    """

    fine_decision_window_days: int | Unset = 30
    four_eyes: EnforcementPolicyModelFourEyes | Unset = UNSET
    inaction_alert_days: int | Unset = 30
    order_deadline_days: EnforcementPolicyModelOrderDeadlineDays | Unset = UNSET
    payment_days: int | Unset = 15
    publicity_years: int | Unset = 3
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fine_decision_window_days = self.fine_decision_window_days

        four_eyes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.four_eyes, Unset):
            four_eyes = self.four_eyes.to_dict()

        inaction_alert_days = self.inaction_alert_days

        order_deadline_days: dict[str, Any] | Unset = UNSET
        if not isinstance(self.order_deadline_days, Unset):
            order_deadline_days = self.order_deadline_days.to_dict()

        payment_days = self.payment_days

        publicity_years = self.publicity_years

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if fine_decision_window_days is not UNSET:
            field_dict["fine_decision_window_days"] = fine_decision_window_days
        if four_eyes is not UNSET:
            field_dict["four_eyes"] = four_eyes
        if inaction_alert_days is not UNSET:
            field_dict["inaction_alert_days"] = inaction_alert_days
        if order_deadline_days is not UNSET:
            field_dict["order_deadline_days"] = order_deadline_days
        if payment_days is not UNSET:
            field_dict["payment_days"] = payment_days
        if publicity_years is not UNSET:
            field_dict["publicity_years"] = publicity_years

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.enforcement_policy_model_four_eyes import EnforcementPolicyModelFourEyes  # noqa: PLC0415
        from ..models.enforcement_policy_model_order_deadline_days import EnforcementPolicyModelOrderDeadlineDays  # noqa: PLC0415

        d = dict(src_dict)
        fine_decision_window_days = d.pop("fine_decision_window_days", UNSET)

        _four_eyes = d.pop("four_eyes", UNSET)
        four_eyes: EnforcementPolicyModelFourEyes | Unset
        if isinstance(_four_eyes, Unset):
            four_eyes = UNSET
        else:
            four_eyes = EnforcementPolicyModelFourEyes.from_dict(_four_eyes)

        inaction_alert_days = d.pop("inaction_alert_days", UNSET)

        _order_deadline_days = d.pop("order_deadline_days", UNSET)
        order_deadline_days: EnforcementPolicyModelOrderDeadlineDays | Unset
        if isinstance(_order_deadline_days, Unset):
            order_deadline_days = UNSET
        else:
            order_deadline_days = EnforcementPolicyModelOrderDeadlineDays.from_dict(_order_deadline_days)

        payment_days = d.pop("payment_days", UNSET)

        publicity_years = d.pop("publicity_years", UNSET)

        enforcement_policy_model = cls(
            fine_decision_window_days=fine_decision_window_days,
            four_eyes=four_eyes,
            inaction_alert_days=inaction_alert_days,
            order_deadline_days=order_deadline_days,
            payment_days=payment_days,
            publicity_years=publicity_years,
        )

        enforcement_policy_model.additional_properties = d
        return enforcement_policy_model

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
