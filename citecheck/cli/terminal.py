"""What the CLI shows while it works, and the per-document deadline: the library reports progress
through a callback and raises nothing on its own clock; the command line draws the one and arms the
other with a SIGALRM timer (in each worker process too, since the timer is set per document)."""

from __future__ import annotations

import logging
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from citecheck.errors import AnalysisTimeout

__all__ = ["ProgressBar", "alarm_time_limit", "show_warnings"]


class ProgressBar:
    """Counts and the time left, on stderr. On a terminal a `\\r`-redrawn bar for runs with many
    documents or URLs; in pipes and CI logs nothing, unless `force` (`--progress`), which writes a
    plain line every few seconds there instead."""

    def __init__(
        self,
        stream: TextIO | None = None,
        minimum: int = 20,
        force: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.minimum = minimum
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = self.tty or force
        self.clock = clock
        self.started: dict[str, float] = {}
        self.last_line = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total < self.minimum:
            return
        now = self.clock()
        start = self.started.setdefault(stage, now)
        if self.tty and (done == total or done % max(1, total // 100) == 0):
            filled = int(30 * done / total)
            bar = f"[{'#' * filled}{'.' * (30 - filled)}]"
            self.stream.write(f"\rcitecheck: {stage} {bar} {done}/{total}{_left(now - start, done, total):<24}")
            self.stream.write("\n" if done == total else "")
            self.stream.flush()
        elif not self.tty and (done == total or now - self.last_line >= LINE_EVERY):
            self.last_line = now
            self.stream.write(f"citecheck: {stage} {done}/{total}{_left(now - start, done, total)}\n")
            self.stream.flush()


LINE_EVERY = 2.0  # seconds between progress lines in a log: a 10-minute run writes 300, not 10,000


def _left(elapsed: float, done: int, total: int) -> str:
    """The time left at the rate so far; nothing until there is a rate to go by."""
    if done >= total:
        return f", {elapsed:.0f} s"
    if done == 0 or elapsed < 1.0:
        return ""
    seconds = elapsed / done * (total - done)
    left = f"{seconds / 60:.0f} min" if seconds >= 120 else f"{seconds:.0f} s"
    return f", about {left} left"


class _StderrHandler(logging.Handler):
    """Writes to whatever sys.stderr is at the time (tests and callers may swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(f"citecheck: {record.levelname.lower()}: {record.getMessage()}\n")


def show_warnings() -> None:
    """Warnings the library logs (an unusable cache, say) become `citecheck: warning: ...` lines."""
    logger = logging.getLogger("citecheck")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        logger.addHandler(_StderrHandler())
        logger.propagate = False


def _on_alarm(signum: int, frame: object) -> None:
    raise AnalysisTimeout("analysis ran past its deadline")


@contextmanager
def alarm_time_limit(seconds: float) -> Iterator[None]:
    """Raise AnalysisTimeout in the main thread after `seconds` (no-op elsewhere or without SIGALRM)."""
    armed = seconds > 0 and threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    previous = signal.signal(signal.SIGALRM, _on_alarm) if armed else None
    try:
        if armed:
            signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        if armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
