"""`./ets test` installs the console's browser when it is missing (ets_cli.browser): idempotent when Chromium and
the CJK font are there, apt-get only as root, an `apt-get update` only when the first install fails."""
from __future__ import annotations

import pytest

from ets_cli import browser


@pytest.fixture
def apt(monkeypatch):
    """apt-get recorded instead of run; each call answers with the next exit code given (default 0)."""
    calls: list[tuple[str, ...]] = []
    answers: list[int] = []
    monkeypatch.setattr(browser, "_apt_get", lambda *args: calls.append(args) or (answers.pop(0) if answers else 0))
    monkeypatch.setattr(browser.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(browser.os, "geteuid", lambda: 0)
    return calls, answers


def test_nothing_is_installed_when_chromium_and_the_font_are_there(apt, monkeypatch):
    calls, _ = apt
    monkeypatch.setattr(browser, "chromium_path", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(browser, "_installed", lambda package: True)
    assert browser.ensure_chromium(log=lambda _: None) == "/usr/bin/chromium"
    assert calls == []


def test_a_missing_chromium_is_installed_as_root_and_update_runs_only_after_a_failed_install(apt, monkeypatch):
    calls, answers = apt
    monkeypatch.setattr(browser, "chromium_path", lambda: None)
    monkeypatch.setattr(browser, "_installed", lambda package: package != "fonts-wqy-microhei")
    browser.ensure_chromium(log=lambda _: None)
    assert calls == [("install", "-y", "--no-install-recommends", "chromium", "fonts-wqy-microhei")]
    calls.clear()
    answers.extend([100, 0, 0])  # the package lists are stale: install fails, update, install again
    browser.ensure_chromium(log=lambda _: None)
    assert [c[0] for c in calls] == ["install", "update", "install"]


def test_without_root_nothing_is_run_and_the_user_is_told_how(apt, monkeypatch):
    calls, _ = apt
    said: list[str] = []
    monkeypatch.setattr(browser.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(browser, "chromium_path", lambda: None)
    monkeypatch.setattr(browser, "_installed", lambda package: True)
    assert browser.ensure_chromium(log=said.append) is None
    assert calls == [] and "apt-get install -y chromium" in said[0]


def test_ets_test_installs_the_browser_before_pytest(monkeypatch):
    from ets_cli import commands

    order: list[str] = []
    monkeypatch.setattr(browser, "ensure_chromium", lambda: order.append("browser"))
    monkeypatch.setattr(commands.subprocess, "call", lambda *a, **k: order.append("pytest") or 0)
    assert commands.run_tests(["-q"]) == 0
    assert order == ["browser", "pytest"]
