"""The enforcement office's steps as its people take them through the public API: an officer proposes a decision and
the leadership approves it (four eyes, M-43: the platform's default for fines, dismissals and M-40 measures), the
decision is served before the fine is paid; and what the departments' systems then ask. Used by `ets demo` and the
end-to-end tests, through enforcement's typed client."""
from __future__ import annotations

from datetime import date

from ets_cli.client import PlatformClient
from ets_client_enforcement.api.cases import (
    apply_measures, decide_penalty, decline_penalty, dismiss, notify_penalty, record_payment,
)
from ets_client_enforcement.api.departments import awards, credit_records, project_assessment, special_funds
from ets_client_enforcement.api.reviews import approve
from ets_client_enforcement.models import (
    ApplyMeasures, ApplyMeasuresMeasuresItem, CaseDetail, DecidePenalty, DepartmentAnswer, GiveReasons,
    NotifyPenalty, NotifyPenaltyMethod, RecordPayment,
)

OFFICER, LEADER = "li", "wang"  # enforcement officer Li proposes, Director Wang (the authority) approves
Proposal = DecidePenalty | ApplyMeasures | GiveReasons
#: what an officer proposes, by the case's sub-resource: a fine, M-40 measures, a fine declined, a dismissal
PROPOSALS = {"penalty": decide_penalty, "measures": apply_measures, "penalty/decline": decline_penalty,
             "dismissal": dismiss}


def fine(amount: str, reasons: str) -> DecidePenalty:
    return DecidePenalty(amount=amount, reasons=reasons)


def measures(kinds: list[str], reasons: str) -> ApplyMeasures:
    return ApplyMeasures(measures=[ApplyMeasuresMeasuresItem(k) for k in kinds], reasons=reasons)


async def propose(c: PlatformClient, case_id: str, kind: str, body: Proposal, correlation: str | None) -> CaseDetail:
    return await c.call(PROPOSALS[kind].asyncio_detailed, case_id, body=body, role="enforcement_officer",
                        subject=OFFICER, correlation=correlation)


async def decide(c: PlatformClient, case_id: str, kind: str, body: Proposal, correlation: str | None = None,
                 reasons: str = "the file supports it") -> CaseDetail:
    """Propose (`penalty`, `measures`, `penalty/decline`, `dismissal`) and approve: the decision in force."""
    proposed = await propose(c, case_id, kind, body, correlation)
    if not proposed.pending_decisions:  # the year's policy wants no second officer for it
        return proposed
    return await c.call(approve.asyncio_detailed, case_id, proposed.pending_decisions[-1],
                        body=GiveReasons(reasons=reasons), role="authority", subject=LEADER, correlation=correlation)


async def serve_and_pay(c: PlatformClient, case_id: str, served_on: date, correlation: str | None = None
                        ) -> CaseDetail:
    served = await c.call(notify_penalty.asyncio_detailed, case_id, body=NotifyPenalty(
        served_on=served_on, method=NotifyPenaltyMethod.ELECTRONIC), role="enforcement_officer", subject=OFFICER,
        correlation=correlation)
    if served.fine_amount is None:
        raise RuntimeError(f"case {case_id}: the penalty was served without a fine to pay")
    return await c.call(record_payment.asyncio_detailed, case_id, body=RecordPayment(amount=served.fine_amount),
                        role="enforcement_officer", subject=OFFICER, correlation=correlation)


async def department_answers(c: PlatformClient, entity_id: str, year: int, on: date) -> list[str]:
    """Each department's question about the entity, asked with its own role, and the answer with its cases."""

    def said(question: str, answer: DepartmentAnswer) -> str:
        behind = sorted({b.case_id for b in answer.because})
        return f"{question} {'yes' if answer.answer else 'no (' + ', '.join(behind) + ')'}"

    funds = await c.call(special_funds.asyncio_detailed, entity_id, year=year, role="finance")
    award = await c.call(awards.asyncio_detailed, entity_id, on=on, role="finance")
    project = await c.call(project_assessment.asyncio_detailed, entity_id, year=year + 1,
                           role="project_approval")
    recorded = await c.call(credit_records.asyncio_detailed, entity_id, on=on, role="tax")
    return [said(f"finance — special funds in {year}?", funds), said(f"finance — awards on {on}?", award),
            said(f"project approval — energy assessment in {year + 1}?", project),
            f"tax — credit records: {len(recorded.records)}"]
