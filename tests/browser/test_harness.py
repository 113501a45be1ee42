"""The browser checks themselves can fail: axe-core, injected into a page in the real Chromium, reports a serious
violation, and Tab-only navigation finds (or does not find) a control."""
from __future__ import annotations

import pytest

from .harness import AccessibilityViolation, Console, assert_accessible, unavailable


BROKEN = """<!doctype html><html lang="en"><head><title>broken</title></head><body><main>
<h1>A form without labels</h1><form><input name="amount"><button></button></form><img src="x.png"></main>
</body></html>"""
SOUND = """<!doctype html><html lang="en"><head><title>sound</title></head><body>
<a class="skip" href="#main">Skip to content</a><nav><a href="/a">A</a></nav><main id="main" tabindex="-1">
<h1>A labelled form</h1><form><label for="amount">Amount</label><input id="amount" name="amount">
<button type="submit">Propose</button></form></main></body></html>"""


@pytest.mark.asyncio(loop_scope="session")
async def test_axe_reports_serious_violations_of_a_page(browser):
    page = await browser.new_page()
    await page.set_content(BROKEN)
    with pytest.raises(AccessibilityViolation) as found:
        await assert_accessible(page, "a page without labels")
    assert "button-name" in str(found.value) and "image-alt" in str(found.value)
    await page.close()


@pytest.mark.asyncio(loop_scope="session")
async def test_axe_passes_a_labelled_page_and_tab_reaches_its_controls(browser):
    page = await browser.new_page()
    await page.set_content(SOUND)
    await assert_accessible(page, "a labelled page")
    console = Console(page, "", "harness")
    assert (await console.tab_to(lambda f: f["text"] == "Skip to content"))["href"] == "#main"
    assert (await console.tab_to(lambda f: f["name"] == "amount"))["tag"] == "input"
    with pytest.raises(AssertionError, match="not reachable"):
        await console.tab_to(lambda f: f["name"] == "no-such-field", limit=10)
    await page.close()


def test_a_missing_browser_skips_outside_ci_and_fails_in_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium is not installed"):
        unavailable("Chromium is not installed")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true and Chromium is not installed"):
        unavailable("Chromium is not installed")
