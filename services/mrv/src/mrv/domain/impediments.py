"""M-13 ¶2 → M-38: the entity must cooperate with the verification — a covered entity that gives the agency false
or untrue documents or conceals important information (M-38 ¶1), or unreasonably resists or obstructs the work
(M-38 ¶2: refused documents, refused access), is an enforcement matter. The assigned agency records what happened
on the engagement, and enforcement opens the case (`verification.impeded`).

`record_impediment` checks the record against the report case: the report exists and is a covered entity's (only
those are verified, and M-38 punishes "纳入配额管理的单位"); what happened, the evidence, and the day — between the
report's submission and today — are stated.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Literal, Sequence

from ets_shared.clock import as_utc, regulatory_date
from ets_shared.errors import Conflict, RuleViolation

from mrv.domain.report_case import ReportCase


class ImpedimentKind(StrEnum):
    FALSE_DOCUMENTS = "false_documents"  # 提供虚假、不实的文件资料 (M-38 ¶1)
    INFORMATION_CONCEALED = "information_concealed"  # 隐瞒重要信息 (M-38 ¶1)
    DOCUMENTS_REFUSED = "documents_refused"  # 无理抗拒: documents withheld from the agency (M-38 ¶2)
    OBSTRUCTION = "obstruction"  # 阻碍: access refused, work obstructed (M-38 ¶2)


ImpedimentArticle = Literal["M-38-1", "M-38-2"]  # ¶1: false documents, concealment; ¶2: refusal, obstruction
ARTICLE: dict[ImpedimentKind, ImpedimentArticle] = {
    ImpedimentKind.FALSE_DOCUMENTS: "M-38-1", ImpedimentKind.INFORMATION_CONCEALED: "M-38-1",
    ImpedimentKind.DOCUMENTS_REFUSED: "M-38-2", ImpedimentKind.OBSTRUCTION: "M-38-2"}


@dataclass(frozen=True)
class VerificationImpediment:
    impediment_id: str
    report_id: str
    entity_id: str
    year: int
    agency_id: str
    recorded_by: str
    kind: ImpedimentKind
    description: str
    evidence: tuple[str, ...]
    occurred_on: date
    recorded_at: datetime

    @property
    def article(self) -> ImpedimentArticle:
        return ARTICLE[self.kind]


def record_impediment(case: ReportCase, impediment_id: str, agency_id: str, recorded_by: str, kind: str,
                      description: str, evidence: Sequence[str], occurred_on: date,
                      now: datetime) -> VerificationImpediment:
    report = case.report
    if report is None:
        raise Conflict(f"the {case.year} report of {case.entity_id} was never submitted: there is no verification "
                       "to impede", field="report_id", article="M-13")
    if not case.covered:
        raise RuleViolation("only covered entities' reports are verified (M-38 punishes covered entities)",
                            field="report_id", article="M-38")
    try:
        kind = ImpedimentKind(kind)
    except ValueError:
        raise RuleViolation(f"unknown kind {kind!r}", field="kind") from None
    if not isinstance(description, str) or not description.strip():
        raise RuleViolation("say what happened", field="description", article="M-38")
    items = tuple(e.strip() for e in evidence if isinstance(e, str) and e.strip())
    if not items or len(items) != len(evidence):
        raise RuleViolation("a record of an impediment carries its evidence, every item non-blank", field="evidence",
                            article="M-38")
    now = as_utc(now)
    submitted, today = regulatory_date(report.submitted_at), regulatory_date(now)
    if not isinstance(occurred_on, date) or isinstance(occurred_on, datetime) or not (
            submitted <= occurred_on <= today):
        raise RuleViolation(f"it happened during the verification: between the report's submission {submitted} and "
                            f"today {today}", field="occurred_on", article="M-38")
    return VerificationImpediment(impediment_id, report.report_id, case.entity_id, case.year, agency_id, recorded_by,
                                  kind, description.strip(), items, occurred_on, now)
