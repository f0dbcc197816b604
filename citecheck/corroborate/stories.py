"""Stories: which documents are about the same thing, so that their figures are compared at all.

A document's fingerprint is the entities it mentions most (credited sources excluded). Documents that
share an informative entity are one story (union-find over entity -> documents, linear in the
corpus), and the story key is part of every matching key: the blocking that keeps "400,000 chips"
in one story from ever meeting "400,000 chips" in another.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from citecheck.corroborate.linking import linked
from citecheck.corroborate.matching import statement_entities
from citecheck.model import Article

__all__ = ["story_entities", "story_clusters", "story_edges", "story_limit", "story_roots"]

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
    `common` of all documents ("China", "United States") are too common to tie stories together.

    The three steps are separate functions so that a distributed run (citecheck.engines) maps
    `story_entities` over documents, groups (entity, document) pairs by entity and reduces each with
    `story_edges`, and joins only the small edges with `story_roots`: no process holds every article."""
    fingerprints = {a.document.id: story_entities(a) for a in articles}
    limit = story_limit(len(fingerprints), common)
    by_entity: dict[str, list[str]] = {}
    for doc, names in fingerprints.items():
        for name in set(names):
            by_entity.setdefault(name, []).append(doc)
    edges = [e for docs in by_entity.values() for e in story_edges(docs, limit)]
    return story_roots(fingerprints, edges)


def story_limit(documents: int, common: float = 0.05) -> int:
    """How many documents an entity may appear in and still tie stories together."""
    return documents if documents <= 50 else max(3, int(common * documents))


def story_edges(docs: Iterable[str], limit: int) -> list[tuple[str, str]]:
    """Reduce step for one entity: the documents naming it, joined to the first of them (by id);
    nothing when the entity is too common to mean one story."""
    ordered = sorted(set(docs))
    if len(ordered) > limit:
        return []
    return [(ordered[0], d) for d in ordered[1:]]


def story_roots(docs: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each document's story, keyed by the smallest id among the documents linked to it."""
    return {d: f"story:{root}" for d, root in linked(docs, edges).items()}
