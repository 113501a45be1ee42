"""Objections and appeals, recorded with their outcome — methods of `PenaltyCase`.

- **Objection** (陈述、申辩, Administrative Penalty Law Art. 44-45): the party's statement and defence before the
  fine is decided; while it awaits decision no fine is decided or approved. The officer decides it `accepted`
  (pending fine proposals are set aside: they were made before the party was heard) or `rejected`, with reasons.
- **Appeal** against the decision: administrative reconsideration (行政复议) or litigation (行政诉讼), recorded by the
  officer when the body names it and decided when it rules: `decision_upheld`; `fine_reduced` (a lower amount,
  still within the article's range — a reconsideration never makes it worse for the applicant); `decision_revoked`
  (the fine is annulled, M-40 measures lifted, the case closes `revoked`). An appeal does not stop the decision
  being enforced (行政复议法 / 行政诉讼法: 不停止执行); a paid amount above the outcome is to be refunded.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from ets_shared.clock import regulatory_date
from ets_shared.errors import Conflict, NotFound, RuleViolation

from enforcement.domain.case_state import CaseState
from enforcement.domain.articles import validate_fine
from enforcement.domain.history import Closure, DecisionKind, StepKind, require_text
from enforcement.domain.money import format_yuan
from enforcement.domain.policy import EnforcementPolicy

if TYPE_CHECKING:
    from enforcement.domain.history import CaseStep


class ChallengeKind(StrEnum):
    OBJECTION = "objection"  # 陈述、申辩
    RECONSIDERATION = "reconsideration"  # 行政复议
    LITIGATION = "litigation"  # 行政诉讼


class ChallengeOutcome(StrEnum):
    ACCEPTED = "accepted"  # objection: the party's grounds hold
    REJECTED = "rejected"  # objection: they do not
    DECISION_UPHELD = "decision_upheld"  # appeal: 维持
    FINE_REDUCED = "fine_reduced"  # appeal: 变更 (to a lower amount)
    DECISION_REVOKED = "decision_revoked"  # appeal: 撤销


OBJECTION_OUTCOMES = (ChallengeOutcome.ACCEPTED, ChallengeOutcome.REJECTED)
APPEAL_OUTCOMES = (ChallengeOutcome.DECISION_UPHELD, ChallengeOutcome.FINE_REDUCED, ChallengeOutcome.DECISION_REVOKED)


@dataclass(frozen=True)
class Challenge:
    no: int
    kind: ChallengeKind
    grounds: str
    filed_by: str
    filed_at: datetime
    filed_on: date  # the day it was made (an appeal: the day the body accepted it)
    body: str | None = None  # the reconsideration organ or court
    outcome: ChallengeOutcome | None = None
    outcome_reasons: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    amount: Decimal | None = None  # fine_reduced: the new amount

    @property
    def pending(self) -> bool:
        return self.decided_at is None

    @property
    def is_objection(self) -> bool:
        return self.kind is ChallengeKind.OBJECTION


class ChallengesMixin(CaseState):
    def file_objection(self, at: datetime, actor: str, grounds: str,
                       policy: EnforcementPolicy) -> list[CaseStep]:
        start = len(self.history)
        at = self._begin(at, actor, policy)
        self._require_open()
        if self.penalty is not None or self.fine_declined_at is not None:
            raise Conflict(f"the fine of case {self.case_id} is decided; an objection comes before it (appeal "
                           "instead)")
        if any(c.pending and c.is_objection for c in self.challenges):
            raise Conflict(f"an objection to case {self.case_id} already awaits decision")
        challenge = Challenge(len(self.challenges) + 1, ChallengeKind.OBJECTION, require_text(grounds, "grounds"),
                              actor, at, regulatory_date(at))
        self.challenges.append(challenge)
        self._record(at, StepKind.OBJECTION_FILED, actor, f"objection {challenge.no}: {challenge.grounds}",
                     ref=challenge.no)
        self._refresh_status()
        return self.history[start:]

    def decide_objection(self, no: int, accepted: bool, at: datetime, actor: str, reasons: str,
                         policy: EnforcementPolicy) -> list[CaseStep]:
        start = len(self.history)
        at = self._begin(at, actor, policy)
        challenge = self._pending_challenge(no, objection=True)
        outcome = ChallengeOutcome.ACCEPTED if accepted else ChallengeOutcome.REJECTED
        self._decided(challenge, outcome, at, actor, require_text(reasons, "reasons"))
        self._record(at, StepKind.OBJECTION_DECIDED, actor, f"objection {no} {outcome}: {reasons}", ref=no)
        if accepted:
            self._withdraw_pending(DecisionKind.FINE, at, actor, f"the party's objection {no} was accepted")
        self._refresh_status()
        return self.history[start:]

    def lodge_appeal(self, kind: ChallengeKind | str, at: datetime, actor: str, *, body: str,
                     grounds: str, filed_on: date, policy: EnforcementPolicy) -> list[CaseStep]:
        start = len(self.history)
        at = self._begin(at, actor, policy)
        kind = ChallengeKind(kind)
        if kind is ChallengeKind.OBJECTION:
            raise RuleViolation("an objection is filed, not lodged as an appeal", field="kind")
        if (self.penalty is None or self.penalty.revoked_at is not None) and not any(
                m.lifted_at is None for m in self.measures):
            raise Conflict(f"case {self.case_id} has no decision in force to appeal against")
        if any(c.pending and not c.is_objection for c in self.challenges):
            raise Conflict(f"an appeal against case {self.case_id} is already pending")
        decided = min(([self.penalty.decided_at] if self.penalty else []) + [m.decided_at for m in self.measures])
        if not isinstance(filed_on, date) or isinstance(filed_on, datetime) or not (
                regulatory_date(decided) <= filed_on <= regulatory_date(at)):
            raise RuleViolation("an appeal is filed between the decision and today", field="filed_on")
        challenge = Challenge(len(self.challenges) + 1, kind, require_text(grounds, "grounds"), actor, at, filed_on,
                              body=require_text(body, "body"))
        self.challenges.append(challenge)
        self._record(at, StepKind.APPEAL_LODGED, actor, f"{kind} {challenge.no} before {challenge.body} (filed "
                                                        f"{filed_on}): {challenge.grounds}", ref=challenge.no)
        return self.history[start:]

    def decide_appeal(self, no: int, outcome: ChallengeOutcome | str, at: datetime, actor: str,
                      reasons: str, policy: EnforcementPolicy, *, amount: Decimal | None = None) -> list[CaseStep]:
        start = len(self.history)
        at = self._begin(at, actor, policy)
        challenge = self._pending_challenge(no, objection=False)
        outcome = ChallengeOutcome(outcome)
        if outcome not in APPEAL_OUTCOMES:
            raise RuleViolation(f"an appeal ends {', '.join(APPEAL_OUTCOMES)}", field="outcome")
        reasons = require_text(reasons, "reasons")
        if outcome is not ChallengeOutcome.FINE_REDUCED and amount is not None:
            raise RuleViolation("only a reduced fine carries an amount", field="amount")
        detail = f"{challenge.kind} {no} {outcome}: {reasons}"
        penalty = self.penalty if self.penalty is not None and self.penalty.revoked_at is None else None  # live
        refund = ""
        reduced: Decimal | None = None
        if outcome is ChallengeOutcome.FINE_REDUCED:
            if penalty is None:
                raise Conflict(f"case {self.case_id} has no fine to reduce", field="outcome")
            reduced = validate_fine(self.rule(policy), amount)
            if reduced >= penalty.amount:
                raise RuleViolation(f"a reduced fine is below {format_yuan(penalty.amount)} yuan (a reconsideration "
                                    "never makes the decision worse for the applicant)", field="amount")
            refund = f"; {format_yuan(penalty.amount - reduced)} yuan to refund" if penalty.paid_at else ""
            self.penalty = replace(penalty, amount=reduced, original_amount=penalty.original_amount or penalty.amount)
            detail += f"; fine now {format_yuan(reduced)} yuan{refund}"
        elif outcome is ChallengeOutcome.DECISION_REVOKED and penalty is not None:
            refund = f"; {format_yuan(penalty.amount)} yuan to refund" if penalty.paid_at else ""
            self.penalty = replace(penalty, revoked_at=at)
            detail += f"; fine revoked{refund}"
        self._decided(challenge, outcome, at, actor, reasons, amount=reduced)
        self._record(at, StepKind.APPEAL_DECIDED, actor, detail, ref=no)
        if outcome is ChallengeOutcome.DECISION_REVOKED:
            self._lift_measures(at, actor, f"{challenge.kind} {no}: decision revoked")
            self._close(at, Closure.REVOKED, f"{challenge.kind} {no}: {reasons}")
        else:
            self._close_if_done(at, policy)
        return self.history[start:]

    def _pending_challenge(self, no: int, *, objection: bool) -> Challenge:
        challenge = next((c for c in self.challenges if c.no == no and c.is_objection == objection), None)
        if challenge is None:
            raise NotFound(f"case {self.case_id} has no {'objection' if objection else 'appeal'} {no}",
                           field="no")
        if not challenge.pending:
            raise Conflict(f"{challenge.kind} {no} of case {self.case_id} was already decided: {challenge.outcome}")
        return challenge

    def _decided(self, challenge: Challenge, outcome: ChallengeOutcome, at: datetime, actor: str,
                 reasons: str, amount: Decimal | None = None) -> None:
        self.challenges[self.challenges.index(challenge)] = replace(
            challenge, outcome=outcome, outcome_reasons=reasons, decided_by=actor, decided_at=at, amount=amount)
