"""Bulk HTTP API of the mrv, for integrators: a reporting platform forwarding the reports entities filed with it, an
agency's system filing its verifier's verification reports — up to 1,000 items per request, each judged by the same
rules as the single-item endpoint and written set-based (`service_layer.reports_bulk`), with a result per item
(`ets_shared.http.bulk.apply_together`). The authority's determinations in bulk: `POST /determinations/bulk`
(`http_queue`)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from ets_shared.auth import Principal, Role
from ets_shared.http.bulk import BulkResult, apply_together
from ets_shared.http.dependencies import require
from mrv.entrypoints.schemas import ReportPublic, VerificationFiledPublic
from mrv.service_layer import reports, reports_bulk
from mrv.service_layer.commands_bulk import FileVerifications, SubmitReports

router = APIRouter(tags=["bulk"])
Authority = Annotated[Principal, Depends(require(Role.AUTHORITY))]
Verifier = Annotated[Principal, Depends(require(Role.VERIFIER))]


@router.post("/reports/batch", response_model=BulkResult[ReportPublic],
             summary="Emission reports of many entities (M-12), as the authority's reporting platform received them")
def submit_reports(cmd: SubmitReports, caller: Authority, request: Request) -> BulkResult[ReportPublic]:
    return apply_together(
        request, caller, "reports", cmd.reports, reports_bulk.submit_reports, ReportPublic.of,
        lambda item, uow: ReportPublic.of(reports.submit_report(item.entity_id, item, uow)),
        prepare=reports_bulk.read_ahead_reports(cmd.reports))


@router.post("/verifications/batch", response_model=BulkResult[VerificationFiledPublic],
             summary="Verification reports on many emission reports (M-13), signed by the calling verifier (V)")
def file_verifications(cmd: FileVerifications, caller: Verifier,
                       request: Request) -> BulkResult[VerificationFiledPublic]:
    verifier = caller.party  # the signing verifier: a verifier's token names them
    return apply_together(
        request, caller, "verifications", cmd.verifications,
        lambda items, uow, contexts: reports_bulk.file_verifications(items, verifier, uow, contexts),
        lambda filed: VerificationFiledPublic.of(*filed),
        lambda item, uow: VerificationFiledPublic.of(*reports.file_verification(item.report_id, verifier, item, uow)),
        prepare=reports_bulk.read_ahead_verifications(cmd.verifications, verifier))
