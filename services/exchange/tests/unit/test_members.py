"""M-21/M-22 membership: admission, self-operating vs comprehensive, suspension."""
from datetime import datetime, timezone

import pytest
from ets_shared.errors import Conflict, Forbidden, RuleViolation

from exchange.domain.members import (
    Member, MemberKind, MemberStatus, admit_by_operator, admit_covered_entity,
    covered_member_id, may_act_for_client, reinstate_member, require_may_place_order,
    suspend_member,
)

T0 = datetime(2024, 1, 2, 1, 30, tzinfo=timezone.utc)
T1 = datetime(2024, 2, 2, 1, 30, tzinfo=timezone.utc)


def self_op(member_id="m1", status=MemberStatus.ACTIVE):
    return Member(member_id, "Steel Co", MemberKind.SELF_OPERATING, "ent-1", T0, status)


def comprehensive(member_id="m2", status=MemberStatus.ACTIVE):
    return Member(member_id, "Broker Co", MemberKind.COMPREHENSIVE, None, T0, status)


def test_m22_covered_entity_admitted_as_self_operating_member():
    m = admit_covered_entity("ent-1", " Steel Co ", T0, members=[])
    assert m.member_id == "M-ent-1"
    assert m == Member(covered_member_id("ent-1"), "Steel Co", MemberKind.SELF_OPERATING, "ent-1", T0,
                       MemberStatus.ACTIVE)
    assert admit_covered_entity("ent-2", "Cement Co", T0, members=[], member_id="M-0002").member_id == "M-0002"


def test_m22_covered_entity_cannot_be_admitted_twice():
    existing = admit_covered_entity("ent-1", "Steel Co", T0, members=[])
    with pytest.raises(Conflict) as e:
        admit_covered_entity("ent-1", "Steel Co", T1, members=[existing], member_id="other-id")
    assert e.value.field == "covered_entity_id" and e.value.article == "M-22"
    with pytest.raises(Conflict) as e:
        admit_covered_entity("ent-1", "Steel Co", T1, members=[existing])
    assert e.value.field == "member_id"


def test_m21_operator_admits_other_organisations_and_individuals_of_either_kind():
    a = admit_by_operator("org-1", "Green Fund", MemberKind.COMPREHENSIVE, T0, members=[])
    b = admit_by_operator("ind-1", "Zhang San", "self_operating", T0, members=[a])
    assert (a.kind, a.covered_entity_id) == (MemberKind.COMPREHENSIVE, None)
    assert b.kind is MemberKind.SELF_OPERATING
    with pytest.raises(Conflict) as e:
        admit_by_operator("org-1", "Green Fund", MemberKind.SELF_OPERATING, T1, members=[a, b])
    assert e.value.field == "member_id"


@pytest.mark.parametrize("member_id, name, kind, field", [
    ("org-1", "X", "BROKER", "kind"),
    ("  ", "X", "self_operating", "member_id"),
    ("org-1", " ", "self_operating", "name"),
    ("org-1", "X", "SELF_OPERATING", "kind"),
])
def test_m21_admission_input_checked(member_id, name, kind, field):
    with pytest.raises(RuleViolation) as e:
        admit_by_operator(member_id, name, kind, T0, members=[])
    assert e.value.field == field


def test_m22_covered_admission_needs_entity_id():
    with pytest.raises(RuleViolation) as e:
        admit_covered_entity(" ", "X", T0, members=[])
    assert e.value.field == "covered_entity_id"


def test_m22_self_operating_member_cannot_take_client_orders():
    m = self_op()
    assert not may_act_for_client(m)
    require_may_place_order(m)  # own account
    require_may_place_order(m, client_id="m1")  # own account, named explicitly
    with pytest.raises(Forbidden) as e:
        require_may_place_order(m, client_id="client-9")
    assert e.value.article == "M-22" and e.value.field == "client_id"


def test_m22_comprehensive_member_may_trade_own_account_and_clients_orders():
    m = comprehensive()
    assert may_act_for_client(m)
    require_may_place_order(m)
    require_may_place_order(m, client_id="client-9")


def test_m20_suspended_member_places_no_orders():
    for m in (self_op(status=MemberStatus.SUSPENDED), comprehensive(status=MemberStatus.SUSPENDED)):
        assert not may_act_for_client(m)
        with pytest.raises(Forbidden) as e:
            require_may_place_order(m)
        assert e.value.article == "M-20"


def test_m20_operator_suspends_and_reinstates_a_member():
    s = suspend_member(comprehensive(), T1, " abnormal trading ")
    assert (s.status, s.status_reason, s.status_changed_at) == (MemberStatus.SUSPENDED, "abnormal trading", T1)
    with pytest.raises(Conflict):
        suspend_member(s, T1, "again")
    r = reinstate_member(s, T1, "cleared")
    assert r.status is MemberStatus.ACTIVE and may_act_for_client(r)
    with pytest.raises(Conflict):
        reinstate_member(r, T1, "again")


def test_m20_suspension_and_reinstatement_need_a_reason():
    with pytest.raises(RuleViolation) as e:
        suspend_member(self_op(), T1, "")
    assert e.value.field == "reason"
    with pytest.raises(RuleViolation) as e:
        reinstate_member(self_op(status=MemberStatus.SUSPENDED), T1, " ")
    assert e.value.field == "reason"


def _refusal(call):
    with pytest.raises((Conflict, Forbidden, RuleViolation)) as e:
        call()
    return type(e.value).__name__, e.value.field, e.value.article


def test_m21_m22_each_refused_admission_names_its_field_and_article():
    member = self_op()
    assert _refusal(lambda: admit_by_operator(" ", "Broker", "comprehensive", T0, [])) == \
        ("RuleViolation", "member_id", "M-21")
    assert _refusal(lambda: admit_by_operator("b9", " ", "comprehensive", T0, [])) == \
        ("RuleViolation", "name", "M-21")
    assert _refusal(lambda: admit_by_operator("b9", "Broker", "clearing", T0, [])) == \
        ("RuleViolation", "kind", "M-22")
    assert _refusal(lambda: admit_by_operator("m1", "Broker", "comprehensive", T0, [member])) == \
        ("Conflict", "member_id", "M-21")
    assert _refusal(lambda: admit_covered_entity("ent-1", "Steel", T0, [member], member_id="m7")) == \
        ("Conflict", "covered_entity_id", "M-22")
    assert _refusal(lambda: admit_covered_entity(" ", "Steel", T0, [])) == \
        ("RuleViolation", "covered_entity_id", "M-22")


def test_m21_an_operator_admission_is_of_the_kind_asked_with_its_name_trimmed_and_no_covered_entity():
    broker = admit_by_operator("b9", " Broker Co ", "comprehensive", T1, [self_op()])
    assert broker == Member("b9", "Broker Co", MemberKind.COMPREHENSIVE, None, T1)
    assert admit_by_operator("s9", "Trader", MemberKind.SELF_OPERATING, T1, []).kind is MemberKind.SELF_OPERATING


def test_m22_a_covered_entity_is_admitted_under_its_own_id_or_the_one_given():
    assert admit_covered_entity("ent-4", " Cement Co ", T1, [self_op()]) == \
        Member(covered_member_id("ent-4"), "Cement Co", MemberKind.SELF_OPERATING, "ent-4", T1)
    assert admit_covered_entity("ent-4", "Cement", T1, [], member_id="m-x").member_id == "m-x"
    assert covered_member_id("ent-4") == "M-ent-4"


def test_m20_m10_each_refused_suspension_reinstatement_or_order_names_its_field_and_article():
    suspended = suspend_member(self_op(), T1, "investigation")
    gone = Member("m1", "Steel Co", MemberKind.SELF_OPERATING, "ent-1", T0, MemberStatus.SUCCEEDED, "succeeded")
    assert _refusal(lambda: suspend_member(gone, T1, "x")) == ("Conflict", None, "M-10")
    assert _refusal(lambda: suspend_member(suspended, T1, "x")) == ("Conflict", None, "M-20")
    assert _refusal(lambda: suspend_member(self_op(), T1, " ")) == ("RuleViolation", "reason", "M-20")
    assert _refusal(lambda: reinstate_member(self_op(), T1, "x")) == ("Conflict", None, "M-20")
    assert _refusal(lambda: reinstate_member(suspended, T1, "")) == ("RuleViolation", "reason", "M-20")
    assert _refusal(lambda: require_may_place_order(gone)) == ("Forbidden", "member_id", "M-10")
    assert _refusal(lambda: require_may_place_order(suspended)) == ("Forbidden", "member_id", "M-20")
    assert _refusal(lambda: require_may_place_order(self_op(), "c1")) == ("Forbidden", "client_id", "M-22")


def test_m20_reinstatement_records_its_reason_and_instant():
    back = reinstate_member(suspend_member(self_op(), T0, "investigation"), T1, " cleared ")
    assert (back.status, back.status_reason, back.status_changed_at) == (MemberStatus.ACTIVE, "cleared", T1)


def test_m22_a_member_orders_for_itself_by_its_own_id_and_only_an_active_comprehensive_one_for_clients():
    require_may_place_order(self_op(), "m1")  # its own id is its own account
    require_may_place_order(comprehensive(), "c1")
    assert may_act_for_client(comprehensive())
    assert not may_act_for_client(self_op())
    assert not may_act_for_client(comprehensive(status=MemberStatus.SUCCEEDED))
