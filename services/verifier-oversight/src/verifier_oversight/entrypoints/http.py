"""HTTP API of the directory side: the public M-14 directory, filing, tender awards, agency status, verifiers and
their work certificates, and the eligibility answers the mrv service relies on (V, "before")."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden
from ets_shared.http.dependencies import Caller, ReadSession, Uow, require
from verifier_oversight.adapters.evaluation_repository import EvaluationRepository
from verifier_oversight.adapters.repository import AgencyRepository, VerifierRepository
from verifier_oversight.domain.eligibility import agency_eligible, verifier_may_sign
from verifier_oversight.entrypoints.evaluations_http import router as evaluations_router
from verifier_oversight.entrypoints.schemas import (
    AgencyDetail, AgencyPublic, BlacklistEntryPublic, CertificatePublic, DirectoryEntry, EligibilityPublic,
    EvaluationPublic, SigningEligibilityPublic, VerifierPublic,
)
from verifier_oversight.service_layer import agencies, certification, commands

router = APIRouter(tags=["agencies"])
Authority = Annotated[Principal, Depends(require(Role.AUTHORITY))]
Page = Annotated[int, Query(ge=0)]
Limit = Annotated[int, Query(ge=1, le=1000)]


def may_see_agency(caller: Principal, agency_id: str) -> None:
    if not (caller.has(Role.AUTHORITY, Role.PANEL_EXPERT) or (caller.has(Role.AGENCY) and caller.owns(agency_id))):
        raise Forbidden("an agency sees only its own record", field="agency_id", article="V")


@router.get("/directory", response_model=list[DirectoryEntry],
            summary="Public directory of filed verification agencies (M-14), with the years each was selected")
def directory(session: ReadSession, offset: Page = 0, limit: Limit = 100) -> list[DirectoryEntry]:
    repo = AgencyRepository(session)
    listed = repo.directory(offset, limit)
    years: dict[str, list[int]] = {}
    for award in repo.awards([a.agency_id for a in listed]):
        years.setdefault(award.agency_id, []).append(award.year)
    return [DirectoryEntry.of(a, selected_years=years.get(a.agency_id, [])) for a in listed]


@router.post("/agencies", response_model=AgencyPublic, status_code=201, summary="File an agency (M-14)")
def file_agency(cmd: commands.FileAgency, _: Authority, uow: Uow) -> AgencyPublic:
    return AgencyPublic.of(agencies.file_agency(cmd, uow))


@router.get("/agencies/{agency_id}", response_model=AgencyDetail,
            summary="An agency with its awards, verifiers, certificates, evaluations and blacklist (V, M-14)")
def get_agency(agency_id: str, caller: Caller, session: ReadSession) -> AgencyDetail:
    may_see_agency(caller, agency_id)
    repo, verifiers = AgencyRepository(session), VerifierRepository(session)
    agency = repo.get(agency_id)
    return AgencyDetail.of(
        agency, selected_years=[a.year for a in repo.awards([agency_id])],
        verifiers=[VerifierPublic.of(v) for v in verifiers.of_agency(agency_id)],
        certificates=[CertificatePublic.of(c) for c in verifiers.certificates_of_agency(agency_id)],
        evaluations=[EvaluationPublic.of(e) for e in EvaluationRepository(session).of_agency(agency_id)],
        blacklist=[BlacklistEntryPublic.of(e) for e in repo.blacklist_of(agency_id)])


@router.post("/agencies/{agency_id}/tender-awards", response_model=EligibilityPublic, status_code=201,
             summary="Record the agency's selection by public tender for a compliance year (V)")
def award_tender(agency_id: str, cmd: commands.AwardTender, _: Authority, uow: Uow) -> EligibilityPublic:
    award = agencies.award_tender(agency_id, cmd, uow)
    return EligibilityPublic(agency_id=agency_id, compliance_year=award.year, eligible=True, reason=agencies.SELECTED)


@router.post("/agencies/{agency_id}/suspension", response_model=AgencyPublic,
             summary="Suspend an agency (V); the years it was selected for become ineligible (published)")
def suspend(agency_id: str, cmd: commands.ChangeAgencyStatus, _: Authority, uow: Uow) -> AgencyPublic:
    return AgencyPublic.of(agencies.change_status(agency_id, cmd, "suspended", uow))


@router.post("/agencies/{agency_id}/reinstatement", response_model=AgencyPublic,
             summary="Lift an agency's suspension (V); its selected, non-blacklisted years become eligible again")
def reinstate(agency_id: str, cmd: commands.ChangeAgencyStatus, _: Authority, uow: Uow) -> AgencyPublic:
    return AgencyPublic.of(agencies.change_status(agency_id, cmd, "reinstated", uow))


@router.post("/agencies/{agency_id}/deregistration", response_model=AgencyPublic,
             summary="Deregister an agency: it leaves the public directory (M-14) and loses its selected years")
def deregister(agency_id: str, cmd: commands.ChangeAgencyStatus, _: Authority, uow: Uow) -> AgencyPublic:
    return AgencyPublic.of(agencies.change_status(agency_id, cmd, "deregistered", uow))


@router.get("/agencies/{agency_id}/eligibility/{compliance_year}", response_model=EligibilityPublic,
            summary="May the agency do verification work for the year? (V: selected, filed, not blacklisted)")
def eligibility(agency_id: str, compliance_year: int, _: Caller, session: ReadSession) -> EligibilityPublic:
    repo = AgencyRepository(session)
    ok, reason = agency_eligible(repo.get(agency_id), compliance_year, repo.awards([agency_id], compliance_year),
                                 repo.blacklist_of(agency_id, compliance_year))
    return EligibilityPublic(agency_id=agency_id, compliance_year=compliance_year, eligible=ok, reason=reason)


@router.post("/agencies/{agency_id}/verifiers", response_model=VerifierPublic, status_code=201,
             summary="Register a verifier (核查人员) of the agency (authority or the agency itself)")
def register_verifier(agency_id: str, cmd: commands.RegisterVerifier, caller: Caller, uow: Uow) -> VerifierPublic:
    if not (caller.has(Role.AUTHORITY) or (caller.has(Role.AGENCY) and caller.owns(agency_id))):
        raise Forbidden("only the authority or the agency itself registers its verifiers", field="agency_id",
                        article="V")
    return VerifierPublic.of(certification.register_verifier(agency_id, cmd, uow))


@router.post("/verifiers/{verifier_id}/certificates", response_model=CertificatePublic, status_code=201,
             summary="Issue the year's verification work certificate (核查工作证) after the exam (V)")
def issue_certificate(verifier_id: str, cmd: commands.IssueCertificate, _: Authority, uow: Uow) -> CertificatePublic:
    return CertificatePublic.of(certification.issue_certificate(verifier_id, cmd, uow))


@router.post("/verifiers/{verifier_id}/certificates/{compliance_year}/revocation", response_model=CertificatePublic,
             summary="Revoke a verifier's work certificate for a year (V)")
def revoke_certificate(verifier_id: str, compliance_year: int, cmd: commands.RevokeCertificate, _: Authority,
                       uow: Uow) -> CertificatePublic:
    return CertificatePublic.of(certification.revoke_certificate(verifier_id, compliance_year, cmd, uow))


@router.get("/verifiers/{verifier_id}/eligibility/{compliance_year}", response_model=SigningEligibilityPublic,
            summary="May the verifier sign verification work for the year (at an instant)? (V)")
def signing_eligibility(verifier_id: str, compliance_year: int, _: Caller, session: ReadSession,
                        at: datetime | None = None) -> SigningEligibilityPublic:
    repo, verifiers = AgencyRepository(session), VerifierRepository(session)
    verifier = verifiers.get(verifier_id)
    agency = repo.get(verifier.agency_id)
    ok, reason = verifier_may_sign(verifier, agency, compliance_year,
                                   verifiers.certificates_of(verifier_id, compliance_year),
                                   repo.awards([agency.agency_id], compliance_year),
                                   repo.blacklist_of(agency.agency_id, compliance_year), at)
    return SigningEligibilityPublic(verifier_id=verifier_id, agency_id=agency.agency_id,
                                    compliance_year=compliance_year, at=at, may_sign=ok, reason=reason)


routers = [router, evaluations_router]
