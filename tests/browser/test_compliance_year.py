"""A compliance year in a real Chromium, by keyboard (issue 14's acceptance): an entity files its report (M-12), the
assigned agency's verifier verifies it (M-13), the authority determines the year in bulk from its queue (M-15), the
entity buys what it lacks on the exchange (M-23) and surrenders (M-16); a second entity falls short, and the officer's
fine above M-39's range is refused on the page with the reason and the article before a fine within it is proposed
and approved by a second person (four eyes, M-43); the public pages then show the violation, the list and the price.

Set-up that no console page offers goes through the APIs (the agency's tender and certificates, the year's list and
plan, the calendar's ticks, the settlement bank's deposit, the registry transfers between holding and trading
accounts); the year's user actions go through the browser. Every page visited passes axe-core with no serious or
critical violation and is screenshotted under artifacts/console-screenshots/."""
from __future__ import annotations

from datetime import date

import pytest

from ets_cli import oversight
from ets_cli.client import until
from ets_cli.sample_year import SampleEntity
from ets_cli.scenario import YearRun, at

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]
Y = 2025
PRODUCT = f"SHEA-{Y}"
PRICE = "51.00"
BUYER = SampleEntity("1", "Songjiang Foundry", "industry", "short of allowances; buys the difference and surrenders",
                     annual_emissions=60_000, previous_year=56_000, base_years=(50_000, 50_000, 50_000),
                     reported=60_000, verified=60_000)
SELLER = SampleEntity("2", "Jiading Paper", "industry", "long; sells its surplus",
                      annual_emissions=70_000, previous_year=72_000, base_years=(80_000, 80_000, 80_000),
                      reported=70_000, verified=70_000)
SHORT = SampleEntity("3", "Minhang Power", "industry", "surrenders what it holds and falls short: M-39",
                     annual_emissions=60_000, previous_year=56_000, base_years=(50_000, 50_000, 50_000),
                     reported=60_000, verified=60_000)


async def fill_sources(console, prefix: str, sources: list[dict]) -> None:
    for i, source in enumerate(sources):
        await console.choose(f"{prefix}[{i}].kind", source["kind"])
        await console.type_into(f"{prefix}[{i}].quantity", source["quantity"])
        await console.type_into(f"{prefix}[{i}].unit", source["unit"])
        await console.type_into(f"{prefix}[{i}].description", source["description"])


async def holding(api, entity_id: str) -> int:
    account = await api.get("allocation", f"/registry/accounts/ACC-{entity_id}", role="authority")
    return sum(h["quantity"] for h in account["holdings"] if h["unit_type"] == "SHEA" and h["vintage"] == Y)


async def exchange_units(api, account: str) -> int:
    balances = await api.get("exchange", f"/trading-accounts/{account}/balances", role="exchange_operator")
    return next((a["available"] for a in balances.get("allowances", []) if a.get("vintage") == Y), 0)


async def test_compliance_year_in_the_browser(api, open_console):
    year = YearRun(api, Y, "BRW", log=lambda _: None, entities=(BUYER, SELLER, SHORT))
    buyer, seller, short = year.eid(BUYER), year.eid(SELLER), year.eid(SHORT)
    await year.tick(date(Y, 1, 10))
    await year.setup_oversight()
    await year.setup_allocation()
    await year.tick(date(Y, 1, 11))
    await year.select_and_assign()

    # 15 March: the buyer's energy manager files the report on the console (M-12); the others through their systems
    await year.tick(date(Y + 1, 3, 15))
    console = await open_console()
    await console.sign_in("entity", buyer, "energy manager")
    await console.visit(f"/entity/{buyer}", "entity overview")
    await console.skip_link_works()
    await console.visit(f"/entity/{buyer}/reports", "entity reports")
    await console.type_into("compliance_year", str(Y))
    await fill_sources(console, "sources", BUYER.sources(BUYER.reported))
    await console.submit("File the report")
    await console.check("report filed")
    assert "60000" in (await console.text()).replace(",", "")
    for e in (SELLER, SHORT):
        await api.post("mrv", "/reports", {"compliance_year": Y, "sources": e.sources(e.reported)}, role="entity",
                       party=year.eid(e), correlation=year.corr(e))

    # 15 April: the assigned agency's certified verifier files the verification report (M-13)
    await year.tick(date(Y + 1, 4, 15))
    for e in (BUYER, SELLER, SHORT):
        await oversight.until_may_sign(api, Y, year.eid(e), year.agency, year.verifier)
    await console.sign_out()
    await console.sign_in("verifier", year.verifier, "verifier")
    await console.visit("/verifier", "verifier")
    await console.type_into("entity_id", buyer)
    await console.type_into("compliance_year", str(Y))
    await console.submit("Open the engagement")
    await console.check("verifier engagement")
    await fill_sources(console, "verified_sources", BUYER.sources(BUYER.verified))
    await console.type_into("findings", "activity data agree with the meter readings")
    await console.submit("File the verification report")
    await console.check("verification filed")
    for e in (SELLER, SHORT):
        await api.post("mrv", f"/reports/{year.report_id(e)}/verification",
                       {"agency_id": year.agency, "verified_sources": e.sources(e.verified), "findings": "verified"},
                       role="verifier", party=year.verifier, correlation=year.corr(e))

    # 23 April: the authority determines the three verified cases from its queue, in bulk (M-15)
    await year.tick(date(Y + 1, 4, 23))
    await console.sign_out()
    await console.sign_in("authority", subject="wang")
    await console.visit(f"/authority/determinations?compliance_year={Y}", "determination queue")
    for e in (BUYER, SELLER, SHORT):
        await console.tab_to(lambda f, e=e: f["id"] == f"pick-{year.report_id(e)}")
        await console.page.keyboard.press("Space")
    await console.submit("Determine the chosen cases")
    await console.check("determined in bulk")
    assert year.report_id(BUYER) not in await console.text("table")
    await year.obligations([BUYER, SELLER, SHORT])
    await console.visit(f"/authority/plans?compliance_year={Y}", "allocation plan")

    # 20 May, trading day: the seller's surplus on the exchange, the buyer's member buys it (M-23, M-26)
    obligation = await api.get("allocation", f"/entities/{buyer}/obligations/{Y}", role="authority")
    short_by = obligation["remaining"] - await holding(api, buyer)
    assert short_by > 0
    await api.tick_and_wait(at(date(Y + 1, 5, 20), 10))
    buyer_member, seller_member = f"M-{buyer}", f"M-{seller}"
    buyer_account, seller_account = f"X-{buyer_member}", f"X-{seller_member}"
    await until(lambda: _registry_knows(api, buyer_account, seller_account), what="trading accounts in the registry")
    await api.post("exchange", "/products", {"product_id": PRODUCT, "vintage": Y, "reference_price": "50.00"},
                   role="exchange_operator")
    await api.post("exchange", "/cash/deposits", {"movement_id": "BANK-BRW-1", "trading_account_id": buyer_account,
                                                  "amount": str(60 * short_by)}, role="settlement_bank", party="BANK")
    await api.post("allocation", "/registry/transfers", {
        "from_account_id": f"ACC-{seller}", "to_account_id": seller_account,
        "lines": [{"unit_type": "SHEA", "vintage": Y, "quantity": short_by}]}, role="entity", party=seller)
    await until(lambda: _has_units(api, seller_account, short_by), what="the seller's allowances on the exchange")
    for member, account, side in ((seller_member, seller_account, "SELL"), (buyer_member, buyer_account, "BUY")):
        await console.sign_out()
        await console.sign_in("member", member, "trader")
        await console.visit(f"/member/{member}", f"member trading {side}")
        await console.choose("trading_account_id", account)
        await console.choose("product_id", PRODUCT)
        await console.choose("side", side)
        await console.type_into("price", PRICE)
        await console.type_into("quantity", str(short_by))
        await console.submit("Place the order")
        await console.check(f"order placed {side}")
    await until(lambda: _has_units(api, buyer_account, short_by), what="delivery and settlement of the trade")
    await api.post("exchange", f"/trading-accounts/{buyer_account}/allowance-withdrawals",
                   {"instruction_id": "WDR-BRW-1", "vintage": Y, "quantity": short_by}, role="member",
                   party=buyer_member)
    await until(lambda: _holds(api, buyer, obligation["remaining"]), what="the allowances back in the holding account")

    # 10 June: the buyer surrenders in full on the console (M-16); the short entity surrenders only what it holds
    await year.tick(date(Y + 1, 6, 10))
    await console.sign_out()
    await console.sign_in("entity", buyer, "energy manager")
    await console.visit(f"/entity/{buyer}/surrenders", "surrenders")
    await console.type_into("compliance_year", str(Y))
    await console.type_into("lines[0].vintage", str(Y))
    await console.type_into("lines[0].quantity", str(obligation["remaining"]))
    await console.submit("Surrender")
    await console.check("surrendered")
    settled = await api.get("allocation", f"/entities/{buyer}/obligations/{Y}", role="authority")
    assert settled["remaining"] == 0, settled
    await year.surrender_of(SELLER, None)
    await year.surrender_of(SHORT, await holding(api, short))

    # 1 July: the short entity's shortfall opens an M-39 case; the officer's fine above the range is refused on the
    # page, one within it is proposed, and the Director approves it (four eyes)
    await year.tick(date(Y + 1, 7, 1), hour=0)
    case = await until(lambda: year.case(SHORT, "M-39", Y), what="the M-39 case")
    await console.sign_out()
    await console.sign_in("enforcement_officer", subject="li")
    await console.visit(f"/desk/cases?party_id={short}", "case desk")
    await console.visit(f"/desk/cases/{case.case_id}", "M-39 case")
    await console.type_into("amount", "120000.00")
    await console.type_into("reasons", "surrender obligation not fulfilled by 30 June")
    await console.submit("Propose the fine")
    assert await console.page.locator("#field-penalty-amount").get_attribute("aria-invalid") == "true"
    refusal = await console.text("#penalty-title + p + .error-summary")
    assert "M-39" in refusal, refusal
    await console.check("fine above the range refused")
    await console.type_into("amount", "80000.00")
    await console.type_into("reasons", "surrender obligation not fulfilled by 30 June")
    await console.submit("Propose the fine")
    await console.check("fine proposed")
    assert "awaiting a second person" in await console.text()
    await console.sign_out()
    await console.sign_in("authority", subject="wang")
    await console.visit(f"/desk/cases/{case.case_id}", "M-39 case for approval")
    await console.type_into("reasons", "the file supports the amount")
    await console.submit("Approve")
    await console.check("fine approved")
    assert "80000.00" in await console.text("#case-fine") and "approved by" in await console.text("#case-fine")
    await console.visit(f"/desk/timeline/{case.correlation_id}", "case timeline")
    assert "enforcement" in await console.text("table")
    await console.type_into("entity_id", short)
    await console.type_into("year", str(Y))
    await console.submit("Timeline of an entity's year")
    await console.check("timeline of the short entity's year")
    story = await console.text("table")
    for expected in ("ets.mrv.report.submitted", "ets.allocation.obligation.shortfall-detected",
                     "ets.enforcement.case.opened"):
        assert expected in story, f"{expected} missing from the timeline"

    # the public, without signing in: the violation with its fine, the covered list, the market's price
    await console.sign_out()
    await console.visit("/public/violations", "public violations")
    assert case.case_id in await console.text() and "80000" in (await console.text()).replace(",", "")
    await console.visit(f"/public/covered-entities?year={Y}", "public covered entities")
    assert buyer in await console.text() and short in await console.text()
    await console.visit(f"/public/market?product={PRODUCT}", "public market")
    assert PRICE in await console.text()
    await console.page.goto(console.base_url + "/language/zh?next=/public/violations")
    await console.check("public violations in Chinese")
    assert "违规" in await console.text()


async def _registry_knows(api, *accounts: str) -> bool:
    listed = await api.get("allocation", "/registry/trading-accounts", role="exchange_operator",
                           params={"limit": 1000})
    return set(accounts) <= {a["trading_account_id"] for a in listed}


async def _has_units(api, account: str, quantity: int) -> bool:
    return await exchange_units(api, account) >= quantity


async def _holds(api, entity_id: str, quantity: int) -> bool:
    return await holding(api, entity_id) >= quantity
