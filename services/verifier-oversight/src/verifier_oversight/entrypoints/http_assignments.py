"""HTTP API of the assignment of verification work (M-13 ¶1: the authority commissions the agency): one entity at a
time or by a bulk proposal the officer confirms; each engagement's progress as mrv reports it."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden, NotFound
from ets_shared.http.dependencies import Caller, ReadSession
from verifier_oversight.entrypoints.dependencies import Uow
from verifier_oversight.adapters.assignment_repository import AssignmentRepository
from verifier_oversight.entrypoints.dependencies import Authority, IdPath, Limit, Page, Year
from verifier_oversight.entrypoints.schemas import (
    AssignmentHistoryEntry, EngagementPublic, ProposalConfirmed, ProposalPublic,
)
from verifier_oversight.service_layer import assignments, commands

router = APIRouter(tags=["assignment"])
ASSIGNMENT = "/assignments/{compliance_year}/{entity_id}"


def _may_see(caller: Principal, agency_id: str | None, entity_id: str | None = None) -> None:
    if caller.has(Role.AUTHORITY, Role.PANEL_EXPERT):
        return
    if agency_id is not None and caller.has(Role.AGENCY) and caller.owns(agency_id):
        return
    if entity_id is not None and caller.has(Role.ENTITY) and caller.owns(entity_id):
        return
    raise Forbidden("an agency sees only its own engagements, an entity only its own assignment",
                    field="agency_id", article="M-13")


@router.put(ASSIGNMENT, response_model=EngagementPublic,
            summary="Assign (or reassign) an entity's verification for the year to an agency, with the reason (M-13)")
def assign(compliance_year: Year, entity_id: IdPath, cmd: commands.Assign, _: Authority,
           uow: Uow) -> EngagementPublic:
    return EngagementPublic.of(assignments.assign(entity_id, compliance_year, cmd, uow))


@router.get(ASSIGNMENT, response_model=EngagementPublic, summary="An entity's assignment for the year and progress")
def get_assignment(compliance_year: Year, entity_id: IdPath, caller: Caller,
                   session: ReadSession) -> EngagementPublic:
    engagement = AssignmentRepository(session).engagement(entity_id, compliance_year)
    _may_see(caller, engagement.agency_id if engagement else None, entity_id)
    if engagement is None:
        raise NotFound(f"{entity_id} has no assignment for {compliance_year}", field="entity_id", article="M-13")
    return EngagementPublic.of(engagement)


@router.get(f"{ASSIGNMENT}/history", response_model=list[AssignmentHistoryEntry],
            summary="Every assignment and reassignment of the entity-year, with who and why (authority)")
def assignment_history(compliance_year: Year, entity_id: IdPath, _: Authority,
                       session: ReadSession) -> list[AssignmentHistoryEntry]:
    return [AssignmentHistoryEntry(revision=e.revision, agency_id=e.agency_id, reason=e.reason,
                                   proposal_id=e.proposal_id, assigned_at=e.assigned_at, assigned_by=by)
            for e, by in AssignmentRepository(session).revisions(entity_id, compliance_year)]


@router.get("/assignments/{compliance_year}", response_model=list[EngagementPublic],
            summary="The year's engagements (authority, panel; an agency: its own)")
def list_assignments(compliance_year: Year, caller: Caller, session: ReadSession,
                     agency_id: Annotated[str | None, Query(max_length=64)] = None,
                     offset: Page = 0, limit: Limit = 100) -> list[EngagementPublic]:
    if not caller.has(Role.AUTHORITY, Role.PANEL_EXPERT):
        _may_see(caller, agency_id)
    found = AssignmentRepository(session).engagements(compliance_year, agency_id, offset, limit)
    return [EngagementPublic.of(e) for e in found]


@router.post("/assignments/{compliance_year}/proposals", response_model=ProposalPublic, status_code=201,
             summary="Propose an agency for every entity without a valid assignment: competent, conflict-free, "
                     "least loaded (M-13)")
def propose(compliance_year: Year, cmd: commands.ProposeAssignments, _: Authority, uow: Uow) -> ProposalPublic:
    return ProposalPublic.of(assignments.propose_assignments(compliance_year, cmd, uow))


@router.get("/assignment-proposals/{proposal_id}", response_model=ProposalPublic, summary="A bulk proposal")
def get_proposal(proposal_id: IdPath, _: Authority, session: ReadSession) -> ProposalPublic:
    return ProposalPublic.of(AssignmentRepository(session).proposal(proposal_id))


@router.post("/assignment-proposals/{proposal_id}/confirmation", response_model=ProposalConfirmed,
             summary="Confirm a proposal (optionally leaving entities out): every entry is assigned and published")
def confirm(proposal_id: IdPath, cmd: commands.ConfirmProposal, _: Authority, uow: Uow) -> ProposalConfirmed:
    proposal, made = assignments.confirm_proposal(proposal_id, cmd, uow)
    return ProposalConfirmed(**ProposalPublic.of(proposal).model_dump(), assigned=len(made))
