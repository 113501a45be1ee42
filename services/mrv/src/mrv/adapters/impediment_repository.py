"""The agencies' records of impeded verification (M-38) in and out of `verification_impediment`."""
from __future__ import annotations

import json

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mrv.adapters.orm import VerificationImpedimentRow
from mrv.domain.impediments import ImpedimentKind, VerificationImpediment


class ImpedimentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def count(self, report_id: str) -> int:
        return self.session.execute(select(func.count()).select_from(VerificationImpedimentRow)
                                    .where(VerificationImpedimentRow.report_id == report_id)).scalar_one()

    def add(self, i: VerificationImpediment) -> None:
        self.session.add(VerificationImpedimentRow(
            impediment_id=i.impediment_id, report_id=i.report_id, entity_id=i.entity_id, compliance_year=i.year,
            agency_id=i.agency_id, recorded_by=i.recorded_by, kind=i.kind.value, description=i.description,
            evidence=json.dumps(list(i.evidence), ensure_ascii=False), occurred_on=i.occurred_on,
            recorded_at=i.recorded_at))

    def of_report(self, report_id: str) -> list[VerificationImpediment]:
        rows = self.session.execute(select(VerificationImpedimentRow)
                                    .where(VerificationImpedimentRow.report_id == report_id)
                                    .order_by(VerificationImpedimentRow.recorded_at)).scalars()
        return [VerificationImpediment(r.impediment_id, r.report_id, r.entity_id, r.compliance_year, r.agency_id,
                                       r.recorded_by, ImpedimentKind(r.kind), r.description,
                                       tuple(json.loads(r.evidence)), r.occurred_on, r.recorded_at) for r in rows]
