"""This service's copies of facts owned elsewhere: who may sign verification work (verifier-oversight: filing, tender
awards, blacklist, certificates, assignments, its eligibility verdict; V, M-13 ¶1, M-14) and who is covered
(allocation, M-5). Each `record_*` returns whether anything changed, so a replayed or stale fact is a no-op; facts
carry their own instant or revision, and an older fact never overwrites a newer one."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ets_shared.persistence.bulk import insert_rows
from mrv.adapters.orm import (
    AgencyAwardRow, AgencyBlacklistingRow, AgencyEligibilityRow, AgencyFilingRow, CoveredEntityRow,
    EntitySuccessorRow, VerificationAssignmentRow, VerifierCertificateRow,
)
from mrv.domain.signatories import VerifierDirectory

_DIRECTORIES = "mrv.preloaded_directories"  # session.info key: signatories read ahead for a bulk request
_COVERAGE = "mrv.preloaded_coverage"  # session.info key: {entity: (covered, covered from) or None} read ahead
_ASSIGNED = "mrv.preloaded_assignments"  # session.info key: {(entity, year): agency or None} read ahead


@dataclass(frozen=True)
class AgencyStanding:
    """Per agency and year: every fact mrv holds and whether it may sign (`bars` empty: filed, selected, not barred,
    a verifier with a valid certificate, at least one entity assigned)."""

    agency_id: str
    filing_status: str | None
    selected: bool
    blacklisted: bool
    verdict: str | None  # verifier oversight's latest "not eligible" reason, if any
    assignments: int
    bars: list[str]


class SignatoryRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        #: read ahead and not found: `record_assignment` adds them; and the rows found, kept alive in the session's
        #: identity map (both kept by the transaction's session: the repository starts afresh for each event)
        self._unassigned: set[tuple[str, int]] = session.info.setdefault("mrv.unassigned", set())
        self._held: list[VerificationAssignmentRow] = session.info.setdefault("mrv.assignments_held", [])
        #: new assignments `record_assignment` collected, written in one multi-row INSERT before any read of them
        #: and at commit (`write_pending`): an ORM row built and flushed per assignment was most of the consumer's CPU
        self._pending: dict[tuple[str, int], dict[str, Any]] = session.info.setdefault("mrv.assignments_pending", {})

    def write_pending(self) -> None:
        if self._pending:
            insert_rows(self.session, VerificationAssignmentRow, list(self._pending.values()))
            self._pending.clear()

    def _directory(self, agency_ids: list[str], year: int, *, verifier_id: str | None = None,
                   entity_id: str | None = None) -> VerifierDirectory:
        directory = VerifierDirectory()
        for row in self.session.execute(select(AgencyFilingRow).where(AgencyFilingRow.agency_id.in_(agency_ids))
                                        ).scalars():
            directory.record_filing(row.agency_id, row.status)
        for eligibility in self.session.execute(select(AgencyEligibilityRow).where(
                AgencyEligibilityRow.agency_id.in_(agency_ids), AgencyEligibilityRow.compliance_year == year)
                ).scalars():
            if not eligibility.eligible:
                directory.record_exclusion(eligibility.agency_id, year, eligibility.reason)
        awarded = select(AgencyAwardRow.agency_id).where(AgencyAwardRow.agency_id.in_(agency_ids),
                                                         AgencyAwardRow.compliance_year == year).distinct()
        for agency_id in self.session.execute(awarded).scalars():
            directory.record_selection(agency_id, year)
        for listed in self.session.execute(select(AgencyBlacklistingRow).where(
                AgencyBlacklistingRow.agency_id.in_(agency_ids), AgencyBlacklistingRow.from_year <= year,
                AgencyBlacklistingRow.to_year >= year)).scalars():
            directory.record_blacklisting(listed.agency_id, listed.from_year, listed.to_year)
        for cert in self.certificates(year, verifier_id=verifier_id):
            directory.record_certificate(cert.certificate_no, cert.verifier_id, cert.agency_id, year)
            if cert.revoked_at is not None:
                directory.record_revocation(cert.certificate_no)
        if entity_id is not None:
            self.write_pending()
            assignment = self.session.get(VerificationAssignmentRow, (entity_id, year))
            if assignment is not None:
                directory.record_assignment(entity_id, year, assignment.agency_id)
        return directory

    def directory_for(self, agency_id: str, verifier_id: str, year: int,
                      entity_id: str | None = None) -> VerifierDirectory:
        """Only the candidate rows: the agency's facts for the year, the verifier's certificates, the entity's
        assignment. Read once per (agency, verifier, year) when a bulk request read its signatories ahead
        (`preload`), the entity's assignment then from the agencies it read (one read ahead and not found has none)."""
        preloaded = self.session.info.get(_DIRECTORIES, {}).get((agency_id, verifier_id, year))
        if preloaded is None:
            return self._directory([agency_id], year, verifier_id=verifier_id, entity_id=entity_id)
        if entity_id is not None and (entity_id, year) not in preloaded.assignments:
            assigned = self.session.info.get(_ASSIGNED, {})
            if (entity_id, year) in assigned:  # read ahead (None: not assigned)
                assigned_to = assigned[(entity_id, year)]
            else:
                self.write_pending()
                row = self.session.get(VerificationAssignmentRow, (entity_id, year))
                assigned_to = row.agency_id if row is not None else None
            if assigned_to is not None:
                preloaded.record_assignment(entity_id, year, assigned_to)
        return preloaded

    def read_assignments_ahead(self, entity_years: Iterable[tuple[str, int]]) -> None:
        """A consumed batch of assignments: the assignments held for them in one query per year and 500 entities;
        those not held are remembered, so that `record_assignment` of them queries nothing."""
        self.write_pending()
        by_year: dict[int, set[str]] = {}
        for entity_id, year in entity_years:
            by_year.setdefault(year, set()).add(entity_id)
        for year, entity_ids in by_year.items():
            ids = sorted(entity_ids)
            for start in range(0, len(ids), 500):
                part = ids[start:start + 500]
                rows = self.session.execute(select(VerificationAssignmentRow).where(
                    VerificationAssignmentRow.compliance_year == year,
                    VerificationAssignmentRow.entity_id.in_(part))).scalars().all()
                self._held += rows
                found = {r.entity_id for r in rows}
                self._unassigned.update((e, year) for e in part if e not in found)

    def preload(self, signatories: Iterable[tuple[str, str, int]], entity_years: Iterable[tuple[str, int]]) -> None:
        """For the verifications of one bulk request, in its transaction (nothing in it changes these facts): the
        directory of each (agency, verifier, year) once, and the entities' assignments in one query per year (and
        500), as their agencies."""
        self.write_pending()
        directories = self.session.info.setdefault(_DIRECTORIES, {})
        for agency_id, verifier_id, year in set(signatories):
            directories[(agency_id, verifier_id, year)] = self._directory([agency_id], year, verifier_id=verifier_id)
        by_year: dict[int, set[str]] = {}
        for entity_id, year in entity_years:
            by_year.setdefault(year, set()).add(entity_id)
        assigned = self.session.info.setdefault(_ASSIGNED, {})
        for year, entity_ids in by_year.items():  # their agencies, not row objects: `directory_for` reads no row
            ids = sorted(entity_ids)
            for start in range(0, len(ids), 500):
                part = ids[start:start + 500]
                assigned.update(dict.fromkeys(((e, year) for e in part), None))
                assigned.update(((entity_id, year), agency_id) for entity_id, agency_id in self.session.execute(
                    select(VerificationAssignmentRow.entity_id, VerificationAssignmentRow.agency_id).where(
                        VerificationAssignmentRow.compliance_year == year,
                        VerificationAssignmentRow.entity_id.in_(part))))

    # -- facts -----------------------------------------------------------------------------------------------
    def record_eligibility(self, agency_id: str, year: int, eligible: bool, reason: str, at: datetime) -> bool:
        row = self.session.get(AgencyEligibilityRow, (agency_id, year))
        if row is None:
            self.session.add(AgencyEligibilityRow(agency_id=agency_id, compliance_year=year, eligible=eligible,
                                                  reason=reason, changed_at=at))
            return True
        if at < row.changed_at or (row.eligible, row.reason, row.changed_at) == (eligible, reason, at):
            return False
        row.eligible, row.reason, row.changed_at = eligible, reason, at
        return True

    def record_filing(self, agency_id: str, status: str, version: int, at: datetime) -> bool:
        row = self.session.get(AgencyFilingRow, agency_id)
        if row is None:
            self.session.add(AgencyFilingRow(agency_id=agency_id, status=status, version=version, changed_at=at))
            return True
        if version <= row.version:
            return False
        row.status, row.version, row.changed_at = status, version, at
        return True

    def record_award(self, agency_id: str, year: int, tender_id: str, lot_no: int, at: datetime) -> bool:
        if self.session.get(AgencyAwardRow, (agency_id, year, tender_id, lot_no)) is not None:
            return False
        self.session.add(AgencyAwardRow(agency_id=agency_id, compliance_year=year, tender_id=tender_id,
                                        lot_no=lot_no, awarded_at=at))
        return True

    def record_blacklisting(self, agency_id: str, evaluated_year: int, from_year: int, to_year: int,
                            reason: str) -> bool:
        if self.session.get(AgencyBlacklistingRow, (agency_id, evaluated_year)) is not None:
            return False
        self.session.add(AgencyBlacklistingRow(agency_id=agency_id, evaluated_year=evaluated_year,
                                               from_year=from_year, to_year=to_year, reason=reason))
        return True

    def record_assignment(self, entity_id: str, year: int, agency_id: str, revision: int, at: datetime) -> bool:
        new = dict(entity_id=entity_id, compliance_year=year, agency_id=agency_id, revision=revision, assigned_at=at)
        pending = self._pending.get((entity_id, year))
        if pending is not None:  # collected in this transaction: a later revision replaces it
            if revision <= pending["revision"]:
                return False
            self._pending[(entity_id, year)] = new
            return True
        if (entity_id, year) in self._unassigned:
            self._unassigned.discard((entity_id, year))
            row = None
        else:
            self.write_pending()
            row = self.session.get(VerificationAssignmentRow, (entity_id, year))
        if row is None:
            self._pending[(entity_id, year)] = new
            return True
        if revision <= row.revision:
            return False
        row.agency_id, row.revision, row.assigned_at = agency_id, revision, at
        return True

    def record_certificate(self, certificate_no: str, verifier_id: str, agency_id: str, year: int,
                           issued_at: datetime) -> bool:
        row = self.session.get(VerifierCertificateRow, certificate_no)
        if row is None:
            row = VerifierCertificateRow(certificate_no=certificate_no, verifier_id=verifier_id, agency_id=agency_id,
                                         compliance_year=year)
            self.session.add(row)
        elif row.issued_at is not None:
            return False
        row.issued_at = issued_at
        return True

    def record_revocation(self, certificate_no: str, verifier_id: str, agency_id: str, year: int,
                          revoked_at: datetime, reason: str) -> bool:
        """A revocation may arrive before the certificate it revokes: it is kept and applies when that comes."""
        row = self.session.get(VerifierCertificateRow, certificate_no)
        if row is None:
            row = VerifierCertificateRow(certificate_no=certificate_no, verifier_id=verifier_id, agency_id=agency_id,
                                         compliance_year=year)
            self.session.add(row)
        elif row.revoked_at is not None:
            return False
        row.revoked_at, row.revoke_reason = revoked_at, reason
        return True

    # -- the year's view -------------------------------------------------------------------------------------
    def certificates(self, year: int, *, verifier_id: str | None = None) -> list[VerifierCertificateRow]:
        query = select(VerifierCertificateRow).where(VerifierCertificateRow.compliance_year == year)
        if verifier_id is not None:
            query = query.where(VerifierCertificateRow.verifier_id == verifier_id)
        return list(self.session.execute(query.order_by(VerifierCertificateRow.certificate_no)).scalars())

    def standings(self, year: int) -> list[AgencyStanding]:
        """Every agency some fact of `year` names (an award, a verdict, a certificate, an assignment, a blacklisting
        covering it), with what mrv holds about it and why it may not sign yet."""
        self.write_pending()
        named = [
            select(AgencyAwardRow.agency_id).where(AgencyAwardRow.compliance_year == year),
            select(AgencyEligibilityRow.agency_id).where(AgencyEligibilityRow.compliance_year == year),
            select(VerifierCertificateRow.agency_id).where(VerifierCertificateRow.compliance_year == year),
            select(VerificationAssignmentRow.agency_id).where(VerificationAssignmentRow.compliance_year == year),
        ]
        agency_ids = sorted({a for query in named for a in self.session.execute(query).scalars()})
        directory = self._directory(agency_ids, year)
        counts = dict(self.session.execute(
            select(VerificationAssignmentRow.agency_id, func.count()).where(
                VerificationAssignmentRow.compliance_year == year).group_by(VerificationAssignmentRow.agency_id)
        ).all())
        certified = {c.agency_id for c in directory.certificates.values() if c.certificate_no not in directory.revoked}
        out = []
        for agency_id in agency_ids:
            bars = directory.agency_bars(agency_id, year)
            if agency_id not in certified:
                bars.append(f"no verifier of agency {agency_id} holds a valid work certificate for {year}")
            if not counts.get(agency_id):
                bars.append(f"no entity's {year} verification is assigned to agency {agency_id} (M-13)")
            out.append(AgencyStanding(agency_id, directory.filings.get(agency_id),
                                      (agency_id, year) in {(s.agency_id, s.year) for s in directory.selections},
                                      directory.blacklisting(agency_id, year) is not None,
                                      directory.exclusions.get((agency_id, year)), counts.get(agency_id, 0), bars))
        return out


class CoveredEntityRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        #: read ahead and not found: `record` adds them; and the rows found, kept alive in the session's identity
        #: map (both kept by the transaction's session: the repository starts afresh for each event)
        self._unknown: set[str] = session.info.setdefault("mrv.unknown_entities", set())
        self._held: list[CoveredEntityRow] = session.info.setdefault("mrv.entities_held", [])
        #: new entities' columns, written in one INSERT at commit or before anything here reads the table
        #: (`write_pending`): building and flushing an ORM row per registration was most of the consumer's CPU
        self._pending: dict[str, dict[str, Any]] = session.info.setdefault("mrv.entities_pending", {})

    def _get(self, entity_id: str) -> CoveredEntityRow | None:
        self.write_pending()
        return self.session.get(CoveredEntityRow, entity_id)

    def write_pending(self) -> None:
        """The new entities `record` collected, in one multi-row INSERT (the unit of work calls it at commit)."""
        if self._pending:
            insert_rows(self.session, CoveredEntityRow, list(self._pending.values()))
            self._pending.clear()

    def is_covered(self, entity_id: str, year: int | None = None) -> bool:
        """Covered only if allocation registered it as covered (in `year`: from that year or before); an unknown
        emitter is reporting-only (M-12 ¶2)."""
        coverage = self.session.info.get(_COVERAGE, {})
        if entity_id in coverage:  # read ahead for a bulk request (None: not registered)
            covered, covered_from = coverage[entity_id] or (False, None)
        else:
            row = self._get(entity_id)
            covered, covered_from = (row.covered, row.covered_from) if row is not None else (False, None)
        return covered and (year is None or (covered_from or year) <= year)

    def record(self, entity_id: str, name: str, sector: str, covered: bool, registered_at: datetime,
               first_compliance_year: int) -> bool:
        """A newer registration replaces an older one (a reporting-only emitter later covered: it still reports for
        its earlier years, and is covered from the new registration's year)."""
        self.session.info.get(_COVERAGE, {}).pop(entity_id, None)  # what was read ahead no longer holds
        if entity_id in self._unknown:
            self._unknown.discard(entity_id)
            row = None
        else:
            row = self._get(entity_id)
        if row is None:
            self._pending[entity_id] = dict(entity_id=entity_id, name=name, sector=sector, covered=covered,
                                            registered_at=registered_at, first_compliance_year=first_compliance_year,
                                            covered_from=first_compliance_year if covered else None,
                                            last_compliance_year=None)
            return True
        facts = (name, sector, covered, min(row.first_compliance_year, first_compliance_year),
                 row.covered_from if row.covered_from is not None or not covered else first_compliance_year)
        if registered_at < row.registered_at or (row.name, row.sector, row.covered, row.first_compliance_year,
                                                 row.covered_from) == facts:
            return False
        row.name, row.sector, row.covered, row.first_compliance_year, row.covered_from = facts
        row.registered_at = registered_at
        return True

    def get(self, entity_id: str) -> CoveredEntityRow | None:
        return self._get(entity_id)

    def preload(self, entity_ids: Iterable[str]) -> None:
        """Read many entities' coverage at once for one bulk request, kept by its transaction's session: each
        `is_covered` then answers without a query (nor a row object, nor a `session.get`)."""
        self.write_pending()
        ids = sorted(set(entity_ids))
        coverage = self.session.info.setdefault(_COVERAGE, {})
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            coverage.update(dict.fromkeys(part))
            coverage.update((entity_id, (covered, covered_from)) for entity_id, covered, covered_from in
                            self.session.execute(select(CoveredEntityRow.entity_id, CoveredEntityRow.covered,
                                                        CoveredEntityRow.covered_from)
                                                 .where(CoveredEntityRow.entity_id.in_(part))))

    def read_ahead(self, entity_ids: Iterable[str]) -> None:
        """A consumed batch of registrations: the entities held already, in one query per 500; those not held are
        remembered, so that `record` of them queries nothing."""
        self.write_pending()
        ids = sorted(set(entity_ids))
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            rows = self.session.execute(select(CoveredEntityRow).where(CoveredEntityRow.entity_id.in_(part))
                                        ).scalars().all()
            self._held += rows
            found = {r.entity_id for r in rows}
            self._unknown.update(e for e in part if e not in found)

    def end(self, entity_id: str, last_year: int) -> bool:
        """M-18 / M-10: the entity reports no year after `last_year` (the earliest end is kept)."""
        row = self._get(entity_id)
        if row is None or (row.last_compliance_year is not None and row.last_compliance_year <= last_year):
            return False
        row.last_compliance_year = last_year
        return True

    def add_successor(self, predecessor_id: str, successor_id: str, succession_id: str, effective_on: date) -> bool:
        if self.session.get(EntitySuccessorRow, (predecessor_id, successor_id)) is not None:
            return False
        self.session.add(EntitySuccessorRow(predecessor_id=predecessor_id, successor_id=successor_id,
                                            succession_id=succession_id, effective_on=effective_on))
        return True

    def acts_for(self, party_id: str | None, entity_id: str) -> bool:
        """The entity itself, or a successor that took over its reporting duty and history (M-10)."""
        if party_id is None:
            return False
        return party_id == entity_id or self.session.get(EntitySuccessorRow, (entity_id, party_id)) is not None

    def earliest_first_year(self) -> int | None:
        """The earliest first compliance year of anyone: no deadline of an earlier year concerns this service."""
        self.write_pending()
        return self.session.execute(select(func.min(CoveredEntityRow.first_compliance_year))).scalar_one()

