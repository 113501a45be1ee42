"""The enforcement office's steps as its people take them through the public API: an officer proposes a decision and
the leadership approves it (four eyes, M-43: the platform's default for fines, dismissals and M-40 measures), the
decision is served before the fine is paid; and what the departments' systems then ask. Used by `ets demo` and the
end-to-end tests."""
from __future__ import annotations

from typing import Any

from ets_cli.client import PlatformClient

OFFICER, LEADER = "li", "wang"  # enforcement officer Li proposes, Director Wang (the authority) approves


async def propose(c: PlatformClient, case_id: str, path: str, body: dict, correlation: str | None) -> dict:
    return await c.post("enforcement", f"/cases/{case_id}/{path}", body, role="enforcement_officer",
                        subject=OFFICER, correlation=correlation)


async def decide(c: PlatformClient, case_id: str, path: str, body: dict, correlation: str | None = None,
                 reasons: str = "the file supports it") -> dict:
    """Propose (`penalty`, `measures`, `penalty/decline`, `dismissal`) and approve: the decision in force."""
    proposed = await propose(c, case_id, path, body, correlation)
    if not proposed["pending_decisions"]:  # the year's policy wants no second officer for it
        return proposed
    no = proposed["pending_decisions"][-1]
    return await c.post("enforcement", f"/cases/{case_id}/decisions/{no}/approval", {"reasons": reasons},
                        role="authority", subject=LEADER, correlation=correlation)


async def serve_and_pay(c: PlatformClient, case_id: str, served_on: str, correlation: str | None = None) -> dict:
    served = await c.post("enforcement", f"/cases/{case_id}/penalty/notification",
                          {"served_on": served_on, "method": "electronic"}, role="enforcement_officer",
                          subject=OFFICER, correlation=correlation)
    return await c.post("enforcement", f"/cases/{case_id}/payment", {"amount": served["fine_amount"]},
                        role="enforcement_officer", subject=OFFICER, correlation=correlation)


async def department_answers(c: PlatformClient, entity_id: str, year: int, on: str) -> list[str]:
    """Each department's question about the entity, asked with its own role, and the answer with its cases."""
    base = f"/entities/{entity_id}"

    def said(question: str, answer: dict[str, Any]) -> str:
        cases = sorted({b["case_id"] for b in answer["because"]})
        return f"{question} {'yes' if answer['answer'] else 'no (' + ', '.join(cases) + ')'}"

    funds = await c.get("enforcement", f"{base}/special-fund-eligibility", params={"year": year}, role="finance")
    awards = await c.get("enforcement", f"{base}/award-eligibility", params={"on": on}, role="finance")
    project = await c.get("enforcement", f"{base}/project-assessment", params={"year": year + 1},
                          role="project_approval")
    records = await c.get("enforcement", f"{base}/credit-records", params={"on": on}, role="tax")
    return [said(f"finance — special funds in {year}?", funds), said(f"finance — awards on {on}?", awards),
            said(f"project approval — energy assessment in {year + 1}?", project),
            f"tax — credit records: {len(records['records'])}"]
