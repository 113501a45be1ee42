"""The penalty catalogue of the Measures as data: M-37, M-38 ¶1, M-38 ¶2, M-39, M-41, M-42 (and which of them
M-40 measures may follow).

How each article words its fine decides how a case may be fined (seed 003, 第六章):
- M-37, M-38 ¶1: "责令限期改正;逾期未改正的,处以…罚款" — the fine is due only once the correction deadline has
  passed without correction (`fine_after_deadline_only`), and is then mandatory.
- M-38 ¶2, M-41, M-42: "责令限期改正,处以…罚款" — order and fine come together (`fine_with_order`), mandatory.
- M-39: "责令履行配额清缴义务,并可处以…罚款" — order and fine together, the fine optional (`fine_optional`);
  it never replaces the surrender (解读 5: "为防止产生以罚款代替履行配额清缴义务的情况").
Ranges are inclusive (M-44: "以上""以下"包括本数). Article codes are spelled as in the event contracts
(`M-38-1`, `M-38-2`).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

from ets_shared.errors import RuleViolation

from enforcement.domain.money import format_yuan, to_yuan


class Article(StrEnum):
    M37 = "M-37"
    M38_1 = "M-38-1"
    M38_2 = "M-38-2"
    M39 = "M-39"
    M41 = "M-41"
    M42 = "M-42"


ArticleCode = Literal["M-37", "M-38-1", "M-38-2", "M-39", "M-41", "M-42"]  # an Article's value, in request schemas


class PartyKind(StrEnum):
    COVERED_ENTITY = "covered_entity"  # 纳入配额管理的单位
    AGENCY = "agency"  # 第三方机构
    EXCHANGE = "exchange"  # 交易所


class OrderKind(StrEnum):
    CORRECT = "correct"  # 责令(限期)改正
    SURRENDER = "surrender"  # 责令履行配额清缴义务 (M-39)


@dataclass(frozen=True)
class PenaltyArticle:
    """One penalty article: who it punishes, for breaching what, and how its fine works."""

    article: Article
    violation: str
    breaches: str  # the duty breached, e.g. "M-12"
    party_kind: PartyKind
    order: OrderKind
    fine_min: Decimal
    fine_max: Decimal
    fine_after_deadline_only: bool  # "逾期未改正的,处以": fine only after the correction deadline passed
    fine_optional: bool  # "可以处以": the authority may decide not to fine
    measures_apply: bool  # M-40: violations of M-12, M-13 ¶2, M-16

    @property
    def fine_with_order(self) -> bool:
        """Order and fine come together: the fine may be decided as soon as the order is issued."""
        return not self.fine_after_deadline_only

    def __post_init__(self) -> None:
        if not Decimal(0) < self.fine_min <= self.fine_max:
            raise ValueError(f"{self.article}: fine range {self.fine_min}..{self.fine_max} is not a range")


def _yuan(n: int) -> Decimal:
    return Decimal(n).quantize(Decimal("0.01"))


_ENTITY = PartyKind.COVERED_ENTITY
CATALOGUE: Mapping[Article, PenaltyArticle] = MappingProxyType({
    Article.M37: PenaltyArticle(
        Article.M37, "false report, concealment, or refusal to report emissions (虚报、瞒报或者拒绝履行报告义务)",
        "M-12", _ENTITY, OrderKind.CORRECT, _yuan(10_000), _yuan(30_000),
        fine_after_deadline_only=True, fine_optional=False, measures_apply=True),
    Article.M38_1: PenaltyArticle(
        Article.M38_1, "false or untrue documents supplied to, or important information concealed from, the "
        "verification agency (提供虚假、不实的文件资料,或者隐瞒重要信息)",
        "M-13 ¶2", _ENTITY, OrderKind.CORRECT, _yuan(10_000), _yuan(30_000),
        fine_after_deadline_only=True, fine_optional=False, measures_apply=True),
    Article.M38_2: PenaltyArticle(
        Article.M38_2, "unreasonably resisting or obstructing verification (无理抗拒、阻碍第三方机构开展核查工作)",
        "M-13 ¶2", _ENTITY, OrderKind.CORRECT, _yuan(30_000), _yuan(50_000),
        fine_after_deadline_only=False, fine_optional=False, measures_apply=True),
    Article.M39: PenaltyArticle(
        Article.M39, "surrender obligation not fulfilled (未按规定履行配额清缴义务)",
        "M-16", _ENTITY, OrderKind.SURRENDER, _yuan(50_000), _yuan(100_000),
        fine_after_deadline_only=False, fine_optional=True, measures_apply=True),
    Article.M41: PenaltyArticle(
        Article.M41, "verification agency: false or untrue verification report, major error in a report, or "
        "unauthorised use or disclosure of the verified entity's business secrets or emission data",
        "M-13 ¶3", PartyKind.AGENCY, OrderKind.CORRECT, _yuan(30_000), _yuan(100_000),
        fine_after_deadline_only=False, fine_optional=False, measures_apply=False),
    Article.M42: PenaltyArticle(
        Article.M42, "exchange: trading information not published, unlawful fees, no risk-management system, or "
        "required documents not filed with the authority",
        "M-25, M-27, M-28, M-33", PartyKind.EXCHANGE, OrderKind.CORRECT, _yuan(10_000), _yuan(50_000),
        fine_after_deadline_only=False, fine_optional=False, measures_apply=False),
})


def parse_article(value: str, *, field: str = "article") -> Article:
    """An article code from input ("M-39", "M-38-2"; "M-38¶2" and "M-38 ¶2" are accepted too)."""
    code = str(value).strip().replace(" ", "").replace("¶", "-").upper()
    try:
        return Article(code)
    except ValueError:
        known = ", ".join(a.value for a in Article)
        raise RuleViolation(f"no penalty article {value!r}; expected one of {known}", field=field) from None


def penalty_article(article: Article | str,
                    catalogue: Mapping[Article, PenaltyArticle] = CATALOGUE) -> PenaltyArticle:
    return catalogue[article if isinstance(article, Article) else parse_article(article)]


def validate_fine(article: Article | str | PenaltyArticle, amount: object,
                  catalogue: Mapping[Article, PenaltyArticle] = CATALOGUE) -> Decimal:
    """The fine as a 2-place Decimal if it lies in the article's range (both ends included, M-44), else
    RuleViolation(field="amount", article=...) naming the range."""
    rule = article if isinstance(article, PenaltyArticle) else penalty_article(article, catalogue)
    fine = to_yuan(amount, field="amount", article=rule.article.value)
    if not rule.fine_min <= fine <= rule.fine_max:
        raise RuleViolation(
            f"{rule.article} fine must be from {format_yuan(rule.fine_min)} to {format_yuan(rule.fine_max)} yuan "
            f"inclusive; {format_yuan(fine)} is outside it", field="amount", article=rule.article.value)
    return fine
