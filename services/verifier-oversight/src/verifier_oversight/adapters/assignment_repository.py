"""Repository of the assignment side (M-13 ¶1): covered entities, engagements with their revisions and progress,
assignment proposals, the agencies' verification history and their advisory relations."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ets_shared.errors import NotFound
from ets_shared.persistence.bulk import insert_rows
from ets_shared.persistence.mapping import to_columns, to_domain, to_row
from verifier_oversight.adapters.orm import (
    AdvisoryRelationRow, AssignmentProposalRow, AssignmentRevisionRow, CoveredEntityRow, EngagementRow,
    VerificationRecordRow,
)
from verifier_oversight.domain.assignments import AdvisoryRelation, Engagement, Proposed, Unplaced


@dataclass(frozen=True)
class CoveredEntity:
    entity_id: str
    name: str
    sector: str
    covered: bool


@dataclass(frozen=True)
class Proposal:
    proposal_id: str
    year: int
    entries: tuple[Proposed, ...]
    unplaced: tuple[Unplaced, ...]
    status: str  # PROPOSED, CONFIRMED, SUPERSEDED
    proposed_at: datetime
    proposed_by: str
    decided_at: datetime | None = None


class AssignmentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        #: rows read ahead (`read_ahead`), kept by the transaction's session (the repository starts afresh for each
        #: event of a consumed batch): those not found, not looked for again until this repository adds them; the
        #: engagements found (locked); the rows found, kept alive in the session's (weak) identity map
        info = session.info
        self._absent: set[tuple[type, object]] = info.setdefault("verifier-oversight.absent", set())
        self._engagements_ahead: set[tuple[str, int]] = info.setdefault("verifier-oversight.engagements", set())
        self._held: list[Any] = info.setdefault("verifier-oversight.held", [])
        #: registrations recorded and not yet written (`record_entity`), as their columns: written together by
        #: `write_entities` at the commit (a consumed batch's in one INSERT), or before any read of the entities
        self._entities_pending: dict[str, dict[str, Any]] = info.setdefault("verifier-oversight.entities_pending",
                                                                            {})

    def read_ahead(self, entity_ids: Sequence[str], year: int | None, *, entities: bool = False,
                   engagements: bool = False, verifications: bool = False) -> None:
        """Load what the events of a consumed batch (or a confirmed proposal) will look at — the entities, their
        engagements of `year` (locked) and their verification records — in one query per table and 500 entities,
        so that each event's reads query nothing."""
        self.write_entities()
        ids = sorted(set(entity_ids))
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            if entities:
                rows = self.session.execute(select(CoveredEntityRow).where(CoveredEntityRow.entity_id.in_(part)))
                found = self._hold(rows.scalars())
                self._absent.update((CoveredEntityRow, e) for e in part if e not in found)
            if year is None:
                continue
            if engagements:
                query = select(EngagementRow).where(EngagementRow.year == year, EngagementRow.entity_id.in_(part))
                found = self._hold(self.session.execute(query.with_for_update()).scalars())
                self._engagements_ahead.update((e, year) for e in found)
                self._absent.update((EngagementRow, (e, year)) for e in part if e not in found)
            if verifications:
                found = self._hold(self.session.execute(select(VerificationRecordRow).where(
                    VerificationRecordRow.year == year, VerificationRecordRow.entity_id.in_(part))).scalars())
                self._absent.update((VerificationRecordRow, (e, year)) for e in part if e not in found)

    def _hold(self, rows: Iterable[Any]) -> set[str]:
        """Keep the rows; their entity ids."""
        held = list(rows)
        self._held += held
        return {r.entity_id for r in held}

    def _get(self, model: type[Any], key: Any) -> Any:
        """`session.get`, without a query for a row read ahead and not found."""
        return None if (model, key) in self._absent else self.session.get(model, key)

    def _add(self, row: Any, key: Any) -> None:
        self._absent.discard((type(row), key))
        self.session.add(row)

    # -- covered entities (allocation's list) --------------------------------------------------------------
    def record_entity(self, entity_id: str, name: str, sector: str, covered: bool, at: datetime) -> bool:
        """Keep the newest registration; False when nothing changed (replayed or older). A new entity is written
        with the transaction's others by `write_entities` (the caller defers it to the commit)."""
        pending = self._entities_pending.get(entity_id)
        row: Any = pending if pending is not None else self._get(CoveredEntityRow, entity_id)
        if row is None:
            self._absent.discard((CoveredEntityRow, entity_id))
            self._entities_pending[entity_id] = dict(entity_id=entity_id, name=name, sector=sector, covered=covered,
                                                     registered_at=at)
            return True
        known = pending or {"name": row.name, "sector": row.sector, "covered": row.covered,
                            "registered_at": row.registered_at}
        if at < known["registered_at"] or (known["name"], known["sector"], known["covered"]) == (name, sector, covered):
            return False
        if pending is not None:
            pending.update(name=name, sector=sector, covered=covered, registered_at=at)
        else:
            row.name, row.sector, row.covered, row.registered_at = name, sector, covered, at
        return True

    def write_entities(self) -> None:
        """Write the entities `record_entity` added in this transaction, in one INSERT."""
        if self._entities_pending:
            rows = list(self._entities_pending.values())
            self._entities_pending.clear()
            insert_rows(self.session, CoveredEntityRow, rows)

    def entity(self, entity_id: str) -> CoveredEntity:
        self.write_entities()
        row = self._get(CoveredEntityRow, entity_id)
        if row is None or not row.covered:
            raise NotFound(f"{entity_id} is not a covered entity (allocation's list)", field="entity_id",
                           article="M-13")
        return to_domain(row, CoveredEntity)

    def unassigned(self, year: int, ineligible_agencies: list[str]) -> list[CoveredEntity]:
        """Covered entities of the year without a current assignment, or assigned to an agency now barred and not
        yet verified (they need a new one)."""
        self.write_entities()
        current = select(EngagementRow.entity_id).where(EngagementRow.year == year)
        stuck = current.where(EngagementRow.agency_id.in_(ineligible_agencies), EngagementRow.verified_at.is_(None))
        query = (select(CoveredEntityRow).where(CoveredEntityRow.covered.is_(True))
                 .where(CoveredEntityRow.entity_id.not_in(current) | CoveredEntityRow.entity_id.in_(stuck))
                 .order_by(CoveredEntityRow.entity_id))
        return [to_domain(r, CoveredEntity) for r in self.session.execute(query).scalars()]

    # -- engagements ---------------------------------------------------------------------------------------
    def engagement(self, entity_id: str, year: int, *, for_update: bool = False) -> Engagement | None:
        if (EngagementRow, (entity_id, year)) in self._absent:
            return None
        if (entity_id, year) in self._engagements_ahead:  # read ahead and locked: in the session, current
            found = self.session.get(EngagementRow, (entity_id, year))
            return None if found is None else to_domain(found, Engagement)
        query = select(EngagementRow).where(EngagementRow.entity_id == entity_id, EngagementRow.year == year)
        row = self.session.execute(query.with_for_update() if for_update else query).scalar_one_or_none()
        return None if row is None else to_domain(row, Engagement)

    def save(self, engagement: Engagement, assigned_by: str | None = None) -> None:
        """Save the engagement; with `assigned_by` it is a new revision, kept in the history."""
        key = (engagement.entity_id, engagement.year)
        self._add(to_row(engagement, EngagementRow, self._get(EngagementRow, key)), key)
        if assigned_by is not None:
            self.session.add(to_row(engagement, AssignmentRevisionRow, assigned_by=assigned_by))

    def record_determination(self, engagement: Engagement, determined_at: datetime, revision: int) -> None:
        """M-15: the engagement's latest determination — two columns of its row, which `engagement` has just read
        (and locked) into the session, set without copying the whole engagement back (a batch of determinations
        updates thousands)."""
        row = self.session.get(EngagementRow, (engagement.entity_id, engagement.year))
        if row is None:
            raise NotFound(f"no engagement of {engagement.entity_id} for {engagement.year}", field="entity_id")
        row.determined_at, row.determined_revision = determined_at, revision

    def add_first(self, engagements: Sequence[Engagement], assigned_by: str) -> None:
        """Save entity-years' first engagements (none existed: `engagement` found none), with their first revision,
        in one multi-row INSERT per table — a confirmed proposal of 10,000 entries built and flushed 20,000 ORM rows."""
        insert_rows(self.session, EngagementRow, [to_columns(e, EngagementRow) for e in engagements])
        insert_rows(self.session, AssignmentRevisionRow,
                    [to_columns(e, AssignmentRevisionRow, assigned_by=assigned_by) for e in engagements])
        self._absent.difference_update((EngagementRow, (e.entity_id, e.year)) for e in engagements)

    def engagements(self, year: int, agency_id: str | None = None, offset: int = 0,
                    limit: int | None = None) -> list[Engagement]:
        query = select(EngagementRow).where(EngagementRow.year == year)
        if agency_id is not None:
            query = query.where(EngagementRow.agency_id == agency_id)
        query = query.order_by(EngagementRow.entity_id).offset(offset).limit(limit)
        return [to_domain(r, Engagement) for r in self.session.execute(query).scalars()]

    def engaged_entities(self, agency_id: str, year: int) -> list[str]:
        query = select(EngagementRow.entity_id).where(EngagementRow.year == year,
                                                      EngagementRow.agency_id == agency_id)
        return sorted(self.session.execute(query).scalars())

    def loads(self, year: int) -> dict[str, int]:
        query = select(EngagementRow.agency_id, func.count()).where(EngagementRow.year == year).group_by(
            EngagementRow.agency_id)
        return dict(self.session.execute(query).all())

    def agencies_that_worked(self, year: int) -> list[str]:
        query = select(EngagementRow.agency_id).where(EngagementRow.year == year).distinct()
        return sorted(self.session.execute(query).scalars())

    def revisions(self, entity_id: str, year: int) -> list[tuple[Engagement, str]]:
        query = (select(AssignmentRevisionRow).where(AssignmentRevisionRow.entity_id == entity_id,
                                                     AssignmentRevisionRow.year == year)
                 .order_by(AssignmentRevisionRow.revision))
        return [(to_domain(r, Engagement), r.assigned_by) for r in self.session.execute(query).scalars()]

    # -- proposals -----------------------------------------------------------------------------------------
    def proposal(self, proposal_id: str, *, for_update: bool = False) -> Proposal:
        query = select(AssignmentProposalRow).where(AssignmentProposalRow.proposal_id == proposal_id)
        row = self.session.execute(query.with_for_update() if for_update else query).scalar_one_or_none()
        if row is None:
            raise NotFound(f"no assignment proposal {proposal_id}", field="proposal_id", article="M-13")
        return to_domain(row, Proposal, entries=tuple(Proposed(**e) for e in row.entries),
                         unplaced=tuple(Unplaced(**u) for u in row.unplaced))

    def save_proposal(self, proposal: Proposal) -> None:
        self.session.add(to_row(proposal, AssignmentProposalRow,
                                self.session.get(AssignmentProposalRow, proposal.proposal_id),
                                entries=[vars(e) for e in proposal.entries],
                                unplaced=[vars(u) for u in proposal.unplaced]))

    def open_proposals(self, year: int) -> list[Proposal]:
        query = select(AssignmentProposalRow.proposal_id).where(AssignmentProposalRow.year == year,
                                                                AssignmentProposalRow.status == "PROPOSED")
        return [self.proposal(p) for p in self.session.execute(query).scalars()]

    # -- verification history and advisory relations (conflicts of interest) -------------------------------
    def record_verification(self, entity_id: str, year: int, agency_id: str, verification_id: str,
                            filed_at: datetime) -> bool:
        if self._get(VerificationRecordRow, (entity_id, year)) is not None:
            return False
        self._add(VerificationRecordRow(entity_id=entity_id, year=year, agency_id=agency_id,
                                        verification_id=verification_id, filed_at=filed_at), (entity_id, year))
        return True

    def verification_filed(self, entity_id: str, year: int) -> bool:
        return self._get(VerificationRecordRow, (entity_id, year)) is not None

    def history_of(self, entity_ids: list[str], years: range) -> dict[tuple[str, str], set[int]]:
        """(agency_id, entity_id) -> years verified, for these entities within `years`."""
        query = select(VerificationRecordRow.agency_id, VerificationRecordRow.entity_id, VerificationRecordRow.year
                       ).where(VerificationRecordRow.entity_id.in_(entity_ids),
                               VerificationRecordRow.year >= years.start, VerificationRecordRow.year < years.stop)
        out: dict[tuple[str, str], set[int]] = {}
        for agency_id, entity_id, year in self.session.execute(query).all():
            out.setdefault((agency_id, entity_id), set()).add(year)
        return out

    def add_advisory(self, relation: AdvisoryRelation, at: datetime, by: str) -> None:
        self.session.add(to_row(relation, AdvisoryRelationRow, declared_at=at, declared_by=by))

    def advisories(self, *, entity_ids: list[str] | None = None, agency_id: str | None = None
                   ) -> list[AdvisoryRelation]:
        query = select(AdvisoryRelationRow).order_by(AdvisoryRelationRow.id)
        if entity_ids is not None:
            query = query.where(AdvisoryRelationRow.entity_id.in_(entity_ids))
        if agency_id is not None:
            query = query.where(AdvisoryRelationRow.agency_id == agency_id)
        return [to_domain(r, AdvisoryRelation) for r in self.session.execute(query).scalars()]
