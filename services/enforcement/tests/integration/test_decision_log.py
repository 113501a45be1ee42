"""M-43 accountability over a real database: every decision is in the decision log with its officer, time and
reasons; the database refuses to change or delete a log row; a row changed behind its back is found by the
verification endpoint; a second officer's approval is refused to the proposer (403, nothing changed)."""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from ets_shared.testing.service import running_service
from enforcement.bootstrap import build_runtime

pytestmark = pytest.mark.asyncio
M41 = {"article": "M-41", "party_kind": "agency", "party_id": "AG-7", "case_id": "CASE-LOG-1",
       "allegation": "verification report with a major error"}


async def test_m43_four_eyes_refused_for_one_officer(settings, office):
    async with running_service(build_runtime, settings) as svc:
        staff = office(svc)
        assert (await svc.client.post("/cases", json=M41, headers=staff.li)).status_code == 201
        proposed = await svc.client.post("/cases/CASE-LOG-1/penalty", headers=staff.li,
                                         json={"amount": "60000.00", "reasons": "major error, second year"})
        assert proposed.json()["pending_decisions"] == [1] and proposed.json()["fine_amount"] is None
        before = await staff.case("CASE-LOG-1")
        log_before = (await svc.client.get("/decision-log", headers=staff.wang)).json()
        same_person = [staff.li, svc.auth("authority", subject="li")]  # the proposer, also as leadership
        for headers in same_person:
            refused = await svc.client.post("/cases/CASE-LOG-1/decisions/1/approval", headers=headers,
                                            json={"reasons": "agreed"})
            assert refused.status_code == 403 and refused.json()["article"] == "M-43"
        assert await staff.case("CASE-LOG-1") == before
        assert (await svc.client.get("/decision-log", headers=staff.wang)).json() == log_before
        for role in ("entity", "tax"):
            refused = await svc.client.post("/cases/CASE-LOG-1/decisions/1/approval",
                                            headers=svc.auth(role, "E-1" if role == "entity" else None),
                                            json={"reasons": "agreed"})
            assert refused.status_code == 403
        approved = await svc.client.post("/cases/CASE-LOG-1/decisions/1/approval", headers=staff.wang,
                                         json={"reasons": "proportionate"})
        assert approved.status_code == 200
        assert (approved.json()["fine_decided_by"], approved.json()["fine_approved_by"]) == (
            "enforcement_officer:li", "authority:wang")


async def test_m43_every_decision_logged_with_officer_time_and_reasons_in_a_verified_chain(settings, office):
    async with running_service(build_runtime, settings) as svc:
        staff = office(svc)
        await svc.client.post("/cases", json=M41, headers=staff.li)
        await staff.fine("CASE-LOG-1", "60000.00", "major error, second year")
        log = (await svc.client.get("/decision-log", params={"case_id": "CASE-LOG-1"}, headers=staff.li)).json()
        assert [(e["kind"], e["actor"]) for e in log] == [
            ("opened", "enforcement_officer:li"), ("order_issued", "enforcement_officer:li"),
            ("decision_proposed", "enforcement_officer:li"), ("decision_approved", "enforcement_officer:zhao"),
            ("fine_decided", "enforcement_officer:zhao")]
        assert "major error, second year" in log[2]["detail"] and "checked against the file" in log[3]["detail"]
        assert all(e["at"] and e["hash"] for e in log)
        assert [e["prev_hash"] for e in log[1:]] == [e["hash"] for e in log[:-1]]
        check = (await svc.client.get("/decision-log/verification", headers=staff.wang)).json()
        assert (check["intact"], check["entries"], check["head_hash"]) == (True, 5, log[-1]["hash"])
        assert (await svc.client.get("/decision-log/verification",
                                     headers=svc.auth("entity", "E-1"))).status_code == 403


async def test_m43_a_tampered_log_row_is_detected(settings, office):
    async with running_service(build_runtime, settings) as svc:
        staff = office(svc)
        await svc.client.post("/cases", json=M41, headers=staff.li)
        await staff.fine("CASE-LOG-1", "60000.00", "major error, second year")
        engine = svc.runtime.engine
        for statement in ("UPDATE decision_log SET detail = 'fine 30,000.00' WHERE seq = 5",
                          "DELETE FROM decision_log WHERE seq = 2"):
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
                conn.execute(text(statement))
        with engine.begin() as conn:  # someone with the database's keys gets around the triggers
            if engine.dialect.name == "postgresql":
                conn.execute(text("ALTER TABLE decision_log DISABLE TRIGGER decision_log_append_only"))
            else:
                conn.execute(text("DROP TRIGGER decision_log_no_update"))
            conn.execute(text("UPDATE decision_log SET detail = 'fine 30,000.00 yuan' WHERE seq = 5"))
        check = (await svc.client.get("/decision-log/verification", headers=staff.wang)).json()
        assert (check["intact"], check["broken_at"]) == (False, 5) and "content" in check["problem"]
