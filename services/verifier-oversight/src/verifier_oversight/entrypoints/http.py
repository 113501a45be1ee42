"""HTTP API of the directory side (M-14, V "before"): the public directory and each entry's history, filing and
changes, agency status, verifiers, advisory relations, and the eligibility answers (an integrator's own check; mrv
keeps its own from the events). The other topics are in `http_<topic>.py`."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from ets_shared.http.dependencies import Caller, ReadSession
from verifier_oversight.entrypoints.dependencies import Uow
from verifier_oversight.adapters.assignment_repository import AssignmentRepository
from verifier_oversight.adapters.evaluation_repository import EvaluationRepository, ScoringTableRepository
from verifier_oversight.adapters.repository import AgencyRepository, VerifierRepository
from verifier_oversight.domain.eligibility import agency_eligible, verifier_may_sign
from verifier_oversight.entrypoints.schemas import (
    AdvisoryPublic, AgencyDetail, AgencyPublic, AgencyVersionPublic, BlacklistEntryPublic, CertificatePublic,
    DirectoryEntry, EligibilityPublic, EvaluationPublic, SigningEligibilityPublic, VerifierPublic,
)
from verifier_oversight.entrypoints.dependencies import (
    Authority, IdPath, Limit, Page, Year, authority_or_itself, may_see_agency,
)
from verifier_oversight.service_layer import agencies, certification, commands

router = APIRouter(tags=["directory"])


@router.get("/directory", response_model=list[DirectoryEntry],
            summary="Public directory of filed verification agencies (M-14): fields of competence, years selected")
def directory(session: ReadSession, offset: Page = 0, limit: Limit = 100) -> list[DirectoryEntry]:
    repo = AgencyRepository(session)
    listed = repo.directory(offset, limit)
    years: dict[str, list[int]] = {}
    for award in repo.awards([a.agency_id for a in listed]):
        years.setdefault(award.agency_id, []).append(award.year)
    return [DirectoryEntry.of(a, selected_years=years.get(a.agency_id, [])) for a in listed]


@router.get("/directory/{agency_id}/history", response_model=list[AgencyVersionPublic],
            summary="Public history of a directory entry (M-14): every version, with why it changed")
def history(agency_id: IdPath, session: ReadSession) -> list[AgencyVersionPublic]:
    repo = AgencyRepository(session)
    repo.get(agency_id)
    return [AgencyVersionPublic.of(v) for v in repo.history(agency_id)]


@router.post("/agencies", response_model=AgencyPublic, status_code=201,
             summary="File an agency with its fields of competence (M-14)")
def file_agency(cmd: commands.FileAgency, _: Authority, uow: Uow) -> AgencyPublic:
    return AgencyPublic.of(agencies.file_agency(cmd, uow))


@router.patch("/agencies/{agency_id}", response_model=AgencyPublic,
              summary="Change the directory entry: name or fields of competence (M-14; a new version, published)")
def change_filing(agency_id: str, cmd: commands.ChangeFiling, _: Authority, uow: Uow) -> AgencyPublic:
    return AgencyPublic.of(agencies.change_filing(agency_id, cmd, uow))


@router.get("/agencies/{agency_id}", response_model=AgencyDetail,
            summary="An agency with its selections, verifiers, certificates, evaluations and blacklist (V, M-14)")
def get_agency(agency_id: IdPath, caller: Caller, session: ReadSession) -> AgencyDetail:
    may_see_agency(caller, agency_id)
    repo, verifiers = AgencyRepository(session), VerifierRepository(session)
    agency = repo.get(agency_id)
    tables = ScoringTableRepository(session)
    return AgencyDetail.of(
        agency, selected_years=[a.year for a in repo.awards([agency_id])],
        verifiers=[VerifierPublic.of(v) for v in verifiers.of_agency(agency_id)],
        certificates=[CertificatePublic.of(c) for c in verifiers.certificates_of_agency(agency_id)],
        evaluations=[EvaluationPublic.of(e, tables.current(e.year))
                     for e in EvaluationRepository(session).of_agency(agency_id)],
        blacklist=[BlacklistEntryPublic.of(e) for e in repo.blacklist_of(agency_id)])


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
def eligibility(agency_id: IdPath, compliance_year: Year, _: Caller, session: ReadSession) -> EligibilityPublic:
    repo = AgencyRepository(session)
    ok, reason = agency_eligible(repo.get(agency_id), compliance_year, repo.awards([agency_id], compliance_year),
                                 repo.blacklist_of(agency_id, compliance_year))
    return EligibilityPublic(agency_id=agency_id, compliance_year=compliance_year, eligible=ok, reason=reason)


@router.post("/agencies/{agency_id}/advisory-relations", response_model=AdvisoryPublic, status_code=201,
             summary="Declare that the agency advised an entity: a conflict of interest for verifying it (M-13 ¶1)")
def declare_advisory(agency_id: str, cmd: commands.DeclareAdvisory, caller: Caller, uow: Uow) -> AdvisoryPublic:
    authority_or_itself(caller, agency_id, "declare its advisory relations")
    return AdvisoryPublic.of(agencies.declare_advisory(agency_id, cmd, uow))


@router.get("/agencies/{agency_id}/advisory-relations", response_model=list[AdvisoryPublic],
            summary="The agency's declared advisory relations")
def advisories(agency_id: IdPath, caller: Caller, session: ReadSession) -> list[AdvisoryPublic]:
    may_see_agency(caller, agency_id)
    return [AdvisoryPublic.of(a) for a in AssignmentRepository(session).advisories(agency_id=agency_id)]


@router.post("/agencies/{agency_id}/verifiers", response_model=VerifierPublic, status_code=201,
             summary="Register a verifier (核查人员) of the agency (authority or the agency itself)")
def register_verifier(agency_id: str, cmd: commands.RegisterVerifier, caller: Caller, uow: Uow) -> VerifierPublic:
    authority_or_itself(caller, agency_id, "register its verifiers")
    return VerifierPublic.of(certification.register_verifier(agency_id, cmd, uow))


@router.get("/verifiers/{verifier_id}/eligibility/{compliance_year}", response_model=SigningEligibilityPublic,
            summary="May the verifier sign verification work for the year, for an entity, at an instant? (V, M-13)")
def signing_eligibility(verifier_id: IdPath, compliance_year: Year, _: Caller, session: ReadSession,
                        at: datetime | None = None,
                        entity_id: Annotated[str | None, Query(max_length=64)] = None) -> SigningEligibilityPublic:
    repo, verifiers = AgencyRepository(session), VerifierRepository(session)
    verifier = verifiers.get(verifier_id)
    agency = repo.get(verifier.agency_id)
    assigned = None
    if entity_id is not None:
        engagement = AssignmentRepository(session).engagement(entity_id, compliance_year)
        assigned = engagement.agency_id if engagement is not None else None
    ok, reason = verifier_may_sign(verifier, agency, compliance_year,
                                   verifiers.certificates_of(verifier_id, compliance_year),
                                   repo.awards([agency.agency_id], compliance_year),
                                   repo.blacklist_of(agency.agency_id, compliance_year), at, entity_id, assigned)
    return SigningEligibilityPublic(verifier_id=verifier_id, agency_id=agency.agency_id,
                                    compliance_year=compliance_year, entity_id=entity_id, at=at, may_sign=ok,
                                    reason=reason)

