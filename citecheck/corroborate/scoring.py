"""Score every claim by independent corroboration.

    score = support x (1 - conflict)
    support  = 1 - prod over origins o backing the claim of (1 - credibility(o) x match(o))
    conflict = 1 - prod over origins c contradicting it of (1 - credibility(c) x match(c))

`match` is how well an origin's statements state the same fact: 1.0 the same value, 0.7 a
compatible approximation ("more than 400,000" vs "several hundred thousand"), 0.5 the same event
in other words (actors + action), and 0.5 for the claim's own citation or attribution (the author
says the source backs it; nobody has checked). An origin that appears through several documents
(echoes) counts once, with the *lowest* match any of them gives, so an extra echo never raises a
score and an extra independent origin never lowers it. Unrated origins count at 0.5.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import get_args

from attrs import evolve

from citecheck.corroborate.frames import FrameCheck, document_frames
from citecheck.corroborate.matching import Evidence, emit, group, relate
from citecheck.corroborate.naming import origin_name
from citecheck.corroborate.origins import Origin, credited, document_origin, near_duplicates, statement_origins
from citecheck.corroborate.stories import story_clusters
from citecheck.credibility.defaults import CredibilitySettings
from citecheck.credibility.priors import origin_credibility
from citecheck.model import (
    FIGURE_KINDS,
    Article,
    Conflict,
    Corroboration,
    Label,
    Statement,
    StatementKind,
    document_of,
)

__all__ = [
    "corroborate",
    "score",
    "OWN_MATCH",
    "article_origins",
    "support_weight",
    "outvote",
    "outvote_items",
    "judge_article",
]

OWN_MATCH = 0.5
ONE_ORIGIN = 0.9  # the most one origin can contribute: confirmation needs a second one
CHECKWORTHY_CLAIM = 0.5


def score(
    backing: Mapping[str, float], against: Mapping[str, float], credibility: Callable[[str], float]
) -> tuple[float, tuple[tuple[str, float], ...]]:
    """The score and its named terms (origin -> credibility x match). A backing term is at most
    `ONE_ORIGIN` so that one origin alone never makes a claim certain (score 1.0)."""
    terms = [_term("+", o, round(min(ONE_ORIGIN, credibility(o) * m), 3)) for o, m in sorted(backing.items())]
    terms += [_term("-", o, round(credibility(o) * m, 3)) for o, m in sorted(against.items())]
    keep = 1.0
    for _, w in (t for t in terms if t[0].startswith("+")):
        keep *= 1 - min(1.0, max(0.0, w))
    conflict_keep = 1.0
    for _, w in (t for t in terms if t[0].startswith("-")):
        conflict_keep *= 1 - min(1.0, max(0.0, w))
    value = (1 - keep) * conflict_keep
    return round(min(1.0, max(0.0, value)), 3), tuple(terms)


@lru_cache(maxsize=1 << 14)
def _term(sign: str, origin: str, weight: float) -> tuple[str, float]:
    """One named term, shared by every claim it occurs in: a corpus's claims name the same few
    thousand (origin, weight) pairs over and over, and the report keeps every claim's terms (a
    bounded cache: an article's own origin recurs in its claims, which are judged together)."""
    return f"{sign}{origin}", weight


def corroborate(
    articles: Sequence[Article],
    evidence: Sequence[Article] = (),
    settings: CredibilitySettings | None = None,
    document_origins: Mapping[str, str] | None = None,
) -> tuple[tuple[Article, ...], Mapping[str, tuple[str, ...]]]:
    """Articles with every statement's `corroboration` filled in, and each statement's origins.

    `document_origins` names the origin a whole document speaks for (a fetched page of Reuters is
    Reuters), overriding what its text would suggest.

    The steps are named functions that a distributed run (citecheck.engines) calls in the same
    order: `article_origins` per document, `relate` per blocking key, `support_weight` and
    `outvote_items` per statement, `judge_article` per document.
    """
    everything = [*articles, *evidence]
    origin_of = _origins(everything, document_origins or {})
    found: dict[str, list[Evidence]] = defaultdict(list)
    stories = story_clusters(everything)
    frames = FrameCheck(document_frames(everything))
    groups = group(r for a in everything for r in emit(a, stories[a.document.id]))
    for key in list(groups):
        members = groups.pop(key)  # in order, each group freed once reduced: records and evidence never peak together
        for item in relate(members, origin_of, frames):
            found[item.statement].append(item)
    credibility = origin_credibility(settings or CredibilitySettings())
    statements: dict[str, Statement] = {s.id: s for a in everything for s in a.statements}
    weights = {
        sid: support_weight(credited(statements[sid]), origin_of.get(sid, ()), items, credibility)
        for sid, items in found.items()
    }
    found = outvote(found, weights)
    paths = {a.document.id: a.document.source for a in everything}
    scored = tuple(judge_article(a, origin_of, found, credibility, paths) for a in articles)
    return scored, origin_of


def judge_article(
    article: Article,
    origin_of: Mapping[str, tuple[str, ...]],
    found: Mapping[str, list[Evidence]],
    credibility: Callable[[str], float],
    paths: Mapping[str, str] | None = None,
) -> Article:
    """The article with each statement judged on the evidence found for it (the join by statement);
    `paths` (document id -> path) lets explanations name an article's own voice by its file."""
    where = paths or {}

    def named(origin: str) -> str:
        return origin_name(origin, where.get)

    return evolve(
        article,
        statements=tuple(
            _judge(s, origin_of[s.id], found.get(s.id, []), credibility, named) for s in article.statements
        ),
    )


def _backing(is_credited: bool, own: tuple[str, ...], items: list[Evidence]) -> dict[str, float]:
    """Origin -> match for everything that backs a statement: its own citation or attribution (when it
    is `credited`), and the independent origins of other documents stating the same (each origin
    once, at its weakest match)."""
    backing = dict.fromkeys(own, OWN_MATCH) if is_credited else {}
    for item in items:
        if item.relation == "supports":
            for origin in item.origins:
                backing[origin] = min(backing.get(origin, 1.0), item.strength)
    return backing


def support_weight(
    is_credited: bool, own: tuple[str, ...], items: list[Evidence], credibility: Callable[[str], float]
) -> float:
    """How strongly a statement is backed: the support term of the score, before any conflict."""
    return score(_backing(is_credited, own, items), {}, credibility)[0]


TIE = 0.05  # weights closer than this are a tie: neither side can be called wrong


def outvote(found: Mapping[str, list[Evidence]], weights: Mapping[str, float]) -> dict[str, list[Evidence]]:
    """Each side of a conflict is weighed by the independent origins behind it and their credibility
    (`support_weight`). The stronger side stands: its contradiction becomes a noted dissent ("outvotes").
    The weaker side stays contradicted. Equal weights make both sides disputed ("ties"). One more
    unbacked article can therefore never turn an established figure into an error."""
    return {sid: outvote_items(items, weights.get(sid, 0.0), weights) for sid, items in found.items()}


def outvote_items(items: list[Evidence], mine: float, weights: Mapping[str, float]) -> list[Evidence]:
    """`outvote` for one statement of weight `mine`; `weights` needs only the statements its
    contradictions name (absent ones weigh 0)."""
    kept = []
    for item in items:
        if item.relation == "contradicts":
            theirs = max((weights.get(o, 0.0) for o in item.others), default=0.0)
            if abs(mine - theirs) <= TIE:
                item = evolve(item, relation="ties")
            elif mine > theirs:
                item = evolve(item, relation="outvotes")
        kept.append(item)
    return kept


def _origins(articles: Iterable[Article], fixed: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    articles = list(articles)
    copies = near_duplicates(articles)
    result: dict[str, tuple[str, ...]] = {}
    for article in articles:
        result.update(article_origins(article, fixed, copies))
    return result


def article_origins(
    article: Article, fixed: Mapping[str, str], copies: Mapping[str, str]
) -> dict[str, tuple[str, ...]]:
    """Statement id -> origin names, for one article (a map step): `fixed` names the origin of whole
    documents (fetched pages), `copies` the near-duplicates (document id -> the one it copies)."""
    if article.document.id in fixed:
        return {s.id: (fixed[article.document.id],) for s in article.statements}
    fallback = document_origin(article)
    if fallback.kind == "self" and article.document.id in copies:
        fallback = Origin(f"article:{copies[article.document.id]}", "self")
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # most statements of an article name the same origins
    result: dict[str, tuple[str, ...]] = {}
    for s in article.statements:
        names = tuple(o.name for o in statement_origins(article, s, fallback))
        result[s.id] = shared.setdefault(names, names)
    return result


def _credited(s: Statement) -> bool:
    return credited(s)


# one shared (immutable) value per kind: a document of many headings or list markers builds none
_NOT_CHECKABLE = {
    kind: Corroboration("opinion", None, f"not a checkable claim ({kind})") for kind in get_args(StatementKind)
}


def _judge(
    s: Statement,
    own: tuple[str, ...],
    items: list[Evidence],
    credibility: Callable[[str], float],
    named: Callable[[str], str] = str,
) -> Statement:
    if s.kind != "claim":
        return s.judged(_NOT_CHECKABLE[s.kind])
    items = _without_rival_support(items)
    backing = _backing(_credited(s), own, items)
    against: dict[str, float] = {}
    supporting, contradicting = _sample(items, "supports"), _sample(items, "contradicts", "ties")
    for item in items:
        if item.relation in ("contradicts", "ties"):
            for origin in item.origins:
                against[origin] = min(against.get(origin, 1.0), item.strength)
    value, terms = score(backing, against, credibility)
    unmatched = _unmatched_figures(s, items) if supporting else []
    if unmatched:  # support covers only part of what the claim states: the score says how much
        share = 1 - len(unmatched) / sum(
            1 for f in s.facts if f.kind in FIGURE_KINDS and (f.subject or f.kind == "money")
        )
        value, terms = round(value * share, 3), (*terms, ("×share of figures others state", round(share, 3)))
    tied = any(i.relation == "ties" for i in items)
    label = _label(s, () if unmatched else supporting, contradicting, tied)
    named_own = {o for o in own if not o.startswith("article:")} if supporting else set()
    origins = tuple(sorted(set(backing) | named_own))
    explanation = _explain(label, items, origins, against, named)
    if unmatched and supporting:
        explanation = f"{explanation}; but {', '.join(unmatched)} is stated by no other document"
    # what the bounded lists leave out: statements beyond the samples, values never compared
    found = Corroboration(
        label,
        value,
        explanation,
        supporting,
        contradicting,
        origins,
        terms,
        _conflicts(items),
        _unlisted(items, supporting, "supports"),
        _unlisted(items, contradicting, "contradicts", "ties"),
        max((i.uncompared for i in items), default=0),
        _sample(items, "outvotes"),
    )
    return s.judged(found)


def _unlisted(items: list[Evidence], listed: tuple[str, ...], *relations: str) -> int:
    chosen = [i for i in items if i.relation in relations]
    if not chosen:
        return 0
    return len({o for i in chosen for o in i.others}) - len(listed) + sum(i.more for i in chosen)


def _without_rival_support(items: list[Evidence]) -> list[Evidence]:
    """A statement that disputes a figure of ours does not also back us by telling the same event in
    other words: support that comes only from statements contradicting us is dropped."""
    rivals = {o for i in items if i.relation != "supports" for o in i.others}
    if not rivals:
        return items
    return [i for i in items if i.relation != "supports" or set(i.others) - rivals]


def _conflicts(items: list[Evidence]) -> tuple[Conflict, ...]:
    """The contradicting evidence as records, one per (our value, their value)."""
    merged: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for item in items:
        if item.relation in ("contradicts", "ties"):
            statements, origins = merged.setdefault((item.ours, item.theirs), (set(), set()))
            statements.update(item.others)
            origins.update(item.origins)
    return tuple(
        Conflict(ours, theirs, tuple(sorted(statements))[:20], tuple(sorted(origins)))
        for (ours, theirs), (statements, origins) in merged.items()
    )


def _unmatched_figures(s: Statement, items: list[Evidence]) -> list[str]:
    """The claim's figures no other document states: "400,000 chips would be worth $12 billion" is not
    corroborated by others' 400,000 chips while nobody else says $12 billion."""
    matched = {i.fact for i in items if i.relation in ("supports", "outvotes")}
    # a figure with no counted noun ("two million-plus") cannot be matched reliably: it is not held against the claim
    return [
        f.text
        for f in s.facts
        if f.kind in FIGURE_KINDS and (f.subject or f.kind == "money") and f.span.start not in matched
    ]


def _sample(items: list[Evidence], *relations: str, cap: int = 20) -> tuple[str, ...]:
    ids = sorted({o for i in items if i.relation in relations for o in i.others})
    return tuple(ids[:cap])


def _label(s: Statement, supporting: tuple[str, ...], contradicting: tuple[str, ...], tied: bool = False) -> Label:
    """A conflict the claim loses (`outvote`) makes it contradicted whatever else backs it; a tie
    makes it disputed; a conflict it wins is only a noted dissent."""
    if contradicting:
        return "disputed" if tied else "contradicted"
    if supporting:
        return "corroborated"
    return "single_source" if _credited(s) else "unsupported"


def _explain(
    label: str,
    items: list[Evidence],
    origins: tuple[str, ...],
    against: Mapping[str, float],
    named: Callable[[str], str] = str,
) -> str:
    """One line a reader can follow: what matched where, from how many origins, and what disagrees."""
    supports = [i for i in items if i.relation == "supports"]
    if label == "unsupported" and not supports:
        return "no citation, no attribution, and no other document states it"
    if label == "single_source" and not supports:
        return (
            f"cited or attributed ({', '.join(map(named, origins)) or 'one source'}), but no other document confirms it"
        )
    parts = []
    if supports:
        best = max(supports, key=lambda i: i.strength)
        docs = len({document_of(o) for i in supports for o in i.others})
        parts.append(f"{best.ours} also stated by {docs} other document{'s' if docs != 1 else ''}")
        count = f"{len(origins)} independent origin{'s' if len(origins) != 1 else ''}"
        parts.append(f"{count}: {', '.join(map(named, origins[:6]))}")
    conflicts = [i for i in items if i.relation in ("contradicts", "ties")]
    if conflicts:
        who = ", ".join(map(named, sorted(against)[:4]))
        parts.append(f"contradicted: {conflicts[0].ours} vs {conflicts[0].theirs} ({who})")
    dissent = {o for i in items if i.relation == "outvotes" for o in i.others}
    if dissent and not conflicts:  # which statements: `Corroboration.dissenting`, named by place when printed
        docs = len({document_of(o) for o in dissent})
        parts.append(f"a minority disagrees ({docs} other document{'s' if docs != 1 else ''})")
    return "; ".join(parts)
