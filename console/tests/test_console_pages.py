"""The console's public, covered-entity, member, agency and verifier pages against the running platform, through a
compliance year: the pages show what the services hold, forms reach the services with the user's own token, and a
refusal (problem+json) is shown in words next to the field it names, with its article.

The tests run in file order through one year (module-scoped platform); each stage says what it needs."""
from __future__ import annotations

from datetime import date

import pytest

from ets_cli.client import until
from ets_cli.oversight import until_may_sign
from ets_cli.platform import CONSOLE
from ets_cli.sample_year import SampleEntity
from ets_cli.scenario import YearRun, at
from ets_console.testing import ConsoleUser, field_errors, text

pytestmark = pytest.mark.e2e
Y = 2025
FIRST = SampleEntity("1", "Songjiang Foundry", "industry", "files and surrenders through the console",
                     annual_emissions=60_000, previous_year=56_000, base_years=(70_000, 70_000, 70_000),
                     reported=60_000, verified=60_000)
SECOND = SampleEntity("2", "Jiading Paper", "industry", "the other entity, whose pages the first may not see",
                      annual_emissions=70_000, previous_year=72_000, base_years=(80_000, 80_000, 80_000),
                      reported=70_000, verified=70_000)
RUN = "CON"
FIRST_ID, SECOND_ID = f"E-{RUN}-1", f"E-{RUN}-2"
SOURCES_60K = {"sources[0].kind": "electricity", "sources[0].quantity": "10000", "sources[0].unit": "10^4 kWh",
               "sources[0].description": "purchased electricity", "sources[1].kind": "process",
               "sources[1].quantity": "18000", "sources[1].unit": "tCO2e", "sources[1].description": "process"}


def year_of(client) -> YearRun:
    return YearRun(client, Y, RUN, log=lambda _: None, entities=(FIRST, SECOND))


async def test_public_pages_show_the_published_covered_list_and_the_agency_directory(platform, client):
    year = year_of(client)
    await year.tick(date(Y, 1, 10))
    await year.setup_oversight()
    await year.setup_allocation()
    await year.tick(date(Y, 1, 11))
    await year.select_and_assign()
    async with ConsoleUser(platform.url(CONSOLE)) as public:
        listed = await public.get("/public/covered-entities", year=Y)
        assert listed.status_code == 200
        assert "Songjiang Foundry" in listed.text and FIRST_ID in listed.text and "Jiading Paper" in listed.text
        directory = await public.get("/public/agencies")
        assert f"AG-{RUN}" in directory.text and f"Agency {RUN}" in directory.text
        for page in ("/public/grades", "/public/violations", "/public/market", "/"):
            assert (await public.get(page)).status_code == 200, page
        unknown = await public.get("/public/covered-entities", year=2099)
        assert unknown.status_code == 200 and "no published list for 2099" in text(unknown.text)
        bad = await public.get("/public/covered-entities", year=1900)
        assert bad.status_code == 422


async def test_an_entity_cannot_open_another_entitys_pages(platform):
    async with ConsoleUser(platform.url(CONSOLE)) as first:
        await first.sign_in("entity", FIRST_ID)
        assert (await first.get(f"/entity/{FIRST_ID}")).status_code == 200
        for page in ("", "/holdings", "/reports", "/surrenders", "/cases"):
            refused = await first.get(f"/entity/{SECOND_ID}{page}")
            assert refused.status_code == 403 and "not allowed" in text(refused.text), page
        posted = await first.post(f"/entity/{SECOND_ID}/surrenders", {"compliance_year": Y})
        assert posted.status_code == 403
        assert (await first.get(f"/agency/AG-{RUN}")).status_code == 403
        assert (await first.get(f"/member/M-{SECOND_ID}")).status_code == 403


async def test_m12_entity_files_its_report_on_the_page_a_bad_quantity_shown_next_to_its_row(platform, client):
    await year_of(client).tick(date(Y + 1, 3, 15))
    async with ConsoleUser(platform.url(CONSOLE)) as entity:
        await entity.sign_in("entity", FIRST_ID)
        refused = await entity.post(f"/entity/{FIRST_ID}/reports", {
            "compliance_year": Y, **SOURCES_60K, "sources[1].quantity": "18000.1234567"})
        assert refused.status_code == 422
        assert field_errors(refused.text, "sources[1].quantity"), refused.text
        assert not field_errors(refused.text, "sources[0].quantity")
        assert 'value="18000.1234567"' in refused.text  # what the user typed is kept
        filed = await entity.post(f"/entity/{FIRST_ID}/reports", {"compliance_year": Y, **SOURCES_60K})
        assert filed.status_code == 200 and filed.url.path == f"/entity/{FIRST_ID}/reports/{Y}"
        shown = text(filed.text)
        assert "The report is filed." in shown and "60000 tCO2e" in shown and "SH-" in shown  # the factor set
        corrected = await entity.post(f"/entity/{FIRST_ID}/reports/{Y}/correction",
                                      {**SOURCES_60K, "sources[1].quantity": "18500"})
        assert "60500 tCO2e" in text(corrected.text) and "The report is corrected." in text(corrected.text)
        back = await entity.post(f"/entity/{FIRST_ID}/reports/{Y}/correction", SOURCES_60K)
        assert "60000 tCO2e" in text(back.text)
    await client.post("mrv", "/reports", {"compliance_year": Y, "sources": SECOND.sources(SECOND.reported)},
                      role="entity", party=SECOND_ID)


async def test_m11_entity_files_and_revises_its_monitoring_plan_on_the_page(platform):
    plan = {"plan_year": Y + 1, "boundary": "the foundry and its on-site facilities",
            "plan_sources[0].name": "purchased electricity", "plan_sources[0].kind": "electricity",
            "plan_sources[0].method": "grid meter reading", "plan_sources[0].instruments": "utility meter",
            "plan_sources[0].frequency": "monthly", "responsible_staff[0].name": "Energy manager",
            "responsible_staff[0].role": "monitoring lead"}
    async with ConsoleUser(platform.url(CONSOLE)) as entity:
        await entity.sign_in("entity", FIRST_ID)
        no_boundary = await entity.post(f"/entity/{FIRST_ID}/monitoring-plans", {**plan, "boundary": ""})
        assert no_boundary.status_code == 422 and field_errors(no_boundary.text, "boundary")
        assert 'value="grid meter reading"' in no_boundary.text
        filed = await entity.post(f"/entity/{FIRST_ID}/monitoring-plans", plan)
        assert filed.status_code == 200 and "The monitoring plan is filed." in text(filed.text), text(filed.text)
        assert "the foundry and its on-site facilities" in filed.text
        no_reason = await entity.post(f"/entity/{FIRST_ID}/monitoring-plans", {**plan, "boundary": "the foundry"})
        assert no_reason.status_code == 422 and field_errors(no_reason.text, "change_reason")
        revised = await entity.post(f"/entity/{FIRST_ID}/monitoring-plans", {
            **plan, "boundary": "the foundry, its on-site facilities and the new furnace",
            "change_reason": "a second furnace commissioned"})
        assert revised.status_code == 200 and "and the new furnace" in revised.text


async def test_m13_verifier_files_the_verification_report_on_the_page(platform, client):
    year = year_of(client)
    await year.tick(date(Y + 1, 4, 15))
    for entity_id in (FIRST_ID, SECOND_ID):
        await until_may_sign(client, Y, entity_id, year.agency, year.verifier)
    async with ConsoleUser(platform.url(CONSOLE)) as agency:
        await agency.sign_in("agency", year.agency)
        page = await agency.get(f"/agency/{year.agency}", year=Y)
        assert page.status_code == 200 and FIRST_ID in page.text and SECOND_ID in page.text
        assert year.verifier in page.text
    async with ConsoleUser(platform.url(CONSOLE)) as verifier:
        await verifier.sign_in("verifier", year.verifier)
        engagement = await verifier.get("/verifier", entity_id=FIRST_ID, compliance_year=Y)
        assert "May sign for 2025 (V, M-13) yes" in text(engagement.text)
        verified = {f"verified_{k}": v for k, v in SOURCES_60K.items()}
        wrong_agency = await verifier.post("/verifier/verifications", {
            "entity_id": FIRST_ID, "compliance_year": Y, "agency_id": "AG-NOBODY", **verified, "findings": "ok"})
        assert wrong_agency.status_code in (403, 409, 422)
        assert field_errors(wrong_agency.text, "agency_id") or "AG-NOBODY" in text(wrong_agency.text)
        filed = await verifier.post("/verifier/verifications", {
            "entity_id": FIRST_ID, "compliance_year": Y, "agency_id": year.agency, **verified,
            "findings": "metering checked on site\nno discrepancy"})
        assert filed.status_code == 200, text(filed.text)
        shown = text(filed.text)
        assert "The verification report is filed." in shown and "60000 tCO2e" in shown
        assert "metering checked on site; no discrepancy" in shown
    async with ConsoleUser(platform.url(CONSOLE)) as entity:  # M-15 ¶2(3): an objection needs its evidence
        await entity.sign_in("entity", FIRST_ID)
        report = await entity.get(f"/entity/{FIRST_ID}/reports/{Y}")
        assert "Object to the verification" in text(report.text) and "metering checked on site" in report.text
        refused = await entity.post(f"/entity/{FIRST_ID}/reports/{Y}/objection", {"evidence": "  "})
        assert refused.status_code == 422
        assert field_errors(refused.text, "evidence") == ["an objection must carry evidence"]
        assert "Refused under M-15" in text(refused.text)
    body = {"agency_id": year.agency, "verified_sources": SECOND.sources(SECOND.verified), "findings": "verified"}
    await client.post("mrv", f"/reports/RPT-{SECOND_ID}-{Y}/verification", body, role="verifier",
                      party=year.verifier)


async def test_m16_surrender_on_the_page_refusal_shows_the_field_and_the_article(platform, client):
    year = year_of(client)
    await year.tick(date(Y + 1, 4, 23))
    await year.determine()
    await year.tick(date(Y + 1, 6, 10))
    async with ConsoleUser(platform.url(CONSOLE)) as entity:
        await entity.sign_in("entity", FIRST_ID)
        overview = text((await entity.get(f"/entity/{FIRST_ID}")).text)
        assert "60000" in overview and f"{Y + 1}-06-30" in overview  # the obligation and its last surrender day
        too_new = await entity.post(f"/entity/{FIRST_ID}/surrenders", {
            "compliance_year": Y, "lines[0].unit_type": "SHEA", "lines[0].vintage": Y + 1,
            "lines[0].quantity": 1})
        assert too_new.status_code == 422
        assert field_errors(too_new.text, "lines[0].vintage") or field_errors(too_new.text, "lines[0].quantity")
        assert "Refused under M-16" in text(too_new.text)
        done = await entity.post(f"/entity/{FIRST_ID}/surrenders", {
            "compliance_year": Y, "lines[0].unit_type": "SHEA", "lines[0].vintage": Y,
            "lines[0].quantity": 60_000})
        assert done.status_code == 200 and "The units are surrendered." in text(done.text)
        holdings = await entity.get(f"/entity/{FIRST_ID}/holdings")
        assert holdings.status_code == 200 and "ACC-" + FIRST_ID in holdings.text and "surrender" in holdings.text
        assert (await entity.get(f"/entity/{FIRST_ID}/cases")).status_code == 200


async def test_m23_member_enters_and_cancels_an_order_a_bad_price_shown_next_to_the_field(platform, client):
    member, account = f"M-{FIRST_ID}", f"X-M-{FIRST_ID}"
    await client.tick_and_wait(at(date(Y + 1, 6, 11), 10))
    await client.post("exchange", "/products", {"product_id": f"SHEA-{Y}", "vintage": Y, "reference_price": "50.00"},
                      role="exchange_operator")
    await until(lambda: _has_account(client, member, account), what="the member's trading account")
    await client.post("exchange", "/cash/deposits", {"movement_id": "BANK-CON-1", "trading_account_id": account,
                                                     "amount": "10000.00"}, role="settlement_bank", party="BANK")
    async with ConsoleUser(platform.url(CONSOLE)) as trader:
        await trader.sign_in("member", member)
        order = {"trading_account_id": account, "product_id": f"SHEA-{Y}", "side": "BUY", "quantity": 10,
                 "time_in_force": "GTC"}
        refused = await trader.post(f"/member/{member}/orders", {**order, "price": "49.999"})
        assert refused.status_code == 422 and field_errors(refused.text, "price"), text(refused.text)[:3000]
        placed = await trader.post(f"/member/{member}/orders", {**order, "price": "49.00"})
        assert placed.status_code == 200 and "The order is placed." in text(placed.text)
        orders = await client.get("exchange", f"/trading-accounts/{account}/orders", role="member", party=member)
        assert [o["status"] for o in orders] == ["OPEN"]
        assert orders[0]["order_id"] in placed.text
        cancelled = await trader.post(f"/member/{member}/orders/{orders[0]['order_id']}/cancellation", {})
        assert cancelled.status_code == 200 and "The order is cancelled." in text(cancelled.text)
        orders = await client.get("exchange", f"/trading-accounts/{account}/orders", role="member", party=member)
        assert [o["status"] for o in orders] == ["CANCELLED"]
    async with ConsoleUser(platform.url(CONSOLE)) as public:
        market = await public.get("/public/market")
        assert market.status_code == 200 and f"SHEA-{Y}" in market.text


async def _has_account(client, member: str, account: str) -> bool:
    accounts = await client.get("exchange", f"/members/{member}/trading-accounts", role="member", party=member)
    return any(a["trading_account_id"] == account for a in accounts)


async def test_m23_m28_a_trade_entered_on_the_page_shows_on_the_public_market_page_with_the_day_chart(platform,
                                                                                                   client):
    buyer, seller = f"M-{FIRST_ID}", f"M-{SECOND_ID}"
    await until(lambda: _registry_knows(client, f"X-{seller}"), what="the registry opening the trading account")
    await client.post("allocation", "/registry/transfers", {
        "from_account_id": f"ACC-{SECOND_ID}", "to_account_id": f"X-{seller}",
        "lines": [{"unit_type": "SHEA", "vintage": Y, "quantity": 100}]}, role="entity", party=SECOND_ID)
    await until(lambda: _available(client, seller, 100), what="the exchange crediting the deposit")
    await client.post("exchange", "/orders", {"trading_account_id": f"X-{seller}", "product_id": f"SHEA-{Y}",
                                              "side": "SELL", "price": "50.00", "quantity": 100},
                      role="member", party=seller)
    async with ConsoleUser(platform.url(CONSOLE)) as trader:
        await trader.sign_in("member", buyer)
        bought = await trader.post(f"/member/{buyer}/orders", {
            "trading_account_id": f"X-{buyer}", "product_id": f"SHEA-{Y}", "side": "BUY", "price": "50.00",
            "quantity": 100, "time_in_force": "IOC"})
        assert bought.status_code == 200 and "The order is placed." in text(bought.text)
        trades = await client.get("exchange", f"/trading-accounts/X-{buyer}/trades", role="member", party=buyer)
        assert len(trades) == 1 and trades[0]["trade_id"] in bought.text
    await client.tick_and_wait(at(date(Y + 1, 6, 11), 15))  # after the close: the day's report (M-25)
    async with ConsoleUser(platform.url(CONSOLE)) as public:
        market = await public.get("/public/market", product=f"SHEA-{Y}")
        shown = text(market.text)
        assert market.status_code == 200 and "50.00" in shown
        assert '<svg role="img"' in market.text and f"{Y + 1}-06-11" in shown  # the chart and its table
        assert "Daily prices of SHEA-2025" in shown and "5000.00" in shown  # the day's turnover


async def _registry_knows(client, account: str) -> bool:
    listed = await client.get("allocation", "/registry/trading-accounts", role="exchange_operator",
                              params={"limit": 1000})
    return account in {a["trading_account_id"] for a in listed}


async def _available(client, member: str, quantity: int) -> bool:
    balances = await client.get("exchange", f"/trading-accounts/X-{member}/balances", role="member", party=member)
    return any(a["vintage"] == Y and a["available"] == quantity for a in balances["allowances"])
