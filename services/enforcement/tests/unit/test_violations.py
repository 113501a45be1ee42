"""Cases from events: a violation's key names its case, so the same violation never opens two cases, whoever
reports it; M-42's duties are the seed's four (第四十二条 (一)-(四))."""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from enforcement.domain import Article, ExchangeDuty, Violation, case_id_for, exchange_violation

AT = datetime(2026, 7, 3, 8, tzinfo=timezone.utc)


def test_s8_case_id_follows_the_article_and_the_violation():
    assert case_id_for(Article.M37, "E-1-2025-report") == "CASE-M37-E-1-2025-report"
    assert case_id_for(Article.M38_2, "VI-RPT-E-1-2025-1") == "CASE-M38-2-VI-RPT-E-1-2025-1"
    assert case_id_for(Article.M39, "E-1-2025") == "CASE-M39-E-1-2025"
    assert Violation(Article.M41, "AG-1", "F-1", "x", AT).case_id == "CASE-M41-F-1"


def test_s8_a_key_too_long_for_a_case_id_is_digested_the_same_way_every_time():
    key = "F-" + "x" * 200
    assert case_id_for(Article.M41, key) == case_id_for(Article.M41, key)
    assert len(case_id_for(Article.M41, key)) <= 100 and case_id_for(Article.M41, key).startswith("CASE-M41-")


def test_m42_exchange_duties_are_the_four_of_the_seed():
    assert [d.value for d in ExchangeDuty] == ["trading_information_not_published", "unlawful_fees",
                                               "no_risk_management", "filings_not_made"]
    v = exchange_violation("SEEE", ExchangeDuty.TRADING_INFORMATION_NOT_PUBLISHED, "2026-07-02",
                           "no market data for the trading day", AT, 2026)
    assert (v.article, v.party_id, v.case_id) == (
        Article.M42, "SEEE", "CASE-M42-trading_information_not_published-2026-07-02")
    assert "M-25" in v.allegation and "no market data" in v.allegation


def test_s8_a_case_id_of_exactly_100_characters_keeps_its_key_one_more_is_digested():
    prefix = "CASE-M41-"
    fits = "F-" + "x" * (100 - len(prefix) - 2)
    assert case_id_for(Article.M41, fits) == prefix + fits and len(prefix + fits) == 100
    longer = fits + "y"
    assert case_id_for(Article.M41, longer) == prefix + hashlib.sha256(longer.encode()).hexdigest()[:40]


def test_m42_an_exchange_violation_keeps_when_it_was_found_and_its_year():
    v = exchange_violation("SEEE", ExchangeDuty.UNLAWFUL_FEES, "T-0042", "fee above the schedule", AT, 2026)
    assert (v.found_at, v.compliance_year, v.key) == (AT, 2026, "unlawful_fees-T-0042")
    assert exchange_violation("SEEE", ExchangeDuty.FILINGS_NOT_MADE, "2026-Q2", "no filing", AT).compliance_year is None
