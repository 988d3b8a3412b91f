"""Progress for the CLI: rich bars on a terminal, plain log lines otherwise (CI, pipes)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

ProgressFn = Callable[[str, int, int], None]


class PlainProgress:
    """One line per stage at about every 10% and at the end, so a CI log shows the run advancing."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream
        self.last: dict[str, int] = {}
        self.start = time.perf_counter()

    def __call__(self, stage: str, done: int, total: int) -> None:
        step = max(1, total // 10)
        if done == total or done - self.last.get(stage, 0) >= step:
            self.last[stage] = done
            print(f"[{time.perf_counter() - self.start:7.1f}s] {stage}: {done}/{total}", file=self.stream or sys.stderr,
                  flush=True)


class RichProgress:
    def __init__(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), transient=False)
        self.tasks: dict[str, Any] = {}

    def __enter__(self) -> RichProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(stage, total=total)
        self.progress.update(self.tasks[stage], completed=done, total=total)
