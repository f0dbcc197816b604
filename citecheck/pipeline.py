"""The pipeline, one call per stage: read -> extract -> classify -> (fetch) -> credibility and
corroborate -> verify -> rules.

`analyze_document` is the per-document part (extract and classify): a pure function of one
Document, the map step of a distributed run. `analyze_documents` adds the cross-document stages.
Nothing here mutates a value it was given, prints, or installs a signal handler: progress, the
per-document deadline and interruption come in through `Options`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial

from attrs import evolve, field, frozen

from citecheck.classify.statements import build_statements
from citecheck.corroborate.scoring import corroborate
from citecheck.credibility.defaults import LOW_CREDIBILITY, CredibilitySettings
from citecheck.credibility.priors import collect_sources
from citecheck.errors import InputError
from citecheck.extract.citations import find_citations, parse_references
from citecheck.model import Article, Citation, Document, Finding, Format, Problem, Reference, Report, Severity
from citecheck.read.files import InputSpec, ReadOptions, discover, document_id, read_input, read_text
from citecheck.read.segment import sentences
from citecheck.rules import Rule, RuleContext, run_rules
from citecheck.rules.directives import apply_suppressions
from citecheck.rules.selection import active_rules, apply_severities
from citecheck.rules.suppressions import UNREADABLE_INPUT
from citecheck.verify.citations import CitationCheck, check_citations
from citecheck.verify.pages import (
    Fetcher,
    FetchOptions,
    FetchStage,
    fetch_input,
    fetch_stage,
    make_fetcher,
    unfinished,
)
from citecheck.workers import DEADLINE, TimeLimit, guarded, map_documents, not_analysed, worker_count

__all__ = [
    "FileJob",
    "Options",
    "analyze",
    "analyze_document",
    "analyze_documents",
    "analyze_input",
    "analyze_texts",
    "checked_report",
    "read_all",
]


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
    deadline: float = DEADLINE  # seconds per document and stage; 0: none
    # progress(stage, done, total): the caller draws it (the CLI on a terminal); the library never prints
    progress: Callable[[str, int, int], None] | None = field(default=None, eq=False)
    # time_limit(seconds) -> a context manager that raises AnalysisTimeout when the time runs out. Set
    # by the CLI (a SIGALRM timer); without it the deadline is not enforced.
    time_limit: TimeLimit | None = field(default=None, eq=False)
    # set by the caller (the CLI, on SIGINT/SIGTERM) to stop after the document in hand
    stop: threading.Event | None = field(default=None, eq=False)

    def credibility_settings(self) -> CredibilitySettings:
        return CredibilitySettings.of(dict(self.credibility), self.outlets, self.low_credibility)


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
    specs, evidence_specs = list(discover(paths)), list(discover(against))
    in_workers = worker_count(options.jobs, len(specs) + len(evidence_specs)) > 1
    documents, problems = _gather(specs, options.read, fetcher, options.stop, in_workers)
    evidence_docs, evidence_problems = _gather(evidence_specs, options.read, fetcher, options.stop, in_workers)
    return _analyze_inputs(documents, evidence_docs, options, problems + evidence_problems, fetcher)


def analyze_texts(
    texts: dict[str, str],
    fmt: Format = "markdown",
    against: dict[str, str] | None = None,
    options: Options | None = None,
    fetcher: Fetcher | None = None,
) -> Report:
    """Analyse in-memory drafts: {name: text}. Handy for tests and library use."""
    seen: set[str] = set()  # "a.md" and "a.txt" share a stem; their statement ids must not collide
    docs = [read_text(t, doc_id=_unique(document_id(n), seen), source=n, fmt=fmt) for n, t in texts.items()]
    evidence = [
        read_text(t, doc_id=_unique(document_id(n), seen), source=n, fmt=fmt) for n, t in (against or {}).items()
    ]
    return analyze_documents(docs, evidence, options or Options(), [], fetcher)


def analyze_documents(
    documents: Sequence[Document],
    evidence_docs: Sequence[Document],
    options: Options,
    problems: list[Problem],
    fetcher: Fetcher | None = None,
) -> Report:
    """The stages after reading, over documents already read."""
    return _analyze_inputs(documents, evidence_docs, options, problems, fetcher)


@frozen
class FileJob:
    """A file a worker process reads itself, so the parent neither reads nor pickles its text."""

    spec: InputSpec
    id: str  # given by the parent, which sees every input and keeps ids unique
    read: ReadOptions

    @property
    def source(self) -> str:
        return self.spec.source


Input = Document | FileJob


def analyze_input(item: Input) -> Article:
    """Read (a FileJob) and analyse one input: what each worker runs. InputError becomes the file's Problem."""
    doc = evolve(read_input(item.spec, item.read), id=item.id) if isinstance(item, FileJob) else item
    return analyze_document(doc)


def _analyze_inputs(
    documents: Sequence[Input],
    evidence_docs: Sequence[Input],
    options: Options,
    problems: list[Problem],
    fetcher: Fetcher | None = None,
) -> Report:
    # documents and evidence in one map, so one set of workers starts before anything is analysed
    both = _extract_and_classify([*documents, *evidence_docs], options, problems)
    articles = [a for a in both[: len(documents)] if a is not None]
    evidence = [a for a in both[len(documents) :] if a is not None]
    _tell(options, "corroborating", 0, 1)
    pages = _fetch_cited_pages(articles, fetcher, options, problems)
    settings = options.credibility_settings()
    scored, _ = corroborate(articles, (*evidence, *pages.pages.values()), settings, pages.origins)
    return checked_report(scored, evidence, pages, options, problems)


def checked_report(
    scored: Sequence[Article], evidence: Sequence[Article], pages: FetchStage, options: Options, problems: list[Problem]
) -> Report:
    """The stages after corroboration (sources, citation checks, rules) over the scored articles:
    shared by the local run and the distributed one (citecheck.engines)."""
    settings = options.credibility_settings()
    sources = collect_sources(scored, settings)
    _tell(options, "corroborating", 1, 1)
    checks = check_citations(scored, pages.pages) if pages.pages else ()
    context = RuleContext(
        tuple(scored),
        (*evidence, *pages.pages.values()),  # fetched pages too: findings name the page statements they cite
        sources,
        settings,
        fetched=pages.fetched,
        strict=options.fetch.strict,
        checks=checks,
    )
    found, suppressed = _findings(context, options, problems)
    findings = found + unreadable_findings(problems)
    evidence_out = (*evidence, *pages.pages.values())
    return Report(tuple(scored), findings, tuple(problems), sources, evidence_out, settings, suppressed=suppressed)


def analyze_document(doc: Document) -> Article:
    """Extract and classify one document: the map step."""
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
    paths: Iterable[str],
    options: ReadOptions,
    fetcher: Fetcher | None = None,
    stop: threading.Event | None = None,
) -> tuple[list[Document], list[Problem]]:
    """Read every input; a failure becomes a Problem and never stops the others."""
    documents, problems = _gather(list(discover(paths)), options, fetcher, stop, in_workers=False)
    return [d for d in documents if isinstance(d, Document)], problems


def _gather(
    specs: Sequence[InputSpec],
    options: ReadOptions,
    fetcher: Fetcher | None,
    stop: threading.Event | None,
    in_workers: bool,
) -> tuple[list[Input], list[Problem]]:
    """Read each input here, or (`in_workers`, for files) name it for a worker to read."""
    documents: list[Input] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for spec in specs:
        if stop is not None and stop.is_set():
            problems.append(not_analysed(spec.source))
            continue
        if in_workers and spec.source != "-" and not _is_url(spec.source):
            documents.append(FileJob(spec, _unique(document_id(spec.source), seen), options))
            continue
        try:
            doc = fetch_input(spec.source, fetcher) if _is_url(spec.source) else read_input(spec, options)
        except InputError as exc:
            problems.append(Problem(spec.source, exc.code, exc.message))
            continue
        documents.append(evolve(doc, id=_unique(doc.id, seen)))
    return documents, problems


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _unique(doc_id: str, seen: set[str]) -> str:
    candidate, n = doc_id, 1
    while candidate in seen:
        n += 1
        candidate = f"{doc_id}-{n}"
    seen.add(candidate)
    return candidate


def _extract_and_classify(docs: Sequence[Input], options: Options, problems: list[Problem]) -> list[Article | None]:
    """Each input's Article (None where it could not be read or analysed), in input order."""
    articles: list[Article | None] = []
    for article, problem in map_documents(
        docs,
        analyze_input,
        jobs=options.jobs,
        verbose=options.verbose,
        time_limit=options.time_limit,
        deadline=options.deadline,
        stop=options.stop,
        progress=options.progress,
    ):
        articles.append(article)
        problems.extend([problem] if problem else [])
    return articles


def _fetch_cited_pages(
    articles: Sequence[Article], fetcher: Fetcher | None, options: Options, problems: list[Problem]
) -> FetchStage:
    if fetcher is None:
        return FetchStage({}, {}, {})

    def page(doc: Document) -> Article | None:  # a page that cannot be analysed is simply not evidence
        article, _ = guarded(
            doc.source,
            lambda: analyze_document(doc),
            verbose=options.verbose,
            time_limit=options.time_limit,
            deadline=options.deadline,
            stage="analysing",
        )
        return article

    stage = fetch_stage(articles, fetcher, page)
    problems.extend(unfinished(stage))
    return stage


def _findings(context: RuleContext, options: Options, problems: list[Problem]) -> tuple[tuple[Finding, ...], int]:
    """The findings after suppressions and severity overrides, and how many suppressions hid. Rules
    check one article at a time (each rule is per-document), each under the deadline."""
    rules = active_rules(options.select, options.ignore)
    checks = _checks_by_document(context.checks)
    found: list[Finding] = []
    for done, article in enumerate(context.articles, 1):
        # narrowed to the article and its citation checks (grouped once: not every check per article)
        narrowed = evolve(context, articles=(article,), checks=checks.get(article.document.id, ()))
        results, problem = guarded(
            article.document.source,
            partial(_rules_for, rules, narrowed),
            verbose=options.verbose,
            time_limit=options.time_limit,
            deadline=options.deadline,
            stage="checking",
        )
        found.extend(results or [])
        problems.extend([problem] if problem else [])
        _tell(options, "checking", done, len(context.articles))
    raised = len(found)
    found = apply_suppressions(context.articles, found, options)
    suppressed = raised - sum(1 for f in found if f.code not in ("CC901", "CC902"))  # those two it adds
    severities = dict(options.severities)
    if options.fetch.strict:
        severities.setdefault("CC505", "error")  # --strict: "could not verify" fails the build
    return tuple(sorted(apply_severities(found, severities), key=finding_order)), suppressed


def _checks_by_document(checks: Iterable[CitationCheck]) -> dict[str, tuple[CitationCheck, ...]]:
    grouped: dict[str, list[CitationCheck]] = {}
    for check in checks:
        grouped.setdefault(check.document, []).append(check)
    return {document: tuple(found) for document, found in grouped.items()}


def _tell(options: Options, stage: str, done: int, total: int) -> None:
    """Progress to the caller's callback, if any: a run's stages, so a display (or a benchmark) can follow."""
    if options.progress is not None:
        options.progress(stage, done, total)


def _rules_for(rules: Sequence[Rule], context: RuleContext) -> list[Finding]:
    return list(run_rules(rules, context))


def unreadable_findings(problems: Iterable[Problem]) -> tuple[Finding, ...]:
    """Each input that could not be processed, as the CC903 finding every report and format shows."""
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


def finding_order(f: Finding) -> tuple[str, int, str, str]:
    return (f.path, f.span.start if f.span else -1, f.code, f.message)
