"""Event frames: are two documents about the same event, or about two events of one kind?

A story cluster (`stories`) says two documents share a subject ("Iran", "Klitschko"); that is not
enough: two earthquakes on one island, or two title fights of one boxer, share their subject and
differ in who, where and when. A document's *frame* is the entities it names, weighted by how often
it names them and by how rare they are in the run (smoothed idf: an entity every document names
still counts, so a run of five reports of one event is not emptied of its frame).

Two documents have compatible frames when one of them names at least `FRAME_SHARE` of the other's
weighted entity mentions (the larger of the two directed containments: a short report that names
only the main actors is contained in a long one). A document that names fewer than `MIN_NAMES`
distinct entities cannot be told apart from another and is compatible with every document.

Cost: one map over documents (entity counts), one reduce (document frequencies), and one check per
candidate pair that the blocking keys already put in one group, cached per pair of documents.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

from attrs import field, frozen

from citecheck.model import Article, Statement

__all__ = ["Frame", "FRAME_SHARE", "document_frames", "entity_counts", "frame_of", "compatible_frames", "FrameCheck"]

FRAME_SHARE = 0.5


@frozen
class Frame:
    """The entities one document names, with weights (mentions x smoothed idf within the run)."""

    weights: Mapping[str, float] = field(factory=dict)
    tokens: frozenset[str] = frozenset()  # stems of the names' words: "Lohan" is named by "Lindsay Lohan"

    @property
    def total(self) -> float:
        return sum(self.weights.values())


def _entities(s: Statement) -> list[str]:
    names: set[str] = set()
    for fact in s.facts:
        if fact.kind == "entity" and len(fact.entities) < 3:
            names.update(fact.entities or ((fact.value,) if isinstance(fact.value, str) else ()))
    return sorted(names)


def _counts(article: Article) -> Counter[str]:
    """Map step: how often the article names each entity (credited sources excluded: Reuters is
    where a story comes from, not what it is about)."""
    credited = {a.source for s in article.statements for a in s.attributions if a.source}
    counts: Counter[str] = Counter()
    for s in article.statements:
        if s.kind != "meta":  # bylines and datelines name the publisher, not the event
            counts.update(n for n in _entities(s) if n not in credited)
    return counts


STEM = 6


def _stems(name: str) -> list[str]:
    """Lower-cased words cut to `STEM` letters, so that a demonym names its country ("Norvenian")."""
    return [w[:STEM] for w in name.lower().split()]


def document_frames(articles: Iterable[Article]) -> dict[str, Frame]:
    """Document id -> frame. Entity counts per document, then their document frequencies."""
    counts = {a.document.id: entity_counts(a) for a in articles}
    df: Counter[str] = Counter(name for c in counts.values() for name in c)
    return {doc: frame_of(c, df, len(counts)) for doc, c in counts.items()}


def entity_counts(article: Article) -> Counter[str]:
    """Map step: how often the article names each entity (see `_counts`)."""
    return _counts(article)


def frame_of(counts: Mapping[str, int], df: Mapping[str, int], documents: int) -> Frame:
    """One document's frame from its entity counts, the run's document frequencies and its size."""
    weights = {name: k * (math.log((documents + 1) / df[name]) + 1) for name, k in counts.items()}
    tokens = frozenset(t for name in counts for t in _stems(name))
    return Frame(weights, tokens)


def _named(name: str, other: Frame) -> bool:
    return name in other.weights or all(t in other.tokens for t in _stems(name))


def _contained(a: Frame, b: Frame) -> float:
    """Share of a's weighted entity mentions that b also names."""
    total = a.total
    return sum(w for name, w in a.weights.items() if _named(name, b)) / total if total else 1.0


MIN_NAMES = 5  # a document naming fewer distinct entities says too little about its event to tell it apart


def compatible_frames(a: Frame | None, b: Frame | None, share: float = FRAME_SHARE) -> bool:
    if a is None or b is None or min(len(a.weights), len(b.weights)) < MIN_NAMES:
        return True
    return max(_contained(a, b), _contained(b, a)) >= share


class FrameCheck:
    """`compatible_frames` for document ids, cached per unordered pair (the reduce step asks often)."""

    def __init__(self, frames: Mapping[str, Frame] | None) -> None:
        self.frames = frames
        self._seen: dict[tuple[str, str], bool] = {}

    def __call__(self, a: str, b: str) -> bool:
        if self.frames is None or a == b:
            return True
        key = (a, b) if a < b else (b, a)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = compatible_frames(self.frames.get(a), self.frames.get(b))
        return found
