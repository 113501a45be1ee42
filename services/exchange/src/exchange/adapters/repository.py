"""Repositories: domain members and applications in and out of the exchange's tables."""
from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ets_shared.errors import NotFound
from ets_shared.persistence.bulk import insert_rows
from ets_shared.persistence.mapping import to_columns, to_domain, to_row
from exchange.adapters.orm import ComprehensiveApplicationRow, MemberRow
from exchange.domain.applications import ApplicationStatus, ComprehensiveApplication
from exchange.domain.members import Member


class MemberRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, member_id: str) -> Member:
        row = self.session.get(MemberRow, member_id)
        if row is None:
            raise NotFound(f"no member {member_id}", field="member_id")
        return to_domain(row, Member)

    def clashing(self, member_id: str, covered_entity_id: str | None) -> list[Member]:
        """The only members a new admission can clash with: same id, or same covered entity."""
        condition = MemberRow.member_id == member_id
        if covered_entity_id is not None:
            condition = or_(condition, MemberRow.covered_entity_id == covered_entity_id)
        return [to_domain(r, Member) for r in self.session.execute(select(MemberRow).where(condition)).scalars()]

    def clashing_any(self, member_ids: list[str], covered_entity_ids: list[str]) -> list[Member]:
        """`clashing` for many admissions at once: the members with any of these ids or covered entities."""
        condition = or_(MemberRow.member_id.in_(member_ids), MemberRow.covered_entity_id.in_(covered_entity_ids))
        return [to_domain(r, Member) for r in self.session.execute(select(MemberRow).where(condition)).scalars()]

    def save(self, member: Member) -> None:
        self.session.add(to_row(member, MemberRow, self.session.get(MemberRow, member.member_id)))

    def add_all(self, members: list[Member]) -> None:
        """New members, one multi-row INSERT (no ORM flush per row)."""
        insert_rows(self.session, MemberRow, [to_columns(m, MemberRow) for m in members])

    def list(self, offset: int = 0, limit: int = 100) -> list[Member]:
        query = select(MemberRow).order_by(MemberRow.member_id).offset(offset).limit(limit)
        return [to_domain(r, Member) for r in self.session.execute(query).scalars()]


class ApplicationRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, application_id: str) -> ComprehensiveApplication:
        row = self.session.get(ComprehensiveApplicationRow, application_id)
        if row is None:
            raise NotFound(f"no application {application_id}", field="application_id")
        return to_domain(row, ComprehensiveApplication)

    def for_member_or_id(self, member_id: str, application_id: str) -> list[ComprehensiveApplication]:
        query = select(ComprehensiveApplicationRow).where(or_(
            ComprehensiveApplicationRow.application_id == application_id,
            (ComprehensiveApplicationRow.member_id == member_id)
            & (ComprehensiveApplicationRow.status == ApplicationStatus.PENDING.value)))
        return [to_domain(r, ComprehensiveApplication) for r in self.session.execute(query).scalars()]

    def save(self, application: ComprehensiveApplication) -> None:
        existing = self.session.get(ComprehensiveApplicationRow, application.application_id)
        self.session.add(to_row(application, ComprehensiveApplicationRow, existing))
