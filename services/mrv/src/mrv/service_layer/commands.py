"""What callers ask the mrv to do (also the HTTP request bodies)."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field, field_validator

from mrv.domain.emissions import ActivitySource, SourceKind

Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")]


class Source(BaseModel):
    """One activity source (M-44(1)): fuel burnt (t or 10^4 Nm3, with its fuel code), an industrial process (tCO2e),
    purchased electricity (10^4 kWh) or purchased heat (GJ)."""

    kind: Literal["fuel", "process", "electricity", "heat"]
    quantity: Decimal = Field(allow_inf_nan=False, description="exact decimal, e.g. \"123.4\"")
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


class DetermineAfterRecheck(BaseModel):
    """M-15: the authority's determination ending a re-check, with its reasons."""

    emissions: int = Field(ge=0, description="whole tCO2e")
    reason: str = Field(max_length=2000)


class ImportHistoricalDetermination(BaseModel):
    """An earlier year's determined emissions from the legacy system (basis of the M-15 ¶2(2) comparison)."""

    entity_id: Id
    compliance_year: int = Field(ge=2009, le=2100)
    emissions: int = Field(ge=0, description="whole tCO2e")
