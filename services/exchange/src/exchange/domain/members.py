"""Exchange membership (M-21, M-22; suspension under the exchange's member rules, M-20 para 2 and M-33(3)).

Rules that live here:
- M-22 para 2: a covered entity is a self-operating member (自营类会员) of the exchange: it is admitted as one
  automatically when it appears on the covered list (idempotently: an entity already a member is skipped);
- M-22 para 2: a self-operating member may apply to become comprehensive (综合类会员); the operator decides;
- M-21: other organisations and individuals take part as the trading rules allow: the exchange operator admits
  them, as self-operating or comprehensive members;
- M-22 para 1: self-operating members trade for their own account only; comprehensive members may also accept
  clients' orders (代理业务) -> `may_act_for_client` / `require_may_place_order` (Forbidden, article "M-22");
- no double admission (Conflict): one member per member id and per covered entity;
- suspension and reinstatement by the operator (a suspended member places no orders at all);
- M-10: a covered entity merged or split away is `SUCCEEDED` (places no orders, never reinstated); a merger's
  successor inherits a comprehensive membership.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Iterable

from ets_shared.errors import Conflict, Forbidden, RuleViolation


class MemberKind(StrEnum):
    SELF_OPERATING = "self_operating"  # 自营类 (values as in the exchange.member.admitted contract)
    COMPREHENSIVE = "comprehensive"  # 综合类


class MemberStatus(StrEnum):
    ACTIVE = "ACTIVE"
    SUSPENDED = "SUSPENDED"
    SUCCEEDED = "SUCCEEDED"  # a covered entity merged or split away (M-10): its account passed to its successors


@dataclass(frozen=True)
class Member:
    member_id: str
    name: str
    kind: MemberKind
    covered_entity_id: str | None
    admitted_at: datetime
    status: MemberStatus = MemberStatus.ACTIVE
    status_reason: str | None = None  # why the last suspension/reinstatement happened
    status_changed_at: datetime | None = None


def covered_member_id(entity_id: str) -> str:
    """The member id a covered entity gets on automatic admission (deterministic, so replays are harmless)."""
    return f"M-{entity_id}"


def _check_new(member_id: str, name: str, covered_entity_id: str | None, members: Iterable[Member]) -> None:
    if not member_id.strip():
        raise RuleViolation("member id is required", field="member_id", article="M-21")
    if not name.strip():
        raise RuleViolation("member name is required", field="name", article="M-21")
    for m in members:
        if m.member_id == member_id:
            raise Conflict(f"member {member_id} is already admitted", field="member_id", article="M-21")
        if covered_entity_id is not None and m.covered_entity_id == covered_entity_id:
            raise Conflict(f"covered entity {covered_entity_id} is already member {m.member_id}",
                           field="covered_entity_id", article="M-22")


def admit_covered_entity(entity_id: str, name: str, admitted_at: datetime, members: Iterable[Member],
                         member_id: str | None = None) -> Member:
    """M-22 para 2: a covered entity becomes a self-operating member (id: covered_member_id unless given)."""
    if not entity_id.strip():
        raise RuleViolation("covered entity id is required", field="covered_entity_id", article="M-22")
    member_id = covered_member_id(entity_id) if member_id is None else member_id
    _check_new(member_id, name, entity_id, members)
    return Member(member_id, name.strip(), MemberKind.SELF_OPERATING, entity_id, admitted_at)


def admit_by_operator(member_id: str, name: str, kind: MemberKind | str, admitted_at: datetime,
                      members: Iterable[Member]) -> Member:
    """M-21: the operator admits another organisation or individual under the trading rules."""
    try:
        kind = MemberKind(kind)
    except ValueError:
        raise RuleViolation("kind must be self_operating or comprehensive", field="kind", article="M-22") from None
    _check_new(member_id, name, None, members)
    return Member(member_id, name.strip(), kind, None, admitted_at)


def suspend_member(member: Member, at: datetime, reason: str) -> Member:
    """The operator suspends a member under its member rules; a suspended member places no orders."""
    if member.status is MemberStatus.SUCCEEDED:
        raise Conflict(f"member {member.member_id} passed to its successors", article="M-10")
    if member.status is MemberStatus.SUSPENDED:
        raise Conflict(f"member {member.member_id} is already suspended", article="M-20")
    if not reason.strip():
        raise RuleViolation("a suspension needs a reason", field="reason", article="M-20")
    return replace(member, status=MemberStatus.SUSPENDED, status_reason=reason.strip(), status_changed_at=at)


def reinstate_member(member: Member, at: datetime, reason: str) -> Member:
    if member.status is not MemberStatus.SUSPENDED:
        raise Conflict(f"member {member.member_id} is not suspended", article="M-20")
    if not reason.strip():
        raise RuleViolation("a reinstatement needs a reason", field="reason", article="M-20")
    return replace(member, status=MemberStatus.ACTIVE, status_reason=reason.strip(), status_changed_at=at)


def succeed_member(member: Member, at: datetime, succession_id: str) -> Member:
    """M-10: a covered entity that does not continue after a merger or split leaves the exchange: its membership's
    rights pass to its successors (`inherit_membership`) and it places no more orders; not reinstatable."""
    return replace(member, status=MemberStatus.SUCCEEDED, status_changed_at=at,
                   status_reason=f"succeeded (M-10): succession {succession_id}")


def inherit_membership(heir: Member, predecessor: Member, merger: bool) -> Member:
    """M-10 passes a merged unit's rights (权利义务) to the surviving or new unit: a comprehensive predecessor makes
    the successor of a merger comprehensive. A split divides facilities, not the exchange's approval of the
    predecessor as a comprehensive member: its successors keep their own kind (and may apply, M-22 para 2)."""
    if merger and predecessor.kind is MemberKind.COMPREHENSIVE and heir.kind is not MemberKind.COMPREHENSIVE:
        return replace(heir, kind=MemberKind.COMPREHENSIVE)
    return heir


def may_act_for_client(member: Member) -> bool:
    """M-22 para 1: only an active comprehensive member may accept clients' orders."""
    return member.kind is MemberKind.COMPREHENSIVE and member.status is MemberStatus.ACTIVE


def require_may_place_order(member: Member, client_id: str | None = None) -> None:
    """An order for the member's own account (client_id None or the member itself), or for a client (M-22).

    Forbidden(article="M-20") if the member is suspended; Forbidden(field="client_id", article="M-22") if it is
    self-operating and the order is for someone else.
    """
    if member.status is MemberStatus.SUCCEEDED:
        raise Forbidden(f"member {member.member_id} passed to its successors ({member.status_reason})",
                        field="member_id", article="M-10")
    if member.status is not MemberStatus.ACTIVE:
        raise Forbidden(f"member {member.member_id} is suspended", field="member_id", article="M-20")
    if client_id is None or client_id == member.member_id:
        return
    if not may_act_for_client(member):
        raise Forbidden(f"member {member.member_id} is self-operating: it trades for its own account only",
                        field="client_id", article="M-22")
