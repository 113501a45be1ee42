"""The browser the console's tests drive: Debian's `chromium` package, installed by the project's own install step.

`./ets test` (and so `.ci/run`) calls `ensure_chromium()` before pytest: when the browser is present it does nothing;
when it is missing and the command runs as root on a machine with apt-get, it installs `chromium` (an apt-get update
first only if the package is unknown); otherwise it says how to install it and the browser tests skip — outside CI.
In CI (`CI=true`) a missing browser fails the browser tests instead (`tests/browser/conftest.py`). `./ets browser`
runs the same step on its own. Playwright drives it with its bundled driver only; `playwright install` (which
downloads browsers) is never used.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

DEFAULT_CHROMIUM = "/usr/bin/chromium"
PACKAGES = ("chromium",)


def chromium_path() -> str | None:
    """The Chromium executable: `ETS_CHROMIUM` when set, else Debian's /usr/bin/chromium, else `chromium` on PATH."""
    for candidate in (os.environ.get("ETS_CHROMIUM"), DEFAULT_CHROMIUM, shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _apt_get(*args: str) -> int:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return subprocess.call(["apt-get", *args], env=env, stdout=sys.stderr, stderr=sys.stderr)


def ensure_chromium(log=lambda message: print(message, file=sys.stderr)) -> str | None:  # noqa: ANN001
    """Chromium's path, installing Debian's package first when it is missing and we may (root, apt-get); idempotent."""
    found = chromium_path()
    if found is not None:
        return found
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        log("ets: chromium not found and not installable here (needs root and apt-get); the console's browser tests "
            "will skip (fail under CI=true). Install it with: apt-get install -y chromium")
        return None
    log("ets: installing Debian's chromium for the console's browser tests (apt-get install -y chromium)")
    install = ("install", "-y", "--no-install-recommends", *PACKAGES)
    if _apt_get(*install) != 0 and (_apt_get("update") != 0 or _apt_get(*install) != 0):
        log("ets: apt-get could not install chromium; the console's browser tests will skip (fail under CI=true)")
        return None
    return chromium_path()


def run(_args) -> int:  # noqa: ANN001 - `ets browser`
    path = ensure_chromium()
    if path is None:
        return 1
    print(path)
    return 0
