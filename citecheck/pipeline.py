"""The pipeline, stage by stage: read -> segment -> extract -> classify -> corroborate -> rules.

`analyze_document` is a pure function of one Document (the map step of a distributed run);
`analyze` adds the cross-document stages. Nothing here mutates a value it was given.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from attrs import evolve, field, frozen

from citecheck.classify.statements import build_statements
from citecheck.credibility.defaults import LOW_CREDIBILITY, CredibilitySettings
from citecheck.errors import InputError
from citecheck.extract.citations import find_citations, parse_references
from citecheck.model import Article, Citation, Document, Finding, Problem, Reference, Report
from citecheck.read.files import ReadOptions, discover, read_input, read_text
from citecheck.read.segment import sentences
from citecheck.verify.pages import Fetcher, FetchOptions, fetch_stage, make_fetcher

T = TypeVar("T")

if TYPE_CHECKING:
    from citecheck.rules import RuleContext

__all__ = ["Options", "analyze", "analyze_document", "analyze_texts", "read_all"]


@frozen
class Options:
    read: ReadOptions = field(factory=ReadOptions)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: tuple[tuple[str, str], ...] = ()
    credibility: tuple[tuple[str, float], ...] = ()
    low_credibility: float = LOW_CREDIBILITY
    verbose: bool = False
    fetch: FetchOptions = field(factory=FetchOptions)
    outlets: Mapping[str, Mapping[str, str]] = field(factory=dict)  # config [outlets]: extra outlets
    jobs: int = 0  # worker processes for the per-document map step; 0: one per CPU (from 200 documents on)
    deadline: float = 30.0  # seconds per document and stage (reliability.md §5); 0: none
    # set by the caller (the CLI, on SIGINT/SIGTERM) to stop after the document in hand; the library
    # installs no signal handler of its own
    stop: threading.Event | None = field(default=None, eq=False)

    def credibility_settings(self) -> CredibilitySettings:
        return CredibilitySettings.of(dict(self.credibility), self.outlets, self.low_credibility)


def analyze_document(doc: Document) -> Article:
    refs = parse_references(doc)
    citations = find_citations(doc, refs)
    statements = build_statements(doc, sentences(doc), citations)
    references = refs.entries + _link_targets(citations, refs.entries)
    return Article(doc, references, statements, citations, refs.duplicates)


def _link_targets(citations: Iterable[Citation], entries: Sequence[Reference]) -> tuple[Reference, ...]:
    """Hyperlinks that no list entry describes become references of their own (key = URL)."""
    known = {r.key for r in entries}
    targets: dict[str, Reference] = {}
    for c in citations:
        if c.kind == "link" and c.url and c.key not in known and c.key not in targets:
            targets[c.key] = Reference(key=c.key, text=c.marker, span=c.span, url=c.url, origin="link")
    return tuple(targets.values())


def read_all(
    paths: Iterable[str], options: ReadOptions, fetcher: Fetcher | None = None, stop: threading.Event | None = None
) -> tuple[list[Document], list[Problem]]:
    """Read every input; a failure becomes a Problem and never stops the others."""
    documents: list[Document] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for spec in discover(paths):
        if stop is not None and stop.is_set():
            problems.append(_not_analysed(spec.source))
            continue
        try:
            doc = _read_url(spec.source, fetcher) if _is_url(spec.source) else read_input(spec, options)
        except InputError as exc:
            problems.append(Problem(spec.source, exc.code, exc.message))
            continue
        documents.append(evolve(doc, id=_unique(doc.id, seen)))
    return documents, problems


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _read_url(url: str, fetcher: Fetcher | None) -> Document:
    """An article given as a URL is fetched under the same policy as cited pages (reliability A13)."""
    from citecheck.verify.citations import page_document

    if fetcher is None:
        raise InputError(url, "URL inputs are fetched only with --fetch", code="E_NETWORK_OFF")
    result = fetcher([url]).get(url)
    if result is None:
        raise InputError(url, "could not fetch: no result", code="E_FETCH")
    if result.status != "ok" or not result.text:
        raise InputError(url, f"could not fetch: {result.reason_code} {result.detail}".strip(), code=result.reason_code)
    doc = page_document(url, result.text, result.content_type)
    return evolve(doc, id=doc.id.removeprefix("page-"))


def _unique(doc_id: str, seen: set[str]) -> str:
    candidate, n = doc_id, 1
    while candidate in seen:
        n += 1
        candidate = f"{doc_id}-{n}"
    seen.add(candidate)
    return candidate


EXTRACT_DEADLINE = 30.0  # seconds per document (reliability.md §5): a pathological input cannot stall a run


class _Deadline(Exception):
    pass


def _on_alarm(signum: int, frame: object) -> None:
    raise _Deadline


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise _Deadline in the block after `seconds` (main thread, POSIX); elsewhere no limit."""
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


def _guarded(
    source: str, work: Callable[[], T], verbose: bool, deadline: float, stage: str
) -> tuple[T | None, Problem | None]:
    """Run one document's share of a stage under the deadline; a timeout or a bug becomes a Problem."""
    try:
        with _time_limit(deadline):
            return work(), None
    except _Deadline:
        return None, Problem(source, "E_TIMEOUT_EXTRACT", f"{stage} took longer than {deadline:g} s; skipped")
    except Exception as exc:  # one document's bug must not cost the others their results
        detail = traceback.format_exc() if verbose else f"{type(exc).__name__}: {exc}"
        return None, Problem(source, "E_INTERNAL", f"internal error while {stage}: {detail}")


def _safely(doc: Document, verbose: bool, deadline: float = EXTRACT_DEADLINE) -> tuple[Article | None, Problem | None]:
    return _guarded(doc.source, lambda: analyze_document(doc), verbose, deadline, "analysing")


def _not_analysed(source: str) -> Problem:
    return Problem(source, "E_INTERRUPTED", "not analysed: the run was interrupted")


def analyze(
    paths: Iterable[str],
    against: Iterable[str] = (),
    options: Options | None = None,
    fetcher: Fetcher | None = None,
) -> Report:
    """Read and analyse `paths` (reported) with `against` as extra evidence (not reported).

    With `options.fetch.enabled` (or an explicit `fetcher`, as tests use), cited URLs are fetched
    and the pages join the evidence.
    """
    options = options or Options()
    fetcher = fetcher or (make_fetcher(options.fetch) if options.fetch.enabled else None)
    documents, problems = read_all(paths, options.read, fetcher, options.stop)
    evidence_docs, evidence_problems = read_all(against, options.read, fetcher, options.stop)
    return analyze_documents(documents, evidence_docs, options, problems + evidence_problems, fetcher)


def analyze_texts(
    texts: dict[str, str],
    fmt: str = "markdown",
    against: dict[str, str] | None = None,
    options: Options | None = None,
    fetcher: Fetcher | None = None,
) -> Report:
    """Analyse in-memory drafts: {name: text}. Handy for tests and library use."""
    from citecheck.read.files import document_id

    docs = [read_text(t, doc_id=document_id(n), source=n, fmt=fmt) for n, t in texts.items()]  # type: ignore[arg-type]
    evidence = [read_text(t, doc_id=document_id(n), source=n, fmt=fmt) for n, t in (against or {}).items()]  # type: ignore[arg-type]
    return analyze_documents(docs, evidence, options or Options(), [], fetcher)


def analyze_documents(
    documents: Sequence[Document],
    evidence_docs: Sequence[Document],
    options: Options,
    problems: list[Problem],
    fetcher: Fetcher | None = None,
) -> Report:
    """The cross-document stages over documents already read."""
    from citecheck.corroborate.scoring import corroborate
    from citecheck.credibility.priors import collect_sources
    from citecheck.rules import RuleContext

    articles = _analyse_all(documents, options, problems)
    evidence = _analyse_all(evidence_docs, options, problems)
    stage = (
        fetch_stage(articles, fetcher, lambda d: _safely(d, options.verbose, options.deadline)[0]) if fetcher else None
    )
    problems.extend(_unfinished_fetches(stage))
    pages = tuple(stage.pages.values()) if stage else ()
    settings = options.credibility_settings()
    origins = stage.origins if stage else {}
    scored, _ = corroborate(articles, (*evidence, *pages), settings, origins)
    sources = collect_sources(scored, settings)
    context = RuleContext(
        tuple(scored),
        tuple(evidence),
        sources,
        settings,
        fetched=stage.fetched if stage else {},
        strict=options.fetch.strict,
        checks=_checks(scored, stage) if stage else (),
    )
    findings = _findings(context, options, problems)
    return Report(tuple(scored), findings, tuple(problems), sources, (*evidence, *pages), settings)


def _analyse_all(docs: Sequence[Document], options: Options, problems: list[Problem]) -> list[Article]:
    """The map step: each document on its own, in worker processes when there are many."""
    articles = []
    for article, problem in _map(docs, options):
        articles.extend([article] if article else [])
        problems.extend([problem] if problem else [])
    return articles


PARALLEL_FROM = 200


def progress(items: Sequence[Document], label: str, stream: object = sys.stderr) -> Iterable[Document]:
    """Yield `items`, drawing a one-line progress bar on a terminal for long runs (never in pipes or CI logs)."""
    total = len(items)
    show = total >= 20 and getattr(stream, "isatty", lambda: False)()
    for done, item in enumerate(items, start=1):
        yield item
        if show and (done == total or done % max(1, total // 100) == 0):
            filled = int(30 * done / total)
            stream.write(f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")  # type: ignore[attr-defined]
            stream.flush()  # type: ignore[attr-defined]
    if show:
        stream.write("\n")  # type: ignore[attr-defined]  # below this, starting worker processes costs more than it saves


def _map(docs: Sequence[Document], options: Options) -> Iterator[tuple[Article | None, Problem | None]]:
    """Results in document order; once `options.stop` is set, the rest are listed as not analysed."""
    stopped = options.stop.is_set if options.stop is not None else (lambda: False)
    workers = options.jobs if options.jobs > 0 else (os.cpu_count() or 1)
    if workers < 2 or len(docs) < PARALLEL_FROM:
        for doc in progress(docs, "analysing"):
            yield (None, _not_analysed(doc.source)) if stopped() else _safely(doc, options.verbose, options.deadline)
        return
    from concurrent.futures import ProcessPoolExecutor

    done = 0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        deadlines = [options.deadline] * len(docs)
        for result in pool.map(_safely, docs, [options.verbose] * len(docs), deadlines, chunksize=8):
            if stopped():
                pool.shutdown(wait=True, cancel_futures=True)  # the chunks in hand finish; the rest never start
                break
            done += 1
            yield result
    for doc in docs[done:]:
        yield None, _not_analysed(doc.source)


def _unfinished_fetches(stage: object) -> list[Problem]:
    """URLs the budget or an interruption left unchecked make the run incomplete (exit 3)."""
    fetched = getattr(stage, "fetched", {}) or {}
    late = sorted(url for url, r in fetched.items() if getattr(r, "reason_code", "") == "NOT_CHECKED")
    if not late:
        return []
    why = next(r.detail for url, r in fetched.items() if url == late[0])  # type: ignore[attr-defined]
    return [Problem("fetch", "E_BUDGET", f"{len(late)} cited URL{'s' * (len(late) != 1)} not checked: {why}")]


def _checks(articles: Sequence[Article], stage: object) -> tuple:
    from citecheck.verify.citations import check_citations

    return check_citations(articles, stage.pages)  # type: ignore[attr-defined]


def _findings(context: RuleContext, options: Options, problems: list[Problem]) -> tuple[Finding, ...]:
    """Every rule checks one article at a time (each rule is per-document), under the deadline."""
    from citecheck.rules import run_rules
    from citecheck.rules.directives import apply_suppressions
    from citecheck.rules.selection import active_rules, apply_severities

    rules = active_rules(options.select, options.ignore)
    found: list[Finding] = []
    for article in context.articles:
        one = evolve(context, articles=(article,))
        results, problem = _guarded(
            article.document.source,
            lambda c=one: list(run_rules(rules, c)),
            options.verbose,
            options.deadline,
            "checking",
        )
        found.extend(results or [])
        problems.extend([problem] if problem else [])
    found = apply_suppressions(context.articles, found, options)  # type: ignore[attr-defined]
    severities = dict(options.severities)
    if options.fetch.strict:
        severities.setdefault("CC505", "error")  # --strict: "could not verify" fails the build
    return tuple(sorted(apply_severities(found, severities), key=finding_order))


def finding_order(f: Finding) -> tuple:
    return (f.path, f.span.start if f.span else -1, f.code, f.message)
