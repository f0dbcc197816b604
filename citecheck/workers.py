"""Running one document's share of a stage safely, and many documents at once.

Each document's work runs under the per-document deadline (when the caller supplies a
`time_limit`: the CLI arms a SIGALRM timer; the library installs no signal handler) and inside a
net that turns a timeout or a bug into a `Problem` for that document alone. `map_documents` runs
the per-document step in worker processes when there are many documents, reports progress through
a callback, and, once the caller's stop event is set, lists the documents it did not reach.
"""

from __future__ import annotations

import os
import signal
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Protocol, TypeVar

from citecheck.errors import AnalysisTimeout, InputError
from citecheck.model import Article, Problem

__all__ = ["DEADLINE", "PARALLEL_FROM", "TimeLimit", "guarded", "map_documents", "not_analysed", "worker_count"]

DEADLINE = 30.0  # seconds per document and stage (reliability.md §5): a pathological input cannot stall a run
PARALLEL_FROM = 200  # below this, starting worker processes costs more than it saves
BATCH = 8  # documents per worker task at most: fewer round trips, yet a stop waits for few documents

T = TypeVar("T")
TimeLimit = Callable[[float], AbstractContextManager[object]]
Progress = Callable[[str, int, int], None]
Outcome = tuple[Article | None, Problem | None]
Settings = tuple[bool, TimeLimit | None, float]  # verbose, time_limit, deadline


class HasSource(Protocol):
    @property
    def source(self) -> str: ...


S = TypeVar("S", bound=HasSource)


def guarded(
    source: str, work: Callable[[], T], *, verbose: bool, time_limit: TimeLimit | None, deadline: float, stage: str
) -> tuple[T | None, Problem | None]:
    """`work()` under the deadline; a timeout or a bug becomes a Problem naming `source`."""
    try:
        with time_limit(deadline) if time_limit is not None and deadline > 0 else nullcontext():
            return work(), None
    except InputError as exc:  # a worker that reads its own file: the same problem the parent would report
        return None, Problem(exc.source, exc.code, exc.message)
    except AnalysisTimeout:
        return None, Problem(source, "E_TIMEOUT_EXTRACT", f"{stage} took longer than {deadline:g} s; skipped")
    except Exception as exc:  # one document's bug must not cost the others their results
        detail = traceback.format_exc() if verbose else f"{type(exc).__name__}: {exc}"
        return None, Problem(source, "E_INTERNAL", f"internal error while {stage}: {detail}")


def not_analysed(source: str) -> Problem:
    return Problem(source, "E_INTERRUPTED", "not analysed: the run was interrupted")


def _one(
    analyse: Callable[[S], Article], doc: S, verbose: bool, time_limit: TimeLimit | None, deadline: float
) -> tuple[Article | None, Problem | None]:
    return guarded(
        doc.source, lambda: analyse(doc), verbose=verbose, time_limit=time_limit, deadline=deadline, stage="analysing"
    )


def worker_count(jobs: int, items: int) -> int:
    """How many processes the map step uses: `jobs` (0: the CPUs this process may run on), and one
    below PARALLEL_FROM items, where starting workers costs more than it saves."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    workers = jobs if jobs > 0 else cpus
    return 1 if workers < 2 or items < PARALLEL_FROM else workers


def map_documents(
    docs: Sequence[S],
    analyse: Callable[[S], Article],
    *,
    jobs: int = 0,
    verbose: bool = False,
    time_limit: TimeLimit | None = None,
    deadline: float = DEADLINE,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
) -> Iterator[tuple[Article | None, Problem | None]]:
    """`analyse` over `docs` in document order (a module-level function, so workers can receive it).

    `docs` may be Documents or anything with a `source` that `analyse` can read itself (so worker
    processes read their own files). Once `stop` is set, the documents in hand finish and every
    other one is listed as not analysed."""
    stopped = stop.is_set if stop is not None else (lambda: False)
    tell = progress or (lambda stage, done, total: None)
    workers = worker_count(jobs, len(docs))
    if workers > 1:
        yield from _in_workers(docs, analyse, workers, (verbose, time_limit, deadline), stopped, tell)
        return
    n, done = len(docs), 0
    for doc in docs:
        if stopped():
            break
        done += 1
        yield _one(analyse, doc, verbose, time_limit, deadline)
        tell("analysing", done, n)
    for doc in docs[done:]:
        yield None, not_analysed(doc.source)


def _batch(analyse: Callable[[S], Article], docs: Sequence[S], settings: Settings) -> list[Outcome]:
    """One worker task: a few documents, each under its own deadline."""
    return [_one(analyse, doc, *settings) for doc in docs]


def _worker_signals() -> None:
    """A worker leaves interruption to the parent, which stops handing out work and lists what it did
    not reach: a Ctrl-C to the whole process group must not kill the documents in hand, nor run the
    handler a forked worker inherited from the CLI."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _in_workers(
    docs: Sequence[S],
    analyse: Callable[[S], Article],
    workers: int,
    settings: Settings,
    stopped: Callable[[], bool],
    tell: Progress,
) -> Iterator[tuple[Article | None, Problem | None]]:
    """Batches go out a few at a time (at most two per worker in flight), so a stop leaves little
    queued: batches not started are cancelled, the ones running finish, results come in order. A
    worker that dies (killed, out of memory) costs the documents it had and those not yet sent, each
    reported as E_INTERNAL; the run goes on to the cross-document stages with the rest."""
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    n = len(docs)
    size = max(1, min(BATCH, n // (workers * 8)))
    starts = iter(range(0, n, size))
    pending: deque[tuple[int, Future[list[Outcome]]]] = deque()
    broken: list[str] = []
    done = 0
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_signals) as pool:

        def refill() -> None:
            while len(pending) < 2 * workers and not stopped() and not broken:
                start = next(starts, None)
                if start is None:
                    return
                try:
                    pending.append((start, pool.submit(_batch, analyse, docs[start : start + size], settings)))
                except BrokenProcessPool as exc:
                    broken.append(str(exc))

        refill()
        while pending:
            start, future = pending.popleft()
            if stopped():
                future.cancel()  # not started: never will be; running: finishes
            batch = docs[start : start + size]
            try:
                outcomes = [(None, not_analysed(d.source)) for d in batch] if future.cancelled() else future.result()
            except BrokenProcessPool as exc:
                broken.append(str(exc))
                outcomes = [(None, _lost(d.source)) for d in batch]
            for outcome in outcomes:
                done += 1
                yield outcome
                tell("analysing", done, n)
            refill()
    for doc in docs[done:]:
        yield None, _lost(doc.source) if broken else not_analysed(doc.source)


def _lost(source: str) -> Problem:
    return Problem(source, "E_INTERNAL", "internal error while analysing: a worker process died")
