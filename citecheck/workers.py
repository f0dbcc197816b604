"""Running one document's share of a stage safely, and many documents at once.

Each document's work runs under the per-document deadline (when the caller supplies a
`time_limit`: the CLI arms a SIGALRM timer; the library installs no signal handler) and inside a
net that turns a timeout or a bug into a `Problem` for that document alone. `map_documents` runs
the per-document step in worker processes when there are many documents, reports progress through
a callback, and, once the caller's stop event is set, lists the documents it did not reach.
"""

from __future__ import annotations

import os
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import TypeVar

from citecheck.errors import AnalysisTimeout
from citecheck.model import Article, Document, Problem

__all__ = ["DEADLINE", "PARALLEL_FROM", "TimeLimit", "guarded", "map_documents", "not_analysed"]

DEADLINE = 30.0  # seconds per document and stage (reliability.md §5): a pathological input cannot stall a run
PARALLEL_FROM = 200  # below this, starting worker processes costs more than it saves

T = TypeVar("T")
TimeLimit = Callable[[float], AbstractContextManager[object]]
Progress = Callable[[str, int, int], None]


def guarded(
    source: str, work: Callable[[], T], *, verbose: bool, time_limit: TimeLimit | None, deadline: float, stage: str
) -> tuple[T | None, Problem | None]:
    """`work()` under the deadline; a timeout or a bug becomes a Problem naming `source`."""
    try:
        with time_limit(deadline) if time_limit is not None and deadline > 0 else nullcontext():
            return work(), None
    except AnalysisTimeout:
        return None, Problem(source, "E_TIMEOUT_EXTRACT", f"{stage} took longer than {deadline:g} s; skipped")
    except Exception as exc:  # one document's bug must not cost the others their results
        detail = traceback.format_exc() if verbose else f"{type(exc).__name__}: {exc}"
        return None, Problem(source, "E_INTERNAL", f"internal error while {stage}: {detail}")


def not_analysed(source: str) -> Problem:
    return Problem(source, "E_INTERRUPTED", "not analysed: the run was interrupted")


def _one(
    analyse: Callable[[Document], Article], doc: Document, verbose: bool, time_limit: TimeLimit | None, deadline: float
) -> tuple[Article | None, Problem | None]:
    return guarded(
        doc.source, lambda: analyse(doc), verbose=verbose, time_limit=time_limit, deadline=deadline, stage="analysing"
    )


def map_documents(
    docs: Sequence[Document],
    analyse: Callable[[Document], Article],
    *,
    jobs: int = 0,
    verbose: bool = False,
    time_limit: TimeLimit | None = None,
    deadline: float = DEADLINE,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
) -> Iterator[tuple[Article | None, Problem | None]]:
    """`analyse` over `docs` in document order (a module-level function, so workers can receive it)."""
    stopped = stop.is_set if stop is not None else (lambda: False)
    tell = progress or (lambda stage, done, total: None)
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    n, done = len(docs), 0
    if workers < 2 or n < PARALLEL_FROM:
        for doc in docs:
            if stopped():
                break
            done += 1
            yield _one(analyse, doc, verbose, time_limit, deadline)
            tell("analysing", done, n)
    else:
        yield from _in_workers(docs, analyse, workers, verbose, time_limit, deadline, stopped, tell)
        return
    for doc in docs[done:]:
        yield None, not_analysed(doc.source)


def _in_workers(
    docs: Sequence[Document],
    analyse: Callable[[Document], Article],
    workers: int,
    verbose: bool,
    time_limit: TimeLimit | None,
    deadline: float,
    stopped: Callable[[], bool],
    tell: Progress,
) -> Iterator[tuple[Article | None, Problem | None]]:
    from concurrent.futures import ProcessPoolExecutor

    n, done = len(docs), 0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = pool.map(_one, [analyse] * n, docs, [verbose] * n, [time_limit] * n, [deadline] * n, chunksize=8)
        for result in results:
            if stopped():
                pool.shutdown(wait=True, cancel_futures=True)  # the chunks in hand finish; the rest never start
                break
            done += 1
            yield result
            tell("analysing", done, n)
    for doc in docs[done:]:
        yield None, not_analysed(doc.source)
