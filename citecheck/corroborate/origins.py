"""Independence: who a statement's information comes from, after collapsing echoes to their origin.

- A cited reference whose own title says it reports what another outlet reported ("Nvidia rises
  after Reuters reports that ...") traces to that outlet; otherwise to its publisher.
- In "according to reporting by Reuters, covered in detail by Ars Technica" Ars Technica echoes
  Reuters: the first reporting outlet is the origin. In "Ars Technica reported ..., citing Reuters"
  Ars Technica echoes Reuters too: the outlet a story is taken from ("citing", "quoting", "via") is
  the origin, whatever else the sentence credits.
- Anonymous sourcing is an origin of its own kind, one per document. Unnamed experts ("analysts
  see"), unnamed reports ("some reports suggested") and a capital used for its government ("Beijing
  said") are no origin at all.
- A statement that credits nobody traces to its document's dominant named origin when the
  article says where its story comes from ("Reuters' reporting ..."), else to the article itself.
- Near-duplicate documents (syndicated copies) are one origin: see `near_duplicates`.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from attrs import frozen

from citecheck.extract.facts.entity_words import is_place
from citecheck.model import Article, Attribution, Reference, Statement

__all__ = [
    "Origin",
    "statement_origins",
    "document_origin",
    "near_duplicates",
    "document_sketch",
    "sketch_buckets",
    "bucket_pairs",
    "resolve_duplicates",
    "ECHO_CUES",
    "SOURCE_CUES",
    "credited",
    "vague",
]

_REPORTS = re.compile(
    r"\b(?:after|as|citing|per|according to|following)\s+(?P<a>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})['’]?s?\s+"
    r"(?:reports?|reported|reporting|story|scoop)\b"
    r"|\b(?P<b>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})\s+(?:reports|reported)\s+that\b"
)
# Cues naming the outlet that *repeats* a story ("covered in detail by Ars Technica", "cited by",
# "picked up by"): beside an outlet credited otherwise, it is an echo of that one.
ECHO_CUES = (
    "covered",
    "cited",
    "quoted by",
    "picked up",
    "republished",
    "syndicated",
    "summarised",
    "summarized",
)
# Cues naming the outlet a story is *taken from* ("Ars Technica reported ..., citing Reuters",
# "via Reuters"): that outlet is the origin, and the outlet that says so echoes it.
SOURCE_CUES = ("citing", "quoting", "via")
_WEAK_KINDS = {"anonymous": "anonymous sources", "unnamed_expert": "unnamed experts", "document": "unnamed reports"}


@frozen
class Origin:
    name: str
    kind: str  # "named" | "anonymous" | "unnamed_expert" | "self"


def _without_possessive(name: str) -> str:
    """ "Bloomberg's" (as in "citing Bloomberg's reporting") is Bloomberg."""
    for suffix in ("'s", "’s", "'", "’"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def reference_origin(ref: Reference) -> str | None:
    """The outlet a reference's information comes from: the one its title says it reports, else its publisher."""
    for text in (ref.title or "", ref.text):
        m = _REPORTS.search(text)
        if m:
            return _without_possessive((m.group("a") or m.group("b")).strip())
    return ref.publisher or ref.url


def vague(a: Attribution) -> bool:
    """An attribution that names nobody who could be asked: unnamed experts, unnamed reports, or a
    capital standing for its government."""
    if a.kind == "unnamed_expert" or (a.kind == "document" and not a.source):
        return True
    return a.kind == "named" and a.source is not None and is_place(a.source)


def credited(s: Statement) -> bool:
    """Does the statement name where it comes from: a citation, or an attribution that is not vague?"""
    return bool(s.citations) or any(not vague(a) for a in s.attributions)


def _attribution_origins(attributions: Sequence[Attribution], doc_id: str) -> list[Origin]:
    """Named sources, echoes collapsed; anonymous sourcing as a weak origin of its own. Vague credits
    are no origin: "analysts see", "some reports suggested", or a capital standing for its government
    ("Beijing said") name nobody who could be asked."""
    named = [a for a in attributions if a.kind in ("named", "document") and a.source and not is_place(a.source)]
    taken_from = [a for a in named if a.cue.lower().startswith(SOURCE_CUES)]
    primary = [a for a in named if not a.cue.lower().startswith(ECHO_CUES)]
    # the outlet a story is taken from wins; else the one outlet not named as an echo, else the first
    echoed = primary[:1] if primary and len(primary) < len(named) else primary or named[:1]
    chosen = taken_from or echoed
    found = [Origin(a.source, "named") for a in chosen if a.source]  # `named` has a source
    for a in attributions:
        if a.kind == "anonymous":
            found.append(Origin(f"{_WEAK_KINDS[a.kind]} ({doc_id})", a.kind))
    return found


def statement_origins(article: Article, statement: Statement, fallback: Origin) -> tuple[Origin, ...]:
    """Origins the statement itself names (citations and attributions), or the fallback."""
    if not statement.citations and not statement.attributions:
        return (fallback,)  # most statements: nothing to look up, and no reference table to build
    refs = {r.key: r for r in article.references} if statement.citations else {}
    found: list[Origin] = []
    for c in statement.citations:
        ref = refs.get(c.reference or "")
        name = reference_origin(ref) if ref else None
        if name:
            found.append(Origin(name, "named"))
    found += _attribution_origins(statement.attributions, article.document.id)
    unique = {o.name: o for o in found}
    if not unique and statement.attributions and not credited(statement):
        # "Analysts say ...": the article's own voice, not the outlet the rest of the article credits
        return (Origin(f"article:{article.document.meta.publisher or article.document.id}", "self"),)
    return tuple(unique.values()) or (fallback,)


def document_origin(article: Article) -> Origin:
    """Where an article's uncredited statements come from: its most-credited named origin, if any."""
    counts: Counter[str] = Counter()
    refs = {r.key: r for r in article.references}
    for s in article.statements:
        for o in _attribution_origins(s.attributions, article.document.id) if s.attributions else ():
            if o.kind == "named":
                counts[o.name] += 1
        for c in s.citations:  # what the article cites counts too: its story comes from there
            name = reference_origin(refs[c.reference]) if c.reference in refs else None
            if name:
                counts[name] += 1
    if counts:
        return Origin(counts.most_common(1)[0][0], "named")
    doc = article.document
    return Origin(f"article:{doc.meta.publisher or doc.id}", "self")


# --- near-duplicate documents ------------------------------------------------------------------

_TOKEN = re.compile(r"\w+")
_SHINGLE = 6
_SKETCH = 48


def _sketch(text: str) -> frozenset[int]:
    """Bottom-k sketch of the word 6-shingles (stable crc32, not the per-process `hash`)."""
    words = _TOKEN.findall(text.lower())
    hashes = {zlib.crc32(" ".join(words[i : i + _SHINGLE]).encode()) for i in range(max(1, len(words) - _SHINGLE + 1))}
    return frozenset(sorted(hashes)[:_SKETCH])


def document_sketch(article: Article) -> frozenset[int]:
    """Map step of `near_duplicates`: the document's bottom-k shingle sketch (48 integers)."""
    return _sketch(article.document.text)


# One document in one bucket: (rank of the bucket's value in the document's sketch, document's
# position in the run, document id, sketch). Small: the sketch, never the text.
Bucketed = tuple[int, int, str, frozenset[int]]


def sketch_buckets(position: int, doc_id: str, sketch: frozenset[int]) -> list[tuple[int, Bucketed]]:
    """Blocking: a document joins the bucket of each of its few smallest shingle hashes."""
    return [(value, (rank, position, doc_id, sketch)) for rank, value in enumerate(sorted(sketch)[:4])]


# A near-duplicate pair found in one bucket: (order of the bucket, position of the copy, head, copy).
DuplicatePair = tuple[tuple[int, int], int, str, str]


def bucket_pairs(members: Iterable[Bucketed], threshold: float = 0.5) -> list[DuplicatePair]:
    """Reduce step for one bucket: each member that nearly duplicates the bucket's first document.
    The bucket's order (its first document's position, then the value's rank there) is kept so
    that `resolve_duplicates` applies pairs in the order a single pass over the documents would."""
    ordered = sorted(members, key=lambda m: m[1])
    rank, position, head, a = ordered[0]
    return [
        ((position, rank), other_position, head, other)
        for _, other_position, other, b in ordered[1:]
        if len(a & b) / max(1, len(a | b)) >= threshold
    ]


def resolve_duplicates(pairs: Iterable[DuplicatePair]) -> dict[str, str]:
    """Document id -> the first document it nearly duplicates; a copy of a copy points to the first."""
    canonical: dict[str, str] = {}
    for _, _, head, other in sorted(pairs, key=lambda p: (p[0], p[1])):
        if other not in canonical:
            canonical[other] = canonical.get(head, head)
    return canonical


def near_duplicates(articles: Iterable[Article], threshold: float = 0.5) -> Mapping[str, str]:
    """Document id -> id of the first document it nearly duplicates (only duplicates are listed).

    Blocking: documents are grouped by each of their few smallest shingle hashes, so only
    documents sharing a sketch value are compared. The steps (`document_sketch`, `sketch_buckets`,
    `bucket_pairs`, `resolve_duplicates`) are a map, a shuffle by hash value, a reduce per bucket and
    a join of the few pairs found: a distributed run calls the same four functions.
    """
    sketches = {a.document.id: document_sketch(a) for a in articles}
    buckets: dict[int, list[Bucketed]] = {}
    for position, (doc_id, sketch) in enumerate(sketches.items()):
        for value, member in sketch_buckets(position, doc_id, sketch):
            buckets.setdefault(value, []).append(member)
    return resolve_duplicates(p for members in buckets.values() for p in bucket_pairs(members, threshold))
