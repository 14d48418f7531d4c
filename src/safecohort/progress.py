"""What a person sees while a build runs: a progress bar on a terminal, one plain line per stage
otherwise (a log file, a pipe, CI), nothing with ``--quiet``.

The builder reports through a callback taking text (:data:`safecohort.builder.Progress`): a line when a
stage starts and, per batch, a :class:`safecohort.builder.ProgressEvent` (text that also carries the
pass, the rows done and, once known, the total, and the notes scanned). The bar is rich's; rows, notes,
rate and time left are what it shows. Counts only: no cell value ever reaches a progress line.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from safecohort.builder import ProgressEvent


class _RowRate(ProgressColumn):
    """Rows per second of the current pass."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} rows/s" if speed else "- rows/s", style="progress.data.speed")


@contextmanager
def build_progress(
    *, quiet: bool = False, stream: TextIO | None = None
) -> Iterator[Callable[[str], None] | None]:
    """A progress callback for one build: a bar when ``stream`` (default stderr) is a terminal, plain
    stage lines when it is not, None when ``quiet``."""
    out = sys.stderr if stream is None else stream
    if quiet:
        yield None
        return
    if not out.isatty():

        def line(message: str) -> None:
            if not isinstance(message, ProgressEvent):  # stages only: a log gets no line per batch
                print(f"safecohort: {message}", file=out, flush=True)

        yield line
        return
    console = Console(file=out, force_terminal=True)
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,.0f}{task.fields[of]} rows{task.fields[notes]}"),
        _RowRate(),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )
    tasks: dict[str, TaskID] = {}

    def update(message: str) -> None:
        if not isinstance(message, ProgressEvent):
            bar.console.print(f"safecohort: {message}", highlight=False)
            return
        if message.stage not in tasks:
            tasks[message.stage] = bar.add_task(message.stage, total=message.rows_total, of="", notes="")
        of = f"/{message.rows_total:,}" if message.rows_total is not None else ""
        notes = f", {message.notes_done:,} notes" if message.notes_done else ""
        bar.update(
            tasks[message.stage], completed=message.rows_done, total=message.rows_total, of=of, notes=notes
        )

    with bar:
        yield update


__all__ = ["build_progress"]
