"""CC4: how much the cited and credited sources can be trusted."""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.credibility.priors import run_priors
from citecheck.credibility.sources import Priors, source_for_reference
from citecheck.model import Article, Finding, Reference, Source
from citecheck.rules.rule import Example, Rule, RuleContext, make_finding
from citecheck.text import Span


def _where(article: Article, source: Source, cited_names: list[tuple[str, str]]) -> Span | None:
    """The first place the article cites or credits `source` (`cited_names`: (reference key, source
    name) of each cited reference entry, in reference order)."""
    for key, name in cited_names:
        if name == source.name:
            return next(c.span for c in article.citations if c.reference == key)
    for s in article.statements:
        for a in s.attributions:
            if a.source == source.name:
                return a.span
    return None


def _sources_of(ctx: RuleContext, article: Article) -> Iterator[tuple[Source, Span | None]]:
    priors = run_priors(ctx.credibility)
    names: list[tuple[str, str]] | None = None  # each cited reference's source, resolved once per article
    for source in ctx.cited.of(article.document.id):
        if source.kind != "anonymous":
            names = _cited_names(article, priors) if names is None else names
            yield source, _where(article, source, names)


def _cited_names(article: Article, priors: Priors) -> list[tuple[str, str]]:
    cited = {c.reference for c in article.citations}
    return [(ref.key, _reference_source(article, ref, priors).name) for ref in article.references if ref.key in cited]


# CC401 and CC402 both resolve an article's cited references to sources, one rule after the other on the
# same article (the pipeline runs every rule per article), and CC402 meets a reference once per citation
# of it: the last article's are kept, by identity, so each reference is resolved once. One entry, so it
# holds nothing past the article in hand; keyed by the reference itself (the article keeps it alive).
_last: list[tuple[Article, Priors, dict[int, Source]]] = []


def _reference_source(article: Article, ref: Reference, priors: Priors) -> Source:
    last = _last[0] if _last else None
    if last is None or last[0] is not article or last[1] is not priors:
        last = (article, priors, {})
        _last[:] = [last]
    found = last[2]
    source = found.get(id(ref))
    if source is None:
        source = found[id(ref)] = source_for_reference(ref, priors)
    return source


def _low(ctx: RuleContext) -> Iterator[Finding]:
    for article in ctx.articles:
        for source, span in _sources_of(ctx, article):
            if source.credibility is not None and source.credibility < ctx.credibility.low:
                yield make_finding(
                    LOW,
                    article,
                    f"{source.name} rates {source.credibility:.2f}, below {ctx.credibility.low:.2f} ({source.basis})",
                    span=span,
                    hint="confirm the claim with a more reliable source",
                )


def _unrated(ctx: RuleContext) -> Iterator[Finding]:
    """Only cited references: a person quoted in prose is not a source anyone rates."""
    priors = run_priors(ctx.credibility)
    rated = ctx.cited.rated  # every source of the run, with the user's overrides applied
    for article in ctx.articles:
        refs = {r.key: r for r in article.references}
        seen: set[str] = set()
        for citation in article.citations:
            ref = refs.get(citation.reference or "")
            if ref is None:
                continue
            source = _reference_source(article, ref, priors)
            if source is None or source.credibility is not None or source.name in seen or source.name in rated:
                continue
            seen.add(source.name)
            yield make_finding(
                UNRATED,
                article,
                f"no credibility rating for {source.name} (cited as [{ref.key}])",
                span=citation.span,
                hint="rate it in [tool.citecheck.credibility] if you know it",
            )


LOW = Rule(
    "CC401",
    "low-credibility-source",
    "warning",
    "a cited or attributed source rates below the threshold",
    "What: a source whose credibility prior (Lin et al. 2023 domain ratings, the outlet table, or your\n"
    "config) is below `low-credibility` (default 0.4).\n"
    "Why: a claim is only as strong as its source; weak sources need confirmation.\n"
    "Example: citing a domain that rates 0.2.",
    _low,
    (
        Example(
            'Tarsenia approved the chips [1].\n\n## Sources\n\n- [1] InfoWars. "Chips." May 2, 2025. '
            "https://www.infowars.com/posts/chips\n",
            True,
        ),
        Example(
            'Tarsenia approved the chips [1].\n\n## Sources\n\n- [1] Reuters. "Chips." May 2, 2025. '
            "https://www.reuters.com/world/chips\n",
            False,
        ),
    ),
)
UNRATED = Rule(
    "CC402",
    "unrated-source",
    "info",
    "a cited source has no credibility rating",
    "What: a cited reference whose source none of the priors rates (people quoted in prose are not rated).\n"
    "Why: the score then counts it as a coin flip (0.5); rate it in config if you know better.\n"
    "Example: a citation of a small company blog.",
    _unrated,
    (
        Example(
            'Tarsenia approved the chips [1].\n\n## Sources\n\n- [1] Zyxwv Quarterly. "Chips." May 2, 2025. '
            "https://zyxwv.example/chips\n",
            True,
        ),
        Example(
            'Tarsenia approved the chips [1].\n\n## Sources\n\n- [1] Reuters. "Chips." May 2, 2025. '
            "https://www.reuters.com/world/chips\n",
            False,
        ),
    ),
)
RULES = (LOW, UNRATED)
