"""M-13 and V over the running service: only a certified verifier of an agency selected (and not blacklisted) for
the year may file the verification report, as the mrv learned it from verifier-oversight's events; every refusal
is 403 (article V) and changes nothing. Reporting-only emitters (never registered as covered) are not verified."""
from __future__ import annotations

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
        "agency_id": "AG-1", "verifier_id": "V-1", "verified_emissions": 10_050, "late": False, "filed_at": None}
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


async def test_m13_verification_by_uncertified_verifier_or_unselected_or_blacklisted_agency_is_refused(world):
    sh = world.sh
    await world.tick(sh(2026, 4, 10))
    await world.register("E-1")
    await world.signatory("V-1", "AG-1", 2025)
    await world.certify("V-2", "AG-2", 2025)  # AG-2 never selected for 2025
    selected = await world.eligibility("AG-3", 2025, True, sh(2026, 1, 15))
    await world.certify("V-3", "AG-3", 2025)
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
    assert [(a["agency_id"], a["eligible"]) for a in signatories["agencies"]] == \
        [("AG-1", True), ("AG-3", False)]
    assert {c["verifier_id"] for c in signatories["certificates"] if c["valid"]} == {"V-1", "V-2", "V-3"}

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
    await world.certify("V-1", "AG-1", 2025)
    await world.eligibility("AG-1", 2025, False, sh(2026, 2, 1), reason="blacklisted")
    await world.eligibility("AG-1", 2025, True, sh(2026, 1, 15))  # older: selected before the blacklisting
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
