"""M-10 at the exchange, pure: a predecessor's account divided by the plan's holdings shares (the registry's
largest-remainder rule, one copy in `ets_shared.apportion`), and what becomes of the membership."""
from datetime import datetime, timezone
from decimal import Decimal as D

import pytest
from ets_shared.errors import Conflict, Forbidden

from exchange.domain.members import (
    Member, MemberKind, MemberStatus, inherit_membership, reinstate_member, require_may_place_order, succeed_member,
    suspend_member,
)
from exchange.domain.succession import divide_account

T0 = datetime(2026, 5, 20, 2, tzinfo=timezone.utc)


def member(kind=MemberKind.SELF_OPERATING, member_id="M-E-A"):
    return Member(member_id, "Works", kind, member_id[2:], T0)


def test_m10_merger_moves_trading_account_whole_to_the_survivor():
    parts = divide_account([("E-S", D(100))], {2025: 5000, 2026: 7}, 100_001)
    assert (parts["E-S"].cash_cents, parts["E-S"].allowances) == (100_001, {2025: 5000, 2026: 7})


def test_m10_split_apportions_custody_and_cash_largest_remainder():
    # remainder to the largest fractional part, even when it is not the first listed: 70/30 of 9 -> 6.3 / 2.7
    parts = divide_account([("E-C", D(70)), ("E-D", D(30))], {2025: 9}, 9)
    assert [(p.cash_cents, p.allowances) for p in parts.values()] == [(6, {2025: 6}), (3, {2025: 3})]
    # a tie goes to the first listed: 50/50 of 101 t and 1 fen
    parts = divide_account([("E-D", D(50)), ("E-C", D(50))], {2025: 101}, 1)
    assert [(p.cash_cents, p.allowances) for p in parts.values()] == [(1, {2025: 51}), (0, {2025: 50})]
    # nothing created or lost, a zero part is left out of the allowances
    parts = divide_account([("A", D("0.01")), ("B", D("99.99"))], {2025: 7, 2026: 10_000}, 12_345)
    assert parts["A"].allowances == {2026: 1} and sum(p.cash_cents for p in parts.values()) == 12_345
    assert sum(p.allowances.get(2025, 0) for p in parts.values()) == 7


def test_m10_succeeded_member_places_no_orders_and_is_never_reinstated():
    gone = succeed_member(member(), T0, "SUC-1")
    assert gone.status is MemberStatus.SUCCEEDED and "SUC-1" in (gone.status_reason or "")
    with pytest.raises(Forbidden) as refused:
        require_may_place_order(gone)
    assert refused.value.article == "M-10"
    with pytest.raises(Conflict):
        suspend_member(gone, T0, "to reinstate it afterwards")
    with pytest.raises(Conflict):
        reinstate_member(gone, T0, "back")


def test_m10_merger_passes_comprehensive_membership_a_split_does_not():
    heir, broker = member(member_id="M-E-S"), member(MemberKind.COMPREHENSIVE)
    assert inherit_membership(heir, broker, merger=True).kind is MemberKind.COMPREHENSIVE
    assert inherit_membership(heir, broker, merger=False) == heir
    assert inherit_membership(heir, member(), merger=True) == heir


def test_m10_a_succeeded_member_records_the_instant_and_the_succession():
    gone = succeed_member(member(), T0, "SUC-1")
    assert (gone.status, gone.status_changed_at, gone.status_reason) == (
        MemberStatus.SUCCEEDED, T0, "succeeded (M-10): succession SUC-1")
