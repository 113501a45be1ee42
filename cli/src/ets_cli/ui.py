"""The command line's output: one rich console, tables for listings."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence

from rich.console import Console
from rich.table import Table

#: a pipe or CI log gets wide tables rather than rich's 80 columns
console = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 200)
errors = Console(stderr=True, highlight=False, soft_wrap=True)


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[object]],
          numeric: Sequence[str] = ()) -> Table:
    """A table whose `numeric` columns are right-aligned."""
    out = Table(title=title, title_justify="left", header_style="bold")
    for column in columns:
        out.add_column(column, justify="right" if column in numeric else "left", overflow="fold",
                       no_wrap=column in numeric)
    for row in rows:
        out.add_row(*(str(cell) for cell in row))
    return out
