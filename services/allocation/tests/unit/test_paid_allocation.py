"""M-9: the auction's clearing price, pro rata at the margin with its rounding rule, the reserve price, the
fixed-price sale and the reserve of the cap."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from allocation.domain.paid_allocation import Bid, check_bid, clear_auction, fill_fixed_price, paid_reserve, pro_rata
from ets_shared.errors import RuleViolation

T0 = datetime(2026, 3, 1, tzinfo=timezone.utc)
D = Decimal


def bid(who: str, quantity: int, price: str, n: int = 0) -> Bid:
    return Bid(who, quantity, D(price), T0 + timedelta(minutes=n))


def test_m9_auction_clears_at_the_lowest_filled_bid_and_shares_the_margin_pro_rata():
    bids = [bid("A", 400, "50.00", 0), bid("B", 300, "45.00", 1), bid("C", 300, "45.00", 2), bid("D", 500, "40.00")]
    clearing, awards = clear_auction(1_000, bids, D("30.00"))
    assert clearing == D("45.00")
    assert [(a.bidder_id, a.quantity, a.price) for a in awards] == [("A", 400, D("45.00")), ("B", 300, D("45.00")),
                                                                   ("C", 300, D("45.00"))]
    clearing, awards = clear_auction(901, bids, D("30.00"))  # 501 left for 600 at 45: 250.5 each
    assert [(a.bidder_id, a.quantity) for a in awards] == [("A", 400), ("B", 251), ("C", 250)]  # tie: earlier bid


def test_m9_reserve_price_inclusive_bids_below_not_admitted():
    clearing, awards = clear_auction(1_000, [bid("A", 100, "30.00"), bid("B", 100, "29.99")], D("30.00"))
    assert clearing == D("30.00") and [a.bidder_id for a in awards] == ["A"]
    assert clear_auction(10, [bid("B", 100, "29.99")], D("30.00")) == (None, [])
    check_bid("auction", 1, D("30.00"), D(0), D("30.00"), 10)
    with pytest.raises(RuleViolation) as low:
        check_bid("auction", 1, D("29.99"), D(0), D("30.00"), 10)
    assert low.value.field == "price"


def test_m9_fixed_price_sale_oversubscribed_shares_pro_rata_no_unit_lost():
    awards = fill_fixed_price(100, [bid("A", 70, "40", 0), bid("B", 70, "40", 1), bid("C", 10, "40", 2)], D("40"))
    assert sum(a.quantity for a in awards) == 100
    # 46.67 each, 6.67: ties to the earlier
    assert [(a.bidder_id, a.quantity) for a in awards] == [("A", 47), ("B", 47), ("C", 6)]
    assert awards[0].amount == D("1880.00")
    assert pro_rata(3, [bid("A", 1, "1"), bid("B", 1, "1")]) == {"A": 1, "B": 1}


def test_m9_reserve_is_floor_of_the_share_of_the_cap():
    assert paid_reserve(1_000_001, D("0.1")) == 100_000 and paid_reserve(1_000, D(0)) == 0


@pytest.mark.parametrize(("kind", "quantity", "price", "field"), [
    ("auction", 11, "30.00", "quantity"),  # more than the sale offers
    ("fixed_price", 11, "40.00", "quantity"),
    ("fixed_price", 1, "40.01", "price"),  # not the sale's price, either way
    ("fixed_price", 1, "39.99", "price"),
    ("auction", 1, "29.99", "price"),  # below the reserve
])
def test_m9_a_refused_bid_names_its_field_and_m9(kind, quantity, price, field):
    with pytest.raises(RuleViolation) as refused:
        check_bid(kind, quantity, D(price), D("40.00"), D("30.00"), 10)
    assert (refused.value.field, refused.value.article) == (field, "M-9")


def test_m9_a_bid_for_the_whole_supply_at_the_price_is_admitted_and_the_reserve_binds_auctions_only():
    check_bid("auction", 10, D("30.00"), D("40.00"), D("30.00"), 10)  # the whole supply (inclusive), at the reserve
    check_bid("fixed_price", 10, D("40.00"), D("40.00"), D("30.00"), 10)
    check_bid("fixed_price", 1, D("10.00"), D("10.00"), D("30.00"), 10)  # a fixed price below the reserve
    check_bid("auction", 1, D("99.00"), D("40.00"), D("30.00"), 10)  # an auction bid need not be the sale's price


def test_m9_pro_rata_gives_the_units_left_to_the_largest_remainders_whatever_the_order_of_the_bids():
    # 3 units for bids of 4 and 1: 2.4 and 0.6, so the one unit left over goes to the smaller, later bid
    assert pro_rata(3, [bid("B", 4, "40", 0), bid("A", 1, "40", 1)]) == {"B": 2, "A": 1}


def test_m9_auction_fills_the_highest_price_first_down_to_the_last_unit():
    clearing, awards = clear_auction(100, [bid("A", 100, "40.00", 0), bid("B", 100, "50.00", 1)], D("30.00"))
    assert clearing == D("50.00") and [(a.bidder_id, a.quantity) for a in awards] == [("B", 100)]
    clearing, awards = clear_auction(101, [bid("A", 100, "50.00", 0), bid("B", 10, "40.00", 1)], D("30.00"))
    assert clearing == D("40.00") and [(a.bidder_id, a.quantity) for a in awards] == [("A", 100), ("B", 1)]


def test_m9_the_paid_reserve_rounds_down_never_half_up():
    assert paid_reserve(15, D("0.1")) == 1 and paid_reserve(17, D("0.1")) == 1
