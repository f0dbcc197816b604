"""Sources and their credibility priors, for the report and for weighting origins in scores.

The priors themselves (Lin et al. 2023 domain ratings, the outlet table, kind priors, user
overrides) live in `citecheck.credibility.sources`; this stage applies them to what the articles cite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

from attrs import evolve

from citecheck.credibility.sources import load_priors, merge_sources, source_for_name, source_for_reference
from citecheck.model import Article, Source

__all__ = ["collect_sources", "origin_credibility", "WEAK_ORIGIN", "UNRATED"]

UNRATED = 0.5  # an origin nobody has rated counts as a coin flip, neither trusted nor distrusted
WEAK_ORIGIN = 0.3  # anonymous sourcing and unnamed experts: real, but unaccountable


def _priors(overrides: Mapping[str, float], outlets: Mapping[str, Mapping[str, str]] | None = None) -> object:
    return load_priors(overrides=dict(overrides) or None, extra_outlets=dict(outlets or {}) or None)


def collect_sources(
    articles: Iterable[Article],
    overrides: Mapping[str, float],
    outlets: Mapping[str, Mapping[str, str]] | None = None,
) -> tuple[Source, ...]:
    """Every cited reference and every credited source, one Source per name."""
    priors = _priors(overrides, outlets)
    found: list[Source] = []
    for article in articles:
        doc_id = article.document.id
        cited = {c.reference for c in article.citations if c.reference}
        for ref in article.references:
            if ref.key in cited:
                found.append(evolve(source_for_reference(ref, priors), cited_by=(doc_id,)))
        for s in article.statements:
            for a in s.attributions:
                name = a.source if a.kind == "named" and a.source else None
                hint = None if name else ("anonymous" if a.kind == "anonymous" else "unknown")
                source = source_for_name(name or a.text, priors, kind_hint=hint)
                found.append(evolve(source, cited_by=(doc_id,)))
    return merge_sources(found)


def origin_credibility(
    overrides: Mapping[str, float], outlets: Mapping[str, Mapping[str, str]] | None = None
) -> Callable[[str], float]:
    priors = _priors(overrides, outlets)

    @lru_cache(maxsize=4096)
    def credibility(origin: str) -> float:
        if origin.startswith(("anonymous sources", "unnamed experts", "unnamed reports")):
            return WEAK_ORIGIN
        name = origin.removeprefix("article:")
        rated = source_for_name(name, priors).credibility
        return UNRATED if rated is None else rated

    return credibility
