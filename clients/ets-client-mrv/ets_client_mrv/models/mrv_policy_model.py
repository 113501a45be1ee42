from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.mrv_policy_model_recheck_discrepancy_base import MrvPolicyModelRecheckDiscrepancyBase
from ..types import UNSET, Unset

T = TypeVar("T", bound="MrvPolicyModel")


@_attrs_define
class MrvPolicyModel:
    """MRV [param]s of one compliance year (docs/rules.md §4; docs/policy-parameters.md#mrv): re-check thresholds
    (M-15 ¶2), the objection period before a verified figure is determined (M-15 ¶1), whether verified figures are
    determined automatically and to whom determinations are copied (M-15), deadlines (M-11, M-12, M-13) and the
    factor set (M-44(1)).

        Attributes:
            automatic_determination (bool | Unset): M-15: determine a verified figure without a re-check trigger by itself
                once the objection period has passed; false (the default): the authority determines (one by one or in bulk from
                the queue) Default: False.
            determination_copied_to (list[str] | Unset): M-15 ¶1: departments the report, verification and determination are
                copied to (default: the co-implementing departments of M-3 ¶2)
            determination_days (int | Unset): M-15 ¶1: determination due within these days Default: 30.
            factor_set_id (None | str | Unset): M-44(1): null = the built-in set covering the year (SH-2012 up to 2021,
                SH-2022 from 2022)
            monitoring_plan_due (datetime.date | None | Unset): M-11: default 31 Dec of the year before
            objection_period_days (int | Unset): days after receiving the verification in which the entity may object before
                the verified figure may be determined (at most determination_days) Default: 7.
            recheck_discrepancy_base (MrvPolicyModelRecheckDiscrepancyBase | Unset): M-15 ¶2(1): the figure the share is
                taken of Default: MrvPolicyModelRecheckDiscrepancyBase.VERIFIED.
            recheck_discrepancy_ratio (int | str | Unset): M-15 ¶2(1): reported vs verified differ by at least this share
                Default: '0.10'.
            recheck_discrepancy_tonnes (int | Unset): M-15 ¶2(1): ... or by at least these tonnes Default: 100000.
            recheck_year_on_year_ratio (int | str | Unset): M-15 ¶2(2): verified vs last year's determined differ by this
                share Default: '0.20'.
            report_due (datetime.date | None | Unset): M-12: default 31 Mar of the next year
            verification_due (datetime.date | None | Unset): M-13: default 30 Apr of the next year
    """

    automatic_determination: bool | Unset = False
    determination_copied_to: list[str] | Unset = UNSET
    determination_days: int | Unset = 30
    factor_set_id: None | str | Unset = UNSET
    monitoring_plan_due: datetime.date | None | Unset = UNSET
    objection_period_days: int | Unset = 7
    recheck_discrepancy_base: MrvPolicyModelRecheckDiscrepancyBase | Unset = (
        MrvPolicyModelRecheckDiscrepancyBase.VERIFIED
    )
    recheck_discrepancy_ratio: int | str | Unset = "0.10"
    recheck_discrepancy_tonnes: int | Unset = 100000
    recheck_year_on_year_ratio: int | str | Unset = "0.20"
    report_due: datetime.date | None | Unset = UNSET
    verification_due: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        automatic_determination = self.automatic_determination

        determination_copied_to: list[str] | Unset = UNSET
        if not isinstance(self.determination_copied_to, Unset):
            determination_copied_to = self.determination_copied_to

        determination_days = self.determination_days

        factor_set_id: None | str | Unset
        if isinstance(self.factor_set_id, Unset):
            factor_set_id = UNSET
        else:
            factor_set_id = self.factor_set_id

        monitoring_plan_due: None | str | Unset
        if isinstance(self.monitoring_plan_due, Unset):
            monitoring_plan_due = UNSET
        elif isinstance(self.monitoring_plan_due, datetime.date):
            monitoring_plan_due = self.monitoring_plan_due.isoformat()
        else:
            monitoring_plan_due = self.monitoring_plan_due

        objection_period_days = self.objection_period_days

        recheck_discrepancy_base: str | Unset = UNSET
        if not isinstance(self.recheck_discrepancy_base, Unset):
            recheck_discrepancy_base = self.recheck_discrepancy_base.value

        recheck_discrepancy_ratio: int | str | Unset
        if isinstance(self.recheck_discrepancy_ratio, Unset):
            recheck_discrepancy_ratio = UNSET
        else:
            recheck_discrepancy_ratio = self.recheck_discrepancy_ratio

        recheck_discrepancy_tonnes = self.recheck_discrepancy_tonnes

        recheck_year_on_year_ratio: int | str | Unset
        if isinstance(self.recheck_year_on_year_ratio, Unset):
            recheck_year_on_year_ratio = UNSET
        else:
            recheck_year_on_year_ratio = self.recheck_year_on_year_ratio

        report_due: None | str | Unset
        if isinstance(self.report_due, Unset):
            report_due = UNSET
        elif isinstance(self.report_due, datetime.date):
            report_due = self.report_due.isoformat()
        else:
            report_due = self.report_due

        verification_due: None | str | Unset
        if isinstance(self.verification_due, Unset):
            verification_due = UNSET
        elif isinstance(self.verification_due, datetime.date):
            verification_due = self.verification_due.isoformat()
        else:
            verification_due = self.verification_due

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if automatic_determination is not UNSET:
            field_dict["automatic_determination"] = automatic_determination
        if determination_copied_to is not UNSET:
            field_dict["determination_copied_to"] = determination_copied_to
        if determination_days is not UNSET:
            field_dict["determination_days"] = determination_days
        if factor_set_id is not UNSET:
            field_dict["factor_set_id"] = factor_set_id
        if monitoring_plan_due is not UNSET:
            field_dict["monitoring_plan_due"] = monitoring_plan_due
        if objection_period_days is not UNSET:
            field_dict["objection_period_days"] = objection_period_days
        if recheck_discrepancy_base is not UNSET:
            field_dict["recheck_discrepancy_base"] = recheck_discrepancy_base
        if recheck_discrepancy_ratio is not UNSET:
            field_dict["recheck_discrepancy_ratio"] = recheck_discrepancy_ratio
        if recheck_discrepancy_tonnes is not UNSET:
            field_dict["recheck_discrepancy_tonnes"] = recheck_discrepancy_tonnes
        if recheck_year_on_year_ratio is not UNSET:
            field_dict["recheck_year_on_year_ratio"] = recheck_year_on_year_ratio
        if report_due is not UNSET:
            field_dict["report_due"] = report_due
        if verification_due is not UNSET:
            field_dict["verification_due"] = verification_due

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        automatic_determination = d.pop("automatic_determination", UNSET)

        determination_copied_to = cast(list[str], d.pop("determination_copied_to", UNSET))

        determination_days = d.pop("determination_days", UNSET)

        def _parse_factor_set_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        factor_set_id = _parse_factor_set_id(d.pop("factor_set_id", UNSET))

        def _parse_monitoring_plan_due(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                monitoring_plan_due_type_0 = datetime.date.fromisoformat(data)

                return monitoring_plan_due_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        monitoring_plan_due = _parse_monitoring_plan_due(d.pop("monitoring_plan_due", UNSET))

        objection_period_days = d.pop("objection_period_days", UNSET)

        _recheck_discrepancy_base = d.pop("recheck_discrepancy_base", UNSET)
        recheck_discrepancy_base: MrvPolicyModelRecheckDiscrepancyBase | Unset
        if isinstance(_recheck_discrepancy_base, Unset):
            recheck_discrepancy_base = UNSET
        else:
            recheck_discrepancy_base = MrvPolicyModelRecheckDiscrepancyBase(_recheck_discrepancy_base)

        def _parse_recheck_discrepancy_ratio(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        recheck_discrepancy_ratio = _parse_recheck_discrepancy_ratio(d.pop("recheck_discrepancy_ratio", UNSET))

        recheck_discrepancy_tonnes = d.pop("recheck_discrepancy_tonnes", UNSET)

        def _parse_recheck_year_on_year_ratio(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        recheck_year_on_year_ratio = _parse_recheck_year_on_year_ratio(d.pop("recheck_year_on_year_ratio", UNSET))

        def _parse_report_due(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                report_due_type_0 = datetime.date.fromisoformat(data)

                return report_due_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        report_due = _parse_report_due(d.pop("report_due", UNSET))

        def _parse_verification_due(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                verification_due_type_0 = datetime.date.fromisoformat(data)

                return verification_due_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        verification_due = _parse_verification_due(d.pop("verification_due", UNSET))

        mrv_policy_model = cls(
            automatic_determination=automatic_determination,
            determination_copied_to=determination_copied_to,
            determination_days=determination_days,
            factor_set_id=factor_set_id,
            monitoring_plan_due=monitoring_plan_due,
            objection_period_days=objection_period_days,
            recheck_discrepancy_base=recheck_discrepancy_base,
            recheck_discrepancy_ratio=recheck_discrepancy_ratio,
            recheck_discrepancy_tonnes=recheck_discrepancy_tonnes,
            recheck_year_on_year_ratio=recheck_year_on_year_ratio,
            report_due=report_due,
            verification_due=verification_due,
        )

        mrv_policy_model.additional_properties = d
        return mrv_policy_model

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
