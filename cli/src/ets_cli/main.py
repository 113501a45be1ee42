"""`ets`: the platform's command line. Each sub-command lives in its own module; this file only dispatches."""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ets", description="Shanghai ETS platform")
    sub = parser.add_subparsers(dest="command", required=True)
    from ets_cli import commands

    commands.register(sub)
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
