"""Bulk HTTP API of the mrv, for integrators: a reporting platform forwarding the reports entities filed with it, an
agency's system filing its verifier's verification reports — up to 1,000 items per request, each through the same
use case as the single-item endpoint, with a result per item (`ets_shared.http.bulk`). The authority's
determinations in bulk: `POST /determinations/bulk` (`http_queue`)."""
from __future__ import annotations

from typing import Annotated

from collections.abc import Callable

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from ets_shared.auth import Principal, Role
from ets_shared.http.bulk import BulkResult, apply_each
from ets_shared.http.dependencies import require
from mrv.adapters.determinations import DeterminationRecords
from mrv.adapters.repository import ReportCaseRepository
from mrv.adapters.signatories import CoveredEntityRepository, SignatoryRepository
from mrv.entrypoints.schemas import ReportPublic, VerificationFiledPublic
from mrv.service_layer import reports
from mrv.service_layer.commands_bulk import FileVerifications, SubmitReports

router = APIRouter(tags=["bulk"])
Authority = Annotated[Principal, Depends(require(Role.AUTHORITY))]
Verifier = Annotated[Principal, Depends(require(Role.VERIFIER))]


@router.post("/reports/batch", response_model=BulkResult[ReportPublic],
             summary="Emission reports of many entities (M-12), as the authority's reporting platform received them")
def submit_reports(cmd: SubmitReports, caller: Authority, request: Request) -> BulkResult[ReportPublic]:
    return apply_each(request, caller, "reports", cmd.reports, lambda item, uow: ReportPublic.of(
        reports.submit_report(item.entity_id, item, uow)), prepare=_read_ahead_reports(cmd))


@router.post("/verifications/batch", response_model=BulkResult[VerificationFiledPublic],
             summary="Verification reports on many emission reports (M-13), signed by the calling verifier (V)")
def file_verifications(cmd: FileVerifications, caller: Verifier,
                       request: Request) -> BulkResult[VerificationFiledPublic]:
    verifier = caller.party  # the signing verifier: a verifier's token names them
    return apply_each(request, caller, "verifications", cmd.verifications, lambda item, uow: VerificationFiledPublic.of(
        *reports.file_verification(item.report_id, verifier, item, uow)),
        prepare=_read_ahead_verifications(cmd, verifier))


def _read_ahead_reports(cmd: SubmitReports) -> Callable[[Session], None]:
    """The request's cases and entities, read in a few queries before its items' use cases each look for theirs."""
    def prepare(session: Session) -> None:
        ReportCaseRepository(session, lock=True).preload(
            [reports.report_id_for(r.entity_id, r.compliance_year) for r in cmd.reports])
        CoveredEntityRepository(session).preload(r.entity_id for r in cmd.reports)
    return prepare


def _read_ahead_verifications(cmd: FileVerifications, verifier_id: str | None) -> Callable[[Session], None]:
    """The request's cases, the signatories' directories (once per agency and year), the entities' assignments and
    previous years' figures, read in a few queries before its items' use cases each look for theirs."""
    def prepare(session: Session) -> None:
        rows = {r.report_id: r for r in ReportCaseRepository(session, lock=True).preload(
            [v.report_id for v in cmd.verifications])}
        cases = [(v.agency_id, rows[v.report_id]) for v in cmd.verifications if v.report_id in rows]
        if verifier_id is not None:
            SignatoryRepository(session).preload({(agency, verifier_id, r.compliance_year) for agency, r in cases},
                                                 [(r.entity_id, r.compliance_year) for _, r in cases])
        DeterminationRecords(session).preload_determined((r.entity_id, r.compliance_year - 1) for _, r in cases)
    return prepare
