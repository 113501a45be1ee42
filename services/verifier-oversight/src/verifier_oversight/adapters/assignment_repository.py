"""Repository of the assignment side (M-13 ¶1): covered entities, engagements with their revisions and progress,
assignment proposals, the agencies' verification history and their advisory relations."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ets_shared.errors import NotFound
from ets_shared.persistence.bulk import insert_rows, update_rows
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
        #: the covered entities read ahead, by id (the same rows as the session's): `entity` finds them without the
        #: session's identity lookup, which cost more than the rest of the read for each entry of a confirmed proposal
        self._entities_ahead: dict[str, CoveredEntityRow] = info.setdefault("verifier-oversight.entities_ahead", {})
        #: registrations recorded and not yet written (`record_entity`), as their columns: written together by
        #: `write_entities` at the commit (a consumed batch's in one INSERT), or before any read of the entities
        self._entities_pending: dict[str, dict[str, Any]] = info.setdefault("verifier-oversight.entities_pending",
                                                                            {})
        #: verifications recorded and not yet written (`record_verification`), the same way (`write_verifications`)
        self._verifications_pending: dict[tuple[str, int], dict[str, Any]] = info.setdefault(
            "verifier-oversight.verifications_pending", {})
        #: engagements' progress set by events (`record_verified`, `record_determination`) and not yet written: the
        #: row and its changed columns, written in one UPDATE per set of columns by `write_progress` at the commit
        self._progress_pending: dict[tuple[str, int], tuple[EngagementRow, dict[str, Any]]] = info.setdefault(
            "verifier-oversight.progress_pending", {})

    def read_ahead(self, entity_ids: Sequence[str], year: int | None, *, entities: bool = False,
                   engagements: bool = False, verifications: bool = False) -> None:
        """Load what the events of a consumed batch (or a confirmed proposal) will look at — the entities, their
        engagements of `year` (locked) and their verification records — in one query per table and 500 entities,
        so that each event's reads query nothing."""
        self.write_entities()
        self.write_verifications()
        ids = sorted(set(entity_ids))
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            if entities:
                rows = self.session.execute(select(CoveredEntityRow).where(CoveredEntityRow.entity_id.in_(part)))
                held = list(rows.scalars())
                self._entities_ahead.update((r.entity_id, r) for r in held)
                found = self._hold(held)
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
        row = self._entities_ahead.get(entity_id) or self._get(CoveredEntityRow, entity_id)
        if row is None or not row.covered:
            raise NotFound(f"{entity_id} is not a covered entity (allocation's list)", field="entity_id",
                           article="M-13")
        return CoveredEntity(row.entity_id, row.name, row.sector, row.covered)

    def unassigned(self, year: int, ineligible_agencies: list[str]) -> list[CoveredEntity]:
        """Covered entities of the year without a current assignment, or assigned to an agency now barred and not
        yet verified (they need a new one)."""
        self.write_entities()
        self.write_progress()
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
        self._progress(engagement, determined_at=determined_at, determined_revision=revision)

    def record_verified(self, engagement: Engagement, verification_id: str, verified_at: datetime) -> None:
        """M-13: the engagement's verification — two columns of its row, as `record_determination` (a batch of
        verifications copied thousands of whole engagements back)."""
        self._progress(engagement, verification_id=verification_id, verified_at=verified_at)

    def _progress(self, engagement: Engagement, **columns: Any) -> None:
        """Set columns of the engagement's row in the session as its stored values (the ORM flushes nothing for
        them: an UPDATE per row cost more than the event) and keep them for `write_progress` at the commit."""
        key = (engagement.entity_id, engagement.year)
        row = self.session.get(EngagementRow, key)
        if row is None:
            raise NotFound(f"no engagement of {engagement.entity_id} for {engagement.year}", field="entity_id")
        for name, value in columns.items():
            set_committed_value(row, name, value)
        self._progress_pending.setdefault(key, (row, {}))[1].update(columns)

    def write_progress(self) -> None:
        """Write the engagements' progress the transaction's events set (the unit of work's commit)."""
        if self._progress_pending:
            rows = [{"entity_id": entity_id, "year": year, **columns}
                    for (entity_id, year), (_row, columns) in self._progress_pending.items()]
            self._progress_pending.clear()
            update_rows(self.session, EngagementRow, rows)

    def forget_pending(self) -> None:
        """Not committed: nothing recorded stays pending, and the rows whose progress was set are read afresh if
        used again."""
        for row, _columns in self._progress_pending.values():
            self.session.expire(row)
        self._progress_pending.clear()
        self._verifications_pending.clear()
        self._entities_pending.clear()

    def add_first(self, engagements: Sequence[Engagement], assigned_by: str) -> None:
        """Save entity-years' first engagements (none existed: `engagement` found none), with their first revision,
        in one multi-row INSERT per table — a confirmed proposal of 10,000 entries built and flushed 20,000 ORM rows."""
        insert_rows(self.session, EngagementRow, [to_columns(e, EngagementRow) for e in engagements])
        insert_rows(self.session, AssignmentRevisionRow,
                    [to_columns(e, AssignmentRevisionRow, assigned_by=assigned_by) for e in engagements])
        self._absent.difference_update((EngagementRow, (e.entity_id, e.year)) for e in engagements)

    def engagements(self, year: int, agency_id: str | None = None, offset: int = 0,
                    limit: int | None = None) -> list[Engagement]:
        self.write_progress()
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
        """The entity-year's first verification; False when it had one. A new one is written with the
        transaction's others by `write_verifications` (the caller defers it to the commit)."""
        if self.verification_filed(entity_id, year):
            return False
        self._absent.discard((VerificationRecordRow, (entity_id, year)))
        self._verifications_pending[(entity_id, year)] = dict(
            entity_id=entity_id, year=year, agency_id=agency_id, verification_id=verification_id, filed_at=filed_at)
        return True

    def write_verifications(self) -> None:
        """Write the verifications `record_verification` added in this transaction, in one INSERT."""
        if self._verifications_pending:
            rows = list(self._verifications_pending.values())
            self._verifications_pending.clear()
            insert_rows(self.session, VerificationRecordRow, rows)

    def verification_filed(self, entity_id: str, year: int) -> bool:
        return ((entity_id, year) in self._verifications_pending
                or self._get(VerificationRecordRow, (entity_id, year)) is not None)

    def history_of(self, entity_ids: list[str], years: range) -> dict[tuple[str, str], set[int]]:
        """(agency_id, entity_id) -> years verified, for these entities within `years`."""
        self.write_verifications()
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
