"""The console's browser tests: a real headless Chromium (Debian's `chromium`, which `./ets test` installs) driven by
Playwright's bundled driver. Without Chromium (or Playwright) they skip with the reason — except in CI
(`CI=true`), where a missing browser is a failure."""
from __future__ import annotations

import shutil

import pytest
import pytest_asyncio

from ets_cli.browser import chromium_path
from ets_shared.testing.platform import platform_client

from .harness import SCREENSHOTS, launch, slug, unavailable


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        unavailable("Chromium is not installed (/usr/bin/chromium, or ETS_CHROMIUM)")
    try:
        import playwright.async_api  # noqa: F401  # imported only to learn whether it is installed
    except ImportError:
        unavailable("the playwright package is not installed (the dev dependency group)")
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)  # this run's screenshots only
    return path


@pytest_asyncio.fixture(loop_scope="session", scope="module")
async def browser(chromium):
    """One Chromium per test module, with a fresh profile; each test opens its own tabs (`context.new_page()`)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        context = await launch(playwright, chromium)
        try:
            yield context
        finally:
            await context.close()


@pytest.fixture(scope="session")
def console_platform(platform_with, chromium):
    """The shared plugin's platform with the console (`ets_shared.testing.platform`), one for the session."""
    with platform_with(console=True) as platform:
        yield platform


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def api(console_platform):
    """The services' APIs for set-up steps no console page offers (the year's user actions go through the browser)."""
    async with platform_client(console_platform) as client:
        yield client


@pytest.fixture
def open_console(browser, console_platform, request):
    """`await open_console()`: a new tab on the console, signed out, in English; screenshots named after the test."""
    from .harness import Console

    pages = []

    async def make(run: str | None = None) -> Console:
        await browser.clear_cookies()
        page = await browser.new_page()
        pages.append(page)
        console = Console(page, console_platform.url("console"), run or slug(request.node.name))
        await page.goto(console.base_url + "/language/en?next=/")
        return console

    return make
