"""Bulk HTTP API of the mrv, for integrators: a reporting platform forwarding the reports entities filed with it, an
agency's system filing its verifier's verification reports — up to 1,000 items per request, each through the same
use case as the single-item endpoint, with a result per item (`ets_shared.http.bulk`). The authority's
determinations in bulk: `POST /determinations/bulk` (`http_queue`)."""
from __future__ import annotations

from typing import Annotated

from collections.abc import Callable, Iterable

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from ets_shared.auth import Principal, Role
from ets_shared.http.bulk import BulkResult, apply_each
from ets_shared.http.dependencies import require
from mrv.adapters.repository import ReportCaseRepository
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
        reports.submit_report(item.entity_id, item, uow)), prepare=_read_ahead(
        reports.report_id_for(r.entity_id, r.compliance_year) for r in cmd.reports))


@router.post("/verifications/batch", response_model=BulkResult[VerificationFiledPublic],
             summary="Verification reports on many emission reports (M-13), signed by the calling verifier (V)")
def file_verifications(cmd: FileVerifications, caller: Verifier,
                       request: Request) -> BulkResult[VerificationFiledPublic]:
    return apply_each(request, caller, "verifications", cmd.verifications, lambda item, uow: VerificationFiledPublic.of(
        *reports.file_verification(item.report_id, caller.party_id, item, uow)),
        prepare=_read_ahead(v.report_id for v in cmd.verifications))


def _read_ahead(report_ids: Iterable[str]) -> Callable[[Session], None]:
    """The request's cases, read in a few queries before its items' use cases each look for theirs."""
    ids = list(report_ids)
    return lambda session: ReportCaseRepository(session, lock=True).preload(ids)
