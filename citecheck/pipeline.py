"""The pipeline, stage by stage: read -> segment -> extract -> classify -> corroborate -> rules.

`analyze_document` is a pure function of one Document (the map step of a distributed run);
`analyze` adds the cross-document stages. Nothing here mutates a value it was given.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING

from attrs import evolve, field, frozen

from citecheck.classify.statements import build_statements
from citecheck.credibility.defaults import LOW_CREDIBILITY, CredibilitySettings
from citecheck.errors import AnalysisTimeout, InputError
from citecheck.extract.citations import find_citations, parse_references
from citecheck.model import Article, Citation, Document, Finding, Format, Problem, Reference, Report, Severity
from citecheck.read.files import ReadOptions, discover, read_input, read_text
from citecheck.read.segment import sentences
from citecheck.verify.pages import Fetcher, FetchOptions, FetchStage, fetch_stage, make_fetcher

if TYPE_CHECKING:
    from citecheck.rules import RuleContext
    from citecheck.verify.citations import CitationCheck

__all__ = ["Options", "analyze", "analyze_document", "analyze_texts", "read_all"]


@frozen
class Options:
    read: ReadOptions = field(factory=ReadOptions)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: tuple[tuple[str, Severity], ...] = ()
    credibility: tuple[tuple[str, float], ...] = ()
    low_credibility: float = LOW_CREDIBILITY
    verbose: bool = False
    fetch: FetchOptions = field(factory=FetchOptions)
    outlets: Mapping[str, Mapping[str, str]] = field(factory=dict)  # config [outlets]: extra outlets
    jobs: int = 0  # worker processes for the per-document map step; 0: one per CPU (from 200 documents on)
    # progress(stage, done, total): the caller draws it (the CLI on a terminal); the library never prints
    progress: Callable[[str, int, int], None] | None = field(default=None, eq=False)
    # time_limit(seconds) -> a context manager that raises AnalysisTimeout when the time runs out. Set
    # by the CLI (a SIGALRM timer); library code installs no signal handler of its own.
    time_limit: Callable[[float], AbstractContextManager[object]] | None = field(default=None, eq=False)

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
    paths: Iterable[str], options: ReadOptions, fetcher: Fetcher | None = None
) -> tuple[list[Document], list[Problem]]:
    """Read every input; a failure becomes a Problem and never stops the others."""
    documents: list[Document] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for spec in discover(paths):
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


def _safely(
    doc: Document,
    verbose: bool,
    time_limit: Callable[[float], AbstractContextManager[object]] | None = None,
    deadline: float = EXTRACT_DEADLINE,
) -> tuple[Article | None, Problem | None]:
    try:
        with time_limit(deadline) if time_limit is not None else nullcontext():
            return analyze_document(doc), None
    except AnalysisTimeout:
        return None, Problem(doc.source, "E_TIMEOUT_EXTRACT", f"analysis took longer than {deadline:g} s; skipped")
    except Exception as exc:  # one document's bug must not cost the others their results
        detail = traceback.format_exc() if verbose else f"{type(exc).__name__}: {exc}"
        return None, Problem(doc.source, "E_INTERNAL", f"internal error while analysing: {detail}")


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
    fetcher = fetcher or (make_fetcher(options.fetch, options.progress) if options.fetch.enabled else None)
    documents, problems = read_all(paths, options.read, fetcher)
    evidence_docs, evidence_problems = read_all(against, options.read, fetcher)
    return analyze_documents(documents, evidence_docs, options, problems + evidence_problems, fetcher)


def analyze_texts(
    texts: dict[str, str],
    fmt: Format = "markdown",
    against: dict[str, str] | None = None,
    options: Options | None = None,
    fetcher: Fetcher | None = None,
) -> Report:
    """Analyse in-memory drafts: {name: text}. Handy for tests and library use."""
    from citecheck.read.files import document_id

    docs = [read_text(t, doc_id=document_id(n), source=n, fmt=fmt) for n, t in texts.items()]
    evidence = [read_text(t, doc_id=document_id(n), source=n, fmt=fmt) for n, t in (against or {}).items()]
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
        fetch_stage(articles, fetcher, lambda d: _safely(d, options.verbose, options.time_limit)[0])
        if fetcher
        else None
    )
    pages = tuple(stage.pages.values()) if stage else ()
    settings = options.credibility_settings()
    origins = stage.origins if stage else {}
    scored, _ = corroborate(articles, (*evidence, *pages), settings, origins)
    sources = collect_sources(scored, settings)
    context = RuleContext(
        tuple(scored),
        (*evidence, *pages),  # fetched pages too: findings name the page statements they cite
        sources,
        settings,
        fetched=stage.fetched if stage else {},
        strict=options.fetch.strict,
        checks=_checks(scored, stage) if stage else (),
    )
    found, suppressed = _findings(context, options)
    findings = found + unreadable_findings(problems)
    return Report(
        tuple(scored), findings, tuple(problems), sources, (*evidence, *pages), settings, suppressed=suppressed
    )


def _analyse_all(docs: Sequence[Document], options: Options, problems: list[Problem]) -> list[Article]:
    """The map step: each document on its own, in worker processes when there are many."""
    articles = []
    for article, problem in _map(docs, options):
        articles.extend([article] if article else [])
        problems.extend([problem] if problem else [])
    return articles


PARALLEL_FROM = 200


def _map(docs: Sequence[Document], options: Options) -> Iterable[tuple[Article | None, Problem | None]]:
    workers = options.jobs if options.jobs > 0 else (os.cpu_count() or 1)
    tell = options.progress or (lambda stage, done, total: None)
    if workers < 2 or len(docs) < PARALLEL_FROM:
        results = []
        for done, doc in enumerate(docs, start=1):
            results.append(_safely(doc, options.verbose, options.time_limit))
            tell("analysing", done, len(docs))
        return results
    from concurrent.futures import ProcessPoolExecutor

    n = len(docs)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = []
        for done, result in enumerate(
            pool.map(_safely, docs, [options.verbose] * n, [options.time_limit] * n, chunksize=32), 1
        ):
            results.append(result)
            tell("analysing", done, n)
        return results


def _checks(articles: Sequence[Article], stage: FetchStage) -> tuple[CitationCheck, ...]:
    from citecheck.verify.citations import check_citations

    return check_citations(articles, stage.pages)


def _findings(context: RuleContext, options: Options) -> tuple[tuple[Finding, ...], int]:
    """The findings after suppressions and severity overrides, and how many suppressions hid."""
    from citecheck.rules import run_rules
    from citecheck.rules.directives import apply_suppressions
    from citecheck.rules.selection import active_rules, apply_severities

    found = list(run_rules(active_rules(options.select, options.ignore), context))
    raised = len(found)
    found = apply_suppressions(context.articles, found, options)
    suppressed = raised - sum(1 for f in found if f.code not in ("CC901", "CC902"))  # those two it adds
    severities = dict(options.severities)
    if options.fetch.strict:
        severities.setdefault("CC505", "error")  # --strict: "could not verify" fails the build
    return tuple(sorted(apply_severities(found, severities), key=finding_order)), suppressed


def unreadable_findings(problems: Iterable[Problem]) -> tuple[Finding, ...]:
    """Each input that could not be processed, as the CC903 finding every report and format shows."""
    from citecheck.read.files import document_id
    from citecheck.rules.suppressions import UNREADABLE_INPUT

    return tuple(
        Finding(
            UNREADABLE_INPUT.code,
            UNREADABLE_INPUT.name,
            UNREADABLE_INPUT.severity,
            document_id(p.source),
            p.source,
            f"{p.code}: {p.message}",
            line=p.line,
            column=p.column,
        )
        for p in problems
    )


def finding_order(f: Finding) -> tuple:
    return (f.path, f.span.start if f.span else -1, f.code, f.message)
