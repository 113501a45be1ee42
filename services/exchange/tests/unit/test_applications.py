"""M-22 para 2: a self-operating member (a covered entity) may apply to become comprehensive."""
from datetime import datetime, timezone

import pytest
from ets_shared.errors import Conflict, RuleViolation

from exchange.domain.applications import (
    ApplicationStatus, ComprehensiveApplication, apply_for_comprehensive, approve_application, reject_application,
)
from exchange.domain.members import (
    Member, MemberKind, MemberStatus, admit_covered_entity, may_act_for_client, suspend_member,
)

T0 = datetime(2024, 1, 2, 1, 30, tzinfo=timezone.utc)
T1 = datetime(2024, 3, 2, 1, 30, tzinfo=timezone.utc)
MEMBER = admit_covered_entity("ent-1", "Steel Co", T0, members=[])


def test_m22_covered_entity_may_apply_and_become_comprehensive():
    app = apply_for_comprehensive("app-1", MEMBER, T0, applications=[])
    assert app == ComprehensiveApplication("app-1", MEMBER.member_id, T0, ApplicationStatus.PENDING)
    decided, upgraded = approve_application(app, MEMBER, T1)
    assert (decided.status, decided.decided_at) == (ApplicationStatus.APPROVED, T1)
    assert upgraded.kind is MemberKind.COMPREHENSIVE and upgraded.covered_entity_id == "ent-1"
    assert not may_act_for_client(MEMBER) and may_act_for_client(upgraded)


def test_m22_comprehensive_member_cannot_apply_again():
    upgraded = approve_application(apply_for_comprehensive("app-1", MEMBER, T0, []), MEMBER, T1)[1]
    with pytest.raises(Conflict) as e:
        apply_for_comprehensive("app-2", upgraded, T1, applications=[])
    assert e.value.article == "M-22"
    broker = Member("b1", "Broker", MemberKind.COMPREHENSIVE, None, T0)
    with pytest.raises(Conflict):
        apply_for_comprehensive("app-3", broker, T1, applications=[])


def test_m22_one_pending_application_per_member():
    app = apply_for_comprehensive("app-1", MEMBER, T0, applications=[])
    with pytest.raises(Conflict) as e:
        apply_for_comprehensive("app-2", MEMBER, T1, applications=[app])
    assert e.value.field == "member_id"
    with pytest.raises(Conflict) as e:
        apply_for_comprehensive("app-1", MEMBER, T1, applications=[reject_application(app, T1, "capital")])
    assert e.value.field == "application_id"
    again = apply_for_comprehensive("app-2", MEMBER, T1, applications=[reject_application(app, T1, "capital")])
    assert again.status is ApplicationStatus.PENDING  # may re-apply after a rejection


def test_m22_suspended_member_cannot_apply_or_be_upgraded():
    suspended = suspend_member(MEMBER, T0, "investigation")
    with pytest.raises(Conflict):
        apply_for_comprehensive("app-1", suspended, T0, applications=[])
    app = apply_for_comprehensive("app-1", MEMBER, T0, applications=[])
    with pytest.raises(Conflict):
        approve_application(app, suspended, T1)


def test_m22_application_decided_once():
    app = apply_for_comprehensive("app-1", MEMBER, T0, applications=[])
    approved, _ = approve_application(app, MEMBER, T1, reason="meets member rules")
    assert approved.decision_reason == "meets member rules"
    rejected = reject_application(app, T1, " insufficient capital ")
    assert (rejected.status, rejected.decision_reason) == (ApplicationStatus.REJECTED, "insufficient capital")
    for decided in (approved, rejected):
        with pytest.raises(Conflict):
            approve_application(decided, MEMBER, T1)
        with pytest.raises(Conflict):
            reject_application(decided, T1, "x")


def test_m22_rejection_needs_reason_and_approval_matches_member():
    app = apply_for_comprehensive("app-1", MEMBER, T0, applications=[])
    with pytest.raises(RuleViolation) as e:
        reject_application(app, T1, "  ")
    assert e.value.field == "reason"
    other = Member("x", "Other", MemberKind.SELF_OPERATING, None, T0, MemberStatus.ACTIVE)
    with pytest.raises(RuleViolation) as e:
        approve_application(app, other, T1)
    assert e.value.field == "member_id"


def _refusal(call):
    with pytest.raises((Conflict, RuleViolation)) as e:
        call()
    return type(e.value).__name__, e.value.field, e.value.article


def test_m22_each_refused_application_or_decision_names_its_field_and_article():
    app = apply_for_comprehensive("app-1", MEMBER, T0, applications=[])
    broker = Member("b1", "Broker", MemberKind.COMPREHENSIVE, None, T0)
    suspended = suspend_member(MEMBER, T0, "investigation")
    other = Member("x", "Other", MemberKind.SELF_OPERATING, None, T0)
    rejected = reject_application(app, T1, "capital")
    assert _refusal(lambda: apply_for_comprehensive("app-2", broker, T1, [])) == ("Conflict", "member_id", "M-22")
    assert _refusal(lambda: apply_for_comprehensive("app-2", suspended, T1, [])) == ("Conflict", "member_id", "M-22")
    assert _refusal(lambda: apply_for_comprehensive("app-1", MEMBER, T1, [rejected])) == \
        ("Conflict", "application_id", "M-22")
    assert _refusal(lambda: apply_for_comprehensive("app-2", MEMBER, T1, [app])) == ("Conflict", "member_id", "M-22")
    assert _refusal(lambda: approve_application(app, other, T1)) == ("RuleViolation", "member_id", "M-22")
    assert _refusal(lambda: approve_application(rejected, MEMBER, T1)) == ("Conflict", None, "M-22")
    assert _refusal(lambda: reject_application(app, T1, " ")) == ("RuleViolation", "reason", "M-22")


def test_m22_an_application_is_the_members_pending_one_and_other_members_pending_ones_do_not_block_it():
    others = [ComprehensiveApplication("app-9", "someone-else", T0)]
    app = apply_for_comprehensive("app-1", MEMBER, T1, others)
    assert (app.application_id, app.member_id, app.applied_at, app.status, app.decided_at, app.decision_reason) == \
        ("app-1", MEMBER.member_id, T1, ApplicationStatus.PENDING, None, None)


def test_m22_an_approval_without_a_reason_records_none_and_a_rejection_its_instant():
    approved, _ = approve_application(apply_for_comprehensive("app-1", MEMBER, T0, []), MEMBER, T1, reason="  ")
    assert approved.decision_reason is None
    rejected = reject_application(apply_for_comprehensive("app-2", MEMBER, T0, []), T1, "capital")
    assert rejected.decided_at == T1
