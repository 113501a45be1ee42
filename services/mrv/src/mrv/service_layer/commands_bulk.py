"""What integrators send the mrv in bulk (the request bodies of `entrypoints.http_bulk`): many reports or verifications
in one request, each item the single-item command plus what the single-item URL would name."""
from __future__ import annotations

from pydantic import BaseModel, Field

from ets_shared.http.bulk import MAX_ITEMS, CorrelationId
from mrv.service_layer.commands import FileVerification, Id, SubmitReport


class ReportFiled(SubmitReport):
    """One entity's emission report (M-12), as the reporting platform received it from the entity."""

    entity_id: Id
    correlation_id: str | None = CorrelationId


class SubmitReports(BaseModel):
    reports: list[ReportFiled] = Field(min_length=1, max_length=MAX_ITEMS)


class VerificationOfReport(FileVerification):
    """The verification report (M-13) of one emission report, signed by the caller."""

    report_id: Id
    correlation_id: str | None = CorrelationId


class FileVerifications(BaseModel):
    verifications: list[VerificationOfReport] = Field(min_length=1, max_length=MAX_ITEMS)
