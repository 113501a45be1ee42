"""The scoring table (考核记分细则): versioned configuration per compliance year (V, 事后; seed 000: the table is to be
"revised and improved in time", 及时进行修订和完善).

Rules that live here:
- an item has a code, a description, the points it deducts per occurrence, an optional cap on the item's total,
  and a kind: AUTOMATIC (deducted from mrv's events only) or FINDING (an inspection's or an officer's finding);
- RECHECK_CORRECTED is scaled by how far the re-check moved the verified figure: its bands give the points from a
  correction ratio |determined - verified| / verified upward (the highest band reached applies; "以上" includes the
  boundary); a correction below the first band deducts nothing;
- a FINDING item may name the M-41 violation it records (false report, major error, data misuse): recording it
  reports the violation to enforcement;
- every AUTOMATIC item is one the platform's events feed (`AUTOMATIC_CODES`); an AUTOMATIC code that the year's
  table omits is still recorded, with 0 points and the reason, so the event is never lost nor dead-lettered, and a
  later version that adds the item prices it (see `evaluation.reprice`);
- version 0 is the platform's default table below, in force until the authority adopts version 1 for the year.

The default table was written for this platform (the 2021 rules' annex table is not among the source texts); the
authority loads the real one per year with PUT /scoring-tables/{year}.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from ets_shared.errors import RuleViolation

from .policy import STARTING_SCORE

LATE_VERIFICATION = "LATE_VERIFICATION"
MISSING_VERIFICATION = "MISSING_VERIFICATION"
RECHECK_CORRECTED = "RECHECK_CORRECTED"
MATERIAL_MISSTATEMENT_MISSED = "MATERIAL_MISSTATEMENT_MISSED"
AUTOMATIC_CODES = (LATE_VERIFICATION, MISSING_VERIFICATION, RECHECK_CORRECTED, MATERIAL_MISSTATEMENT_MISSED)
MEASURED_CODES = (RECHECK_CORRECTED,)  # events give these a ratio, so they may be banded
_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,63}$")


class ItemKind(StrEnum):
    AUTOMATIC = "automatic"
    FINDING = "finding"


class Violation(StrEnum):
    """M-41's three agency violations."""

    FALSE_REPORT = "false_report"  # 出具虚假、不实核查报告
    MAJOR_ERROR = "major_error"  # 核查报告存在重大错误
    DATA_MISUSE = "data_misuse"  # 未经许可擅自使用或者发布被核查单位的商业秘密和碳排放信息


@dataclass(frozen=True)
class Band:
    from_ratio: Decimal  # the correction ratio from which `points` apply (inclusive)
    points: int


@dataclass(frozen=True)
class ScoringItem:
    code: str
    description: str
    kind: ItemKind
    points: int  # per occurrence; for a banded item the points of its highest band (for display)
    cap: int | None = None  # at most this many points for the item in one evaluation
    bands: tuple[Band, ...] = ()
    violation: Violation | None = None

    def points_for(self, measure: Decimal | None) -> int:
        """Points of one occurrence; a banded item needs the occurrence's ratio."""
        if not self.bands:
            return self.points
        if measure is None:
            raise ValueError(f"{self.code} is banded: an occurrence needs its ratio")
        reached = [b for b in self.bands if measure >= b.from_ratio]
        return reached[-1].points if reached else 0


@dataclass(frozen=True)
class ScoringTable:
    year: int
    version: int  # 0: the platform default, not adopted
    items: Mapping[str, ScoringItem]
    adopted_at: datetime | None = None
    adopted_by: str | None = None
    reason: str = "platform default (no table adopted for the year)"

    def item(self, code: str) -> ScoringItem | None:
        return self.items.get(code)

    def finding_item(self, code: str, field: str) -> ScoringItem:
        """The FINDING item `code`, or RuleViolation naming `field`."""
        item = self.items.get(code)
        if item is None:
            raise RuleViolation(f"no item {code!r} in the {self.year} scoring table (version {self.version})",
                                field=field, article="V")
        if item.kind is not ItemKind.FINDING:
            raise RuleViolation(f"{code} is deducted automatically from mrv's events, not by a finding",
                                field=field, article="V")
        return item

    def omitted_automatic(self) -> list[str]:
        return [code for code in AUTOMATIC_CODES if code not in self.items]


def _item(code: str, description: str, kind: ItemKind, points: int, cap: int | None = None,
          bands: Iterable[tuple[str, int]] = (), violation: Violation | None = None) -> ScoringItem:
    return ScoringItem(code, description, kind, points, cap, tuple(Band(Decimal(r), p) for r, p in bands), violation)


_A, _F = ItemKind.AUTOMATIC, ItemKind.FINDING
DEFAULT_ITEMS: Mapping[str, ScoringItem] = MappingProxyType({i.code: i for i in (
    _item(LATE_VERIFICATION, "verification report filed after the deadline (30 April, M-13)", _A, 5, cap=20),
    _item(MISSING_VERIFICATION, "no verification report on an assigned entity by the deadline (M-13)", _A, 10),
    _item(RECHECK_CORRECTED, "verified emissions corrected by the authority in re-check (复查审定, M-15), by how far",
          _A, 20, bands=[("0", 2), ("0.05", 5), ("0.10", 10), ("0.20", 20)]),
    _item(MATERIAL_MISSTATEMENT_MISSED, "a material misstatement of the report the verification did not find "
          "(the determination moved the reported figure by the materiality ratio or more)", _A, 15),
    _item("INSPECTION_MAJOR", "major problem found in an on-site inspection or spot check (重大问题)", _F, 10),
    _item("INSPECTION_MINOR", "minor problem found in an on-site inspection or spot check (一般问题)", _F, 2, cap=10),
    _item("NONSTANDARD_REPORT", "verification report not in the required form (规范性, M-13 ¶3)", _F, 2, cap=10),
    _item("MAJOR_ERROR", "major error in a verification report (M-41)", _F, 20, violation=Violation.MAJOR_ERROR),
    _item("FALSE_REPORT", "false or untrue verification report (M-41): fails the agency on its own", _F, 41,
          violation=Violation.FALSE_REPORT),
    _item("DATA_MISUSE", "unauthorised use or disclosure of the entity's business secrets or emission data "
          "(M-13 ¶3, M-41): fails the agency on its own", _F, 41, violation=Violation.DATA_MISUSE),
)})


def default_table(year: int) -> ScoringTable:
    return ScoringTable(year, 0, DEFAULT_ITEMS)


def check_items(items: Iterable[ScoringItem]) -> dict[str, ScoringItem]:
    """Validate a table's items (RuleViolation naming `items[i].<field>`); returns them by code."""
    out: dict[str, ScoringItem] = {}
    for i, item in enumerate(items):
        def bad(detail: str, field: str, item: ScoringItem = item, i: int = i) -> RuleViolation:
            return RuleViolation(f"{item.code}: {detail}", field=f"items[{i}].{field}", article="V")

        if not _CODE.match(item.code):
            raise bad("a code is 2-64 capital letters, digits or _", "code")
        if item.code in out:
            raise bad("appears twice", "code")
        if not item.description.strip():
            raise bad("needs a description", "description")
        if not 0 < item.points <= STARTING_SCORE:
            raise bad(f"points must be 1..{STARTING_SCORE}", "points")
        if item.cap is not None and not item.points <= item.cap <= STARTING_SCORE:
            raise bad(f"a cap must be at least the item's points and at most {STARTING_SCORE}", "cap")
        automatic = item.code in AUTOMATIC_CODES
        if automatic != (item.kind is ItemKind.AUTOMATIC):
            raise bad(f"automatic items are exactly those mrv's events feed: {', '.join(AUTOMATIC_CODES)}", "kind")
        if item.violation is not None and item.kind is not ItemKind.FINDING:
            raise bad("only a finding can record an M-41 violation", "violation")
        if item.bands:
            if item.code not in MEASURED_CODES:
                raise bad(f"only {', '.join(MEASURED_CODES)} can be banded", "bands")
            ratios = [b.from_ratio for b in item.bands]
            if ratios != sorted(set(ratios)) or ratios[0] < 0 or ratios[-1] > 10:
                raise bad("band ratios must be distinct, ascending, within 0..10", "bands")
            if any(not 0 < b.points <= STARTING_SCORE for b in item.bands):
                raise bad(f"band points must be 1..{STARTING_SCORE}", "bands")
            if item.points != max(b.points for b in item.bands):
                raise bad("a banded item's points are those of its highest band", "points")
        out[item.code] = item
    if not out:
        raise RuleViolation("a scoring table needs at least one item", field="items", article="V")
    return out
