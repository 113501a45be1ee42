"""What the mrv HTTP API of `entrypoints.http_impediments` returns (its response models)."""
from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from mrv.domain.impediments import VerificationImpediment


class ImpedimentPublic(BaseModel):
    impediment_id: str
    report_id: str
    entity_id: str
    compliance_year: int
    agency_id: str
    recorded_by: str
    kind: str
    article: str
    description: str
    evidence: list[str]
    occurred_on: date
    recorded_at: datetime

    @classmethod
    def of(cls, i: VerificationImpediment) -> ImpedimentPublic:
        return cls(impediment_id=i.impediment_id, report_id=i.report_id, entity_id=i.entity_id,
                   compliance_year=i.year, agency_id=i.agency_id, recorded_by=i.recorded_by, kind=i.kind.value,
                   article=i.article, description=i.description, evidence=list(i.evidence),
                   occurred_on=i.occurred_on, recorded_at=i.recorded_at)
