"""What callers ask the mrv to do (also the HTTP request bodies)."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field, field_validator

from ets_shared.bounds import Day, ExactDecimal
from mrv.domain.emissions import ActivitySource, SourceKind
from mrv.domain.monitoring import MonitoredSource, PlanContent, ResponsiblePerson

Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")]


class Source(BaseModel):
    """One activity source (M-44(1)): fuel burnt (t or 10^4 Nm3, with its fuel code), an industrial process (tCO2e),
    purchased electricity (10^4 kWh) or purchased heat (GJ)."""

    kind: Literal["fuel", "process", "electricity", "heat"]
    quantity: Annotated[Decimal, ExactDecimal(16, 6, ge=None)] = Field(
        description="exact decimal string, e.g. \"123.4\"")
    unit: str = Field(min_length=1, max_length=40, examples=["10^4 kWh"])
    fuel: str | None = Field(None, max_length=40, description="fuel code, only for kind fuel (e.g. natural_gas)")
    description: str = Field("", max_length=300)

    def to_domain(self) -> ActivitySource:
        return ActivitySource(SourceKind(self.kind), self.quantity, self.unit, self.fuel, self.description)


def activity(sources: list[Source]) -> list[ActivitySource]:
    return [s.to_domain() for s in sources]


class SubmitReport(BaseModel):
    """M-12: the emission report of a compliance year, due 31 March of the next year."""

    compliance_year: int = Field(ge=2013, le=2100)
    sources: list[Source] = Field(max_length=1000)
    entity_id: str | None = Field(default=None, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$",
                                  description="a predecessor whose reporting duty passed to the caller on a merger "
                                              "or split (M-10); default the caller")


class AmendReport(BaseModel):
    """M-12 ¶3: the entity corrects its report's activity data until the verification is filed."""

    sources: list[Source] = Field(max_length=1000)


class FileVerification(BaseModel):
    """M-13: the verification report, signed by a certified verifier (the caller) of an eligible agency."""

    agency_id: Id
    verified_sources: list[Source] = Field(max_length=1000)
    findings: list[str] = Field(default_factory=list, max_length=200,
                                description="the verifier's findings; a single text is taken as one finding")

    @field_validator("findings", mode="before")
    @classmethod
    def _one_finding(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class FileObjection(BaseModel):
    """M-15 ¶2(3): the entity objects to the verification report and supplies evidence."""

    evidence: list[str] = Field(max_length=100, description="references to the supporting documents")


class OpenRecheck(BaseModel):
    """M-15 ¶2(4): the authority re-checks for a reason it records."""

    reason: str = Field(max_length=2000)


class Determine(BaseModel):
    """M-15: the authority determines the year — the verified figure (`emissions` may be omitted; no other figure
    without a re-check); after a re-check its figure and reasons; for a covered entity found without a report or
    without a verification at the deadline, its own figure and the basis it rests on (`reason`)."""

    emissions: int | None = Field(default=None, ge=0, le=10**12, description="whole tCO2e")
    reason: str | None = Field(default=None, max_length=2000, description="the reasons (re-check) or the stated "
                                                                          "basis (the authority's own figure)")


class BulkItem(Determine):
    report_id: Id


class BulkDetermine(BaseModel):
    """Several determinations from the queue in one request (M-15): each item succeeds or is refused on its own."""

    items: list[BulkItem] = Field(min_length=1, max_length=10_000)


class MonitoredSourceIn(BaseModel):
    name: str = Field(min_length=1, max_length=200, examples=["kiln 1 natural gas"])
    kind: Literal["fuel", "process", "electricity", "heat"]
    method: str = Field(min_length=1, max_length=500, examples=["activity data x default factor (SH-2022)"])
    instruments: str = Field(min_length=1, max_length=500, examples=["gas flow meter FM-12, calibrated yearly"])
    frequency: str = Field(min_length=1, max_length=200, examples=["continuous, read monthly"])


class ResponsiblePersonIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    role: str = Field(min_length=1, max_length=200, examples=["energy manager"])


class PlanContentIn(BaseModel):
    """M-11 ¶1: the monitoring scope (boundary), sources with method, instruments and frequency, responsible staff."""

    boundary: str = Field(min_length=1, max_length=4000)
    sources: list[MonitoredSourceIn] = Field(min_length=1, max_length=500)
    responsible_staff: list[ResponsiblePersonIn] = Field(min_length=1, max_length=50)

    def to_domain(self) -> PlanContent:
        return PlanContent(self.boundary, tuple(MonitoredSource(**s.model_dump()) for s in self.sources),
                           tuple(ResponsiblePerson(**p.model_dump()) for p in self.responsible_staff))


class FileMonitoringPlan(PlanContentIn):
    """M-11 ¶1: a covered entity's monitoring plan for a year, due 31 December of the year before."""

    compliance_year: int = Field(ge=2013, le=2100, description="the year monitored")


class ReviseMonitoringPlan(PlanContentIn):
    """M-11 ¶2: a new version of the plan, with the reason for the change; `major_change` marks a major one."""

    change_reason: str = Field(min_length=3, max_length=2000)
    major_change: bool = False


class ImportHistoricalDetermination(BaseModel):
    """An earlier year's determined emissions from the legacy system (basis of the M-15 ¶2(2) comparison)."""

    entity_id: Id
    compliance_year: int = Field(ge=2009, le=2100)
    emissions: int = Field(ge=0, description="whole tCO2e")


class RecordImpediment(BaseModel):
    """M-13 ¶2 / M-38: what the entity did to the verification, recorded by the assigned agency (its verifier names
    the agency)."""

    agency_id: Id | None = Field(default=None, description="A verifier names the agency it works for")
    kind: Literal["false_documents", "information_concealed", "documents_refused", "obstruction"]
    description: str = Field(min_length=1, max_length=4000)
    evidence: list[Annotated[str, Field(min_length=1, max_length=1000)]] = Field(min_length=1, max_length=50)
    occurred_on: Day
