"""What the allocation service's coverage API returns (M-5, M-12 ¶2): applications, known emissions, list drafts
and the published lists. (Entities, registry and obligations: `schemas`.)"""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from allocation.adapters.orm import CoveredListEntryRow, CoveredListRow
from allocation.domain import CoverageApplication, KnownEmissions
from allocation.service_layer.coverage import ListDraft


class ApplicationPublic(BaseModel):
    application_id: str
    entity_id: str
    name: str
    sector: str
    compliance_year: int
    statement: str
    annual_emissions: int | None
    status: str
    filed_at: datetime
    decided_at: datetime | None
    decided_by: str | None
    decision_reason: str | None

    @classmethod
    def of(cls, a: CoverageApplication) -> ApplicationPublic:
        return cls(**{name: getattr(a, name) for name in cls.model_fields if name != "status"},
                   status=a.status.value)


class KnownEmissionsPublic(BaseModel):
    entity_id: str
    year: int
    tonnes: int
    energy_tce: int | None
    source: str  # declared, reported (M-12) or determined (M-15)
    recorded_at: datetime

    @classmethod
    def of(cls, k: KnownEmissions) -> KnownEmissionsPublic:
        return cls(entity_id=k.entity_id, year=k.year, tonnes=k.tonnes, energy_tce=k.energy_tce,
                   source=k.source.value, recorded_at=k.recorded_at)


class ToCoverPublic(BaseModel):
    entity_id: str
    name: str
    sector: str
    emissions: KnownEmissionsPublic


class ListDraftPublic(BaseModel):
    """What publishing the year's list would do now."""

    compliance_year: int
    covered_count: int  # on the list after the thresholds are applied
    reporting_only_count: int
    to_cover: list[ToCoverPublic]  # reporting-only emitters the year's thresholds cover (M-5)

    @classmethod
    def of(cls, d: ListDraft) -> ListDraftPublic:
        return cls(compliance_year=d.compliance_year, covered_count=len(d.covered) + len(d.to_cover),
                   reporting_only_count=d.reporting_only_count,
                   to_cover=[ToCoverPublic(entity_id=e.entity_id, name=e.name, sector=e.sector,
                                           emissions=KnownEmissionsPublic.of(k)) for e, k in d.to_cover])


class ListVersionPublic(BaseModel):
    compliance_year: int
    version: int
    published_at: datetime
    covered_count: int
    reporting_only_count: int
    digest: str  # SHA-256 of the entity ids, sorted, joined by newlines

    @classmethod
    def of(cls, row: CoveredListRow) -> ListVersionPublic:
        return cls(**row.model_dump(include=set(cls.model_fields)))


class ListedEntityPublic(BaseModel):
    entity_id: str
    name: str
    sector: str
    coverage_basis: str  # threshold (M-5) or voluntary (M-5 ¶1)
    first_compliance_year: int

    @classmethod
    def of(cls, row: CoveredListEntryRow) -> ListedEntityPublic:
        return cls(**row.model_dump(include=set(cls.model_fields)))


class CoveredListPublic(ListVersionPublic):
    """M-5 ¶2: the published list of entities covered for a year (one page of it)."""

    offset: int
    entities: list[ListedEntityPublic]
