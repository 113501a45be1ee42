"""A violation another service (or an officer) reports, and the one case it opens (§8: M-37 to M-42).

`Violation.key` is what makes a violation itself — the entity, year and duty of a missing report, the id of the
agency's record of an obstruction, the entity-year of a shortfall, the finding of an agency violation, the exchange's
duty and day — so the case id `CASE-<article>-<key>` is the same whoever reports it, however often: the same
violation never opens two cases, and an officer opening one by hand with the same key finds it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from enforcement.domain.articles import Article

MAX_CASE_ID = 100


@dataclass(frozen=True)
class Violation:
    article: Article
    party_id: str
    key: str
    allegation: str
    found_at: datetime
    compliance_year: int | None = None
    shortfall_tonnes: int | None = None  # M-39 only

    @property
    def case_id(self) -> str:
        return case_id_for(self.article, self.key)


def case_id_for(article: Article, key: str) -> str:
    """`CASE-M37-E-0001-2025-report`, `CASE-M38-1-VI-…`, `CASE-M39-E-0001-2025`, `CASE-M41-<finding>`; a key too
    long for a case id is replaced by its digest."""
    prefix = f"CASE-{article.value.replace('-', '', 1)}-"
    case_id = prefix + key
    if len(case_id) <= MAX_CASE_ID:
        return case_id
    return prefix + hashlib.sha256(key.encode()).hexdigest()[:40]


class ExchangeDuty(StrEnum):
    """What M-42 punishes the exchange for (seed: 第四十二条 (一)-(四))."""

    TRADING_INFORMATION_NOT_PUBLISHED = "trading_information_not_published"  # 未按照规定公布交易信息
    UNLAWFUL_FEES = "unlawful_fees"  # 违反规定收取交易手续费
    NO_RISK_MANAGEMENT = "no_risk_management"  # 未建立并执行风险管理制度
    FILINGS_NOT_MADE = "filings_not_made"  # 未按照规定向市发展改革部门报送有关文件、资料


EXCHANGE_DUTIES = {
    ExchangeDuty.TRADING_INFORMATION_NOT_PUBLISHED: "trading information not published as the rules require (M-25)",
    ExchangeDuty.UNLAWFUL_FEES: "trading fees charged against the rules (M-27)",
    ExchangeDuty.NO_RISK_MANAGEMENT: "risk-management system not established or not applied (M-28)",
    ExchangeDuty.FILINGS_NOT_MADE: "documents and information not filed with the authority as required (M-20, M-29)",
}


def exchange_violation(exchange_id: str, duty: ExchangeDuty, occurrence: str, description: str,
                       found_at: datetime, compliance_year: int | None = None) -> Violation:
    """M-42: the exchange breached one of its duties; `occurrence` names this breach (e.g. the trading day whose
    market data were not published, the trade whose fee was outside the schedule), so it opens one case."""
    return Violation(Article.M42, exchange_id, f"{duty.value}-{occurrence}",
                     f"{EXCHANGE_DUTIES[duty]}: {description}", found_at, compliance_year)
