"""M-15 ¶1 at scale, with the year's automatic option: 10,000 verified cases falling due together are determined by
one tick, in one transaction, found by one indexed query on their auto-determination instant; each
EmissionsDetermined keeps its own case's correlation id. Set-based is shown by the statements the tick runs (a few
per pulled batch, not a few per case), not by a wall-clock limit: performance is the benchmark's business
(`./ets bench`), and a timed test fails on a busy machine whatever the code."""
from __future__ import annotations

import pytest
from sqlalchemy import event, func, insert, select

from ets_shared.persistence.tables import OutboxMessage
from ets_shared.testing.service import eventually
from mrv.adapters.orm import DeterminationRow, ReportCaseRow, VerificationRow

pytestmark = pytest.mark.asyncio
CASES = 10_000


def seed_verified_cases(session_factory, sh) -> None:
    received = sh(2026, 4, 20)
    breakdown = {"direct": "10000", "indirect": "0", "total": "10000", "factor_set_id": "SH-2022"}
    source = [{"kind": "process", "quantity": "10000", "unit": "tCO2e", "fuel": None, "description": ""}]
    cases, verifications = [], []
    for n in range(CASES):
        report_id = f"RPT-E-{n:05d}-2025"
        cases.append({"report_id": report_id, "entity_id": f"E-{n:05d}", "compliance_year": 2025,
                      "state": "verified", "covered": True, "late": False, "sources": source, **breakdown,
                      "reported_emissions": 10_000, "submitted_at": sh(2026, 3, 20),
                      "determination_due_by": sh(2026, 5, 20).date(), "auto_determine_at": received.replace(
                          minute=n % 60), "correlation_id": f"case-{n}"})
        verifications.append({"report_id": report_id, "verification_id": f"VER-E-{n:05d}-2025", "agency_id": "AG-1",
                              "verifier_id": "V-1", "certificate_no": "HCZ-1", "verified_sources": source,
                              **breakdown, "verified_emissions": 10_000, "findings": [], "submitted_at": received,
                              "late": False})
    with session_factory() as session:
        session.execute(insert(ReportCaseRow), cases)
        session.execute(insert(VerificationRow), verifications)
        session.commit()


async def test_m15_ten_thousand_due_cases_are_determined_by_one_tick(world):
    runtime = world.svc.runtime
    await world.automatic(2025)
    seed_verified_cases(runtime.session_factory, world.sh)

    def count(query) -> int:
        with runtime.session_factory() as session:
            return session.execute(query).scalar_one()

    statements: list[str] = []

    def counted(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    event.listen(runtime.engine, "before_cursor_execute", counted)
    try:
        await world.tick(world.sh(2026, 4, 28), timeout=900)
    finally:
        event.remove(runtime.engine, "before_cursor_execute", counted)
    assert count(select(func.count()).select_from(DeterminationRow)) == CASES
    assert count(select(func.count()).select_from(ReportCaseRow).where(ReportCaseRow.state == "determined")) == CASES
    # one per case would be 10,000 and more; the tick's transaction plus the outbox relay's batches stay far below
    assert len(statements) < CASES // 10, f"{len(statements)} statements for {CASES} cases"
    assert await eventually(lambda: count(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.published_at.is_(None))) == 0, timeout=60)
    with runtime.session_factory() as session:
        payloads = session.execute(select(OutboxMessage.subject, OutboxMessage.payload).where(
            OutboxMessage.payload.contains('"DET-E-00042-2025-r1"'))).all()
    assert sorted(subject for subject, _ in payloads) == ["ets.mrv.determination.made.v1",
                                                          "ets.mrv.determination.made.v2"]
    assert all('"correlation_id":"case-42"' in payload for _, payload in payloads)
