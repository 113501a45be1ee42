"""`ets`: the platform's command line. Each sub-command lives in its own module; this file only dispatches."""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from ets_cli import commands

    if argv[:1] == ["test"]:  # everything after `test` belongs to pytest, options included
        return commands.run_tests(argv[1:])
    parser = argparse.ArgumentParser(prog="ets", description="Shanghai ETS platform")
    sub = parser.add_subparsers(dest="command", required=True)
    commands.register(sub)
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
