"""Repositories of the directory side: agencies and their history, lot awards (the year's selection), the
blacklist, verifiers, training sessions and certificates.

Each query returns only the rows a rule needs (one agency's awards for one year, the certificates a new one can
clash with), never a whole table.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ets_shared.errors import NotFound
from ets_shared.persistence.mapping import to_domain, to_row
from verifier_oversight.adapters.orm import (
    AgencyRow, AgencyVersionRow, BlacklistEntryRow, CertificateRow, LotAwardRow, TrainingSessionRow, VerifierRow,
)
from verifier_oversight.domain.agencies import Agency, AgencyStatus, AgencyVersion, BlacklistEntry, TenderAward
from verifier_oversight.domain.certificates import Certificate, Verifier
from verifier_oversight.domain.tenders import LotAward
from verifier_oversight.domain.training import TrainingSession


def _agency(row: AgencyRow) -> Agency:
    return to_domain(row, Agency, fields=tuple(row.fields))


def lot_award(row: LotAwardRow) -> LotAward:
    return to_domain(row, LotAward, sectors=tuple(row.sectors))


class AgencyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, agency_id: str, *, for_update: bool = False) -> Agency | None:
        """The agency; `for_update` locks its row, which serialises every change to the agency's awards,
        certificates and evaluations (PostgreSQL; SQLite writers are serialised anyway)."""
        query = select(AgencyRow).where(AgencyRow.agency_id == agency_id)
        row = self.session.execute(query.with_for_update() if for_update else query).scalar_one_or_none()
        return None if row is None else _agency(row)

    def get(self, agency_id: str, *, for_update: bool = False) -> Agency:
        agency = self.find(agency_id, for_update=for_update)
        if agency is None:
            raise NotFound(f"no agency {agency_id} in the directory", field="agency_id", article="M-14")
        return agency

    def many(self, agency_ids: list[str]) -> dict[str, Agency]:
        rows = self.session.execute(select(AgencyRow).where(AgencyRow.agency_id.in_(agency_ids))).scalars()
        return {r.agency_id: _agency(r) for r in rows}

    def clashing(self, agency_id: str, credit_code: str) -> list[Agency]:
        """The only filings a new one can clash with: same id, or same credit code."""
        query = select(AgencyRow).where(or_(AgencyRow.agency_id == agency_id, AgencyRow.credit_code == credit_code))
        return [_agency(r) for r in self.session.execute(query).scalars()]

    def save(self, agency: Agency, version: AgencyVersion) -> None:
        """The entry and the version it now is (one row per version: the public history)."""
        self.session.add(to_row(agency, AgencyRow, self.session.get(AgencyRow, agency.agency_id),
                                fields=list(agency.fields)))
        self.session.add(to_row(version, AgencyVersionRow, fields=list(version.fields)))

    def directory(self, offset: int, limit: int) -> list[Agency]:
        query = (select(AgencyRow).where(AgencyRow.status != AgencyStatus.DEREGISTERED.value)
                 .order_by(AgencyRow.name, AgencyRow.agency_id).offset(offset).limit(limit))
        return [_agency(r) for r in self.session.execute(query).scalars()]

    def history(self, agency_id: str) -> list[AgencyVersion]:
        query = select(AgencyVersionRow).where(AgencyVersionRow.agency_id == agency_id).order_by(
            AgencyVersionRow.version)
        return [to_domain(r, AgencyVersion, fields=tuple(r.fields)) for r in self.session.execute(query).scalars()]

    # -- selection: lot awards -------------------------------------------------------------------------------
    def lot_awards(self, year: int, agency_ids: list[str] | None = None) -> list[LotAward]:
        query = select(LotAwardRow).where(LotAwardRow.year == year)
        if agency_ids is not None:
            query = query.where(LotAwardRow.agency_id.in_(agency_ids))
        query = query.order_by(LotAwardRow.agency_id, LotAwardRow.tender_id, LotAwardRow.lot_no)
        return [lot_award(r) for r in self.session.execute(query).scalars()]

    def awards(self, agency_ids: list[str], year: int | None = None) -> list[TenderAward]:
        """The (agency, year) selections: each year the agency won at least one lot."""
        query = (select(LotAwardRow.agency_id, LotAwardRow.year).where(LotAwardRow.agency_id.in_(agency_ids))
                 .distinct())
        if year is not None:
            query = query.where(LotAwardRow.year == year)
        return [TenderAward(a, y) for a, y in sorted(self.session.execute(query).all())]

    # -- blacklist -----------------------------------------------------------------------------------------
    def blacklist_of(self, agency_id: str, year: int | None = None) -> list[BlacklistEntry]:
        query = select(BlacklistEntryRow).where(BlacklistEntryRow.agency_id == agency_id)
        if year is not None:
            query = query.where(BlacklistEntryRow.from_year <= year, BlacklistEntryRow.to_year >= year)
        query = query.order_by(BlacklistEntryRow.evaluated_year)
        return [to_domain(r, BlacklistEntry) for r in self.session.execute(query).scalars()]

    def blacklisted_in(self, year: int) -> list[BlacklistEntry]:
        query = select(BlacklistEntryRow).where(BlacklistEntryRow.from_year <= year, BlacklistEntryRow.to_year >= year)
        return [to_domain(r, BlacklistEntry) for r in self.session.execute(query).scalars()]

    def add_blacklist_entry(self, entry: BlacklistEntry, listed_at: datetime) -> None:
        self.session.add(to_row(entry, BlacklistEntryRow, listed_at=listed_at))

    def blacklist(self, year: int | None, offset: int, limit: int) -> list[tuple[BlacklistEntry, str, datetime]]:
        """Public blacklist (entry, agency name, listed at), optionally only the entries covering `year`."""
        query = select(BlacklistEntryRow, AgencyRow.name).join(AgencyRow,
                                                                AgencyRow.agency_id == BlacklistEntryRow.agency_id)
        if year is not None:
            query = query.where(BlacklistEntryRow.from_year <= year, BlacklistEntryRow.to_year >= year)
        query = query.order_by(BlacklistEntryRow.listed_at, BlacklistEntryRow.agency_id).offset(offset).limit(limit)
        return [(to_domain(row, BlacklistEntry), name, row.listed_at) for row, name in self.session.execute(query)]


class VerifierRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, verifier_id: str) -> Verifier:
        row = self.session.get(VerifierRow, verifier_id)
        if row is None:
            raise NotFound(f"no verifier {verifier_id}", field="verifier_id", article="V")
        return to_domain(row, Verifier)

    def many(self, verifier_ids: list[str]) -> dict[str, Verifier]:
        rows = self.session.execute(select(VerifierRow).where(VerifierRow.verifier_id.in_(verifier_ids))).scalars()
        return {r.verifier_id: to_domain(r, Verifier) for r in rows}

    def same_id(self, verifier_id: str) -> list[Verifier]:
        row = self.session.get(VerifierRow, verifier_id)
        return [] if row is None else [to_domain(row, Verifier)]

    def add(self, verifier: Verifier, registered_at: datetime) -> None:
        self.session.add(to_row(verifier, VerifierRow, registered_at=registered_at))

    def of_agency(self, agency_id: str) -> list[Verifier]:
        query = select(VerifierRow).where(VerifierRow.agency_id == agency_id).order_by(VerifierRow.verifier_id)
        return [to_domain(r, Verifier) for r in self.session.execute(query).scalars()]

    # -- training ------------------------------------------------------------------------------------------
    def training(self, training_id: str, *, for_update: bool = False) -> TrainingSession:
        query = select(TrainingSessionRow).where(TrainingSessionRow.training_id == training_id)
        row = self.session.execute(query.with_for_update() if for_update else query).scalar_one_or_none()
        if row is None:
            raise NotFound(f"no training session {training_id}", field="training_id", article="V")
        return self._training(row)

    def training_exists(self, training_id: str) -> bool:
        return self.session.get(TrainingSessionRow, training_id) is not None

    def trainings(self, year: int) -> list[TrainingSession]:
        query = select(TrainingSessionRow).where(TrainingSessionRow.year == year).order_by(
            TrainingSessionRow.held_on, TrainingSessionRow.training_id)
        return [self._training(r) for r in self.session.execute(query).scalars()]

    def save_training(self, training: TrainingSession) -> None:
        self.session.add(to_row(training, TrainingSessionRow, self.session.get(TrainingSessionRow,
                                                                                training.training_id),
                                attendees=list(training.attendees), results=dict(training.results)))

    @staticmethod
    def _training(row: TrainingSessionRow) -> TrainingSession:
        return to_domain(row, TrainingSession, attendees=tuple(row.attendees), results=dict(row.results))

    # -- certificates --------------------------------------------------------------------------------------
    def certificate(self, verifier_id: str, year: int) -> Certificate:
        row = self.session.get(CertificateRow, (verifier_id, year))
        if row is None:
            raise NotFound(f"verifier {verifier_id} holds no certificate for {year}", field="year", article="V")
        return to_domain(row, Certificate)

    def certificates_of(self, verifier_id: str, year: int) -> list[Certificate]:
        row = self.session.get(CertificateRow, (verifier_id, year))
        return [] if row is None else [to_domain(row, Certificate)]

    def clashing_certificates(self, verifier_id: str, year: int, certificate_no: str) -> list[Certificate]:
        """Certificates a new one can clash with: the verifier's for that year, or the same number."""
        query = select(CertificateRow).where(or_(
            (CertificateRow.verifier_id == verifier_id) & (CertificateRow.year == year),
            CertificateRow.certificate_no == certificate_no))
        return [to_domain(r, Certificate) for r in self.session.execute(query).scalars()]

    def certificates_of_agency(self, agency_id: str) -> list[Certificate]:
        query = (select(CertificateRow).where(CertificateRow.agency_id == agency_id)
                 .order_by(CertificateRow.year, CertificateRow.verifier_id))
        return [to_domain(r, Certificate) for r in self.session.execute(query).scalars()]

    def save_certificate(self, certificate: Certificate) -> None:
        existing = self.session.get(CertificateRow, (certificate.verifier_id, certificate.year))
        self.session.add(to_row(certificate, CertificateRow, existing))
