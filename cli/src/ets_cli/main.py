"""`ets`: the platform's command line (typer). The commands are declared in `ets_cli.commands`; this file only runs
them and turns the outcome into an exit code."""
from __future__ import annotations

import sys

import click


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from ets_cli import commands

    if argv[:1] == ["test"]:  # everything after `test` belongs to pytest, options (and --help) included
        return commands.run_tests(argv[1:])
    try:
        result = commands.app(args=argv, prog_name="ets", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        print("Aborted.", file=sys.stderr)
        return 1
    return int(result or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
