"""`ets lint`: the checks CI runs before the tests — ruff (rules in the root pyproject.toml's `[tool.ruff]`) over the
whole repository, then mypy (`[tool.mypy]`: shared, the CLI and every service's sources). Exit code 0 only when both
pass. It never rewrites a file: fixing is a person's choice (`ruff check --fix <file>`), never `ruff format`."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CHECKS = {
    "ruff": ["ruff", "check", "--no-fix", "."],
    "mypy": ["mypy"],
}


def run(args) -> int:  # args: argparse.Namespace with `only` (a list of check names or None)
    unknown = sorted(set(args.only or ()) - set(CHECKS))
    if unknown:
        print(f"ets lint: unknown check {', '.join(unknown)} (one of {', '.join(CHECKS)})", file=sys.stderr)
        return 2
    failed = []
    for name in args.only or list(CHECKS):
        tool, *arguments = CHECKS[name]
        print(f"== {name}", flush=True)
        if subprocess.call([str(Path(sys.executable).with_name(tool)), *arguments], cwd=ROOT) != 0:
            failed.append(name)
    if failed:
        print(f"ets lint: {', '.join(failed)} failed", file=sys.stderr)
        return 1
    return 0
