"""What the HTTP API returns: public views of agencies and their history, tenders, verifiers, training, certificates,
assignments, the panel, the scoring table, evaluations and results, the blacklist and inspections."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Self
from decimal import Decimal

from pydantic import BaseModel

from verifier_oversight.adapters.assignment_repository import Proposal
from verifier_oversight.adapters.evaluation_repository import StoredDraw
from verifier_oversight.domain.agencies import Agency, AgencyVersion, BlacklistEntry
from verifier_oversight.domain.assignments import AdvisoryRelation, Engagement
from verifier_oversight.domain.certificates import Certificate, Verifier
from verifier_oversight.domain.evaluation import Deduction, Evaluation, item_totals, score_of
from verifier_oversight.domain.inspections import Inspection
from verifier_oversight.domain.panel import PanelMember
from verifier_oversight.domain.scoring import ScoringItem, ScoringTable
from verifier_oversight.domain.tenders import Bid, LotAward, Tender
from verifier_oversight.domain.training import TrainingSession


class AgencyPublic(BaseModel):
    agency_id: str
    name: str
    credit_code: str
    fields: list[str]  # sectors of competence
    status: str
    version: int
    filed_at: datetime

    @classmethod
    def of(cls, agency: Agency, **extra: Any) -> Self:
        return cls(agency_id=agency.agency_id, name=agency.name, credit_code=agency.credit_code,
                   fields=list(agency.fields), status=agency.status.value, version=agency.version,
                   filed_at=agency.filed_at, **extra)


class DirectoryEntry(AgencyPublic):
    selected_years: list[int]  # the compliance years the agency won a tender lot for


class AgencyVersionPublic(BaseModel):
    version: int
    name: str
    status: str
    fields: list[str]
    reason: str
    changed_at: datetime
    changed_by: str

    @classmethod
    def of(cls, v: AgencyVersion) -> "AgencyVersionPublic":
        return cls(version=v.version, name=v.name, status=v.status.value, fields=list(v.fields), reason=v.reason,
                   changed_at=v.changed_at, changed_by=v.changed_by)


class EligibilityPublic(BaseModel):
    agency_id: str
    compliance_year: int
    eligible: bool
    reason: str


class LotPublic(BaseModel):
    lot_no: int
    title: str
    sectors: list[str]
    expected_volume: int
    max_winners: int


class LotAwardPublic(BaseModel):
    tender_id: str
    lot_no: int
    agency_id: str
    compliance_year: int
    sectors: list[str]
    expected_volume: int
    winners: int
    reason: str
    awarded_at: datetime

    @classmethod
    def of(cls, a: LotAward) -> "LotAwardPublic":
        return cls(tender_id=a.tender_id, lot_no=a.lot_no, agency_id=a.agency_id, compliance_year=a.year,
                   sectors=list(a.sectors), expected_volume=a.expected_volume, winners=a.winners, reason=a.reason,
                   awarded_at=a.awarded_at)


class BidPublic(BaseModel):
    bid_id: str
    tender_id: str
    lot_no: int
    agency_id: str
    statement: str
    price: Decimal | None
    submitted_at: datetime
    score: Decimal | None
    score_reason: str | None
    scored_at: datetime | None

    @classmethod
    def of(cls, b: Bid) -> "BidPublic":
        return cls(**vars(b))


class TenderPublic(BaseModel):
    tender_id: str
    compliance_year: int
    title: str
    conditions: list[str]
    lots: list[LotPublic]
    bid_deadline: date
    published_at: datetime
    awards: list[LotAwardPublic]

    @classmethod
    def of(cls, t: Tender, awards: list[LotAward]) -> "TenderPublic":
        return cls(tender_id=t.tender_id, compliance_year=t.year, title=t.title, conditions=list(t.conditions),
                   lots=[LotPublic(**{**vars(lot), "sectors": list(lot.sectors)}) for lot in t.lots],
                   bid_deadline=t.bid_deadline, published_at=t.published_at,
                   awards=[LotAwardPublic.of(a) for a in awards])


class TenderRecord(TenderPublic):
    bids: list[BidPublic]  # with their scores and reasons (the authority's full record)


class VerifierPublic(BaseModel):
    verifier_id: str
    agency_id: str
    name: str

    @classmethod
    def of(cls, verifier: Verifier) -> "VerifierPublic":
        return cls(**vars(verifier))


class TrainingPublic(BaseModel):
    training_id: str
    compliance_year: int
    title: str
    held_on: date
    attendees: list[str]
    results: dict[str, int]

    @classmethod
    def of(cls, t: TrainingSession) -> "TrainingPublic":
        return cls(training_id=t.training_id, compliance_year=t.year, title=t.title, held_on=t.held_on,
                   attendees=list(t.attendees), results=dict(t.results))


class CertificatePublic(BaseModel):
    verifier_id: str
    agency_id: str
    compliance_year: int
    certificate_no: str
    exam_score: int | None
    training_id: str | None
    issued_at: datetime
    revoked_at: datetime | None
    revocation_reason: str | None

    @classmethod
    def of(cls, c: Certificate) -> "CertificatePublic":
        return cls(verifier_id=c.verifier_id, agency_id=c.agency_id, compliance_year=c.year,
                   certificate_no=c.certificate_no, exam_score=c.exam_score, training_id=c.training_id,
                   issued_at=c.issued_at, revoked_at=c.revoked_at, revocation_reason=c.revocation_reason)


class SessionCertified(BaseModel):
    issued: list[CertificatePublic]
    skipped: dict[str, str]  # verifier -> why no certificate


class SigningEligibilityPublic(BaseModel):
    verifier_id: str
    agency_id: str
    compliance_year: int
    entity_id: str | None
    at: datetime | None
    may_sign: bool
    reason: str


class EngagementPublic(BaseModel):
    assignment_id: str
    entity_id: str
    compliance_year: int
    agency_id: str
    revision: int
    reason: str
    assigned_at: datetime
    proposal_id: str | None
    stage: str
    open: bool
    verification_id: str | None
    verified_at: datetime | None
    missing_at: datetime | None
    recheck_opened_at: datetime | None
    determined_at: datetime | None

    @classmethod
    def of(cls, e: Engagement) -> "EngagementPublic":
        return cls(assignment_id=e.assignment_id, entity_id=e.entity_id, compliance_year=e.year,
                   agency_id=e.agency_id, revision=e.revision, reason=e.reason, assigned_at=e.assigned_at,
                   proposal_id=e.proposal_id, stage=e.stage, open=e.open, verification_id=e.verification_id,
                   verified_at=e.verified_at, missing_at=e.missing_at, recheck_opened_at=e.recheck_opened_at,
                   determined_at=e.determined_at)


class AssignmentHistoryEntry(BaseModel):
    revision: int
    agency_id: str
    reason: str
    proposal_id: str | None
    assigned_at: datetime
    assigned_by: str


class ProposedPublic(BaseModel):
    entity_id: str
    agency_id: str
    reason: str


class UnplacedPublic(BaseModel):
    entity_id: str
    reason: str


class ProposalPublic(BaseModel):
    proposal_id: str
    compliance_year: int
    status: str
    proposed_at: datetime
    proposed_by: str
    decided_at: datetime | None
    entries: list[ProposedPublic]
    unplaced: list[UnplacedPublic]

    @classmethod
    def of(cls, p: Proposal) -> "ProposalPublic":
        return cls(proposal_id=p.proposal_id, compliance_year=p.year, status=p.status, proposed_at=p.proposed_at,
                   proposed_by=p.proposed_by, decided_at=p.decided_at,
                   entries=[ProposedPublic(**vars(e)) for e in p.entries],
                   unplaced=[UnplacedPublic(**vars(u)) for u in p.unplaced])


class ProposalConfirmed(ProposalPublic):
    assigned: int


class AdvisoryPublic(BaseModel):
    agency_id: str
    entity_id: str
    from_year: int
    to_year: int | None
    description: str

    @classmethod
    def of(cls, a: AdvisoryRelation) -> "AdvisoryPublic":
        return cls(**vars(a))


class ConflictPublic(BaseModel):
    agency_id: str | None
    entity_id: str | None
    description: str


class PanelMemberPublic(BaseModel):
    compliance_year: int
    member_id: str
    name: str
    kind: str
    affiliation: str
    conflicts: list[ConflictPublic]

    @classmethod
    def of(cls, m: PanelMember) -> "PanelMemberPublic":
        return cls(compliance_year=m.year, member_id=m.member_id, name=m.name, kind=m.kind.value,
                   affiliation=m.affiliation, conflicts=[ConflictPublic(**vars(c)) for c in m.conflicts])


class BandPublic(BaseModel):
    from_ratio: Decimal
    points: int


class ScoringItemPublic(BaseModel):
    code: str
    description: str
    kind: str
    points: int
    cap: int | None
    bands: list[BandPublic]
    violation: str | None

    @classmethod
    def of(cls, i: ScoringItem) -> "ScoringItemPublic":
        return cls(code=i.code, description=i.description, kind=i.kind.value, points=i.points, cap=i.cap,
                   bands=[BandPublic(from_ratio=b.from_ratio, points=b.points) for b in i.bands],
                   violation=i.violation.value if i.violation else None)


class ScoringTablePublic(BaseModel):
    compliance_year: int
    version: int  # 0: the platform default, no table adopted for the year yet
    adopted_at: datetime | None
    adopted_by: str | None
    reason: str
    items: list[ScoringItemPublic]
    automatic_items_omitted: list[str]  # events still record these, with 0 points

    @classmethod
    def of(cls, t: ScoringTable) -> "ScoringTablePublic":
        return cls(compliance_year=t.year, version=t.version, adopted_at=t.adopted_at, adopted_by=t.adopted_by,
                   reason=t.reason, items=[ScoringItemPublic.of(i) for i in t.items.values()],
                   automatic_items_omitted=t.omitted_automatic())


class DeductionPublic(BaseModel):
    deduction_id: str
    code: str
    points: int
    reason: str
    source: str
    evidence: list[str]
    reference: str | None
    entity_id: str | None
    measure: Decimal | None
    unscored: str | None
    table_version: int
    recorded_at: datetime
    status: str
    contest_grounds: str | None
    contested_at: datetime | None
    review_reason: str | None
    reviewed_at: datetime | None

    @classmethod
    def of(cls, d: Deduction) -> "DeductionPublic":
        values = {k: v for k, v in vars(d).items() if k in cls.model_fields}
        return cls(**{**values, "source": d.source.value, "status": d.status.value, "evidence": list(d.evidence)})


class ItemTotal(BaseModel):
    code: str
    recorded: int
    counted: int  # after the item's cap


class EvaluationPublic(BaseModel):
    agency_id: str
    compliance_year: int
    score: int  # 100 minus the capped deductions so far (the final score once finalised)
    items: list[ItemTotal]
    deductions: list[DeductionPublic]
    finalised_at: datetime | None
    final_score: int | None
    grade: str | None
    rank: int | None
    table_version: int

    @classmethod
    def of(cls, e: Evaluation, table: ScoringTable) -> "EvaluationPublic":
        totals = item_totals(e.deductions, table)
        return cls(agency_id=e.agency_id, compliance_year=e.year,
                   score=e.final_score if e.final_score is not None else score_of(e.deductions, table),
                   items=[ItemTotal(code=c, recorded=r, counted=k) for c, (r, k) in sorted(totals.items())],
                   deductions=[DeductionPublic.of(d) for d in e.deductions], finalised_at=e.finalised_at,
                   final_score=e.final_score, grade=e.grade.value if e.grade else None, rank=e.rank,
                   table_version=table.version)


class ReadinessPublic(BaseModel):
    compliance_year: int
    finalised: bool
    ready: bool
    bars: list[str]  # why it cannot be finalised yet
    agencies: list[str]  # every agency that worked in the year: the evaluation covers them all


class ResultPublic(BaseModel):
    rank: int
    agency_id: str
    name: str
    score: int
    grade: str  # EXCELLENT 优良, PASS 合格, FAIL 不合格


class ResultsPublic(BaseModel):
    compliance_year: int
    finalised_at: datetime
    table_version: int
    results: list[ResultPublic]  # the ranking, best first


class BlacklistEntryPublic(BaseModel):
    agency_id: str
    agency_name: str | None = None
    evaluated_year: int
    from_year: int
    to_year: int
    reason: str
    listed_at: datetime | None = None

    @classmethod
    def of(cls, entry: BlacklistEntry, **extra: Any) -> "BlacklistEntryPublic":
        return cls(**vars(entry), **extra)


class AgencyDetail(AgencyPublic):
    selected_years: list[int]
    verifiers: list[VerifierPublic]
    certificates: list[CertificatePublic]
    evaluations: list[EvaluationPublic]
    blacklist: list[BlacklistEntryPublic]


class TargetedPublic(BaseModel):
    entity_id: str
    reason: str


class DrawPublic(BaseModel):
    draw_id: str
    agency_id: str
    compliance_year: int
    seed: int
    drawn_at: datetime
    random_ratio: Decimal
    random_minimum: int
    population_size: int  # the agency's engagements of the year when drawn
    targeted: list[TargetedPublic]
    random: list[str]
    selected: list[str]  # targeted + random, sorted

    @classmethod
    def of(cls, s: StoredDraw, **extra: Any) -> Self:
        d = s.draw
        return cls(draw_id=s.draw_id, agency_id=d.agency_id, compliance_year=s.year, seed=d.seed,
                   drawn_at=s.drawn_at, random_ratio=s.random_ratio, random_minimum=s.random_minimum,
                   population_size=len(d.population_ids), targeted=[TargetedPublic(**vars(t)) for t in d.targeted],
                   random=list(d.random_ids), selected=list(d.selected), **extra)


class DrawDetail(DrawPublic):
    population: list[str]
    reproduced: bool  # re-running the recorded seed over the recorded population gives the same entities


class ChecklistPublic(BaseModel):
    item: str
    result: str
    note: str


class FindingPublic(BaseModel):
    code: str
    description: str
    evidence: list[str]


class SignaturePublic(BaseModel):
    member_id: str
    signed_at: datetime


class InspectionPublic(BaseModel):
    inspection_id: str
    kind: str
    agency_id: str
    entity_id: str
    compliance_year: int
    inspected_on: date
    team: list[str]
    checklist: list[ChecklistPublic]
    findings: list[FindingPublic]
    record: str
    draw_id: str | None
    reason: str | None
    signatures: list[SignaturePublic]
    completed_at: datetime | None  # the last team member signed: the findings are deductions

    @classmethod
    def of(cls, i: Inspection, **extra: object) -> "InspectionPublic":
        return cls(inspection_id=i.inspection_id, kind=i.kind.value, agency_id=i.agency_id, entity_id=i.entity_id,
                   compliance_year=i.year, inspected_on=i.inspected_on, team=list(i.team),
                   checklist=[ChecklistPublic(item=c.item, result=c.result.value, note=c.note) for c in i.checklist],
                   findings=[FindingPublic(code=f.code, description=f.description, evidence=list(f.evidence))
                             for f in i.findings],
                   record=i.record, draw_id=i.draw_id, reason=i.reason,
                   signatures=[SignaturePublic(member_id=s.member_id, signed_at=s.signed_at) for s in i.signatures],
                   completed_at=i.completed_at, **extra)


class InspectionSigned(InspectionPublic):
    evaluation: EvaluationPublic | None  # once complete: the agency's evaluation with the findings deducted
