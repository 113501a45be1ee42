from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.challenge_public import ChallengePublic
    from ..models.measure_public import MeasurePublic
    from ..models.proposal_public import ProposalPublic
    from ..models.step_public import StepPublic


T = TypeVar("T", bound="CaseDetail")


@_attrs_define
class CaseDetail:
    """
    Attributes:
        allegation (str):
        article (str):
        case_id (str):
        challenges (list[ChallengePublic]):
        closed_at (datetime.datetime | None):
        closure (None | str):
        compliance_year (int | None):
        complied_at (datetime.datetime | None):
        correlation_id (str): One id for the compliance case: every event of the case carries it
        fine_amount (None | str):
        fine_approved_by (None | str):
        fine_decided_at (datetime.datetime | None):
        fine_decided_by (None | str):
        fine_declined_at (datetime.datetime | None):
        fine_original_amount (None | str):
        fine_paid (bool):
        fine_paid_at (datetime.datetime | None):
        fine_payment_due (datetime.date | None):
        fine_payment_overdue (bool):
        fine_reasons (None | str):
        fine_revoked_at (datetime.datetime | None):
        fine_served_on (datetime.date | None):
        fine_window_end (datetime.date | None):
        history (list[StepPublic]):
        measures (list[MeasurePublic]):
        measures_applied (list[str]):
        opened_at (datetime.datetime):
        opened_by (str):
        order_deadline (datetime.date | None):
        order_detail (str):
        order_issued_at (datetime.datetime | None):
        order_kind (str):
        outstanding_tonnes (int | None):
        overdue_at (datetime.datetime | None):
        party_id (str):
        party_kind (str):
        pending_decisions (list[int]): Proposals awaiting a second officer (four eyes)
        proposals (list[ProposalPublic]):
        shortfall_tonnes (int | None):
        source (str):
        source_ref (None | str):
        status (str):
    """

    allegation: str
    article: str
    case_id: str
    challenges: list[ChallengePublic]
    closed_at: datetime.datetime | None
    closure: None | str
    compliance_year: int | None
    complied_at: datetime.datetime | None
    correlation_id: str
    fine_amount: None | str
    fine_approved_by: None | str
    fine_decided_at: datetime.datetime | None
    fine_decided_by: None | str
    fine_declined_at: datetime.datetime | None
    fine_original_amount: None | str
    fine_paid: bool
    fine_paid_at: datetime.datetime | None
    fine_payment_due: datetime.date | None
    fine_payment_overdue: bool
    fine_reasons: None | str
    fine_revoked_at: datetime.datetime | None
    fine_served_on: datetime.date | None
    fine_window_end: datetime.date | None
    history: list[StepPublic]
    measures: list[MeasurePublic]
    measures_applied: list[str]
    opened_at: datetime.datetime
    opened_by: str
    order_deadline: datetime.date | None
    order_detail: str
    order_issued_at: datetime.datetime | None
    order_kind: str
    outstanding_tonnes: int | None
    overdue_at: datetime.datetime | None
    party_id: str
    party_kind: str
    pending_decisions: list[int]
    proposals: list[ProposalPublic]
    shortfall_tonnes: int | None
    source: str
    source_ref: None | str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allegation = self.allegation

        article = self.article

        case_id = self.case_id

        challenges = []
        for challenges_item_data in self.challenges:
            challenges_item = challenges_item_data.to_dict()
            challenges.append(challenges_item)

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        closure: None | str
        closure = self.closure

        compliance_year: int | None
        compliance_year = self.compliance_year

        complied_at: None | str
        if isinstance(self.complied_at, datetime.datetime):
            complied_at = self.complied_at.isoformat()
        else:
            complied_at = self.complied_at

        correlation_id = self.correlation_id

        fine_amount: None | str
        fine_amount = self.fine_amount

        fine_approved_by: None | str
        fine_approved_by = self.fine_approved_by

        fine_decided_at: None | str
        if isinstance(self.fine_decided_at, datetime.datetime):
            fine_decided_at = self.fine_decided_at.isoformat()
        else:
            fine_decided_at = self.fine_decided_at

        fine_decided_by: None | str
        fine_decided_by = self.fine_decided_by

        fine_declined_at: None | str
        if isinstance(self.fine_declined_at, datetime.datetime):
            fine_declined_at = self.fine_declined_at.isoformat()
        else:
            fine_declined_at = self.fine_declined_at

        fine_original_amount: None | str
        fine_original_amount = self.fine_original_amount

        fine_paid = self.fine_paid

        fine_paid_at: None | str
        if isinstance(self.fine_paid_at, datetime.datetime):
            fine_paid_at = self.fine_paid_at.isoformat()
        else:
            fine_paid_at = self.fine_paid_at

        fine_payment_due: None | str
        if isinstance(self.fine_payment_due, datetime.date):
            fine_payment_due = self.fine_payment_due.isoformat()
        else:
            fine_payment_due = self.fine_payment_due

        fine_payment_overdue = self.fine_payment_overdue

        fine_reasons: None | str
        fine_reasons = self.fine_reasons

        fine_revoked_at: None | str
        if isinstance(self.fine_revoked_at, datetime.datetime):
            fine_revoked_at = self.fine_revoked_at.isoformat()
        else:
            fine_revoked_at = self.fine_revoked_at

        fine_served_on: None | str
        if isinstance(self.fine_served_on, datetime.date):
            fine_served_on = self.fine_served_on.isoformat()
        else:
            fine_served_on = self.fine_served_on

        fine_window_end: None | str
        if isinstance(self.fine_window_end, datetime.date):
            fine_window_end = self.fine_window_end.isoformat()
        else:
            fine_window_end = self.fine_window_end

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        measures = []
        for measures_item_data in self.measures:
            measures_item = measures_item_data.to_dict()
            measures.append(measures_item)

        measures_applied = self.measures_applied

        opened_at = self.opened_at.isoformat()

        opened_by = self.opened_by

        order_deadline: None | str
        if isinstance(self.order_deadline, datetime.date):
            order_deadline = self.order_deadline.isoformat()
        else:
            order_deadline = self.order_deadline

        order_detail = self.order_detail

        order_issued_at: None | str
        if isinstance(self.order_issued_at, datetime.datetime):
            order_issued_at = self.order_issued_at.isoformat()
        else:
            order_issued_at = self.order_issued_at

        order_kind = self.order_kind

        outstanding_tonnes: int | None
        outstanding_tonnes = self.outstanding_tonnes

        overdue_at: None | str
        if isinstance(self.overdue_at, datetime.datetime):
            overdue_at = self.overdue_at.isoformat()
        else:
            overdue_at = self.overdue_at

        party_id = self.party_id

        party_kind = self.party_kind

        pending_decisions = self.pending_decisions

        proposals = []
        for proposals_item_data in self.proposals:
            proposals_item = proposals_item_data.to_dict()
            proposals.append(proposals_item)

        shortfall_tonnes: int | None
        shortfall_tonnes = self.shortfall_tonnes

        source = self.source

        source_ref: None | str
        source_ref = self.source_ref

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "allegation": allegation,
                "article": article,
                "case_id": case_id,
                "challenges": challenges,
                "closed_at": closed_at,
                "closure": closure,
                "compliance_year": compliance_year,
                "complied_at": complied_at,
                "correlation_id": correlation_id,
                "fine_amount": fine_amount,
                "fine_approved_by": fine_approved_by,
                "fine_decided_at": fine_decided_at,
                "fine_decided_by": fine_decided_by,
                "fine_declined_at": fine_declined_at,
                "fine_original_amount": fine_original_amount,
                "fine_paid": fine_paid,
                "fine_paid_at": fine_paid_at,
                "fine_payment_due": fine_payment_due,
                "fine_payment_overdue": fine_payment_overdue,
                "fine_reasons": fine_reasons,
                "fine_revoked_at": fine_revoked_at,
                "fine_served_on": fine_served_on,
                "fine_window_end": fine_window_end,
                "history": history,
                "measures": measures,
                "measures_applied": measures_applied,
                "opened_at": opened_at,
                "opened_by": opened_by,
                "order_deadline": order_deadline,
                "order_detail": order_detail,
                "order_issued_at": order_issued_at,
                "order_kind": order_kind,
                "outstanding_tonnes": outstanding_tonnes,
                "overdue_at": overdue_at,
                "party_id": party_id,
                "party_kind": party_kind,
                "pending_decisions": pending_decisions,
                "proposals": proposals,
                "shortfall_tonnes": shortfall_tonnes,
                "source": source,
                "source_ref": source_ref,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.challenge_public import ChallengePublic  # noqa: PLC0415
        from ..models.measure_public import MeasurePublic  # noqa: PLC0415
        from ..models.proposal_public import ProposalPublic  # noqa: PLC0415
        from ..models.step_public import StepPublic  # noqa: PLC0415

        d = dict(src_dict)
        allegation = d.pop("allegation")

        article = d.pop("article")

        case_id = d.pop("case_id")

        challenges = []
        _challenges = d.pop("challenges")
        for challenges_item_data in _challenges:
            challenges_item = ChallengePublic.from_dict(challenges_item_data)

            challenges.append(challenges_item)

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        def _parse_closure(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        closure = _parse_closure(d.pop("closure"))

        def _parse_compliance_year(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        compliance_year = _parse_compliance_year(d.pop("compliance_year"))

        def _parse_complied_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                complied_at_type_0 = datetime.datetime.fromisoformat(data)

                return complied_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        complied_at = _parse_complied_at(d.pop("complied_at"))

        correlation_id = d.pop("correlation_id")

        def _parse_fine_amount(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        fine_amount = _parse_fine_amount(d.pop("fine_amount"))

        def _parse_fine_approved_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        fine_approved_by = _parse_fine_approved_by(d.pop("fine_approved_by"))

        def _parse_fine_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fine_decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return fine_decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        fine_decided_at = _parse_fine_decided_at(d.pop("fine_decided_at"))

        def _parse_fine_decided_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        fine_decided_by = _parse_fine_decided_by(d.pop("fine_decided_by"))

        def _parse_fine_declined_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fine_declined_at_type_0 = datetime.datetime.fromisoformat(data)

                return fine_declined_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        fine_declined_at = _parse_fine_declined_at(d.pop("fine_declined_at"))

        def _parse_fine_original_amount(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        fine_original_amount = _parse_fine_original_amount(d.pop("fine_original_amount"))

        fine_paid = d.pop("fine_paid")

        def _parse_fine_paid_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fine_paid_at_type_0 = datetime.datetime.fromisoformat(data)

                return fine_paid_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        fine_paid_at = _parse_fine_paid_at(d.pop("fine_paid_at"))

        def _parse_fine_payment_due(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fine_payment_due_type_0 = datetime.date.fromisoformat(data)

                return fine_payment_due_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        fine_payment_due = _parse_fine_payment_due(d.pop("fine_payment_due"))

        fine_payment_overdue = d.pop("fine_payment_overdue")

        def _parse_fine_reasons(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        fine_reasons = _parse_fine_reasons(d.pop("fine_reasons"))

        def _parse_fine_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fine_revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return fine_revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        fine_revoked_at = _parse_fine_revoked_at(d.pop("fine_revoked_at"))

        def _parse_fine_served_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fine_served_on_type_0 = datetime.date.fromisoformat(data)

                return fine_served_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        fine_served_on = _parse_fine_served_on(d.pop("fine_served_on"))

        def _parse_fine_window_end(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fine_window_end_type_0 = datetime.date.fromisoformat(data)

                return fine_window_end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        fine_window_end = _parse_fine_window_end(d.pop("fine_window_end"))

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = StepPublic.from_dict(history_item_data)

            history.append(history_item)

        measures = []
        _measures = d.pop("measures")
        for measures_item_data in _measures:
            measures_item = MeasurePublic.from_dict(measures_item_data)

            measures.append(measures_item)

        measures_applied = cast(list[str], d.pop("measures_applied"))

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        opened_by = d.pop("opened_by")

        def _parse_order_deadline(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                order_deadline_type_0 = datetime.date.fromisoformat(data)

                return order_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        order_deadline = _parse_order_deadline(d.pop("order_deadline"))

        order_detail = d.pop("order_detail")

        def _parse_order_issued_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                order_issued_at_type_0 = datetime.datetime.fromisoformat(data)

                return order_issued_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        order_issued_at = _parse_order_issued_at(d.pop("order_issued_at"))

        order_kind = d.pop("order_kind")

        def _parse_outstanding_tonnes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        outstanding_tonnes = _parse_outstanding_tonnes(d.pop("outstanding_tonnes"))

        def _parse_overdue_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                overdue_at_type_0 = datetime.datetime.fromisoformat(data)

                return overdue_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        overdue_at = _parse_overdue_at(d.pop("overdue_at"))

        party_id = d.pop("party_id")

        party_kind = d.pop("party_kind")

        pending_decisions = cast(list[int], d.pop("pending_decisions"))

        proposals = []
        _proposals = d.pop("proposals")
        for proposals_item_data in _proposals:
            proposals_item = ProposalPublic.from_dict(proposals_item_data)

            proposals.append(proposals_item)

        def _parse_shortfall_tonnes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        shortfall_tonnes = _parse_shortfall_tonnes(d.pop("shortfall_tonnes"))

        source = d.pop("source")

        def _parse_source_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source_ref = _parse_source_ref(d.pop("source_ref"))

        status = d.pop("status")

        case_detail = cls(
            allegation=allegation,
            article=article,
            case_id=case_id,
            challenges=challenges,
            closed_at=closed_at,
            closure=closure,
            compliance_year=compliance_year,
            complied_at=complied_at,
            correlation_id=correlation_id,
            fine_amount=fine_amount,
            fine_approved_by=fine_approved_by,
            fine_decided_at=fine_decided_at,
            fine_decided_by=fine_decided_by,
            fine_declined_at=fine_declined_at,
            fine_original_amount=fine_original_amount,
            fine_paid=fine_paid,
            fine_paid_at=fine_paid_at,
            fine_payment_due=fine_payment_due,
            fine_payment_overdue=fine_payment_overdue,
            fine_reasons=fine_reasons,
            fine_revoked_at=fine_revoked_at,
            fine_served_on=fine_served_on,
            fine_window_end=fine_window_end,
            history=history,
            measures=measures,
            measures_applied=measures_applied,
            opened_at=opened_at,
            opened_by=opened_by,
            order_deadline=order_deadline,
            order_detail=order_detail,
            order_issued_at=order_issued_at,
            order_kind=order_kind,
            outstanding_tonnes=outstanding_tonnes,
            overdue_at=overdue_at,
            party_id=party_id,
            party_kind=party_kind,
            pending_decisions=pending_decisions,
            proposals=proposals,
            shortfall_tonnes=shortfall_tonnes,
            source=source,
            source_ref=source_ref,
            status=status,
        )

        case_detail.additional_properties = d
        return case_detail

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
