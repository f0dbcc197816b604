"""CC5: what the cited URLs turned out to be when fetched (only with --fetch)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import attrs

from citecheck.fetch.result import FetchResult
from citecheck.model import Article, Citation, Finding
from citecheck.rules.references import statement_at
from citecheck.rules.rule import Example, Rule, RuleContext, make_finding
from citecheck.verify.citations import CitationCheck


def _cited_urls(article: Article) -> Iterator[tuple[str, Citation]]:
    refs = {r.key: r for r in article.references}
    seen: set[str] = set()
    for c in article.citations:
        ref = refs.get(c.reference or "")
        url = (ref.url if ref else None) or c.url
        if url and url not in seen:
            seen.add(url)
            yield url, c


def _by_status(ctx: RuleContext, rule: Rule, status: str) -> Iterator[Finding]:
    for article in ctx.articles:
        for url, citation in _cited_urls(article):
            result = ctx.fetched.get(url)
            if result is not None and result.status == status:
                yield make_finding(
                    rule,
                    article,
                    _describe(url, result),
                    span=citation.span,
                    statement=statement_at(article, citation.span.start),
                    hint=_HINTS[status],
                )


def _describe(url: str, result: FetchResult) -> str:
    where = f" (resolved to {result.address})" if result.address else ""
    return f"{url}: {result.reason_code}{where}{': ' + result.detail if result.detail else ''}"


_HINTS = {
    "broken": "fix or replace the link; an archived copy may exist",
    "blocked": "citations must point at public web pages",
}


def _dead(ctx: RuleContext) -> Iterator[Finding]:
    yield from _by_status(ctx, DEAD, "broken")


def _blocked(ctx: RuleContext) -> Iterator[Finding]:
    yield from _by_status(ctx, BLOCKED, "blocked")


def _checks(
    ctx: RuleContext, rule: Rule, message_of: Callable[[CitationCheck], str | None], hint: str
) -> Iterator[Finding]:
    by_doc = {a.document.id: a for a in ctx.articles}
    for check in ctx.checks:
        message = message_of(check)
        article = by_doc.get(check.document)
        if message and article is not None:
            yield make_finding(
                rule,
                article,
                message,
                span=check.citation.span,
                statement=statement_at(article, check.citation.span.start),
                hint=hint,
            )


def _not_supporting(ctx: RuleContext) -> Iterator[Finding]:
    yield from _checks(ctx, NOT_SUPPORTING, lambda c: c.not_supporting, "cite the page that actually says this")


def _mismatch(ctx: RuleContext) -> Iterator[Finding]:
    yield from _checks(ctx, MISMATCH, lambda c: c.mismatch, "correct the reference entry")


DEAD = Rule(
    "CC501",
    "dead-link",
    "error",
    "a cited URL does not answer with a page",
    "What: the cited URL answered 404 or 410, or its host does not exist (NXDOMAIN).\n"
    "Why: the reader cannot follow the citation. Timeouts, 429s, 5xx and bot walls are *not* dead\n"
    "links: they are reported as 'could not verify' warnings, and fail the build only with --strict.\n"
    "Example: a reference URL that returns 404.",
    _dead,
    needs_network=True,
)
NOT_SUPPORTING = Rule(
    "CC502",
    "citation-not-supporting",
    "warning",
    "the cited page does not support the statement citing it",
    "What: the page was fetched and read, and states none of the citing sentence's facts (its figures,\n"
    "dates, actors), or its sentences do not entail the claim.\n"
    "Why: a citation that does not say what the text claims is worse than none: it lends false authority.\n"
    "Example: '400,000 chips [1]' where page [1] only mentions 200,000.",
    _not_supporting,
    needs_network=True,
)
MISMATCH = Rule(
    "CC503",
    "reference-mismatch",
    "warning",
    "the fetched page's title or date disagrees with the entry",
    "What: the page's own title or publication date differs from the reference entry's.\n"
    "Why: the entry may point at the wrong page, or describe it wrongly.\n"
    "Example: an entry dated January 28, 2026 whose page says it was published in 2024.",
    _mismatch,
    needs_network=True,
)
BLOCKED = Rule(
    "CC504",
    "fetch-blocked",
    "warning",
    "fetching was refused by policy",
    "What: the cited URL points at a private, loopback, link-local or metadata address, an unsupported\n"
    "scheme or port, or a page over the size cap; citecheck refused to fetch it.\n"
    "Why: a draft must not make the checker reach into the network it runs in (SSRF).\n"
    "Example: a citation of http://169.254.169.254/latest/meta-data/.",
    _blocked,
    needs_network=True,
)
RULES: tuple[Rule, ...] = (DEAD, NOT_SUPPORTING, MISMATCH, BLOCKED)


def _unverifiable(ctx: RuleContext) -> Iterator[Finding]:
    for article in ctx.articles:
        for url, citation in _cited_urls(article):
            result = ctx.fetched.get(url)
            if result is not None and result.status == "unverifiable":
                yield make_finding(
                    UNVERIFIABLE,
                    article,
                    "could not verify " + _describe(url, result),
                    span=citation.span,
                    statement=statement_at(article, citation.span.start),
                    hint="retry later; this is not a dead link (use --strict to fail on it)",
                )


UNVERIFIABLE = Rule(
    "CC505",
    "unverifiable-link",
    "warning",
    "a cited URL could not be checked (timeout, 429, 5xx, bot wall, TLS)",
    "What: fetching the cited URL failed for a reason that says nothing about the citation itself: a\n"
    "timeout, rate limiting (429), a server error, a bot wall (403 challenge), a TLS failure.\n"
    "Why: it is kept apart from dead links so that flaky networks do not fail builds; --strict makes it\n"
    "an error. The message names the cause (RATE_LIMITED, TIMEOUT_DEADLINE, BLOCKED_BY_SITE, ...).\n"
    "Example: a cited page that answers 503 three times.",
    _unverifiable,
    needs_network=True,
)
RULES = (*RULES, UNVERIFIABLE)


_URL = "https://www.reuters.com/world/chips-2026-01-28/"
_DRAFT = (
    f"Regulators approved imports of 400,000 chips for Alibaba on January 28, 2026 [1].\n\n## Sources\n\n"
    f'- [1] Reuters. "Regulators approve chip imports." January 28, 2026. {_URL}\n'
)
_PAGE = (
    "<html><head><title>Regulators approve chip imports</title>"
    "<meta property='article:published_time' content='2026-01-28'></head><body><article><h1>Regulators approve"
    " chip imports</h1><p>Regulators approved imports of 400,000 chips for Alibaba on January 28, 2026, people"
    " familiar with the decision said.</p><p>The decision ends weeks of uncertainty for the company.</p>"
    "</article></body></html>"
)
_OTHER_PAGE = _PAGE.replace("400,000", "90,000").replace("Alibaba", "Tencent")
_WRONG_TITLE = _PAGE.replace("Regulators approve chip imports", "Football results for the weekend").replace(
    "2026-01-28", "2019-05-02"
)
DEAD = attrs.evolve(
    DEAD,
    examples=(
        Example(_DRAFT, True, pages=((_URL, "broken", "HTTP_404", ""),)),
        Example(_DRAFT, False, pages=((_URL, "ok", "OK", _PAGE),)),
    ),
)
NOT_SUPPORTING = attrs.evolve(
    NOT_SUPPORTING,
    examples=(
        Example(_DRAFT, True, pages=((_URL, "ok", "OK", _OTHER_PAGE),)),
        Example(_DRAFT, False, pages=((_URL, "ok", "OK", _PAGE),)),
    ),
)
MISMATCH = attrs.evolve(
    MISMATCH,
    examples=(
        Example(_DRAFT, True, pages=((_URL, "ok", "OK", _WRONG_TITLE),)),
        Example(_DRAFT, False, pages=((_URL, "ok", "OK", _PAGE),)),
    ),
)
BLOCKED = attrs.evolve(
    BLOCKED,
    examples=(
        Example(_DRAFT, True, pages=((_URL, "blocked", "BLOCKED_ADDRESS", ""),)),
        Example(_DRAFT, False, pages=((_URL, "ok", "OK", _PAGE),)),
    ),
)
UNVERIFIABLE = attrs.evolve(
    UNVERIFIABLE,
    examples=(
        Example(_DRAFT, True, pages=((_URL, "unverifiable", "RATE_LIMITED", ""),)),
        Example(_DRAFT, False, pages=((_URL, "ok", "OK", _PAGE),)),
    ),
)
RULES = (DEAD, NOT_SUPPORTING, MISMATCH, BLOCKED, UNVERIFIABLE)
