"""M-16 shortfall at scale: 10,000 covered entities registered in one batch, 10,000 open obligations, one close tick
turns them all into shortfalls in one set-based pass, each ShortfallDetected under its determination's correlation.
Set-based is shown by the statements the tick runs, not by a wall-clock limit (performance is `./ets bench`'s)."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from sqlalchemy import event, func, select

from allocation.domain import AllocationPolicy, Obligation
from ets_shared.clock import utcnow
from ets_shared.envelope import MessageContext
from ets_shared.contracts.allocation import ShortfallDetected
from ets_shared.persistence.tables import OutboxMessage

pytestmark = pytest.mark.asyncio
N = 10_000


async def test_m16_ten_thousand_shortfalls_in_one_tick(world):
    batch = [{"entity_id": f"E-{n:05d}", "name": f"Entity {n}", "sector": "industry", "annual_emissions": 30_000}
             for n in range(N)]
    made = await world.svc.client.post("/entities/batch", json={"entities": batch}, headers=world.authority,
                                       timeout=120)
    assert made.status_code == 201 and len(made.json()) == N
    runtime = world.svc.runtime
    with runtime.uow(MessageContext.new("test")) as uow:  # as 10,000 determinations would leave them
        policy = AllocationPolicy.default(2025)
        obligations = [Obligation(f"E-{n:05d}", 2025, correlation_id=f"case-E-{n:05d}") for n in range(N)]
        for n, ob in enumerate(obligations):
            ob.apply_determination(1, 1000 + n, datetime(2026, 4, 27, tzinfo=timezone.utc), policy)
        uow.obligations.save_all(obligations, policy, determination_id="DET", recorded_at=utcnow())
        uow.commit()

    statements: list[str] = []

    def counted(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    event.listen(runtime.engine, "before_cursor_execute", counted)
    try:
        await world.tick("2026-07-01T00:00:00+08:00", timeout=900)
    finally:
        event.remove(runtime.engine, "before_cursor_execute", counted)
    last = await world.svc.client.get("/obligations", params={"status": "shortfall", "offset": N - 1},
                                      headers=world.authority)
    assert [o["entity_id"] for o in last.json()] == [f"E-{N - 1:05d}"]
    assert len(statements) < N // 10, f"{len(statements)} statements for {N} obligations"  # not a few per obligation
    with runtime.session_factory() as session:
        subject = ShortfallDetected.contract.subject
        count = session.execute(select(func.count()).where(OutboxMessage.subject == subject)).scalar_one()
        assert count == N
        case = [json.loads(p) for p in session.execute(select(OutboxMessage.payload).where(
            OutboxMessage.subject == subject, OutboxMessage.payload.contains('"E-04242"'))).scalars()]
    assert [(c["correlation_id"], c["data"]["shortfall"]) for c in case] == [("case-E-04242", 5242)]
    await world.tick("2026-07-02T00:00:00+08:00")  # detected once: a later tick adds nothing
    with runtime.session_factory() as session:
        assert session.execute(select(func.count()).where(OutboxMessage.subject == subject)).scalar_one() == N
