"""The browser the console's tests drive: Debian's `chromium` package, installed by the project's own install step.

`./ets test` (and so `.ci/run`) calls `ensure_chromium()` before pytest: when the browser (and a font with Chinese
glyphs, `fonts-wqy-microhei`, for the zh pages' screenshots) is present it does nothing; when something is missing
and the command runs as root on a machine with apt-get, it installs it (`apt-get update` first only if the install
fails); otherwise it says how to install it and the browser tests skip — outside CI. In CI (`CI=true`) a missing
browser fails the browser tests instead (`tests/browser/conftest.py`). `./ets browser` runs the same step on its own.
Playwright drives the browser with its bundled driver only; `playwright install` (which downloads browsers) is
never used.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

DEFAULT_CHROMIUM = "/usr/bin/chromium"
BROWSER_PACKAGE = "chromium"
FONT_PACKAGE = "fonts-wqy-microhei"  # Chinese glyphs in the zh pages' screenshots (1.6 MB)

Log = Callable[[str], None]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def chromium_path() -> str | None:
    """The Chromium executable: `ETS_CHROMIUM` when set, else Debian's /usr/bin/chromium, else `chromium` on PATH."""
    for candidate in (os.environ.get("ETS_CHROMIUM"), DEFAULT_CHROMIUM, shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _installed(package: str) -> bool:
    if shutil.which("dpkg-query") is None:
        return True  # not a Debian system: nothing to say about its packages
    status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
    return status.returncode == 0 and status.stdout.strip().endswith("installed")


def _apt_get(*args: str) -> int:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return subprocess.call(["apt-get", *args], env=env, stdout=sys.stderr, stderr=sys.stderr)


def missing_packages() -> list[str]:
    missing = [] if chromium_path() is not None else [BROWSER_PACKAGE]
    return missing + ([] if _installed(FONT_PACKAGE) else [FONT_PACKAGE])


def ensure_chromium(log: Log = _stderr) -> str | None:
    """Chromium's path, installing Debian's packages first when they are missing and we may (root, apt-get);
    idempotent: nothing is run when both are there."""
    missing = missing_packages()
    if not missing:
        return chromium_path()
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        if BROWSER_PACKAGE in missing:
            log("ets: chromium not found and not installable here (needs root and apt-get); the console's browser "
                "tests will skip (fail under CI=true). Install it with: apt-get install -y chromium")
        return chromium_path()
    log(f"ets: installing {', '.join(missing)} for the console's browser tests (apt-get install)")
    install = ("install", "-y", "--no-install-recommends", *missing)
    if _apt_get(*install) != 0 and (_apt_get("update") != 0 or _apt_get(*install) != 0):
        log(f"ets: apt-get could not install {', '.join(missing)}; without chromium the console's browser tests "
            "skip (fail under CI=true)")
    return chromium_path()


def run(_args: object) -> int:  # `ets browser`
    path = ensure_chromium()
    if path is None:
        return 1
    print(path)
    return 0
