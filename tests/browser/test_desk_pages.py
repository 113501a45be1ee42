"""The desks in a real Chromium: every page of the authority, the enforcement office and the exchange's operations
desk opens for its role, passes axe-core with no serious or critical violation, is screenshotted, starts with a
working skip link, and takes its forms by keyboard alone — a refused form shows the API's reason next to the field
it names; other roles are turned away (403)."""
from __future__ import annotations

import pytest
import pytest_asyncio

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]
RUN = "DSK"
ENTITY = f"E-{RUN}-1"
CASE = f"CASE-{RUN}-M37"


@pytest_asyncio.fixture(loop_scope="session", scope="module")
async def desk_data(api) -> None:
    """What no console page offers: a registered entity (the exchange admits it as a member) and a case opened by
    hand with an officer's file number."""
    await api.post("allocation", "/entities", {"entity_id": ENTITY, "name": "Desk Test Works", "sector": "industry",
                                               "annual_emissions": 50_000}, role="authority")
    await api.post("enforcement", "/cases", {"case_id": CASE, "article": "M-37", "party_kind": "covered_entity",
                                             "party_id": ENTITY, "compliance_year": 2025,
                                             "allegation": "monitoring plan not filed after inspection"},
                   role="enforcement_officer")


async def test_authority_desk_pages_pass_axe_and_keyboard(api, desk_data, open_console):
    console = await open_console()
    await console.sign_in("authority", subject="wang")
    for path, what in [("/authority/determinations?compliance_year=2025", "determination queue"),
                       ("/authority/plans?compliance_year=2025", "allocation plan"),
                       ("/authority/oversight?compliance_year=2025", "verifier oversight"),
                       ("/authority/dead-letters", "dead letters"), ("/desk/cases", "case desk (authority)"),
                       (f"/desk/cases/{CASE}", "case (authority)")]:
        await console.visit(path, what)
        await console.skip_link_works()
    # the bulk determination with nothing ticked: refused on the page, next to the choice
    await console.visit("/authority/determinations", "determination queue, all years")
    await console.submit("Determine the chosen cases")
    assert "Choose at least one case." in await console.text()
    await console.check("determination queue: nothing chosen")
    case = await api.get("enforcement", f"/cases/{CASE}", role="enforcement_officer")
    await console.visit(f"/desk/timeline/{case['correlation_id']}", "case timeline")
    assert "enforcement" in await console.text()


async def test_case_desk_by_keyboard_refuses_a_fine_outside_the_range_on_the_page(desk_data, open_console):
    console = await open_console()
    await console.sign_in("enforcement_officer", subject="li")
    await console.visit("/desk/cases", "case desk")
    await console.visit(f"/desk/cases/{CASE}", "case")
    await console.type_into("amount", "35000.00")  # M-37 allows 10,000 to 30,000
    await console.type_into("reasons", "no plan by the order's deadline")
    await console.submit("Propose the fine")
    field = console.page.locator("#field-penalty-amount")
    assert await field.get_attribute("aria-invalid") == "true"
    message = await console.text(".field-error")
    assert "M-37" in message, message
    await console.check("case: fine outside the range refused")
    await console.visit("/exchange/members", "exchange members as an officer", status=403)  # another desk's
    assert "not allowed" in (await console.text()).lower()


async def test_exchange_desk_halts_by_keyboard_and_shows_the_refusal(desk_data, open_console):
    console = await open_console()
    await console.sign_in("exchange_operator", subject="desk")
    await console.visit("/exchange/members", "exchange members")
    await console.skip_link_works()
    await console.visit(f"/exchange/members/M-{ENTITY}", "exchange member")
    await console.visit("/exchange/alerts", "surveillance alerts")
    await console.visit("/authority/determinations", "the authority's queue as the exchange desk", status=403)
    await console.visit("/desk/cases", "the case desk as the exchange desk", status=403)
    await console.visit("/exchange/measures", "halts and limits")
    await console.type_into("measure_id", f"HALT-{RUN}-1")
    await console.choose("kind", "price_limit")
    await console.type_into("price_limit", "5")  # a band is a rate: at most 1
    await console.type_into("reason", "abnormal volatility at the open")
    await console.submit("Impose")
    assert await console.page.locator("#field-impose-price_limit").get_attribute("aria-invalid") == "true"
    await console.check("halts and limits: price band refused")
    await console.type_into("measure_id", f"HALT-{RUN}-1")
    await console.choose("kind", "halt")
    await console.type_into("price_limit", "")
    await console.type_into("reason", "abnormal volatility at the open")
    await console.submit("Impose")
    await console.check("halts and limits: halt imposed")
    assert f"HALT-{RUN}-1" in await console.text("table")
    await console.type_into("reason", "volatility back to normal", field_id=f"field-lift-HALT-{RUN}-1-reason")
    await console.submit(f"Lift HALT-{RUN}-1")
    assert "lifted by" in await console.text("table")
    await console.check("halts and limits: halt lifted")
