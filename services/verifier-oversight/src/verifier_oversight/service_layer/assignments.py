"""Use cases of the assignment of verification work (M-13 ¶1, V): one entity at a time, or a bulk proposal the officer
confirms. Each assignment publishes `VerificationAssigned`; mrv accepts a verification only from the assigned
agency's certified verifiers."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from uuid import uuid4

from ets_shared.contracts.verifier_oversight import VerificationAssigned
from ets_shared.errors import Conflict, RuleViolation
from verifier_oversight.adapters.assignment_repository import Proposal
from verifier_oversight.domain.agencies import Agency, BlacklistEntry, TenderAward, agency_bar
from verifier_oversight.domain.assignments import (
    AdvisoryRelation, Candidate, Engagement, capacities, conflict_bar, next_engagement, propose, sector_bar,
)
from verifier_oversight.domain.policy import OversightPolicy
from verifier_oversight.domain.tenders import LotAward
from verifier_oversight.service_layer import commands
from verifier_oversight.adapters.policy_repository import policy_for
from verifier_oversight.service_layer.unit_of_work import OversightUnitOfWork

PROPOSED, CONFIRMED, SUPERSEDED = "PROPOSED", "CONFIRMED", "SUPERSEDED"


@dataclass
class YearCheck:
    """Everything the assignment rules of one year need, loaded once for a set of entities."""

    year: int
    policy: OversightPolicy
    agencies: dict[str, Agency]
    lot_awards: list[LotAward]
    blacklist: list[BlacklistEntry]
    advisories: list[AdvisoryRelation]
    history: dict[tuple[str, str], set[int]]
    #: each agency's bar and sectors of the year, worked out once: a confirmed proposal checks thousands of entries
    #: against the same few agencies (the facts above do not change while they are checked)
    _agency_bars: dict[str, str | None] = field(default_factory=dict, init=False, repr=False, compare=False)
    _sectors: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def load(cls, uow: OversightUnitOfWork, year: int, entity_ids: list[str]) -> "YearCheck":
        policy = policy_for(uow.session, year)
        lot_awards = uow.agencies.lot_awards(year)
        agencies = uow.agencies.many(sorted({a.agency_id for a in lot_awards}))
        return cls(year, policy, agencies, lot_awards, uow.agencies.blacklisted_in(year), [],
                   {}).with_entities(uow, entity_ids)

    def with_entities(self, uow: OversightUnitOfWork, entity_ids: list[str]) -> "YearCheck":
        """The same year's facts, with the conflict-of-interest records of these entities."""
        years = range(self.year - self.policy.max_consecutive_years, self.year)
        return replace(self, advisories=uow.assignments.advisories(entity_ids=entity_ids),
                       history=uow.assignments.history_of(entity_ids, years))

    def agency_bar(self, agency_id: str) -> str | None:
        if agency_id not in self._agency_bars:
            agency = self.agencies.get(agency_id)
            self._agency_bars[agency_id] = (
                f"agency {agency_id} was not selected by tender for {self.year}" if agency is None
                else agency_bar(agency, self.year, [TenderAward(agency_id, self.year)], self.blacklist))
        return self._agency_bars[agency_id]

    def conflict(self, agency_id: str, entity_id: str) -> str | None:
        return conflict_bar(agency_id, entity_id, self.year, self.advisories,
                            self.history.get((agency_id, entity_id), set()), self.policy)

    def bar(self, agency_id: str, entity_id: str, sector: str) -> str | None:
        if agency_id not in self._sectors:
            self._sectors[agency_id] = {s for a in self.lot_awards if a.agency_id == agency_id for s in a.sectors}
        return (self.agency_bar(agency_id) or sector_bar(agency_id, sector, self._sectors[agency_id], self.year)
                or self.conflict(agency_id, entity_id))

    def candidates(self, loads: dict[str, int]) -> list[Candidate]:
        by_agency = capacities((a.agency_id, a.capacity, a.sectors) for a in self.lot_awards)
        return [Candidate(agency_id, sectors, capacity, loads.get(agency_id, 0))
                for agency_id, (capacity, sectors) in sorted(by_agency.items()) if self.agency_bar(agency_id) is None]

    def barred_agencies(self, worked: list[str]) -> list[str]:
        return [a for a in worked if self.agency_bar(a) is not None]


def _assign(uow: OversightUnitOfWork, check: YearCheck, entity_id: str, agency_id: str, reason: str,
            proposal_id: str | None, field: str, first_ones: list[Engagement] | None = None) -> Engagement:
    """Assign one entity-year; with `first_ones`, an entity-year's first engagement is collected there for the
    caller to write together with the others (`AssignmentRepository.add_first`) instead of saved at once."""
    entity = uow.assignments.entity(entity_id)
    bar = check.bar(agency_id, entity_id, entity.sector)
    if bar is not None:
        raise RuleViolation(bar, field=field, article="M-13")
    current = uow.assignments.engagement(entity_id, check.year, for_update=True)
    engagement = next_engagement(current, entity_id, check.year, agency_id, reason, uow.now(), proposal_id)
    if current is None and first_ones is not None:
        first_ones.append(engagement)
    else:
        uow.assignments.save(engagement, assigned_by=uow.context.actor)
    uow.publish(VerificationAssigned(assignment_id=engagement.assignment_id, entity_id=entity_id,
                                     compliance_year=check.year, agency_id=agency_id, revision=engagement.revision,
                                     reason=reason, assigned_at=engagement.assigned_at))
    return engagement


def _require_year_open(uow: OversightUnitOfWork, year: int) -> None:
    if uow.evaluations.year_finalised(year) is not None:
        raise Conflict(f"the {year} evaluation is final: its work can no longer be assigned", field="compliance_year",
                       article="V")


def assign(entity_id: str, year: int, cmd: commands.Assign, uow: OversightUnitOfWork) -> Engagement:
    """Assign (or reassign) one entity-year to an agency, with the officer's reason."""
    with uow:
        _require_year_open(uow, year)
        uow.agencies.get(cmd.agency_id, for_update=True)
        engagement = _assign(uow, YearCheck.load(uow, year, [entity_id]), entity_id, cmd.agency_id,
                             cmd.reason.strip(), None, "agency_id")
        uow.commit()
    return engagement


def propose_assignments(year: int, cmd: commands.ProposeAssignments, uow: OversightUnitOfWork) -> Proposal:
    """Every covered entity without a valid assignment, placed by `domain.assignments.propose`; earlier open
    proposals of the year are superseded."""
    with uow:
        _require_year_open(uow, year)
        proposal_id = cmd.proposal_id or f"PRP-{year}-{uuid4().hex[:10]}"
        if any(p.proposal_id == proposal_id for p in uow.assignments.open_proposals(year)):
            raise Conflict(f"proposal {proposal_id} already exists", field="proposal_id", article="M-13")
        worked = uow.assignments.agencies_that_worked(year)
        check = YearCheck.load(uow, year, [])
        entities = uow.assignments.unassigned(year, check.barred_agencies(worked))
        check = check.with_entities(uow, [e.entity_id for e in entities])
        loads = uow.assignments.loads(year)
        placed, unplaced = propose(year, [(e.entity_id, e.sector) for e in entities], check.candidates(loads),
                                   lambda agency_id, entity_id: check.conflict(agency_id, entity_id))
        for old in uow.assignments.open_proposals(year):
            uow.assignments.save_proposal(replace(old, status=SUPERSEDED, decided_at=uow.now()))
        proposal = Proposal(proposal_id, year, tuple(placed), tuple(unplaced), PROPOSED, uow.now(), uow.context.actor)
        uow.assignments.save_proposal(proposal)
        uow.audit("verifier-oversight.assignment.proposed", f"proposal:{proposal_id}",
                  {"compliance_year": year, "entries": len(placed), "unplaced": [vars(u) for u in unplaced]})
        uow.commit()
    return proposal


def confirm_proposal(proposal_id: str, cmd: commands.ConfirmProposal,
                     uow: OversightUnitOfWork) -> tuple[Proposal, list[Engagement]]:
    """Assign every entry of the proposal except the excluded ones, each checked again (a stale proposal is refused
    with the entry that no longer holds; propose again)."""
    with uow:
        proposal = uow.assignments.proposal(proposal_id, for_update=True)
        if proposal.status != PROPOSED:
            raise Conflict(f"proposal {proposal_id} is {proposal.status}", field="proposal_id", article="M-13")
        _require_year_open(uow, proposal.year)
        excluded = set(cmd.exclude)
        entries = [e for e in proposal.entries if e.entity_id not in excluded]
        check = YearCheck.load(uow, proposal.year, [e.entity_id for e in entries])
        uow.assignments.read_ahead([e.entity_id for e in entries], proposal.year, entities=True, engagements=True)
        # first engagements are written together after the loop; an entity named twice (never by `propose`) could
        # not see its first one there, so such a proposal goes entry by entry
        first_ones: list[Engagement] | None = [] if len({e.entity_id for e in entries}) == len(entries) else None
        made = [_assign(uow, check, e.entity_id, e.agency_id, f"proposal {proposal_id}: {e.reason}", proposal_id,
                        f"entries[{i}]", first_ones) for i, e in enumerate(entries)]
        uow.assignments.add_first(first_ones or [], assigned_by=uow.context.actor)
        confirmed = replace(proposal, status=CONFIRMED, decided_at=uow.now())
        uow.assignments.save_proposal(confirmed)
        uow.audit("verifier-oversight.assignment.confirmed", f"proposal:{proposal_id}",
                  {"assigned": len(made), "excluded": sorted(excluded)})
        uow.commit()
    return confirmed, made
