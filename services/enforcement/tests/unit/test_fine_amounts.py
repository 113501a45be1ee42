"""Fines of M-37 to M-42 are amounts in yuan: exact decimals counted to the fen (0.01), positive; a refusal names the
field and the article it was checked for."""
from __future__ import annotations

from decimal import Decimal

import pytest
from ets_shared.errors import RuleViolation

from enforcement.domain import to_yuan

D = Decimal


def test_m37_to_m42_a_fine_is_at_least_one_fen():
    assert to_yuan(D("0.01")) == D("0.01")
    assert to_yuan(1) == D("1.00")
    assert to_yuan(D("50000.000")) == D("50000.00")  # trailing zeros are not extra precision
    for nothing in (0, D("0.00"), D("-0.01")):
        with pytest.raises(RuleViolation) as err:
            to_yuan(nothing)
        assert err.value.field == "amount"  # the default field


@pytest.mark.parametrize("bad", [D("NaN"), D("Infinity"), D("1e30"), D("0.001"), D("0"), 1.5, "100", True])
def test_m37_to_m42_a_refused_amount_names_its_field_and_article(bad):
    with pytest.raises(RuleViolation) as err:
        to_yuan(bad, field="amount_yuan", article="M-39")
    assert (err.value.field, err.value.article) == ("amount_yuan", "M-39")
