"""Four eyes (M-43), methods of `PenaltyCase`: a decision the year's policy names (`four_eyes`, per article) is
recorded as a proposal and takes effect only when a second person approves it.

- The proposal is checked as the decision itself would be (a fine outside its range is refused at once).
- The approver is another person than the proposer and than whoever opened the case by hand (`person_of`: two
  tokens of one person are one person) — otherwise Forbidden, and nothing changes. At approval the decision is
  checked again against the case as it then stands, and takes effect at that instant.
- A rejection (or the proposer's own withdrawal) ends it with reasons. One pending proposal per kind.
The effects themselves are in `penalties` (fine, declined fine, dismissal) and `measures` (M-40).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from ets_shared.errors import Conflict, Forbidden, NotFound, RuleViolation

from enforcement.domain.case_state import CaseState
from enforcement.domain.history import CaseStep, DecisionKind, StepKind, person_of, require_text
from enforcement.domain.policy import EnforcementPolicy


# per kind: (check(case, payload, policy), apply(case, payload, at, actor, approved_by, policy))
_EFFECTS = {DecisionKind.FINE: ("_check_fine", "_apply_fine"),
            DecisionKind.FINE_DECLINED: ("_check_decline", "_apply_decline"),
            DecisionKind.DISMISSAL: ("_check_dismissal", "_apply_dismissal"),
            DecisionKind.MEASURES: ("_check_measures", "_apply_measures")}


@dataclass(frozen=True)
class Proposal:
    no: int
    kind: DecisionKind
    payload: Mapping[str, Any]  # the decision's terms: amount and reasons, measures, ...
    summary: str
    proposed_by: str
    proposed_at: datetime
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None
    approved: bool | None = None
    review_reasons: str | None = None

    @property
    def pending(self) -> bool:
        return self.reviewed_at is None


class DecisionsMixin(CaseState):
    def _decide(self, kind: DecisionKind, payload: Mapping[str, Any], summary: str, at: datetime,
                actor: str, policy: EnforcementPolicy) -> list[CaseStep]:
        """Take the decision at once, or record it as a proposal when the policy wants a second officer."""
        start = len(self.history)
        at = self._begin(at, actor, policy)
        check, apply = _EFFECTS[kind]
        getattr(self, check)(payload, policy)
        if not policy.needs_second_officer(self.article, kind):
            getattr(self, apply)(payload, at, actor, None, policy)
            return self.history[start:]
        if any(p.pending and p.kind is kind for p in self.proposals):
            raise Conflict(f"case {self.case_id} already has a {kind} proposal awaiting a second officer",
                           article="M-43")
        proposal = Proposal(len(self.proposals) + 1, kind, dict(payload), summary, actor, at)
        self.proposals.append(proposal)
        self._record(at, StepKind.DECISION_PROPOSED, actor,
                     f"proposal {proposal.no} ({kind}): {summary}; awaits a second officer (four eyes, M-43)",
                     ref=proposal.no)
        self._refresh_status()
        return self.history[start:]

    def approve(self, no: int, at: datetime, actor: str, reasons: str,
                policy: EnforcementPolicy) -> list[CaseStep]:
        start = len(self.history)
        at = self._begin(at, actor, policy)
        proposal = self._pending_proposal(no)
        reasons = require_text(reasons, "reasons")
        approver = person_of(actor)
        if approver is None:
            raise RuleViolation("a decision is approved by a person", field="actor", article="M-43")
        if approver == person_of(proposal.proposed_by):
            raise Forbidden(f"four eyes: {approver} proposed this decision and may not approve it", article="M-43")
        if approver == person_of(self.opened_by):
            raise Forbidden(f"four eyes: {approver} opened case {self.case_id} and may not approve its decisions",
                            article="M-43")
        check, apply = _EFFECTS[proposal.kind]
        getattr(self, check)(proposal.payload, policy)  # the case may have moved since the proposal
        self._review(proposal, at, actor, True, reasons)
        self._record(at, StepKind.DECISION_APPROVED, actor, f"proposal {no} ({proposal.kind}) by "
                                                            f"{proposal.proposed_by} approved: {reasons}", ref=no)
        getattr(self, apply)(proposal.payload, at, proposal.proposed_by, actor, policy)
        return self.history[start:]

    def reject(self, no: int, at: datetime, actor: str, reasons: str,
               policy: EnforcementPolicy) -> list[CaseStep]:
        """A second officer rejects the proposal, or its proposer withdraws it; with reasons either way."""
        start = len(self.history)
        at = self._begin(at, actor, policy)
        proposal = self._pending_proposal(no)
        reasons = require_text(reasons, "reasons")
        how = "withdrawn by its proposer" if person_of(actor) == person_of(proposal.proposed_by) else "rejected"
        self._review(proposal, at, actor, False, reasons)
        self._record(at, StepKind.DECISION_REJECTED, actor, f"proposal {no} ({proposal.kind}) {how}: {reasons}",
                     ref=no)
        self._refresh_status()
        return self.history[start:]

    def _withdraw_pending(self, kind: DecisionKind, at: datetime, actor: str, why: str) -> None:
        for proposal in [p for p in self.proposals if p.pending and p.kind is kind]:
            self._review(proposal, at, actor, False, why)
            self._record(at, StepKind.DECISION_REJECTED, actor, f"proposal {proposal.no} ({kind}) set aside: {why}",
                         ref=proposal.no)

    def _pending_proposal(self, no: int) -> Proposal:
        proposal = next((p for p in self.proposals if p.no == no), None)
        if proposal is None:
            raise NotFound(f"case {self.case_id} has no proposal {no}", field="decision_no")
        if not proposal.pending:
            raise Conflict(f"proposal {no} of case {self.case_id} was already "
                           f"{'approved' if proposal.approved else 'rejected'}", field="decision_no")
        return proposal

    def _review(self, proposal: Proposal, at: datetime, actor: str, approved: bool,
                reasons: str) -> None:
        reviewed = replace(proposal, reviewed_by=actor, reviewed_at=at, approved=approved, review_reasons=reasons)
        self.proposals[self.proposals.index(proposal)] = reviewed
