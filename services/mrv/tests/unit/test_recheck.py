"""M-15 ¶2: the four re-check triggers, with "以上" including the number (M-44)."""
from decimal import Decimal

import pytest
from ets_shared.errors import RuleViolation

from mrv.domain.policy import DiscrepancyBase, MrvPolicy
from mrv.domain.recheck import TriggerCode, recheck_triggers, year_on_year_trigger

P = MrvPolicy.default(2023)


def codes(reported, verified, previous=None, objection=False, reason=None, policy=P):
    return [t.code for t in recheck_triggers(reported, verified, previous, objection, reason, policy)]


def test_m15_no_trigger_when_figures_agree():
    assert codes(50_000, 50_000, 50_000) == []


def test_m15_recheck_when_report_and_verification_differ_10pct():
    assert codes(109_999, 100_000) == []  # 9,999 t = 9.999% of verified
    assert codes(11_000, 10_000) == [TriggerCode.DISCREPANCY]  # exactly 10%
    assert codes(9_000, 10_000) == [TriggerCode.DISCREPANCY]  # 10% under
    assert codes(9_001, 10_000) == []  # 9.99%


def test_m15_discrepancy_9_99_pct_vs_10_pct_of_the_verified_figure():
    assert codes(10_999, 10_000) == []  # 9.99%
    assert codes(11_000, 10_000) == [TriggerCode.DISCREPANCY]


def test_m15_discrepancy_base_is_the_verified_figure():
    # reported 10,000, verified 9,091: diff 909 = 9.999% of verified (no), 9.09% of reported
    assert codes(10_000, 9_091) == []
    # verified 9,090: diff 910 = 10.01% of verified (yes) though only 9.1% of the reported figure
    assert codes(10_000, 9_090) == [TriggerCode.DISCREPANCY]


def test_m15_discrepancy_base_reported_when_configured():
    p = MrvPolicy(year=2023, recheck_discrepancy_base=DiscrepancyBase.REPORTED)
    assert codes(10_000, 9_090, policy=p) == []  # 9.1% of reported
    assert codes(10_000, 9_000, policy=p) == [TriggerCode.DISCREPANCY]  # 10% of reported


def test_m15_recheck_when_report_and_verification_differ_100000_tonnes():
    # large emitters: 100,000 t is < 10% of 2,000,000 t
    assert codes(2_099_999, 2_000_000) == []  # 99,999 t
    assert codes(2_100_000, 2_000_000) == [TriggerCode.DISCREPANCY]  # 100,000 t
    assert codes(1_900_000, 2_000_000) == [TriggerCode.DISCREPANCY]  # -100,000 t


def test_m15_discrepancy_thresholds_are_parameters():
    p = MrvPolicy(year=2023, recheck_discrepancy_ratio=Decimal("0.05"), recheck_discrepancy_tonnes=50_000)
    assert codes(10_500, 10_000, policy=p) == [TriggerCode.DISCREPANCY]
    assert codes(1_050_000, 1_000_000, policy=p) == [TriggerCode.DISCREPANCY]
    assert codes(10_499, 10_000, policy=p) == []


def test_m15_discrepancy_from_zero_base_counts_as_reaching_10pct():
    assert codes(1, 0) == [TriggerCode.DISCREPANCY]
    assert codes(0, 0) == []


def test_m15_recheck_when_year_on_year_differs_20pct():
    assert codes(12_000, 12_000, previous=10_000) == [TriggerCode.YEAR_ON_YEAR]  # +20%
    assert codes(11_999, 11_999, previous=10_000) == []  # +19.99%
    assert codes(8_000, 8_000, previous=10_000) == [TriggerCode.YEAR_ON_YEAR]  # -20%
    assert codes(8_001, 8_001, previous=10_000) == []  # -19.99%


def test_m15_year_on_year_19_9_pct_vs_20_pct_of_previous_determined():
    assert codes(11_990, 11_990, previous=10_000) == []  # 19.9%
    assert codes(12_000, 12_000, previous=10_000) == [TriggerCode.YEAR_ON_YEAR]


def test_m15_year_on_year_compares_the_verified_figure():
    # reported jumps 20% but verified does not: only the discrepancy rule looks at the reported figure
    assert codes(12_000, 11_000, previous=10_000) == []
    assert codes(11_000, 12_000, previous=10_000) == [TriggerCode.YEAR_ON_YEAR]


def test_m15_no_year_on_year_trigger_without_previous_determination():
    assert codes(1_000_000, 1_000_000, previous=None) == []


def test_m15_year_on_year_from_zero_previous():
    assert codes(5, 5, previous=0) == [TriggerCode.YEAR_ON_YEAR]
    assert codes(0, 0, previous=0) == []


def test_m15_recheck_when_entity_objects():
    assert codes(100, 100, objection=True) == [TriggerCode.OBJECTION]


def test_m15_recheck_for_any_reason_the_authority_records():
    triggers = recheck_triggers(100, 100, None, False, "  site inspection found a missing boiler ", P)
    assert [(t.code, t.detail) for t in triggers] == [(TriggerCode.AUTHORITY, "site inspection found a missing boiler")]


def test_m15_authority_reason_must_not_be_blank():
    with pytest.raises(RuleViolation) as err:
        recheck_triggers(100, 100, None, False, "   ", P)
    assert (err.value.field, err.value.article) == ("reason", "M-15")


def test_m15_all_triggers_in_article_order():
    assert codes(13_200, 12_000, previous=10_000, objection=True, reason="x") == [
        TriggerCode.DISCREPANCY, TriggerCode.YEAR_ON_YEAR, TriggerCode.OBJECTION, TriggerCode.AUTHORITY]


@pytest.mark.parametrize("args, field", [
    ((-1, 10, None), "reported"), ((10, 1.5, None), "verified"), ((10, 10, -3), "previous_year_determined"),
])
def test_m15_figures_must_be_whole_non_negative_tonnes(args, field):
    with pytest.raises(RuleViolation) as err:
        recheck_triggers(*args, False, None, P)
    assert (err.value.field, err.value.article) == (field, "M-15")


def test_m15_year_on_year_alone_checks_the_verified_figure():
    with pytest.raises(RuleViolation) as err:
        year_on_year_trigger(-1, 100, P)
    assert (err.value.field, err.value.article) == ("verified", "M-15")
    trigger = year_on_year_trigger(80, 100, P)
    assert trigger.code is TriggerCode.YEAR_ON_YEAR and "by 20 t" in trigger.detail
