"""What a build tells its user while it runs, and the time each stage took.

On a terminal, rich progress bars for the stages that count something (documents, quads);
otherwise, as in a CI log or a pipe, plain lines: a stage's start, every tenth of its way,
and its end with its time. ``quiet`` prints nothing but warnings' count at the end is still in
the report; ``verbose`` adds a line per document. Everything goes to stderr, so stdout keeps
only the result.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TextIO


class Verbosity(StrEnum):
    QUIET = "quiet"
    NORMAL = "normal"
    VERBOSE = "verbose"


class Progress:
    """Stage timings, warnings and their display; use as a context manager."""

    def __init__(self, verbosity: Verbosity = Verbosity.NORMAL, *,
                 stream: TextIO | None = None, terminal: bool | None = None) -> None:
        self.verbosity = verbosity
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self.timings: dict[str, float] = {}
        self.warnings: list[str] = []
        self._bars = None

    def __enter__(self) -> Progress:
        if self.terminal and self.verbosity is not Verbosity.QUIET:
            from rich import progress as bars
            from rich.console import Console

            self._bars = bars.Progress(
                bars.TextColumn("{task.description:<12}"), bars.BarColumn(),
                bars.MofNCompleteColumn(), bars.TimeElapsedColumn(),
                bars.TimeRemainingColumn(), console=Console(file=self.stream),
                transient=False)
            self._bars.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bars is not None:
            self._bars.stop()

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Callable[..., None]]:
        """Time a stage; yield ``advance(count=1)`` for a stage of ``total`` steps."""
        started = time.perf_counter()
        done = 0
        reported = 0
        task = None
        if self._bars is not None:
            task = self._bars.add_task(name, total=total)
        elif total and self.verbosity is not Verbosity.QUIET:
            self._line(f"{name}: 0/{total}")

        def advance(count: int = 1) -> None:
            nonlocal done, reported
            done += count
            if task is not None and self._bars is not None:
                self._bars.update(task, completed=done)
            elif total and self.verbosity is not Verbosity.QUIET:
                tenth = done * 10 // total
                if tenth > reported:
                    reported = tenth
                    self._line(f"{name}: {done}/{total}")

        try:
            yield advance
        finally:
            seconds = time.perf_counter() - started
            self.timings[name] = self.timings.get(name, 0.0) + seconds
            if task is not None and self._bars is not None:
                self._bars.update(task, completed=total if total else 1, total=total or 1)
            elif self.verbosity is not Verbosity.QUIET and not self.terminal:
                self._line(f"{name}: done in {seconds:.2f} s")

    def note(self, text: str) -> None:
        """A detail shown with --verbose only."""
        if self.verbosity is Verbosity.VERBOSE:
            self._line(text)

    def warn(self, text: str) -> None:
        """A warning: kept for the build report, shown unless --quiet."""
        self.warnings.append(text)
        if self.verbosity is not Verbosity.QUIET:
            self._line(f"warning: {text}")

    def _line(self, text: str) -> None:
        if self._bars is not None:
            self._bars.console.print(text, markup=False, highlight=False)
        else:
            print(text, file=self.stream, flush=True)
