"""The scoring table (考核记分细则): versioned per year, items with points, caps, kinds, bands and M-41 violations."""
from decimal import Decimal

import pytest
from ets_shared.errors import RuleViolation

from verifier_oversight.domain.scoring import (
    AUTOMATIC_CODES, DEFAULT_ITEMS, RECHECK_CORRECTED, Band, ItemKind, ScoringItem, ScoringTable, Violation,
    check_items, default_table,
)


def item(code="X_FINDING", kind=ItemKind.FINDING, points=5, cap=None, bands=(), violation=None) -> ScoringItem:
    return ScoringItem(code, "an item", kind, points, cap, tuple(bands), violation)


def test_v_default_table_is_version_0_and_feeds_every_automatic_item():
    table = default_table(2025)
    assert table.version == 0 and table.omitted_automatic() == []
    assert set(AUTOMATIC_CODES) <= set(table.items)
    assert {c for c, i in DEFAULT_ITEMS.items() if i.violation} == {"FALSE_REPORT", "MAJOR_ERROR", "DATA_MISUSE"}
    check_items(DEFAULT_ITEMS.values())  # the default passes its own checks


@pytest.mark.parametrize(("ratio", "points"), [
    ("0.0001", 2), ("0.0499", 2), ("0.05", 5), ("0.0999", 5), ("0.10", 10), ("0.1999", 10), ("0.20", 20),
    ("3", 20),
])
def test_v_recheck_correction_scaled_by_how_far_it_was_corrected_bands_inclusive(ratio, points):
    assert DEFAULT_ITEMS[RECHECK_CORRECTED].points_for(Decimal(ratio)) == points


def test_v_correction_below_the_first_band_deducts_nothing():
    banded = item(RECHECK_CORRECTED, ItemKind.AUTOMATIC, 8, bands=[Band(Decimal("0.02"), 3), Band(Decimal("0.1"), 8)])
    assert [banded.points_for(Decimal(r)) for r in ("0.0199", "0.02", "0.0999", "0.1")] == [0, 3, 3, 8]
    with pytest.raises(ValueError):
        banded.points_for(None)


@pytest.mark.parametrize(("bad", "field"), [
    (item(code="x"), "items[0].code"),
    (item(points=0), "items[0].points"),
    (item(points=101), "items[0].points"),
    (item(points=5, cap=4), "items[0].cap"),
    (item(code="LATE_VERIFICATION"), "items[0].kind"),  # fed by events: must be automatic
    (item(code="MADE_UP", kind=ItemKind.AUTOMATIC), "items[0].kind"),  # no event feeds it
    (item(code="LATE_VERIFICATION", kind=ItemKind.AUTOMATIC, violation=Violation.FALSE_REPORT), "items[0].violation"),
    (item(bands=[Band(Decimal(0), 5)]), "items[0].bands"),  # only a measured item is banded
    (item(RECHECK_CORRECTED, ItemKind.AUTOMATIC, 5, bands=[Band(Decimal("0.1"), 5), Band(Decimal("0.05"), 2)]),
     "items[0].bands"),
    (item(RECHECK_CORRECTED, ItemKind.AUTOMATIC, 9, bands=[Band(Decimal("0"), 5)]), "items[0].points"),
])
def test_v_scoring_table_items_are_checked_naming_the_field(bad, field):
    with pytest.raises(RuleViolation) as e:
        check_items([bad])
    assert e.value.field == field


def test_v_an_item_appears_once_and_a_table_has_items():
    with pytest.raises(RuleViolation) as e:
        check_items([item(), item()])
    assert e.value.field == "items[1].code"
    with pytest.raises(RuleViolation):
        check_items([])


def test_v_finding_items_only_from_findings():
    table = ScoringTable(2025, 3, check_items([item(), item("LATE_VERIFICATION", ItemKind.AUTOMATIC)]))
    assert table.finding_item("X_FINDING", "code").points == 5
    with pytest.raises(RuleViolation, match="automatically") as e:
        table.finding_item("LATE_VERIFICATION", "findings[0].code")
    assert e.value.field == "findings[0].code"
    with pytest.raises(RuleViolation, match="version 3"):
        table.finding_item("NOPE", "code")
    assert table.omitted_automatic() == ["MISSING_VERIFICATION", "RECHECK_CORRECTED", "MATERIAL_MISSTATEMENT_MISSED"]


def banded(*bands, points=None):
    return item(RECHECK_CORRECTED, ItemKind.AUTOMATIC, points or max(p for _, p in bands),
                bands=[Band(Decimal(r), p) for r, p in bands])


@pytest.mark.parametrize(("bad", "field"), [
    (item(code="X"), "items[1].code"),  # one character
    (item(code="X" * 65), "items[1].code"),
    (item(code="1X"), "items[1].code"),
    (ScoringItem("X_BLANK", " ", ItemKind.FINDING, 5), "items[1].description"),
    (item(points=5, cap=101), "items[1].cap"),
    (banded(("-0.01", 5)), "items[1].bands"),
    (banded(("10.01", 5)), "items[1].bands"),
    (banded(("0.05", 5), ("0.05", 6)), "items[1].bands"),
    (banded(("0.05", 0), ("0.1", 5)), "items[1].bands"),
    (banded(("0.05", 5), ("0.1", 101), points=100), "items[1].bands"),
])
def test_v_every_refused_item_names_its_place_and_article_v(bad, field):
    with pytest.raises(RuleViolation) as e:
        check_items([item("OK_ITEM"), bad])
    assert (e.value.field, e.value.article) == (field, "V")
    assert e.value.detail.startswith(f"{bad.code}: ")


def test_v_the_widest_accepted_items():
    ok = [item("XY"), item("X" * 64, points=100, cap=100), item("CAPPED", points=5, cap=5),
          banded(("0", 1), ("10", 100)), item("FALSE_ONE", violation=Violation.FALSE_REPORT)]
    assert list(check_items(ok)) == ["XY", "X" * 64, "CAPPED", RECHECK_CORRECTED, "FALSE_ONE"]
    with pytest.raises(RuleViolation) as e:
        check_items([])
    assert (e.value.field, e.value.article) == ("items", "V")


def test_v_a_finding_code_missing_from_the_table_is_refused_under_article_v():
    table = default_table(2025)
    with pytest.raises(RuleViolation) as e:
        table.finding_item("NOPE", "findings[2].code")
    assert (e.value.field, e.value.article) == ("findings[2].code", "V")
    with pytest.raises(RuleViolation) as e:
        table.finding_item("LATE_VERIFICATION", "findings[2].code")
    assert e.value.article == "V"
    assert table.item("NOPE") is None and table.item("MAJOR_ERROR").points == 20
    assert (table.year, table.adopted_at, table.adopted_by) == (2025, None, None)
