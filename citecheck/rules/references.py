"""CC1: the reference list and the markers that point into it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from citecheck.model import Article, Finding, Reference, Statement
from citecheck.rules.rule import Example, Rule, RuleContext, make_finding

_IDENTIFIER = re.compile(
    r"(?i)\b(?:doi:\s*10\.\d{4,9}/\S+|10\.\d{4,9}/\S+|isbn[:\s]*[\d-]{10,17}|arxiv:\s*\d{4}\.\d{4,5}|pmid:\s*\d+)"
)


def statement_at(article: Article, offset: int) -> Statement | None:
    return next((s for s in article.statements if s.span.start <= offset < s.span.end), None)


def _listed(article: Article) -> Iterator[Reference]:
    """Entries the author wrote (list entries and footnotes), not synthesised link targets."""
    return (r for r in article.references if r.origin in ("list", "footnote"))


def _dangling(ctx: RuleContext) -> Iterator[Finding]:
    for article in ctx.articles:
        for citation in article.citations:
            if citation.reference is None:
                yield make_finding(
                    DANGLING,
                    article,
                    f"citation {citation.marker} points at no reference (no entry '{citation.key}')",
                    span=citation.span,
                    statement=statement_at(article, citation.span.start),
                    hint="add the entry to the reference list or fix the marker",
                )


def _unused(ctx: RuleContext) -> Iterator[Finding]:
    for article in ctx.articles:
        used = {c.reference for c in article.citations}
        for ref in article.references:
            if ref.origin != "link" and ref.key not in used:
                yield make_finding(
                    UNUSED,
                    article,
                    f"reference [{ref.key}] is never cited",
                    span=ref.span,
                    hint="cite it where it supports a statement, or remove it",
                )


def _duplicate(ctx: RuleContext) -> Iterator[Finding]:
    for article in ctx.articles:
        for ref in article.duplicate_references:
            yield make_finding(
                DUPLICATE,
                article,
                f"reference key [{ref.key}] is defined more than once; the first wins",
                span=ref.span,
                hint="give each entry its own key",
            )


def _unverifiable(ctx: RuleContext) -> Iterator[Finding]:
    for article in ctx.articles:
        for ref in _listed(article):
            if not ref.url and not _IDENTIFIER.search(ref.text):
                yield make_finding(
                    UNVERIFIABLE,
                    article,
                    f"reference [{ref.key}] has no URL or identifier to check",
                    span=ref.span,
                    hint="add a URL, DOI or other identifier",
                )


def _incomplete(ctx: RuleContext) -> Iterator[Finding]:
    for article in ctx.articles:
        for ref in _listed(article):
            missing = [name for name in ("publisher", "title", "date") if not getattr(ref, name)]
            if missing:
                yield make_finding(
                    INCOMPLETE,
                    article,
                    f"reference [{ref.key}] lacks {', '.join(missing)}",
                    span=ref.span,
                    hint="a checkable entry names publisher, title and date",
                )


_ENTRY = '- [1] Reuters. "China approves chip imports." January 28, 2026. https://www.reuters.com/x\n'
DANGLING = Rule(
    "CC101",
    "dangling-citation",
    "error",
    "a marker points at no reference",
    "What: a citation marker ([3], [[3]], [^3], [text][id]) names no entry of the reference list.\n"
    "Why: the reader cannot follow the citation, and the claim it carries is effectively uncited.\n"
    "Example: 'Exports rose 5% [3].' with a list that has only [1] and [2].",
    _dangling,
    (
        Example(f"Exports rose 5% [2].\n\n## Sources\n\n{_ENTRY}", True),
        Example(f"Exports rose 5% [1].\n\n## Sources\n\n{_ENTRY}", False),
    ),
)
UNUSED = Rule(
    "CC102",
    "unused-reference",
    "warning",
    "a reference is never cited",
    "What: an entry of the reference list that no marker points at.\n"
    "Why: either a citation was lost in editing (a claim lost its support) or the entry is padding.\n"
    "Example: a Sources list with [1] and [2] where the text only cites [1].",
    _unused,
    (
        Example(f"Exports rose 5%.\n\n## Sources\n\n{_ENTRY}", True),
        Example(f"Exports rose 5% [1].\n\n## Sources\n\n{_ENTRY}", False),
    ),
)
DUPLICATE = Rule(
    "CC103",
    "duplicate-reference",
    "warning",
    "two references share a key",
    "What: two entries of the reference list (or two footnote/link definitions) use the same key.\n"
    "Why: markers become ambiguous; the first definition wins, as in CommonMark.\n"
    "Example: two entries both numbered [1].",
    _duplicate,
    (
        Example(f"Exports rose 5% [1].\n\n## Sources\n\n{_ENTRY}{_ENTRY}", True),
        Example(f"Exports rose 5% [1].\n\n## Sources\n\n{_ENTRY}", False),
    ),
)
UNVERIFIABLE = Rule(
    "CC104",
    "unverifiable-reference",
    "info",
    "a reference has no URL or identifier to check",
    "What: an entry with no URL, DOI, ISBN, arXiv or PubMed identifier.\n"
    "Why: nobody (and no tool) can check that the source exists and says what the text claims.\n"
    "Example: '[1] Reuters. \"Title.\" January 28, 2026.' with no link.",
    _unverifiable,
    (
        Example('Exports rose 5% [1].\n\n## Sources\n\n- [1] Reuters. "Chips." January 28, 2026.\n', True),
        Example(f"Exports rose 5% [1].\n\n## Sources\n\n{_ENTRY}", False),
    ),
)
INCOMPLETE = Rule(
    "CC105",
    "incomplete-reference",
    "info",
    "a reference lacks publisher, title or date",
    "What: an entry from which publisher, title or date cannot be read.\n"
    "Why: without them a reader cannot judge or find the source, and a dead link cannot be recovered.\n"
    "Example: '[1] https://example.com/story' with nothing else.",
    _incomplete,
    (
        Example("Exports rose 5% [1].\n\n## Sources\n\n- [1] https://www.reuters.com/x\n", True),
        Example(f"Exports rose 5% [1].\n\n## Sources\n\n{_ENTRY}", False),
    ),
)
RULES = (DANGLING, UNUSED, DUPLICATE, UNVERIFIABLE, INCOMPLETE)
