"""Registers every `ets` sub-command. Commands are added here as their modules land."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _test(args) -> int:
    """The whole test suite: shared, every service, cross-service (contracts, e2e)."""
    cmd = [sys.executable, "-m", "pytest", *args.pytest_args]
    return subprocess.call(cmd, cwd=ROOT, env=os.environ.copy())


def register(sub) -> None:
    p = sub.add_parser("test", help="run the whole test suite (what CI runs)")
    p.add_argument("pytest_args", nargs=argparse.REMAINDER, help="extra pytest arguments, passed through")
    p.set_defaults(func=_test)
