"""Driving the console in a real headless Chromium (Debian's package) through Playwright's bundled driver.

Every page a test visits goes through `Console.visit` (or `Console.check` after a form posts): the page must answer
below 400, axe-core (vendored under `vendor/axe-core`, injected into the page) must find no serious or critical
violation, and a full-page screenshot is saved under `artifacts/console-screenshots/` (`ETS_SCREENSHOTS_DIR`
overrides it) — the folder CI keeps as its artefact. Keyboard helpers press real keys (Tab, Enter), never click.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(os.environ.get("ETS_SCREENSHOTS_DIR", ROOT / "artifacts" / "console-screenshots"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BLOCKING = ("serious", "critical")  # axe impacts that fail a page


class AccessibilityViolation(AssertionError):
    pass


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def unavailable(reason: str) -> None:
    """No browser to test with: a skip with the reason — a failure in CI (`CI=true`), where `./ets test` installs
    it."""
    import pytest

    if in_ci():
        pytest.fail(f"CI=true and {reason}: `./ets test` installs it (ets_cli.browser), see README 'Web console'")
    pytest.skip(f"{reason} (outside CI the browser tests skip; `./ets browser` installs it)")


async def axe_violations(page) -> list[dict]:
    """axe-core's violations of the page as it stands (WCAG 2.x A/AA and best practices)."""
    if not await page.evaluate("() => typeof window.axe !== 'undefined'"):
        # evaluated through the DevTools protocol: the console's Content-Security-Policy (script-src 'self')
        # stays on and would refuse an injected <script>
        await page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    return await page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))""")


async def assert_accessible(page, where: str) -> None:
    blocking = [v for v in await axe_violations(page) if v["impact"] in BLOCKING]
    if blocking:
        lines = [f"  {v['impact']}: {v['id']} — {v['help']} at {', '.join(v['nodes'])}" for v in blocking]
        raise AccessibilityViolation(f"axe-core on {where}:\n" + "\n".join(lines))


async def launch(playwright, chromium: str):
    """Chromium with a fresh profile (its user-data-dir removed when the context closes)."""
    profile = tempfile.mkdtemp(prefix="ets-chromium-")
    context = await playwright.chromium.launch_persistent_context(
        profile, executable_path=chromium, headless=True, args=CHROMIUM_ARGS, locale="en-GB",
        viewport={"width": 1280, "height": 900})
    context.on("close", lambda _: shutil.rmtree(profile, ignore_errors=True))
    return context


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or "page"


@dataclass
class Console:
    """One signed-in (or anonymous) browser tab on the console at `base_url`; screenshots named `<run>-NN-<what>`."""

    page: object
    base_url: str
    run: str
    shots: list[Path] = field(default_factory=list)

    async def visit(self, path: str, what: str | None = None, status: int | None = None):
        """Open `path`: it must answer below 400 (or exactly `status`), pass axe, and is screenshotted."""
        response = await self.page.goto(self.base_url + path)
        assert response is not None and (response.status == status if status else response.status < 400), (
            f"GET {path} answered {response.status if response else 'nothing'}: "
            f"{(await self.page.content())[:2000]}")
        await self.check(what or path)
        return response

    async def check(self, what: str) -> None:
        """The page as it stands now: no serious accessibility violation, and its screenshot saved."""
        await self.page.wait_for_load_state("load")
        await assert_accessible(self.page, f"{what} ({self.page.url})")
        await self.screenshot(what)

    async def screenshot(self, what: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 - a local folder, once per page
        path = SCREENSHOTS / f"{self.run}-{len(self.shots) + 1:02d}-{slug(what)}.png"
        await self.page.screenshot(path=str(path), full_page=True)
        self.shots.append(path)
        return path

    # keyboard only ------------------------------------------------------------------------------------------------
    async def focused(self) -> dict:
        return await self.page.evaluate("""() => { const e = document.activeElement;
            return {tag: e.tagName.toLowerCase(), name: e.getAttribute('name'), id: e.id, type: e.type || null,
                    text: (e.innerText || e.value || '').trim().slice(0, 80), href: e.getAttribute('href')}; }""")

    async def tab_to(self, matches, limit: int = 200) -> dict:
        """Press Tab until the focused element satisfies `matches(focused)`; fails if `limit` presses never reach it."""
        for _ in range(limit):
            await self.page.keyboard.press("Tab")
            focused = await self.focused()
            if matches(focused):
                return focused
        raise AssertionError(f"not reachable with Tab in {limit} presses on {self.page.url}")

    async def type_into(self, name: str, text: str, field_id: str | None = None) -> None:
        """Tab to the form field `name` (the one with id `field_id`, when several forms on the page have one) and
        type `text` into it, replacing what it held."""
        await self.tab_to(lambda f: f["name"] == name and (field_id is None or f["id"] == field_id))
        await self.page.keyboard.press("Control+A")
        await self.page.keyboard.press("Backspace")
        await self.page.keyboard.type(text)

    async def submit(self, label: str) -> None:
        """Tab to the button whose text contains `label` and press Enter; waits until the answer has arrived (a new
        page, or htmx's swap of part of this one)."""
        await self.tab_to(lambda f: f["tag"] in ("button", "input") and label.lower() in f["text"].lower())
        await self.page.evaluate("""() => { window.__etsSettled = false;
            document.addEventListener('htmx:afterSettle', () => { window.__etsSettled = true; }, {once: true}); }""")
        await self.page.keyboard.press("Enter")
        # htmx swapped the answer in (true), or a full page load replaced the window (undefined)
        await self.page.wait_for_function("() => window.__etsSettled !== false")
        await self.page.wait_for_load_state("load")

    async def choose(self, name: str, value: str) -> None:
        """Tab to the select `name` and pick the option `value` in it."""
        await self.tab_to(lambda f: f["name"] == name and f["tag"] == "select")
        await self.page.locator(":focus").select_option(value)

    async def start_at_top(self) -> None:
        """The page loaded afresh: keyboard focus starts at the top of the document."""
        await self.page.reload()
        await self.page.wait_for_load_state("load")

    async def sign_in(self, role: str, party: str | None = None, subject: str | None = None) -> None:
        """The development sign-in, by keyboard: role, party, name, Enter."""
        await self.visit("/sign-in", "sign in")
        await self.choose("role", role)
        if party:
            await self.type_into("party_id", party)
        if subject:
            await self.type_into("subject", subject)
        await self.submit("Sign in")

    async def sign_out(self) -> None:
        await self.page.context.clear_cookies()
        await self.page.goto(self.base_url + "/language/en?next=/")

    async def skip_link_works(self) -> None:
        """The first Tab on a page reaches the skip link; Enter on it moves focus to the main content."""
        await self.start_at_top()
        await self.page.keyboard.press("Tab")
        first = await self.focused()
        assert first["href"] == "#main", f"the first Tab stop is {first}, not the skip link"
        await self.page.keyboard.press("Enter")
        assert (await self.focused())["id"] == "main"

    async def text(self, selector: str = "main") -> str:
        return await self.page.locator(selector).inner_text()
