"""One rule = one small unit: code, kebab-case name, default severity, a doc, and pass/fail examples
that `tests/test_rules.py` runs. A rule's `check` is a function of a `RuleContext` (the analysed
articles, read-only) that yields findings; it never mutates anything."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from attrs import Factory, field, frozen

from citecheck.credibility.defaults import CredibilitySettings
from citecheck.fetch.result import FetchResult
from citecheck.model import Article, Finding, Severity, Source, Statement
from citecheck.rules.cited import CitedSources
from citecheck.rules.describe import Places
from citecheck.text import Span
from citecheck.verify.citations import CitationCheck

__all__ = ["Example", "Rule", "RuleContext", "make_finding"]


@frozen
class Example:
    """A draft (Markdown) that makes the rule fire (`fires=True`) or stay quiet."""

    text: str
    fires: bool
    against: tuple[str, ...] = ()  # other documents given as evidence, for cross-document rules
    pages: tuple[tuple[str, str, str, str], ...] = ()  # (url, status, reason code, page HTML) a fake fetch returns


@frozen
class RuleContext:
    articles: tuple[Article, ...]
    evidence: tuple[Article, ...] = ()
    sources: tuple[Source, ...] = ()
    credibility: CredibilitySettings = field(factory=CredibilitySettings)
    fetched: Mapping[str, FetchResult] = {}  # URL -> what fetching it showed, when --fetch ran
    strict: bool = False  # unverifiable fetches count as findings
    checks: tuple[CitationCheck, ...] = ()  # each fetched citation against its page
    # statement and document ids of the whole run (reported and evidence) resolved to paths and lines;
    # built once, and kept when a context is narrowed to one article
    places: Places = field(
        default=Factory(lambda self: Places((*self.articles, *self.evidence)), takes_self=True), eq=False
    )
    # the sources by citing document, and the rated names: built once, kept when narrowed, as `places`
    cited: CitedSources = field(default=Factory(lambda self: CitedSources(self.sources), takes_self=True), eq=False)


@frozen
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: Callable[[RuleContext], Iterable[Finding]] | None  # None: evaluated by a later stage
    examples: tuple[Example, ...] = ()
    needs_network: bool = False  # fires only when --fetch ran


def make_finding(
    rule: Rule,
    article: Article,
    message: str,
    *,
    span: Span | None = None,
    statement: Statement | None = None,
    hint: str | None = None,
    related: Sequence[str] = (),
) -> Finding:
    return Finding(
        code=rule.code,
        rule=rule.name,
        severity=rule.severity,
        document=article.document.id,
        path=article.document.source,
        message=message,
        span=span if span is not None else (statement.span if statement else None),
        statement=statement.id if statement else None,
        hint=hint,
        related=tuple(related),
    )
