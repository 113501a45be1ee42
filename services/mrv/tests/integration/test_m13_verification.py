"""M-13 and V over the running service: only a certified verifier of an agency filed, selected (and not blacklisted)
for the year, and assigned the entity's verification, may file the verification report, as the mrv learned it
from verifier-oversight's separate events; every refusal is 403 (article V, or M-13 for the assignment) and changes
nothing; `/signatories` turns "may sign" true only once every fact has arrived. Reporting-only emitters (never
registered as covered) are not verified."""
from __future__ import annotations

import asyncio

import pytest

from ets_shared.contracts.mrv import VerificationFiled
from ets_shared.testing.service import eventually, subject_listener

pytestmark = pytest.mark.asyncio


async def test_m13_verification_by_a_certified_verifier_of_an_eligible_agency_is_accepted(world, nats_url):
    await world.tick(world.sh(2026, 4, 10))
    await world.register("E-1")
    await world.signatory("V-1", "AG-1", 2025)
    report = await world.report("E-1", 2025, world.process(10_000))
    assert report["covered"] is True
    async with subject_listener(nats_url, VerificationFiled.contract.subject) as filed:
        verified = await world.verify(report["report_id"], world.process(10_050))
        assert (verified["verification_id"], verified["verified_emissions"], verified["state"],
                verified["triggers"]) == ("VER-E-1-2025", 10_050, "verified", [])
        await eventually(lambda: filed)
    assert filed[0]["data"] | {"filed_at": None} == {
        "verification_id": "VER-E-1-2025", "report_id": "RPT-E-1-2025", "entity_id": "E-1", "compliance_year": 2025,
        "agency_id": "AG-1", "verifier_id": "V-1", "verified_emissions": 10_050, "late": False, "filed_at": None,
        "correlation_id": filed[0]["correlation_id"]}
    case = await world.case("RPT-E-1-2025")
    assert case["verification"]["certificate_no"] == "HCZ-2025-V-1" and case["state"] == "verified"
    assert case["verification"]["findings"] == ["data checked on site"]
    for role, party in (("verifier", "V-1"), ("agency", "AG-1")):
        seen = await world.client.get("/reports/RPT-E-1-2025", headers=world.svc.auth(role, party))
        assert seen.status_code == 200 and seen.json()["verification"]["verified_emissions"] == 10_050
    for role, party in (("verifier", "V-2"), ("agency", "AG-2")):
        assert (await world.client.get("/reports/RPT-E-1-2025", headers=world.svc.auth(role, party))
                ).status_code == 403
    again = await world.client.post("/reports/RPT-E-1-2025/verification",
                                    json={"agency_id": "AG-1", "verified_sources": world.process(1)},
                                    headers=world.svc.auth("verifier", "V-1"))
    assert again.status_code == 409
    # issue 9: an uncertified verifier learns nothing of the report's state — 403, not the 409 it would cause
    probe = await world.client.post("/reports/RPT-E-1-2025/verification",
                                    json={"agency_id": "AG-1", "verified_sources": world.process(1)},
                                    headers=world.svc.auth("verifier", "V-9"))
    assert probe.status_code == 403 and probe.json()["field"] == "verifier_id"


async def test_m13_verification_by_uncertified_verifier_or_unselected_or_blacklisted_agency_is_refused(world):
    sh = world.sh
    await world.tick(sh(2026, 4, 10))
    await world.register("E-1")
    await world.signatory("V-1", "AG-1", 2025)
    await world.file("AG-2")
    await world.certify("V-2", "AG-2", 2025)  # AG-2 never selected for 2025
    await world.signatory("V-3", "AG-3", 2025, assigns=False)
    selected = await world.eligibility("AG-3", 2025, True, sh(2026, 1, 16))
    await world.eligibility("AG-3", 2025, False, sh(2026, 2, 1), reason="blacklisted after the 2024 evaluation")
    await world.signatory("V-4", "AG-1", 2024)  # certified for another year only
    report = await world.report("E-1", 2025, world.process(10_000))

    refusals = [("V-9", "AG-1", "verifier_id", "holds no verification work certificate for 2025"),
                ("V-4", "AG-1", "verifier_id", "holds no verification work certificate for 2025"),
                ("V-1", "AG-2", "agency_id", "not selected by tender for 2025"),
                ("V-2", "AG-2", "agency_id", "not selected by tender for 2025"),
                ("V-3", "AG-3", "agency_id", "blacklisted after the 2024 evaluation")]
    for verifier, agency, field, why in refusals:
        refused = await world.verify(report["report_id"], world.process(10_000), verifier, agency, status=403)
        assert (refused["article"], refused["field"]) == ("V", field) and why in refused["detail"], refused

    # a redelivered (older) eligibility event changes nothing: AG-3 stays excluded
    await world.resend(selected, copy="-redelivered")
    refused = await world.verify(report["report_id"], world.process(10_000), "V-3", "AG-3", status=403)
    assert "blacklisted" in refused["detail"]
    signatories = (await world.client.get("/signatories", params={"compliance_year": 2025},
                                          headers=world.authority)).json()
    assert [(a["agency_id"], a["may_sign"], a["assignments"]) for a in signatories["agencies"]] == \
        [("AG-1", True, 1), ("AG-2", False, 0), ("AG-3", False, 0)]
    assert signatories["agencies"][1]["waiting_for"] == [
        "agency AG-2 was not selected by tender for 2025",
        "no entity's 2025 verification is assigned to agency AG-2 (M-13)"]
    assert "blacklisted after the 2024 evaluation" in signatories["agencies"][2]["ineligible_reason"]
    assert {c["verifier_id"] for c in signatories["certificates"] if c["valid"]} == {"V-1", "V-2", "V-3"}
    assert {c["verifier_id"] for c in signatories["certificates"] if c["may_sign"]} == {"V-1"}

    case = await world.case(report["report_id"])
    assert (case["state"], case["verification"]) == ("reported", None)
    audit = (await world.client.get("/audit", params={"subject_ref": "verification:VER-E-1-2025"},
                                    headers=world.authority)).json()
    assert audit == []
    accepted = await world.verify(report["report_id"], world.process(10_000), "V-1", "AG-1")
    assert accepted["state"] == "verified"


async def test_m13_out_of_order_eligibility_keeps_the_latest_fact(world):
    sh = world.sh
    await world.register("E-1")
    await world.signatory("V-1", "AG-1", 2025)
    await world.eligibility("AG-1", 2025, False, sh(2026, 2, 1), reason="blacklisted")
    await world.eligibility("AG-1", 2025, True, sh(2026, 1, 16))  # older: selected before the blacklisting
    report = await world.report("E-1", 2025, world.process(10_000))
    refused = await world.verify(report["report_id"], world.process(10_000), status=403)
    assert refused["field"] == "agency_id" and "blacklisted" in refused["detail"]


async def test_m13_revoked_certificate_may_not_sign(world):
    from ets_shared.contracts.verifier_oversight import VerifierCertificateRevoked
    await world.register("E-1")
    await world.signatory("V-1", "AG-1", 2025)
    await world.applied(await world.send(VerifierCertificateRevoked(
        verifier_id="V-1", agency_id="AG-1", compliance_year=2025, certificate_no="HCZ-2025-V-1",
        revoked_at=world.sh(2026, 3, 1), reason="left the agency"), "verifier-oversight"))
    report = await world.report("E-1", 2025, world.process(10_000))
    refused = await world.verify(report["report_id"], world.process(10_000), status=403)
    assert refused["article"] == "V" and "revoked" in refused["detail"]


async def test_m13_reporting_only_emitter_is_not_verified_unless_registered_as_covered(world):
    await world.signatory("V-1", "AG-1", 2025)
    await world.register("E-7", covered=False)
    reporting_only = await world.report("E-7", 2025, world.process(15_000))
    refused = await world.verify(reporting_only["report_id"], world.process(15_000), status=422)
    assert refused["article"] == "M-13"
    late_registration = await world.report("E-8", 2025, world.process(15_000))
    assert late_registration["covered"] is False
    await world.register("E-8")  # the registration arrives after the report: the unverified report is covered
    assert (await world.case(late_registration["report_id"]))["report"]["covered"] is True
    assert (await world.verify(late_registration["report_id"], world.process(15_000)))["state"] == "verified"


async def test_m13_a_consumed_batch_of_registrations_covers_exactly_the_reports_filed_before_it(world):
    """A pulled batch of registrations (its entity rows written together at commit): the report filed before its
    covered registration is covered (and audited in its registration's case), the entities without one and a
    reporting-only registration cover nothing, a report of a year before the entity's first is left alone. The
    batch asks for its registrations' reports together at its commit — a read-ahead before its first event would
    widen the window in which, on PostgreSQL, a report committed while the batch runs is missed."""
    from ets_shared.contracts.allocation import EntityRegistered
    from ets_shared.envelope import MessageContext, wrap
    from ets_shared.messaging.consumers import Delivery, apply_batch, routes_by_producer
    from mrv.service_layer.handlers import EVENT_HANDLERS

    routes = routes_by_producer(EVENT_HANDLERS)["allocation"]

    def registration(entity_id: str, covered: bool = True, first_year: int | None = None) -> Delivery:
        envelope = wrap(EntityRegistered(entity_id=entity_id, name=f"Entity {entity_id}", sector="steel",
                                         covered=covered, registered_at=world.sh(2025, 1, 5),
                                         first_compliance_year=first_year),
                        producer="allocation", context=MessageContext.new(f"test-{entity_id}"))
        return Delivery.decode(EntityRegistered.contract.subject, envelope.model_dump_json().encode(), routes)

    async def covered_in(report_id: str) -> list[str]:
        audit = (await world.client.get("/audit", params={"subject_ref": f"report:{report_id}"},
                                        headers=world.authority)).json()
        return [a["correlation_id"] for a in audit if a["action"] == "mrv.report.covered"]

    await world.signatory("V-1", "AG-1", 2025)
    filed_first = await world.report("E-8", 2025, world.process(15_000))
    stays_reporting_only = await world.report("E-10", 2025, world.process(15_000))
    before_first_year = await world.report("E-11", 2025, world.process(15_000))
    batch = [registration("E-7"), registration("E-8"), registration("E-9"), registration("E-10", covered=False),
             registration("E-11", first_year=2026)]
    assert len(await asyncio.to_thread(apply_batch, batch, world.svc.runtime.uow, "mrv")) == 5
    assert (await world.case(filed_first["report_id"]))["report"]["covered"] is True
    assert await covered_in(filed_first["report_id"]) == [batch[1].decoded[1].correlation_id]
    assert (await world.case(stays_reporting_only["report_id"]))["report"]["covered"] is False
    assert (await world.case(before_first_year["report_id"]))["report"]["covered"] is False
    assert await covered_in(before_first_year["report_id"]) == []
    assert (await world.verify(filed_first["report_id"], world.process(15_000)))["state"] == "verified"
    filed_after = await world.report("E-9", 2025, world.process(15_000))
    assert filed_after["covered"] is True


async def test_m13_unassigned_agencys_verification_refused_and_a_reassignment_moves_it(world):
    await world.register("E-1")
    await world.signatory("V-1", "AG-1", 2025, assigns=False)
    await world.signatory("V-2", "AG-2", 2025, assigns=False)
    await world.assign("E-1", 2025, "AG-2")
    report = await world.report("E-1", 2025, world.process(10_000))
    refused = await world.verify(report["report_id"], world.process(10_000), "V-1", "AG-1", status=403)
    assert (refused["article"], refused["field"]) == ("M-13", "agency_id")
    assert "assigned to agency AG-2, not to AG-1" in refused["detail"]
    check = await world.client.get("/signatories/2025/check", headers=world.svc.auth("verifier", "V-1"),
                                   params={"entity_id": "E-1", "agency_id": "AG-1", "verifier_id": "V-1"})
    assert check.json()["may_sign"] is False and "assigned to agency AG-2" in check.json()["reason"]
    await world.assign("E-1", 2025, "AG-1", revision=2)  # reassigned
    await world.assign("E-1", 2025, "AG-2", revision=1)  # the older revision, redelivered late: changes nothing
    refused = await world.verify(report["report_id"], world.process(10_000), "V-2", "AG-2", status=403)
    assert "assigned to agency AG-1" in refused["detail"]
    assert (await world.verify(report["report_id"], world.process(10_000), "V-1", "AG-1"))["state"] == "verified"


async def test_v_may_sign_turns_true_only_once_every_fact_has_arrived(world):
    """Each round withholds one fact (a fresh agency, verifier and entity each time): "may sign" stays false, with
    that fact named, and the verification is refused, until the fact arrives."""
    rounds = []
    for n, why in enumerate(["not known to be filed", "not selected by tender", "holds no verification work "
                             "certificate", "assigned to no agency yet"], start=1):
        agency, verifier, entity = f"AG-{n}", f"V-{n}", f"E-{n}"
        facts = [lambda a=agency: world.file(a), lambda a=agency: world.award(a, 2025),
                 lambda a=agency, v=verifier: world.certify(v, a, 2025),
                 lambda a=agency, e=entity: world.assign(e, 2025, a)]
        await world.register(entity)
        report = await world.report(entity, 2025, world.process(10_000))
        for k, arrive in enumerate(facts, start=1):
            if k != n:
                await arrive()
        rounds.append((agency, verifier, entity, why, facts[n - 1], report["report_id"]))
    standing = (await world.client.get("/signatories", params={"compliance_year": 2025},
                                       headers=world.authority)).json()
    assert not any(a["may_sign"] for a in standing["agencies"])
    assert not any(c["may_sign"] for c in standing["certificates"])
    for agency, verifier, entity, why, arrive, report_id in rounds:
        query = {"entity_id": entity, "agency_id": agency, "verifier_id": verifier}
        check = (await world.client.get("/signatories/2025/check", params=query, headers=world.authority)).json()
        assert check["may_sign"] is False and why in check["reason"], check
        refused = await world.verify(report_id, world.process(10_000), verifier, agency, status=403)
        assert why in refused["detail"]
        await arrive()
        check = (await world.client.get("/signatories/2025/check", params=query, headers=world.authority)).json()
        assert (check["may_sign"], check["certificate_no"]) == (True, f"HCZ-2025-{verifier}")
        assert (await world.verify(report_id, world.process(10_000), verifier, agency))["state"] == "verified"
    standing = (await world.client.get("/signatories", params={"compliance_year": 2025},
                                       headers=world.authority)).json()
    assert [(a["agency_id"], a["may_sign"], a["waiting_for"]) for a in standing["agencies"]] == [
        (f"AG-{n}", True, []) for n in range(1, 5)]
    query = {"entity_id": "E-1", "agency_id": "AG-1", "verifier_id": "V-1"}
    for role, party in (("verifier", "V-2"), ("agency", "AG-2"), ("entity", "E-1")):
        assert (await world.client.get("/signatories/2025/check", params=query,
                                       headers=world.svc.auth(role, party))).status_code == 403
    assert (await world.client.get("/signatories/2025/check", params=query,
                                   headers=world.svc.auth("verifier", "V-1"))).json()["may_sign"] is True


async def test_m13_a_consumed_batch_of_assignments_keeps_each_entitys_latest_revision_once(world):
    """A pulled batch of assignments (their rows collected and written together): a later revision in the same batch
    replaces the first, a stale or redelivered one changes nothing (in the batch or in a later one), and who may
    sign is judged against the latest."""
    from ets_shared.contracts.verifier_oversight import VerificationAssigned
    from ets_shared.envelope import MessageContext, wrap
    from ets_shared.messaging.consumers import Delivery, apply_batch, routes_by_producer
    from mrv.service_layer.handlers import EVENT_HANDLERS

    routes = routes_by_producer(EVENT_HANDLERS)["verifier-oversight"]

    def assigned(entity_id: str, agency_id: str, revision: int) -> Delivery:
        envelope = wrap(VerificationAssigned(
            assignment_id=f"ASG-{entity_id}-{revision}", entity_id=entity_id, compliance_year=2025,
            agency_id=agency_id, revision=revision, reason="least loaded", assigned_at=world.sh(2026, 2, 1)),
            producer="verifier-oversight", context=MessageContext.new("test"))
        return Delivery.decode(VerificationAssigned.contract.subject, envelope.model_dump_json().encode(), routes)

    await world.signatory("V-1", "AG-1", 2025, assigns=False)
    await world.signatory("V-2", "AG-2", 2025, assigns=False)
    for entity in ("E-1", "E-2"):
        await world.register(entity)
    first = assigned("E-1", "AG-1", 1)
    batch = [first, assigned("E-2", "AG-1", 1), assigned("E-1", "AG-2", 2), first, assigned("E-1", "AG-1", 1)]
    assert len(await asyncio.to_thread(apply_batch, batch, world.svc.runtime.uow, "mrv")) == 4
    assert len(await asyncio.to_thread(apply_batch, batch[:2], world.svc.runtime.uow, "mrv")) == 0  # redelivered

    async def may_sign(entity: str, agency: str, verifier: str) -> bool:
        query = {"entity_id": entity, "agency_id": agency, "verifier_id": verifier}
        return (await world.client.get("/signatories/2025/check", params=query,
                                       headers=world.authority)).json()["may_sign"]

    assert (await may_sign("E-1", "AG-2", "V-2"), await may_sign("E-1", "AG-1", "V-1")) == (True, False)
    assert await may_sign("E-2", "AG-1", "V-1") is True
    standing = (await world.client.get("/signatories", params={"compliance_year": 2025},
                                       headers=world.authority)).json()
    assert {a["agency_id"]: a["assignments"] for a in standing["agencies"]} == {"AG-1": 1, "AG-2": 1}
