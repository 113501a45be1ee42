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



def test_m11_a_refused_filing_or_revision_names_its_field_and_article():
    fresh = MonitoringPlan("E-1", 2026, "case-E-1")
    with pytest.raises(Conflict) as err:
        fresh.revise(CONTENT, "why", False, sh(2026, 3, 1))
    assert (err.value.field, err.value.article) == ("plan_id", "M-11")
    fresh.file(CONTENT, sh(2025, 12, 1), POLICY)
    with pytest.raises(Conflict) as err:
        fresh.file(CONTENT, sh(2025, 12, 2), POLICY)
    assert (err.value.field, err.value.article) == ("compliance_year", "M-11")
    for reason in (" ", None):
        with pytest.raises(RuleViolation) as err:
            fresh.revise(CONTENT, reason, False, sh(2026, 3, 1))
        assert (err.value.field, err.value.article) == ("change_reason", "M-11")
    with pytest.raises(RuleViolation) as err:
        fresh.revise(PlanContent("b", (), CONTENT.responsible_staff), "fewer sources", False, sh(2026, 3, 1))
    assert err.value.field == "sources" and len(fresh.versions) == 1
    with pytest.raises(RuleViolation) as err:
        MonitoringPlan("E-1", 2025, "case-E-1").file(CONTENT, sh(2026, 1, 5), MrvPolicy.default(2025))
    assert err.value.article == "M-11"


def test_m11_each_version_records_what_when_why_and_whether_major():
    plan = MonitoringPlan("E-1", 2026, "case-E-1")
    first = plan.file(CONTENT, datetime(2025, 12, 1, 9, tzinfo=REGULATORY_TZ), POLICY)
    assert (first.version, first.content, first.filed_at, first.change_reason, first.major_change) == (
        1, CONTENT, sh(2025, 12, 1, 9), None, False)
    assert first.filed_at.tzinfo is timezone.utc
    changed = PlanContent(CONTENT.boundary, (KILN, KILN), CONTENT.responsible_staff)
    minor = plan.revise(changed, "  meter replaced ", False, datetime(2026, 2, 1, 9, tzinfo=REGULATORY_TZ))
    assert (minor.version, minor.content, minor.change_reason, minor.major_change, minor.filed_at) == (
        2, changed, "meter replaced", False, sh(2026, 2, 1, 9))
    assert minor.filed_at.tzinfo is timezone.utc and plan.versions == (first, minor)


def test_m11_the_plan_for_the_current_year_may_still_be_filed_and_a_filed_plan_is_never_missing():
    plan = MonitoringPlan("E-1", 2026, "case-E-1")
    plan.file(CONTENT, sh(2026, 12, 31, 23), POLICY)  # late, but the year is not over
    assert plan.late and not plan.flag_missing(sh(2027, 1, 1), POLICY) and plan.missing_at is None
    flagged = MonitoringPlan("E-2", 2026, "case-E-2")
    assert flagged.flag_missing(datetime(2026, 1, 1, tzinfo=REGULATORY_TZ), POLICY)
    assert flagged.missing_at == sh(2026, 1, 1) and flagged.missing_at.tzinfo is timezone.utc


def test_m11_a_policy_of_another_year_is_a_programming_error():
    with pytest.raises(ValueError):
        MonitoringPlan("E-1", 2026, "case-E-1").file(CONTENT, sh(2025, 12, 1), MrvPolicy.default(2025))
    with pytest.raises(ValueError):
        MonitoringPlan("E-1", 2026, "case-E-1").flag_missing(sh(2026, 1, 1), MrvPolicy.default(2027))
