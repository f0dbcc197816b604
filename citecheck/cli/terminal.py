"""What the CLI shows while it works, and the per-document deadline: the library reports progress
through a callback and raises nothing on its own clock; the command line draws the one and arms the
other with a SIGALRM timer (in each worker process too, since the timer is set per document)."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from citecheck.errors import AnalysisTimeout

__all__ = ["ProgressBar", "alarm_time_limit", "show_warnings"]


class ProgressBar:
    """A `\\r`-redrawn line on a terminal for runs with many documents or URLs; silent in pipes and CI logs."""

    def __init__(self, stream: TextIO | None = None, minimum: int = 20) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.minimum = minimum
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total < self.minimum:
            return
        if done == total or done % max(1, total // 100) == 0:
            filled = int(30 * done / total)
            self.stream.write(f"\rcitecheck: {stage} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
            self.stream.flush()
            if done == total:
                self.stream.write("\n")


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
