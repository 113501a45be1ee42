"""`CaseState`: what the methods `PenaltyCase` takes from `orders`, `penalties`, `decisions`, `measures` and
`challenges` read and change of the case — its fields and the steps they share.

Each of those modules adds its methods to the aggregate as a mixin deriving from `CaseState`, so the type checker
holds them to the case's real fields without the mixins importing the aggregate's class. `PenaltyCase` (a
dataclass) declares the fields again as its own and implements every abstract step here (through the mixins).
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from decimal import Decimal

    from enforcement.domain.articles import Article, OrderKind, PenaltyArticle
    from enforcement.domain.challenges import Challenge, ChallengeOutcome
    from enforcement.domain.decisions import Proposal
    from enforcement.domain.history import CaseStep, Closure, DecisionKind, StepKind
    from enforcement.domain.measures import Measure, MeasureKind
    from enforcement.domain.orders import Order
    from enforcement.domain.penalties import Penalty
    from enforcement.domain.policy import EnforcementPolicy


class CaseState(ABC):
    case_id: str
    article: Article
    party_id: str
    opened_by: str
    allegation: str
    order_kind: OrderKind
    order_detail: str
    compliance_year: int | None
    outstanding_tonnes: int | None
    order: Order | None
    complied_at: datetime | None
    penalty: Penalty | None
    fine_declined_at: datetime | None
    closure: Closure | None
    history: list[CaseStep]
    proposals: list[Proposal]
    challenges: list[Challenge]
    measures: list[Measure]

    # -- penalty_case -----------------------------------------------------------------------------------------
    @abstractmethod
    def rule(self, policy: EnforcementPolicy) -> PenaltyArticle: ...
    @abstractmethod
    def _advance(self, now: datetime, policy: EnforcementPolicy) -> None: ...
    @abstractmethod
    def _begin(self, at: datetime, actor: str, policy: EnforcementPolicy) -> datetime: ...
    @abstractmethod
    def _require_open(self) -> None: ...
    @abstractmethod
    def _record(self, at: datetime, kind: StepKind, actor: str, detail: str, ref: int | None = None) -> CaseStep: ...
    @abstractmethod
    def _close(self, at: datetime, closure: Closure, detail: str) -> None: ...
    @abstractmethod
    def _close_if_done(self, at: datetime, policy: EnforcementPolicy) -> None: ...
    @abstractmethod
    def _refresh_status(self) -> None: ...

    # -- orders -----------------------------------------------------------------------------------------------
    @abstractmethod
    def _require_surrender_case(self) -> None: ...
    @abstractmethod
    def _require_unsettled(self) -> None: ...
    @abstractmethod
    def _settle(self, at: datetime, actor: str, policy: EnforcementPolicy) -> None: ...

    # -- penalties --------------------------------------------------------------------------------------------
    @abstractmethod
    def _live_penalty(self) -> Penalty: ...
    @abstractmethod
    def _require_no_fine(self) -> None: ...

    # -- decisions --------------------------------------------------------------------------------------------
    @abstractmethod
    def _decide(self, kind: DecisionKind, payload: Mapping[str, Any], summary: str, at: datetime, actor: str,
                policy: EnforcementPolicy) -> list[CaseStep]: ...
    @abstractmethod
    def _withdraw_pending(self, kind: DecisionKind, at: datetime, actor: str, why: str) -> None: ...
    @abstractmethod
    def _pending_proposal(self, no: int) -> Proposal: ...
    @abstractmethod
    def _review(self, proposal: Proposal, at: datetime, actor: str, approved: bool, reasons: str) -> None: ...

    # -- measures ---------------------------------------------------------------------------------------------
    @abstractmethod
    def measures_applied(self) -> list[MeasureKind]: ...
    @abstractmethod
    def _lift_measures(self, at: datetime, actor: str, why: str) -> None: ...

    # -- challenges -------------------------------------------------------------------------------------------
    @abstractmethod
    def _pending_challenge(self, no: int, *, objection: bool) -> Challenge: ...
    @abstractmethod
    def _decided(self, challenge: Challenge, outcome: ChallengeOutcome, at: datetime, actor: str, reasons: str,
                 amount: Decimal | None = None) -> None: ...
