"""`ets`: the platform's command line (typer). The commands are declared in `ets_cli.commands`; this file only runs
them and returns their exit code (typer reports usage errors itself, with exit code 2)."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from ets_cli import commands

    if argv[:1] == ["test"]:  # everything after `test` belongs to pytest, options (and --help) included
        return commands.run_tests(argv[1:])
    try:
        commands.app(args=argv, prog_name="ets")
    except SystemExit as exc:  # typer ends every run with one
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
