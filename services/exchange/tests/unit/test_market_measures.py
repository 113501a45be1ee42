"""M-29 emergency measures and their effect on trading (M-28): halts, replaced price and holding limits; M-28(2)
large-holder reports at or above the threshold beyond the allocation."""
from decimal import Decimal

import pytest
from ets_shared.errors import Conflict

from exchange.domain.market_measures import (
    HALT, HOLDING_LIMIT, PRICE_LIMIT, Measure, effective_rules, large_holder_excess, require_not_halted,
)
from exchange.domain.policy import TradingRules

RULES = TradingRules()


def test_m29_a_product_halt_refuses_that_product_only_naming_product_id_m29_and_the_reason():
    halts = [Measure("MS-1", HALT, "SHEA-2025", "price anomaly")]
    with pytest.raises(Conflict) as e:
        require_not_halted(halts, "SHEA-2025")
    assert (e.value.field, e.value.article) == ("product_id", "M-29")
    assert "price anomaly" in str(e.value) and "MS-1" in str(e.value)
    require_not_halted(halts, "SHEA-2026")
    require_not_halted([Measure("MS-2", PRICE_LIMIT, None, "volatility", price_limit=Decimal("0.05"))], "SHEA-2025")
    require_not_halted([], "SHEA-2025")


def test_m29_a_market_halt_refuses_every_product():
    halts = [Measure("MS-1", HALT, None, "system failure")]
    for product in ("SHEA-2025", "SHEA-2026"):
        with pytest.raises(Conflict) as e:
            require_not_halted(halts, product)
        assert (e.value.field, e.value.article) == ("product_id", "M-29")


def test_m29_a_products_own_price_limit_wins_over_the_market_wide_one_and_the_latest_of_a_scope_wins():
    own = Measure("MS-2", PRICE_LIMIT, "SHEA-2025", "r", price_limit=Decimal("0.05"))
    market = Measure("MS-1", PRICE_LIMIT, None, "r", price_limit=Decimal("0.02"))
    later_market = Measure("MS-3", PRICE_LIMIT, None, "r", price_limit=Decimal("0.03"))
    assert effective_rules(RULES, [own, market], "SHEA-2025").price_limit == Decimal("0.05")
    assert effective_rules(RULES, [market, own], "SHEA-2025").price_limit == Decimal("0.05")
    assert effective_rules(RULES, [own, market, later_market], "SHEA-2026").price_limit == Decimal("0.03")
    assert effective_rules(RULES, [own], "SHEA-2026") == RULES
    assert effective_rules(RULES, [market], None).price_limit == RULES.price_limit  # no product: no band to set


def test_m29_a_holding_limit_measure_replaces_max_holding_for_every_account_the_latest_winning():
    measures = [Measure("MS-1", HOLDING_LIMIT, None, "r", max_holding_t=800_000),
                Measure("MS-2", HOLDING_LIMIT, None, "r", max_holding_t=600_000)]
    for product in ("SHEA-2025", None):
        rules = effective_rules(RULES, measures, product)
        assert rules.max_holding_t == 600_000 and rules.price_limit == RULES.price_limit
        assert rules.holding_limit(50_000) == 650_000  # the allocation still on top
    assert effective_rules(RULES, [], "SHEA-2025") is RULES


def test_m28_2_a_holder_at_the_threshold_beyond_its_allocation_is_reported_one_tonne_below_is_not():
    assert large_holder_excess(700_000, 200_000, 500_000) == 500_000
    assert large_holder_excess(699_999, 200_000, 500_000) is None
    assert large_holder_excess(500_000, 0, 500_000) == 500_000


def test_m29_of_three_measures_of_a_kind_the_last_listed_wins():
    limits = [Measure(f"MS-{i}", PRICE_LIMIT, "SHEA-2025", "r", price_limit=Decimal(f"0.0{i}")) for i in (1, 2, 3)]
    assert effective_rules(RULES, limits, "SHEA-2025").price_limit == Decimal("0.03")
    holdings = [Measure(f"MS-{i}", HOLDING_LIMIT, None, "r", max_holding_t=i * 100_000) for i in (1, 2, 3)]
    assert effective_rules(RULES, holdings, "SHEA-2025").max_holding_t == 300_000
