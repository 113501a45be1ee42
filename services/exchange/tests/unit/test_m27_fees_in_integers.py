"""M-27: a fill's fee, turnover times the filed rate rounded half up to the fen, computed in integers
(`TradingRules.fee_cents`) is exactly what `Decimal` arithmetic gives, at the ties and over every rate a filing takes
(0 to 0.1, at most 6 places: `policy_repository.Rate`) and every turnover an order can reach (price <= 10^10 fen,
quantity <= 10^8 t)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings, strategies as st

from exchange.domain.policy import AGREEMENT, OPEN_BIDDING, Fees, TradingRules


def decimal_fee(turnover_cents: int, rate: Decimal) -> int:
    """The fee as `Decimal` arithmetic gives it: the product rounded half up (away from zero) to the fen."""
    return int((Decimal(turnover_cents) * rate).to_integral_value(ROUND_HALF_UP))


def rules(buyer: Decimal, seller: Decimal) -> TradingRules:
    return TradingRules(fees={OPEN_BIDDING: Fees(buyer, seller), AGREEMENT: Fees(seller, buyer)})


def test_m27_fees_at_the_half_fen_ties_round_away_from_zero_as_decimal_does():
    r = rules(Decimal("0.0015"), Decimal("0.001"))
    for turnover in [0, 1, 333, 334, 1000, 2500, 3000, 10**18, -1, -333, -334, -1000, -2500, -(10**18)]:
        for mode, side in [(OPEN_BIDDING, "buyer"), (OPEN_BIDDING, "seller"), (AGREEMENT, "buyer")]:
            assert r.fee_cents(mode, side, turnover) == decimal_fee(turnover, getattr(r.fees[mode], side)), turnover


rates = st.decimals(min_value=0, max_value=Decimal("0.1"), places=6, allow_nan=False, allow_infinity=False)


@settings(max_examples=500)
@given(buyer=rates, seller=rates, turnover=st.integers(min_value=-(10**18), max_value=10**18))
def test_m27_a_fee_in_integers_is_the_decimal_fee_for_any_filed_rate(buyer, seller, turnover):
    r = rules(buyer, seller)
    assert r.fee_cents(OPEN_BIDDING, "buyer", turnover) == decimal_fee(turnover, buyer)
    assert r.fee_cents(OPEN_BIDDING, "seller", turnover) == decimal_fee(turnover, seller)
    assert r.fee_cents(AGREEMENT, "seller", turnover) == decimal_fee(turnover, buyer)


@given(rate=rates, tonnes=st.integers(min_value=1, max_value=10**8), price=st.integers(min_value=1, max_value=10**10))
def test_m27_a_fee_in_integers_is_the_decimal_fee_on_the_ties_of_price_times_quantity(rate, tonnes, price):
    r = rules(rate, rate)
    assert r.fee_cents(OPEN_BIDDING, "buyer", price * tonnes) == decimal_fee(price * tonnes, rate)
