"""Sources and their credibility priors, for the report and for weighting origins in scores.

The priors themselves (Lin et al. 2023 domain ratings, the outlet table, kind priors, user
overrides) live in `citecheck.credibility.sources`; this stage applies them to what the articles cite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from attrs import evolve

from citecheck.credibility.defaults import UNRATED, WEAK_ORIGIN, CredibilitySettings
from citecheck.credibility.sources import Priors, load_priors, merge_sources, source_for_name, source_for_reference
from citecheck.model import Article, Attribution, Source

__all__ = ["attribution_source", "collect_sources", "origin_credibility", "run_priors"]


@lru_cache(maxsize=8)
def run_priors(settings: CredibilitySettings) -> Priors:
    """The shipped priors with the run's overrides and outlets applied (built once per settings)."""
    return load_priors(overrides=settings.override_map() or None, extra_outlets=settings.outlet_map() or None)


def collect_sources(articles: Iterable[Article], settings: CredibilitySettings) -> tuple[Source, ...]:
    """Every cited reference and every credited source, one Source per name."""
    priors = run_priors(settings)
    found: list[Source] = []
    for article in articles:
        doc_id = article.document.id
        cited = {c.reference for c in article.citations if c.reference}
        for ref in article.references:
            if ref.key in cited:
                found.append(evolve(source_for_reference(ref, priors), cited_by=(doc_id,)))
        for s in article.statements:
            found.extend(evolve(attribution_source(a, priors), cited_by=(doc_id,)) for a in s.attributions)
    return merge_sources(found)


def attribution_source(attribution: Attribution, priors: Priors) -> Source:
    """The source a prose credit names: an outlet or person by name, else an anonymous or unknown one."""
    name = attribution.source if attribution.kind == "named" and attribution.source else None
    hint = None if name else ("anonymous" if attribution.kind == "anonymous" else "unknown")
    return source_for_name(name or attribution.text, priors, kind_hint=hint)


def origin_credibility(settings: CredibilitySettings) -> Callable[[str], float]:
    priors = run_priors(settings)

    @lru_cache(maxsize=4096)
    def credibility(origin: str) -> float:
        if origin.startswith(("anonymous sources", "unnamed experts", "unnamed reports")):
            return WEAK_ORIGIN
        name = origin.removeprefix("article:")
        rated = source_for_name(name, priors).credibility
        return UNRATED if rated is None else rated

    return credibility
