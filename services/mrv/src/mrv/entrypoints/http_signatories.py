"""HTTP API of this service's view of who may sign verification work (M-13 ¶1, M-14, V): per year, each agency and
each certified verifier with whether it may sign and, if not, what is still missing or barring it; and the exact
check a verification will meet, for one entity, agency and verifier. Both answer from the same facts and the same
rule as the verification itself, so a "may sign" here is not refused a moment later for a fact that had not
arrived."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from ets_shared.auth import Principal, Role
from ets_shared.errors import DomainError, Forbidden
from ets_shared.http.dependencies import Caller, ReadSession, require
from mrv.adapters.signatories import SignatoryRepository
from mrv.entrypoints.schemas_signatories import (
    AgencyStandingPublic, CertificatePublic, SignatoriesPublic, SignatoryCheck,
)

router = APIRouter(tags=["signatories"])
Authority = Annotated[Principal, Depends(require(Role.AUTHORITY))]
Year = Annotated[int, Query(ge=2013, le=2100)]
Id = Annotated[str, Query(min_length=1, max_length=64)]


@router.get("/signatories", response_model=SignatoriesPublic,
            summary="Per year: may each agency and each certified verifier sign verification work? (V, M-13, M-14)")
def signatories(_: Authority, session: ReadSession, compliance_year: Year) -> SignatoriesPublic:
    repo = SignatoryRepository(session)
    standings = repo.standings(compliance_year)
    agencies = {s.agency_id: s for s in standings}
    certificates = []
    for c in repo.certificates(compliance_year):
        valid = c.issued_at is not None and c.revoked_at is None
        waiting = [] if valid else [f"certificate {c.certificate_no} is " +
                                    ("revoked" if c.revoked_at is not None else "not yet known to be issued")]
        waiting += agencies[c.agency_id].bars if c.agency_id in agencies else []
        certificates.append(CertificatePublic(
            certificate_no=c.certificate_no, verifier_id=c.verifier_id, agency_id=c.agency_id, issued_at=c.issued_at,
            revoked_at=c.revoked_at, revoke_reason=c.revoke_reason, valid=valid, may_sign=not waiting,
            waiting_for=waiting))
    return SignatoriesPublic(
        compliance_year=compliance_year,
        agencies=[AgencyStandingPublic(agency_id=s.agency_id, filing_status=s.filing_status, selected=s.selected,
                                       blacklisted=s.blacklisted, ineligible_reason=s.verdict,
                                       assignments=s.assignments, may_sign=not s.bars, waiting_for=s.bars)
                  for s in standings],
        certificates=certificates)


@router.get("/signatories/{compliance_year}/check", response_model=SignatoryCheck,
            summary="Would a verification of the entity's report by this verifier for this agency be accepted now?")
def check(compliance_year: Annotated[int, Path(ge=2013, le=2100)], entity_id: Id, agency_id: Id, verifier_id: Id,
          caller: Caller, session: ReadSession) -> SignatoryCheck:
    if not (caller.has(Role.AUTHORITY) or (caller.has(Role.VERIFIER) and caller.owns(verifier_id))
            or (caller.has(Role.AGENCY) and caller.owns(agency_id))):
        raise Forbidden("the authority, the verifier itself or its agency may ask", field="verifier_id",
                        article="V")
    directory = SignatoryRepository(session).directory_for(agency_id, verifier_id, compliance_year, entity_id)
    try:
        certificate = directory.check_signatory(agency_id, verifier_id, compliance_year, entity_id)
    except DomainError as refused:
        return SignatoryCheck(compliance_year=compliance_year, entity_id=entity_id, agency_id=agency_id,
                              verifier_id=verifier_id, may_sign=False, reason=refused.detail, certificate_no=None)
    return SignatoryCheck(compliance_year=compliance_year, entity_id=entity_id, agency_id=agency_id,
                          verifier_id=verifier_id, may_sign=True,
                          reason=f"may sign under certificate {certificate.certificate_no}",
                          certificate_no=certificate.certificate_no)
