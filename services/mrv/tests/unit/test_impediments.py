"""M-13 ¶2 → M-38: the assigned agency records that the entity impeded the verification (false documents, concealed
information, refused documents, obstruction) — checked against the report case, pure domain."""
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from ets_shared.clock import REGULATORY_TZ
from ets_shared.errors import Conflict, RuleViolation

from mrv.domain.emissions import ActivitySource, SourceKind
from mrv.domain.impediments import ARTICLE, ImpedimentKind, record_impediment
from mrv.domain.policy import MrvPolicy
from mrv.domain.report_case import ReportCase

YEAR = 2023
POLICY = MrvPolicy.default(YEAR)
SUBMITTED = datetime(2024, 3, 1, 0, 30, tzinfo=REGULATORY_TZ)  # 2024-02-29 16:30 UTC: the Shanghai date counts
NOW = datetime(2024, 4, 10, 23, 30, tzinfo=REGULATORY_TZ)  # 2024-04-10 15:30 UTC


def case(*, covered=True, report=True) -> ReportCase:
    c = ReportCase("E-1", YEAR, "case-E-1")
    if report:
        c.submit_report("R-1", [ActivitySource(SourceKind.PROCESS, Decimal(10_000), "tCO2e")], covered=covered,
                        now=SUBMITTED, policy=POLICY)
    return c


def record(c=None, *, kind="documents_refused", description="ledgers withheld",
           evidence=("site visit minutes",), occurred_on=date(2024, 4, 8), now=NOW):
    return record_impediment(c if c is not None else case(), "VI-1", "AG-1", "agency:ops@AG-1", kind, description,
                             evidence, occurred_on, now)


def refusal(error, **kwargs):
    with pytest.raises(error) as caught:
        record(**kwargs)
    return caught.value.field, caught.value.article


def test_m38_the_record_carries_the_case_the_agency_and_what_happened():
    made = record(description="  fuel ledgers withheld twice ", evidence=[" minutes of 8 April ", "email"])
    assert (made.impediment_id, made.report_id, made.entity_id, made.year, made.agency_id, made.recorded_by) == (
        "VI-1", "R-1", "E-1", YEAR, "AG-1", "agency:ops@AG-1")
    assert made.kind is ImpedimentKind.DOCUMENTS_REFUSED
    assert (made.description, made.evidence) == ("fuel ledgers withheld twice", ("minutes of 8 April", "email"))
    assert made.occurred_on == date(2024, 4, 8)
    assert made.recorded_at == datetime(2024, 4, 10, 15, 30, tzinfo=timezone.utc)
    assert made.recorded_at.tzinfo is timezone.utc


@pytest.mark.parametrize(("kind", "article"), [("false_documents", "M-38-1"), ("information_concealed", "M-38-1"),
                                               ("documents_refused", "M-38-2"), ("obstruction", "M-38-2")])
def test_m38_false_or_concealed_is_paragraph_1_refusal_or_obstruction_paragraph_2(kind, article):
    made = record(kind=kind)
    assert made.kind is ImpedimentKind(kind) and made.article == article == ARTICLE[made.kind]


def test_m13_no_report_no_verification_to_impede():
    assert refusal(Conflict, c=case(report=False)) == ("report_id", "M-13")


def test_m38_only_a_covered_entitys_report_is_verified_and_punished():
    assert refusal(RuleViolation, c=case(covered=False)) == ("report_id", "M-38")


def test_m38_an_unknown_kind_is_refused_naming_kind():
    assert refusal(RuleViolation, kind="rudeness")[0] == "kind"


@pytest.mark.parametrize("description", ["", "   ", None])
def test_m38_says_what_happened(description):
    assert refusal(RuleViolation, description=description) == ("description", "M-38")


@pytest.mark.parametrize("evidence", [[], [""], ["minutes", "  "], ["minutes", 7]])
def test_m38_carries_evidence_every_item_non_blank(evidence):
    assert refusal(RuleViolation, evidence=evidence) == ("evidence", "M-38")


@pytest.mark.parametrize("occurred_on", [date(2024, 3, 1), date(2024, 4, 10)])
def test_m38_the_day_of_submission_and_today_are_both_during_the_verification(occurred_on):
    assert record(occurred_on=occurred_on).occurred_on == occurred_on


@pytest.mark.parametrize("occurred_on", [date(2024, 2, 29), date(2024, 4, 11),
                                         datetime(2024, 4, 8, 12, tzinfo=timezone.utc), "2024-04-08"])
def test_m38_before_the_submission_after_today_or_not_a_day_is_refused(occurred_on):
    assert refusal(RuleViolation, occurred_on=occurred_on) == ("occurred_on", "M-38")
