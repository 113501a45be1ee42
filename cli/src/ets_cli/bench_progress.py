"""The benchmark's progress display: one bar per running step with its rate and the time left (rich), or — when the
output is not a terminal (CI, a pipe) — a status line every ten seconds with the same figures."""
from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TaskID, TextColumn, TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

PLAIN_EVERY = 10.0


class RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:>9,.0f}/s" if task.speed else " " * 11, style="progress.data.speed")


class Step:
    def __init__(self, owner: "BenchProgress", label: str, total: int | None) -> None:
        self.owner, self.label, self.total = owner, label, total
        self.completed = 0
        self.started = self.reported = time.monotonic()
        self.id: TaskID | None = owner.bar.add_task(label, total=total) if owner.live else None

    def advance(self, n: int) -> None:
        self.completed += n
        self._show()

    def remaining(self, left: int) -> None:
        """For work whose size is only known as what is left (events still to publish or apply)."""
        self.total = max(self.total or 0, self.completed + left)
        self.completed = self.total - left
        self._show()

    def done(self) -> None:
        if self.id is not None:
            self.owner.bar.remove_task(self.id)

    def _show(self) -> None:
        if self.id is not None:
            self.owner.bar.update(self.id, completed=self.completed, total=self.total)
            return
        now = time.monotonic()
        if now - self.reported >= PLAIN_EVERY:
            self.reported = now
            rate = self.completed / (now - self.started) if now > self.started else 0.0
            left = f", about {(self.total - self.completed) / rate:.0f} s left" if rate and self.total else ""
            self.owner.console.print(f"    {self.label}: {self.completed:,}/{self.total or 0:,} "
                                     f"({rate:,.0f}/s{left})", highlight=False)


class BenchProgress:
    def __init__(self) -> None:
        self.console = Console()
        self.live = self.console.is_terminal
        self.bar = Progress(TextColumn("    {task.description:<32}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                            TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                            console=self.console, disable=not self.live, refresh_per_second=4)

    def __enter__(self) -> "BenchProgress":
        self.bar.__enter__()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.bar.__exit__(kind, exc, tb)

    def task(self, label: str, total: int | None) -> Step:
        return Step(self, label, total)

    def print(self, line: str) -> None:
        self.console.print(line, highlight=False, soft_wrap=True)
