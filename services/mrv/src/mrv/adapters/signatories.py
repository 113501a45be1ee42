"""This service's copies of facts owned elsewhere: who may sign verification work (verifier-oversight, V) and who is
covered (allocation, M-5). Each `record_*` returns whether anything changed, so a replayed or stale fact is a
no-op; facts carry their own instant, and an older fact never overwrites a newer one."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mrv.adapters.orm import AgencyEligibilityRow, CoveredEntityRow, VerifierCertificateRow
from mrv.domain.signatories import VerifierDirectory


class SignatoryRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def directory_for(self, agency_id: str, verifier_id: str, year: int) -> VerifierDirectory:
        """Only the candidate rows: the agency's eligibility for the year and the verifier's certificates for it."""
        directory = VerifierDirectory()
        eligibility = self.session.get(AgencyEligibilityRow, (agency_id, year))
        if eligibility is not None and eligibility.eligible:
            directory.record_selection(agency_id, year)
        elif eligibility is not None:
            directory.record_exclusion(agency_id, year, eligibility.reason)
        for cert in self.certificates(year, verifier_id=verifier_id):
            directory.record_certificate(cert.certificate_no, cert.verifier_id, cert.agency_id, year)
            if cert.revoked_at is not None:
                directory.record_revocation(cert.certificate_no)
        return directory

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

    def agencies(self, year: int) -> list[AgencyEligibilityRow]:
        query = (select(AgencyEligibilityRow).where(AgencyEligibilityRow.compliance_year == year)
                 .order_by(AgencyEligibilityRow.agency_id))
        return list(self.session.execute(query).scalars())

    def certificates(self, year: int, *, verifier_id: str | None = None) -> list[VerifierCertificateRow]:
        query = select(VerifierCertificateRow).where(VerifierCertificateRow.compliance_year == year)
        if verifier_id is not None:
            query = query.where(VerifierCertificateRow.verifier_id == verifier_id)
        return list(self.session.execute(query.order_by(VerifierCertificateRow.certificate_no)).scalars())


class CoveredEntityRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def is_covered(self, entity_id: str, year: int | None = None) -> bool:
        """Covered only if allocation registered it as covered (in `year`: from that year or before); an unknown
        emitter is reporting-only (M-12 ¶2)."""
        row = self.session.get(CoveredEntityRow, entity_id)
        return row is not None and row.covered and (year is None or (row.covered_from or year) <= year)

    def record(self, entity_id: str, name: str, sector: str, covered: bool, registered_at: datetime,
               first_compliance_year: int) -> bool:
        """A newer registration replaces an older one (a reporting-only emitter later covered: it still reports for
        its earlier years, and is covered from the new registration's year)."""
        row = self.session.get(CoveredEntityRow, entity_id)
        if row is None:
            self.session.add(CoveredEntityRow(entity_id=entity_id, name=name, sector=sector, covered=covered,
                                              registered_at=registered_at, first_compliance_year=first_compliance_year,
                                              covered_from=first_compliance_year if covered else None))
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
        return self.session.get(CoveredEntityRow, entity_id)

    def earliest_first_year(self) -> int | None:
        """The earliest first compliance year of anyone: no deadline of an earlier year concerns this service."""
        return self.session.execute(select(func.min(CoveredEntityRow.first_compliance_year))).scalar_one()

