"""The console's framework against the running platform: it is served beside the services, its pages are in
Chinese and English, sign-in and CSRF work, and what an API refuses is shown in words next to the field."""
from __future__ import annotations

import httpx
import pytest

from ets_cli.platform import CONSOLE
from ets_console.testing import ConsoleUser, field_errors, text

pytestmark = pytest.mark.e2e


async def test_the_console_is_served_by_the_platform_with_its_vendored_htmx(platform):
    async with ConsoleUser(platform.url(CONSOLE)) as user:
        home = await user.get("/")
        assert home.status_code == 200
        assert '<a class="skip-link" href="#main">' in home.text and '<main id="main"' in home.text
        htmx = await user.get("/static/htmx.min.js")
        assert htmx.status_code == 200 and "htmx" in htmx.text[:200]
        assert "script-src 'self'" in home.headers["content-security-policy"]


async def test_labels_switch_between_chinese_and_english(platform):
    async with ConsoleUser(platform.url(CONSOLE), lang="zh") as user:
        assert "纳入配额管理的单位" in (await user.get("/")).text
        assert 'lang="zh-CN"' in (await user.get("/")).text
        english = await user.get("/language/en", next="/public/covered-entities")
        assert english.url.path == "/public/covered-entities"
        assert "Covered entities" in english.text and '<html lang="en">' in english.text


async def test_a_signed_in_page_sends_the_public_to_sign_in_and_back(platform):
    async with ConsoleUser(platform.url(CONSOLE)) as user:
        page = await user.get("/entity/E-X-1")
        assert page.url.path == "/sign-in" and page.url.params["next"] == "/entity/E-X-1"


async def test_a_party_role_must_name_its_party_next_to_the_field(platform):
    async with ConsoleUser(platform.url(CONSOLE)) as user:
        await user.get("/sign-in")
        refused = await user.post("/sign-in", {"role": "entity", "party_id": ""})
        assert refused.status_code == 422
        assert field_errors(refused.text, "party_id") == ["Required for entities, agencies, verifiers, members and "
                                                          "settlement banks."]
        assert 'aria-invalid="true"' in refused.text


async def test_a_form_without_the_sessions_csrf_token_is_refused(platform):
    async with ConsoleUser(platform.url(CONSOLE)) as user:
        await user.get("/sign-in")
        forged = await user.post("/sign-in", {"role": "authority", "csrf": "forged"})
        assert forged.status_code == 403 and "did not come from this console" in text(forged.text)
        assert "Signed in as" not in forged.text


async def test_the_session_cookie_is_signed_http_only_and_same_site(platform):
    async with httpx.AsyncClient(base_url=platform.url(CONSOLE)) as fresh:
        cookie = (await fresh.get("/")).headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    async with ConsoleUser(platform.url(CONSOLE)) as user:
        await user.sign_in("authority")
        assert "Signed in as" in (await user.get("/")).text
        user.http.cookies.clear()
        user.http.cookies.set("ets_console", "forged." + "x" * 40)
        assert "Signed in as" not in (await user.get("/")).text


async def test_a_bad_id_or_year_in_a_page_address_is_refused_in_words(platform):
    async with ConsoleUser(platform.url(CONSOLE)) as user:
        year = await user.get("/public/covered-entities", year=1900)
        assert year.status_code == 422 and "year: Input should be greater than or equal to 2013" in text(year.text)
        await user.sign_in("entity", "E-X-1", next="/public/agencies")
        bad_id = await user.get("/entity/E X 1/holdings")
        assert bad_id.status_code == 422 and "entity_id" in text(bad_id.text)
