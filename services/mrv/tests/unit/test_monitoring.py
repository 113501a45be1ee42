"""M-11 monitoring plans: the plan for year Y by 31 December of Y-1 (on the day on time, the day after late or, with
none, missing), its content, versions with the reason for each change, and who owes one."""
from datetime import datetime, timezone

import pytest
from ets_shared.clock import REGULATORY_TZ
from ets_shared.errors import Conflict, RuleViolation

from mrv.domain.monitoring import (
    MonitoredSource, MonitoringPlan, PlanContent, ResponsiblePerson,
)
from mrv.domain.policy import MrvPolicy

POLICY = MrvPolicy.default(2026)  # the plan for 2026 is due 31 Dec 2025
KILN = MonitoredSource("kiln 1 natural gas", "fuel", "activity x SH-2022 factor", "gas flow meter FM-12", "monthly")
CONTENT = PlanContent("plant at 88 Gangcheng Rd: kiln line 1, boilers", (KILN,),
                      (ResponsiblePerson("Wang Fang", "energy manager"),))


def sh(*args):
    return datetime(*args, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)


def test_m11_plan_filed_on_31_december_is_on_time_on_1_january_late():
    on_time = MonitoringPlan("E-1", 2026, "case-E-1")
    on_time.file(CONTENT, sh(2025, 12, 31, 23, 59, 59), POLICY)
    late = MonitoringPlan("E-1", 2026, "case-E-1")
    late.file(CONTENT, sh(2026, 1, 1), POLICY)
    assert (on_time.late, late.late) == (False, True)
    assert on_time.plan_id == "MP-E-1-2026" and on_time.current.version == 1


def test_m11_plan_missing_from_1_january_not_on_31_december():
    plan = MonitoringPlan("E-1", 2026, "case-E-1")
    assert not plan.flag_missing(sh(2025, 12, 31, 23, 59, 59), POLICY)
    assert plan.flag_missing(sh(2026, 1, 1), POLICY)
    assert not plan.flag_missing(sh(2026, 1, 2), POLICY)  # once
    plan.file(CONTENT, sh(2026, 1, 15), POLICY)  # still accepted, late
    assert plan.late and plan.missing_at == sh(2026, 1, 1)


@pytest.mark.parametrize("content, field", [
    (PlanContent(" ", (KILN,), CONTENT.responsible_staff), "boundary"),
    (PlanContent("b", (), CONTENT.responsible_staff), "sources"),
    (PlanContent("b", (KILN,), ()), "responsible_staff")])
def test_m11_plan_states_scope_sources_and_responsible_staff(content, field):
    with pytest.raises(RuleViolation) as err:
        MonitoringPlan("E-1", 2026, "case-E-1").file(content, sh(2025, 12, 1), POLICY)
    assert (err.value.field, err.value.article) == (field, "M-11")


def test_m11_one_plan_per_year_then_versions_each_with_its_reason():
    plan = MonitoringPlan("E-1", 2026, "case-E-1")
    plan.file(CONTENT, sh(2025, 12, 1), POLICY)
    with pytest.raises(Conflict):
        plan.file(CONTENT, sh(2025, 12, 2), POLICY)
    with pytest.raises(RuleViolation) as err:
        plan.revise(CONTENT, " ", True, sh(2026, 3, 1))
    assert err.value.field == "change_reason"
    v2 = plan.revise(CONTENT, "kiln line 2 commissioned", True, sh(2026, 3, 1))
    assert (v2.version, v2.major_change, v2.change_reason) == (2, True, "kiln line 2 commissioned")
    assert [v.version for v in plan.versions] == [1, 2] and plan.current is v2


def test_m11_no_plan_for_a_year_already_over():
    with pytest.raises(RuleViolation) as err:
        MonitoringPlan("E-1", 2025, "case-E-1").file(CONTENT, sh(2026, 1, 5), MrvPolicy.default(2025))
    assert err.value.field == "compliance_year"

