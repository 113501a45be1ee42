"""What callers ask the verifier-oversight service to do (also the HTTP request bodies).

Rule checks (credit code form, sectors, exam pass mark, expert count, scoring codes) are the domain's, so a refusal
names the field as the rule does; the models here fix the shapes and the bounds of every field. Exact quantities
(prices, scores, ratios) arrive as decimal strings: a JSON float is refused.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from ets_shared.bounds import Day, DecimalString

Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")]
Year = Annotated[int, Field(ge=2013, le=2100, description="Compliance year whose reports are verified")]
Text = Annotated[str, Field(min_length=1, max_length=1000)]
LongText = Annotated[str, Field(min_length=1, max_length=20_000)]
Sector = Annotated[str, Field(min_length=1, max_length=64)]
Evidence = Annotated[list[Annotated[str, Field(min_length=1, max_length=1000)]], Field(min_length=1, max_length=50)]


def _no_float(value: object) -> object:
    if isinstance(value, float):
        raise ValueError("exact decimals are sent as strings, e.g. \"88.50\"")
    return value


DecimalText = Annotated[DecimalString, BeforeValidator(_no_float)]


class Command(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- directory (M-14) -------------------------------------------------------------------------------------------
class FileAgency(Command):
    """M-14: file (备案) an agency into the public directory, with the sectors it is competent to verify."""

    agency_id: Id
    name: str = Field(min_length=1, max_length=300)
    credit_code: str = Field(max_length=64, description="Unified social credit code (18 digits/capital letters)")
    fields: list[Sector] = Field(min_length=1, max_length=30, description="Sectors of competence, e.g. industry")


class ChangeFiling(Command):
    """M-14: a change of the directory entry (a new version; the history is kept)."""

    name: str | None = Field(default=None, min_length=1, max_length=300)
    fields: list[Sector] | None = Field(default=None, min_length=1, max_length=30)
    reason: Text


class ChangeAgencyStatus(Command):
    reason: Text


# -- tender (V, 事前) ---------------------------------------------------------------------------------------------
class LotIn(Command):
    lot_no: int = Field(ge=1, le=999)
    title: str = Field(min_length=1, max_length=300)
    sectors: list[Sector] = Field(min_length=1, max_length=30)
    expected_volume: int = Field(ge=1, le=100_000, description="Entities the lot expects to be verified")
    max_winners: int = Field(default=1, ge=1, le=50, description="Agencies that may win the lot")


class PublishTender(Command):
    """V: the year's public tender (公开招投标), open nationwide, with its conditions and lots."""

    tender_id: Id
    compliance_year: Year
    title: str = Field(min_length=1, max_length=300)
    conditions: list[Text] = Field(min_length=1, max_length=50)
    lots: list[LotIn] = Field(min_length=1, max_length=100)
    bid_deadline: Day = Field(description="Last Shanghai date a bid is accepted")


class SubmitBid(Command):
    agency_id: Id
    lot_no: int = Field(ge=1, le=999)
    statement: LongText = Field(description="How the agency meets the conditions: team, method, capacity")
    price: DecimalText | None = Field(default=None, gt=0, max_digits=14, decimal_places=2,
                                      description="Offered price in yuan, decimal string")


class ScoreBid(Command):
    score: DecimalText = Field(ge=0, le=100, max_digits=5, decimal_places=2, description="0..100, decimal string")
    reason: Text


class Winner(Command):
    agency_id: Id
    reason: Text


class AwardLot(Command):
    winners: list[Winner] = Field(min_length=1, max_length=50)


# -- verifiers, training, certificates ---------------------------------------------------------------------------
class RegisterVerifier(Command):
    verifier_id: Id
    name: str = Field(min_length=1, max_length=300)


class ScheduleTraining(Command):
    training_id: Id
    compliance_year: Year
    title: str = Field(min_length=1, max_length=300)
    held_on: Day


class RecordAttendance(Command):
    verifier_ids: list[Id] = Field(min_length=1, max_length=5000)


class ExamResult(Command):
    verifier_id: Id
    score: int = Field(ge=0, le=100)


class RecordExamResults(Command):
    results: list[ExamResult] = Field(min_length=1, max_length=5000)


class IssueCertificate(Command):
    """V: the year's verification work certificate (核查工作证) for a verifier who passed the year's training."""

    compliance_year: Year
    certificate_no: str | None = Field(default=None, min_length=1, max_length=64,
                                       description="Assigned as HCZ-<year>-<verifier> when absent")


class RevokeCertificate(Command):
    reason: Text


# -- assignment (M-13 ¶1) -----------------------------------------------------------------------------------------
class DeclareAdvisory(Command):
    """An agency's advisory (consulting) relation with an entity: a conflict of interest for verifying it."""

    entity_id: Id
    from_year: Year
    to_year: Year | None = Field(default=None, description="Last year of the relation; null: ongoing")
    description: Text


class Assign(Command):
    agency_id: Id
    reason: Text


class ProposeAssignments(Command):
    proposal_id: Id | None = Field(default=None, description="Assigned when absent")


class ConfirmProposal(Command):
    exclude: list[Id] = Field(default_factory=list, max_length=100_000,
                              description="Entities the officer leaves out of this confirmation")


# -- panel, inspections --------------------------------------------------------------------------------------------
class ConflictIn(Command):
    agency_id: Id | None = None
    entity_id: Id | None = None
    description: Text


class AppointMember(Command):
    member_id: Id
    name: str = Field(min_length=1, max_length=300)
    kind: Literal["authority_staff", "expert"]
    affiliation: str = Field(min_length=1, max_length=300)
    conflicts: list[ConflictIn] = Field(default_factory=list, max_length=100)


class DeclareConflicts(Command):
    conflicts: list[ConflictIn] = Field(min_length=1, max_length=100)


class TargetIn(Command):
    entity_id: Id
    reason: Text


class DrawInspectionSample(Command):
    """V: random sampling combined with targeted selection (随机抽取与重点选取相结合) over the agency's engagements of
    the year, reproducible from its seed."""

    draw_id: Id | None = Field(default=None, description="Assigned when absent")
    agency_id: Id
    compliance_year: Year
    targeted: list[TargetIn] = Field(default_factory=list, max_length=10_000,
                                     description="Engagements inspected in any case (重点选取), each with a reason")
    seed: int | None = Field(default=None, ge=0, le=2**63 - 1, description="Chosen and recorded when absent")


class ChecklistIn(Command):
    item: str = Field(min_length=1, max_length=500)
    result: Literal["compliant", "non_compliant", "not_applicable"]
    note: str = Field(default="", max_length=2000)


class FindingIn(Command):
    code: str = Field(min_length=1, max_length=64, description="A FINDING item of the year's scoring table")
    description: Text
    evidence: Evidence


class RecordInspection(Command):
    """V: the on-site record (现场记录) of an inspection or spot check; it counts once every team member signed."""

    inspection_id: Id
    kind: Literal["on_site", "spot_check"]
    agency_id: Id
    entity_id: Id
    compliance_year: Year
    inspected_on: Day
    team: list[Id] = Field(min_length=1, max_length=20, description="Panel members present")
    checklist: list[ChecklistIn] = Field(min_length=1, max_length=200)
    findings: list[FindingIn] = Field(default_factory=list, max_length=100)
    record: LongText
    draw_id: Id | None = Field(default=None, description="The draw that selected the entity (on-site inspections)")
    reason: str | None = Field(default=None, max_length=1000, description="Why this spot check")


# -- scoring table and evaluation ----------------------------------------------------------------------------------
class BandIn(Command):
    from_ratio: DecimalText = Field(ge=0, le=10, max_digits=8, decimal_places=6)
    points: int = Field(ge=1, le=100)


class ScoringItemIn(Command):
    code: str = Field(min_length=1, max_length=64)
    description: str = Field(min_length=1, max_length=1000)
    kind: Literal["automatic", "finding"]
    points: int = Field(ge=1, le=100)
    cap: int | None = Field(default=None, ge=1, le=100)
    bands: list[BandIn] = Field(default_factory=list, max_length=20)
    violation: Literal["false_report", "major_error", "data_misuse"] | None = None


class AdoptScoringTable(Command):
    """考核记分细则: the year's scoring table, adopted as its next version."""

    items: list[ScoringItemIn] = Field(min_length=1, max_length=200)
    reason: Text


class RecordDeduction(Command):
    """V: an officer's finding of the year's scoring table (kind FINDING) deducted from the agency's 100 points."""

    deduction_id: Id | None = Field(default=None, description="Chosen by the caller for idempotency; else assigned")
    code: str = Field(min_length=1, max_length=64)
    reason: Text
    evidence: Evidence
    entity_id: Id | None = None


class Contest(Command):
    grounds: str = Field(min_length=1, max_length=4000)


class Review(Command):
    outcome: Literal["upheld", "withdrawn"]
    reason: Text


class Withdraw(Command):
    reason: Text
