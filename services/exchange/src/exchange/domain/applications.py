"""Applications to become a comprehensive member (M-22 para 2: 可以申请作为交易所的综合类会员).

Rules that live here:
- M-22 para 2: a self-operating member (covered entities included) may apply to become comprehensive; the exchange
  operator approves or rejects under its member rules (M-20 para 2), which the texts leave to the exchange, so the
  domain checks only the states: one pending application per member, none from a member already comprehensive or
  suspended; a decision is taken once; a rejection needs a reason;
- approval turns the member COMPREHENSIVE: from then on it may accept clients' orders (members.may_act_for_client).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Iterable

from ets_shared.errors import Conflict, RuleViolation

from .members import Member, MemberKind, MemberStatus


class ApplicationStatus(StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


@dataclass(frozen=True)
class ComprehensiveApplication:
    application_id: str
    member_id: str
    applied_at: datetime
    status: ApplicationStatus = ApplicationStatus.PENDING
    decided_at: datetime | None = None
    decision_reason: str | None = None


def _require_may_upgrade(member: Member) -> None:
    if member.kind is MemberKind.COMPREHENSIVE:
        raise Conflict(f"member {member.member_id} is already comprehensive", field="member_id", article="M-22")
    if member.status is not MemberStatus.ACTIVE:
        raise Conflict(f"member {member.member_id} is suspended", field="member_id", article="M-22")


def apply_for_comprehensive(application_id: str, member: Member, applied_at: datetime,
                            applications: Iterable[ComprehensiveApplication]) -> ComprehensiveApplication:
    _require_may_upgrade(member)
    for a in applications:
        if a.application_id == application_id:
            raise Conflict(f"application {application_id} already exists", field="application_id", article="M-22")
        if a.member_id == member.member_id and a.status is ApplicationStatus.PENDING:
            raise Conflict(f"member {member.member_id} already has pending application {a.application_id}",
                           field="member_id", article="M-22")
    return ComprehensiveApplication(application_id, member.member_id, applied_at)


def _require_pending(application: ComprehensiveApplication) -> None:
    if application.status is not ApplicationStatus.PENDING:
        raise Conflict(f"application {application.application_id} is already {application.status.value}",
                       article="M-22")


def approve_application(application: ComprehensiveApplication, member: Member, at: datetime,
                        reason: str | None = None) -> tuple[ComprehensiveApplication, Member]:
    """The operator approves: the application closes and the member becomes COMPREHENSIVE."""
    _require_pending(application)
    if member.member_id != application.member_id:
        raise RuleViolation("application is for another member", field="member_id", article="M-22")
    _require_may_upgrade(member)
    decided = replace(application, status=ApplicationStatus.APPROVED, decided_at=at,
                      decision_reason=(reason or "").strip() or None)
    return decided, replace(member, kind=MemberKind.COMPREHENSIVE)


def reject_application(application: ComprehensiveApplication, at: datetime, reason: str) -> ComprehensiveApplication:
    _require_pending(application)
    if not reason.strip():
        raise RuleViolation("a rejection needs a reason", field="reason", article="M-22")
    return replace(application, status=ApplicationStatus.REJECTED, decided_at=at, decision_reason=reason.strip())
