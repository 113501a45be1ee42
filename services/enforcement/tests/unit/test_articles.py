"""The penalty catalogue (M-37 to M-42) and fine ranges, inclusive at both ends (M-44)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from ets_shared.errors import RuleViolation

from enforcement.domain import CATALOGUE, Article, OrderKind, PartyKind, parse_article, validate_fine

D = Decimal

RANGES = {
    Article.M37: ("10000.00", "30000.00"),
    Article.M38_1: ("10000.00", "30000.00"),
    Article.M38_2: ("30000.00", "50000.00"),
    Article.M39: ("50000.00", "100000.00"),
    Article.M41: ("30000.00", "100000.00"),
    Article.M42: ("10000.00", "50000.00"),
}


def _below(x: str) -> Decimal:
    return D(x) - D("0.01")


def _above(x: str) -> Decimal:
    return D(x) + D("0.01")


def test_m37_to_m42_catalogue_holds_every_article_with_its_range():
    assert set(CATALOGUE) == set(RANGES)
    for article, (lo, hi) in RANGES.items():
        rule = CATALOGUE[article]
        assert (rule.fine_min, rule.fine_max) == (D(lo), D(hi)), article


def test_m37_to_m42_party_kinds_and_orders():
    kinds = {a: r.party_kind for a, r in CATALOGUE.items()}
    assert kinds[Article.M41] is PartyKind.AGENCY
    assert kinds[Article.M42] is PartyKind.EXCHANGE
    assert all(kinds[a] is PartyKind.COVERED_ENTITY for a in (Article.M37, Article.M38_1, Article.M38_2, Article.M39))
    assert CATALOGUE[Article.M39].order is OrderKind.SURRENDER
    assert all(r.order is OrderKind.CORRECT for a, r in CATALOGUE.items() if a is not Article.M39)


def test_m37_m38_1_fine_only_after_deadline_others_with_order():
    late = {a for a, r in CATALOGUE.items() if r.fine_after_deadline_only}
    assert late == {Article.M37, Article.M38_1}
    assert CATALOGUE[Article.M38_2].fine_with_order
    assert CATALOGUE[Article.M41].fine_with_order and CATALOGUE[Article.M42].fine_with_order


def test_m39_fine_is_the_only_optional_one():
    assert {a for a, r in CATALOGUE.items() if r.fine_optional} == {Article.M39}


def test_m40_measures_apply_to_m12_m13_2_m16_violations_only():
    assert {a for a, r in CATALOGUE.items() if r.measures_apply} == {
        Article.M37, Article.M38_1, Article.M38_2, Article.M39}
    assert [CATALOGUE[a].breaches for a in (Article.M37, Article.M38_1, Article.M38_2, Article.M39)] == [
        "M-12", "M-13 ¶2", "M-13 ¶2", "M-16"]


@pytest.mark.parametrize("article", list(RANGES))
def test_m44_fine_accepted_at_both_inclusive_ends(article):
    lo, hi = RANGES[article]
    assert validate_fine(article, D(lo)) == D(lo)
    assert validate_fine(article, D(hi)) == D(hi)


@pytest.mark.parametrize("article", list(RANGES))
def test_m44_fine_refused_one_fen_outside_either_end(article):
    lo, hi = RANGES[article]
    for amount in (_below(lo), _above(hi)):
        with pytest.raises(RuleViolation) as err:
            validate_fine(article, amount)
        assert err.value.field == "amount"
        assert err.value.article == article.value
        assert f"{D(lo):,}" in err.value.detail and f"{D(hi):,}" in err.value.detail


def test_m39_fine_refused_outside_50000_to_100000():
    for amount in ("49999.99", "100000.01"):
        with pytest.raises(RuleViolation) as err:
            validate_fine(Article.M39, D(amount))
        assert (err.value.field, err.value.article) == ("amount", "M-39")
    assert validate_fine("M-39", D("50000.00")) == D("50000.00")
    assert validate_fine("M-39", D("100000.00")) == D("100000.00")


def test_m37_fine_refused_outside_10000_to_30000():
    for ok in ("10000.00", "30000.00"):
        assert validate_fine(Article.M37, D(ok)) == D(ok)
    for bad in ("9999.99", "30000.01"):
        with pytest.raises(RuleViolation):
            validate_fine(Article.M37, D(bad))


def test_m38_2_fine_refused_outside_30000_to_50000():
    for ok in ("30000.00", "50000.00"):
        assert validate_fine(Article.M38_2, D(ok)) == D(ok)
    for bad in ("29999.99", "50000.01"):
        with pytest.raises(RuleViolation):
            validate_fine(Article.M38_2, D(bad))


def test_m41_fine_refused_outside_30000_to_100000():
    for bad in ("29999.99", "100000.01"):
        with pytest.raises(RuleViolation):
            validate_fine(Article.M41, D(bad))


def test_m42_fine_refused_outside_10000_to_50000():
    for bad in ("9999.99", "50000.01"):
        with pytest.raises(RuleViolation):
            validate_fine(Article.M42, D(bad))


def test_s8_fine_amount_more_precise_than_a_fen_is_refused():
    with pytest.raises(RuleViolation) as err:
        validate_fine(Article.M39, D("60000.001"))
    assert err.value.field == "amount"


def test_s8_fine_amount_normalised_to_two_places():
    assert str(validate_fine(Article.M39, 60000)) == "60000.00"
    assert str(validate_fine(Article.M39, D("60000.5"))) == "60000.50"
    assert str(validate_fine(Article.M39, D("60000.000"))) == "60000.00"


@pytest.mark.parametrize("amount", [60000.0, "60000.00", True, D("NaN"), D("Infinity"), D("-60000")])
def test_s8_fine_amount_must_be_an_exact_positive_decimal(amount):
    with pytest.raises(RuleViolation) as err:
        validate_fine(Article.M39, amount)
    assert err.value.field == "amount"


def test_s8_parse_article_accepts_contract_and_paragraph_spellings():
    assert parse_article("M-38-2") is Article.M38_2
    assert parse_article("M-38¶1") is Article.M38_1
    assert parse_article("m-38 ¶2") is Article.M38_2
    with pytest.raises(RuleViolation) as err:
        parse_article("M-40")
    assert err.value.field == "article"


@pytest.mark.parametrize("article", list(RANGES))
def test_m37_to_m42_fine_one_yuan_under_and_over_refused_the_ends_accepted(article):
    lo, hi = D(RANGES[article][0]), D(RANGES[article][1])
    for amount in (lo - 1, hi + 1):
        with pytest.raises(RuleViolation) as err:
            validate_fine(article, amount)
        assert (err.value.field, err.value.article) == ("amount", article.value)
    assert (validate_fine(article, lo), validate_fine(article, hi)) == (lo, hi)


def test_m38_1_fine_refused_outside_10000_to_30000():
    for ok in ("10000.00", "30000.00"):
        assert validate_fine(Article.M38_1, D(ok)) == D(ok)
    for bad in ("9999.00", "9999.99", "30000.01", "30001.00"):
        with pytest.raises(RuleViolation):
            validate_fine(Article.M38_1, D(bad))
