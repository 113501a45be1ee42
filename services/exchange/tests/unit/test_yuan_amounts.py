"""Fen become yuan with exactly two decimal places: events and statements carry `50.10`, never `50.1` or `5E+1`."""
from decimal import Decimal

import pytest

from exchange.domain.policy import to_cents, to_yuan


@pytest.mark.parametrize("cents, text", [
    (0, "0.00"), (1, "0.01"), (10, "0.10"), (99, "0.99"), (100, "1.00"), (5010, "50.10"), (-5010, "-50.10"),
    (99_999_999_999_999, "999999999999.99"),
])
def test_to_yuan_keeps_two_places(cents: int, text: str) -> None:
    amount = to_yuan(cents)
    assert str(amount) == text
    assert amount.as_tuple().exponent == -2
    assert amount == (Decimal(cents) / 100).quantize(Decimal("0.01"))
    assert to_cents(amount) == cents


def test_to_yuan_is_the_same_amount_every_time() -> None:
    assert to_yuan(12345) is to_yuan(12345)  # remembered per amount: a market trades at a few dozen levels
    assert f"{to_yuan(12345):.2f}" == "123.45"
