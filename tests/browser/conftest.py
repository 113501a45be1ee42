"""The console's browser tests: a real headless Chromium (Debian's `chromium`, which `./ets test` installs) driven by
Playwright's bundled driver. Without Chromium (or Playwright) they skip with the reason — except in CI
(`CI=true`), where a missing browser is a failure."""
from __future__ import annotations

import pytest
import pytest_asyncio

from ets_cli.browser import chromium_path

from .harness import in_ci, launch


def _unavailable(reason: str) -> None:
    if in_ci():
        pytest.fail(f"CI=true and {reason}: `./ets test` installs it (ets_cli.browser), see README 'Web console'")
    pytest.skip(f"{reason} (outside CI the browser tests skip; `./ets browser` installs it)")


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        _unavailable("Chromium is not installed (/usr/bin/chromium, or ETS_CHROMIUM)")
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        _unavailable("the playwright package is not installed (the dev dependency group)")
    return path


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def browser(chromium):  # noqa: ANN001, ANN201
    """One Chromium per test module, with a fresh profile; each test opens its own tabs (`context.new_page()`)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        context = await launch(playwright, chromium)
        try:
            yield context
        finally:
            await context.close()
