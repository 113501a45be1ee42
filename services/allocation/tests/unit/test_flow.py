"""One compliance year end to end through the pure domain: M-7/M-9 issue, M-32 register, M-16/M-17 surrender."""
from datetime import date, datetime, timezone
from decimal import Decimal

from ets_shared.clock import REGULATORY_TZ

from allocation.domain import (
    Account,
    AccountKind,
    AllocationPlan,
    AllocationPolicy,
    CcerOrigin,
    Obligation,
    ObligationStatus,
    Registry,
    UnitLine,
    UnitType,
)

T0 = datetime(2024, 2, 1, tzinfo=timezone.utc)


def test_m16_year_from_plan_to_cancelled_units():
    policy = AllocationPolicy.default(2024)
    plan = AllocationPlan(2024, cap=10_000)
    plan.add_historical_entry("ent-1", {2021: 950, 2022: 1000, 2023: 1050})
    plan.approve(T0)
    reg = Registry({acc.account_id: acc for acc in (Account("ISS", AccountKind.AUTHORITY_ISSUANCE, None, T0),
                                                    Account("CAN", AccountKind.AUTHORITY_CANCELLATION, None, T0),
                                                    Account("A-ent-1", AccountKind.ENTITY_HOLDING, "ent-1", T0))})
    for i, line in enumerate(plan.issue(T0)):
        reg.issue(f"iss-{i}", "ISS", f"A-{line.entity_id}", [UnitLine(UnitType.SHEA, line.vintage, line.quantity)], T0)
    lot = CcerOrigin("P-1", date(2023, 4, 1))
    reg.issue("ccer-in", "ISS", "A-ent-1", [UnitLine(UnitType.CCER, 2023, 80, lot)], T0)

    ob = Obligation("ent-1", 2024, correlation_id="case-1")
    ob.apply_determination(1, 1040, datetime(2025, 4, 27, 10, tzinfo=REGULATORY_TZ), policy)
    now = datetime(2025, 6, 20, 10, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)
    lines = [UnitLine(UnitType.SHEA, 2024, 990), UnitLine(UnitType.CCER, 2023, 50, lot)]
    result = ob.surrender(lines, now, policy, plan.entry_for("ent-1").quantity)
    reg.surrender("sur-1", "A-ent-1", "CAN", result.accepted, now)

    assert result.settled and ob.status is ObligationStatus.SETTLED
    assert reg.balance("A-ent-1", UnitType.SHEA) == 10 and reg.balance("A-ent-1", UnitType.CCER) == 30
    assert reg.balance("CAN") == 1040
    assert plan.remaining == 9_000 and Decimal(plan.entry_for("ent-1").quantity) * policy.ccer_ratio == 50
