"""What the enforcement office tells others, read-only: the departments' questions (M-40 measures in force, each
answer with the cases behind it) and the public's list of violations and measures in force (M-40(1) publication)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from ets_shared.clock import regulatory_date, utcnow
from ets_shared.persistence.tables import RegulatoryClock
from enforcement.adapters import queries
from enforcement.domain import CATALOGUE, Article, Measure, eligibility
from enforcement.domain.eligibility import Answer


def today(session: Session) -> date:
    """The regulatory date: of the latest tick this service processed, else the wall clock's."""
    clock = session.get(RegulatoryClock, 1)
    return regulatory_date(clock.now if clock else utcnow())


def special_funds(session: Session, entity_id: str, year: int) -> Answer:
    return eligibility.special_funds(queries.measures_of(session, entity_id), year)


def awards(session: Session, entity_id: str, on: date) -> Answer:
    return eligibility.awards(queries.measures_of(session, entity_id), on)


def project_assessment(session: Session, entity_id: str, year: int) -> Answer:
    return eligibility.project_assessment(queries.measures_of(session, entity_id), year)


def credit_records(session: Session, entity_id: str, on: date | None) -> list[Measure]:
    return eligibility.credit_records(queries.measures_of(session, entity_id), on)


def measures_in_force(session: Session, on: date, offset: int, limit: int) -> list[Measure]:
    return queries.measures_in_force(session, on, offset=offset, limit=limit)


@dataclass(frozen=True)
class PublicViolation:
    case_id: str
    article: str
    violation: str
    party_kind: str
    party_id: str
    compliance_year: int | None
    decided_on: date
    fine_amount: Decimal | None
    measures_in_force: list[Measure]


def public_violations(session: Session, on: date, offset: int, limit: int) -> list[PublicViolation]:
    found = []
    rows = queries.public_cases(session, on, offset=offset, limit=limit)
    of_case = queries.measures_of_cases(session, [r.case_id for r in rows])
    for row in rows:
        measures = [m for m in of_case[row.case_id] if m.in_force_on(on)]
        decided = [regulatory_date(row.fine_decided_at)] if row.fine_decided_at and not row.fine_revoked_at else []
        live_fine = row.fine_amount if row.fine_decided_at and not row.fine_revoked_at else None
        found.append(PublicViolation(row.case_id, row.article, CATALOGUE[Article(row.article)].violation,
                                     row.party_kind, row.party_id, row.compliance_year,
                                     min(decided + [m.starts_on for m in measures]), live_fine, measures))
    return found
