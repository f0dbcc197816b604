"""Stories: which documents are about the same thing, so that their figures are compared at all.

A document's fingerprint is the entities it mentions most (credited sources excluded). Documents that
share an informative entity are one story (union-find over entity -> documents, linear in the
corpus), and the story key is part of every matching key: the blocking that keeps "400,000 chips"
in one story from ever meeting "400,000 chips" in another.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from citecheck.corroborate.matching import statement_entities
from citecheck.model import Article

__all__ = ["story_entities", "story_clusters"]

_NOT_ANCHORS = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday".split()
)


def story_entities(article: Article, size: int = 8) -> tuple[str, ...]:
    """The entities an article is most about: its story's fingerprint (credited sources excluded:
    Reuters is where a story comes from, not what it is about)."""
    counts: Counter[str] = Counter()
    credited = {a.source for s in article.statements for a in s.attributions if a.source}
    for s in article.statements:
        for name in statement_entities(s):
            if name.lower() not in _NOT_ANCHORS and name not in credited:
                counts[name] += 1
    return tuple(name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:size])


def story_clusters(articles: Iterable[Article], common: float = 0.05) -> dict[str, str]:
    """Document id -> story key. Documents sharing an informative entity are one story (union-find
    over entity -> documents, so the cost is linear); in a large corpus, entities in more than
    `common` of all documents ("China", "United States") are too common to tie stories together."""
    fingerprints = {a.document.id: story_entities(a) for a in articles}
    df: Counter[str] = Counter(e for names in fingerprints.values() for e in set(names))
    limit = len(fingerprints) if len(fingerprints) <= 50 else max(3, int(common * len(fingerprints)))
    parent = {d: d for d in fingerprints}

    def root(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    first: dict[str, str] = {}
    for doc, names in sorted(fingerprints.items()):
        for name in names:
            if df[name] <= limit:
                a, b = root(doc), root(first.setdefault(name, doc))
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {d: f"story:{root(d)}" for d in fingerprints}
