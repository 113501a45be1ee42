from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="OversightPolicyDocument")


@_attrs_define
class OversightPolicyDocument:
    """Oversight parameters of one compliance year (V, docs/rules.md §9;
    docs/policy-parameters.md#verifier-oversight); omitted ones take the defaults.

        Attributes:
            advisory_cooling_off_years (int | Unset): Years before the compliance year in which advising the entity bars
                verifying it Default: 3.
            blacklist_years (int | Unset): Following compliance years barred after a FAIL (0: no blacklist) Default: 5.
            consecutive_fails_for_suspension (int | None | Unset): Practice of other pilots (seed 000): consecutive FAIL
                years that suspend the agency; null: off Default: 2.
            evaluation_opens_on (datetime.date | None | Unset): First day the year's evaluation may be finalised (null: 1
                June of the next year)
            exam_pass_mark (int | Unset): Training exam score (of 100) needed for the work certificate Default: 60.
            excellent_min (int | Unset): Lowest score graded 优良 EXCELLENT Default: 90.
            experts_per_inspection_min (int | Unset): Panel experts an inspection needs, none conflicted Default: 2.
            materiality_ratio (int | str | Unset): Misstatement share of the determined figure that is material Default:
                '0.05'.
            max_consecutive_years (int | Unset): Consecutive years one agency may verify one entity Default: 3.
            pass_min (int | Unset): Lowest score graded 合格 PASS; below it 不合格 FAIL and the blacklist Default: 60.
            random_minimum (int | Unset): At least this many drawn at random when any remain Default: 1.
            random_ratio (int | str | Unset): Share of an agency's non-targeted engagements drawn at random Default: '0.10'.
    """

    advisory_cooling_off_years: int | Unset = 3
    blacklist_years: int | Unset = 5
    consecutive_fails_for_suspension: int | None | Unset = 2
    evaluation_opens_on: datetime.date | None | Unset = UNSET
    exam_pass_mark: int | Unset = 60
    excellent_min: int | Unset = 90
    experts_per_inspection_min: int | Unset = 2
    materiality_ratio: int | str | Unset = "0.05"
    max_consecutive_years: int | Unset = 3
    pass_min: int | Unset = 60
    random_minimum: int | Unset = 1
    random_ratio: int | str | Unset = "0.10"

    def to_dict(self) -> dict[str, Any]:
        advisory_cooling_off_years = self.advisory_cooling_off_years

        blacklist_years = self.blacklist_years

        consecutive_fails_for_suspension: int | None | Unset
        if isinstance(self.consecutive_fails_for_suspension, Unset):
            consecutive_fails_for_suspension = UNSET
        else:
            consecutive_fails_for_suspension = self.consecutive_fails_for_suspension

        evaluation_opens_on: None | str | Unset
        if isinstance(self.evaluation_opens_on, Unset):
            evaluation_opens_on = UNSET
        elif isinstance(self.evaluation_opens_on, datetime.date):
            evaluation_opens_on = self.evaluation_opens_on.isoformat()
        else:
            evaluation_opens_on = self.evaluation_opens_on

        exam_pass_mark = self.exam_pass_mark

        excellent_min = self.excellent_min

        experts_per_inspection_min = self.experts_per_inspection_min

        materiality_ratio: int | str | Unset
        if isinstance(self.materiality_ratio, Unset):
            materiality_ratio = UNSET
        else:
            materiality_ratio = self.materiality_ratio

        max_consecutive_years = self.max_consecutive_years

        pass_min = self.pass_min

        random_minimum = self.random_minimum

        random_ratio: int | str | Unset
        if isinstance(self.random_ratio, Unset):
            random_ratio = UNSET
        else:
            random_ratio = self.random_ratio

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if advisory_cooling_off_years is not UNSET:
            field_dict["advisory_cooling_off_years"] = advisory_cooling_off_years
        if blacklist_years is not UNSET:
            field_dict["blacklist_years"] = blacklist_years
        if consecutive_fails_for_suspension is not UNSET:
            field_dict["consecutive_fails_for_suspension"] = consecutive_fails_for_suspension
        if evaluation_opens_on is not UNSET:
            field_dict["evaluation_opens_on"] = evaluation_opens_on
        if exam_pass_mark is not UNSET:
            field_dict["exam_pass_mark"] = exam_pass_mark
        if excellent_min is not UNSET:
            field_dict["excellent_min"] = excellent_min
        if experts_per_inspection_min is not UNSET:
            field_dict["experts_per_inspection_min"] = experts_per_inspection_min
        if materiality_ratio is not UNSET:
            field_dict["materiality_ratio"] = materiality_ratio
        if max_consecutive_years is not UNSET:
            field_dict["max_consecutive_years"] = max_consecutive_years
        if pass_min is not UNSET:
            field_dict["pass_min"] = pass_min
        if random_minimum is not UNSET:
            field_dict["random_minimum"] = random_minimum
        if random_ratio is not UNSET:
            field_dict["random_ratio"] = random_ratio

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        advisory_cooling_off_years = d.pop("advisory_cooling_off_years", UNSET)

        blacklist_years = d.pop("blacklist_years", UNSET)

        def _parse_consecutive_fails_for_suspension(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        consecutive_fails_for_suspension = _parse_consecutive_fails_for_suspension(
            d.pop("consecutive_fails_for_suspension", UNSET)
        )

        def _parse_evaluation_opens_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                evaluation_opens_on_type_0 = datetime.date.fromisoformat(data)

                return evaluation_opens_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        evaluation_opens_on = _parse_evaluation_opens_on(d.pop("evaluation_opens_on", UNSET))

        exam_pass_mark = d.pop("exam_pass_mark", UNSET)

        excellent_min = d.pop("excellent_min", UNSET)

        experts_per_inspection_min = d.pop("experts_per_inspection_min", UNSET)

        def _parse_materiality_ratio(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        materiality_ratio = _parse_materiality_ratio(d.pop("materiality_ratio", UNSET))

        max_consecutive_years = d.pop("max_consecutive_years", UNSET)

        pass_min = d.pop("pass_min", UNSET)

        random_minimum = d.pop("random_minimum", UNSET)

        def _parse_random_ratio(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        random_ratio = _parse_random_ratio(d.pop("random_ratio", UNSET))

        oversight_policy_document = cls(
            advisory_cooling_off_years=advisory_cooling_off_years,
            blacklist_years=blacklist_years,
            consecutive_fails_for_suspension=consecutive_fails_for_suspension,
            evaluation_opens_on=evaluation_opens_on,
            exam_pass_mark=exam_pass_mark,
            excellent_min=excellent_min,
            experts_per_inspection_min=experts_per_inspection_min,
            materiality_ratio=materiality_ratio,
            max_consecutive_years=max_consecutive_years,
            pass_min=pass_min,
            random_minimum=random_minimum,
            random_ratio=random_ratio,
        )

        return oversight_policy_document
