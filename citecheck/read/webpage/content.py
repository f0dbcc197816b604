"""Choosing the main content of a parsed page, the way Mozilla Readability does.

This module owns `choose` and what it needs: score paragraphs, credit their ancestors, take the best
container and its worthy siblings, then clean out linky lists, share boxes and the like (Readability's
_grabArticle and _prepArticle, with its retry ladder). It never cleans away a citation superscript.
It also finds the byline and the heading that repeats the title, which the choice leaves out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from attrs import frozen
from bs4 import Tag

from citecheck.read.webpage.meta import looks_like_byline
from citecheck.read.webpage.parse import DIV_TO_P, HEADINGS, Tree, short_text, word_set

# Readability's scoring and cleaning vocabulary (Readability.js tag lists), lower-cased.
_ALWAYS_CUT = word_set("aside footer")  # Readability's _prepArticle removes these in every attempt
_SCORED = word_set("section h2 h3 h4 h5 h6 p td pre")
_PHRASING = word_set(
    "abbr audio b bdo br button cite code data datalist dfn em embed i img input kbd label mark math meter "
    "noscript object output progress q ruby samp script select small span strong sub sup textarea time "
    "var wbr a del ins font u s strike big tt nobr"
)
_TEXTISH = word_set("span li td") | DIV_TO_P
_CLEANED = word_set("form fieldset table ul")
_INITIAL = {"div": 5, "pre": 3, "td": 3, "blockquote": 3, "th": -5} | dict.fromkeys(HEADINGS, -5)
_INITIAL |= dict.fromkeys("address ol ul dl dd dt li form".split(), -3)
_CHAR_THRESHOLD = 500


# --- per-attempt statistics, bottom-up -------------------------------------------------------------
class _Stats:
    """Sums over kept descendants: Readability's innerText length, commas, link text, ..."""

    def __init__(self, tree: Tree) -> None:
        n = len(tree.tags)
        self.text, self.commas = tree.own_text[:], tree.own_commas[:]
        self.inline, self.inline_commas = tree.own_text[:], tree.own_commas[:]
        self.links = [0.0] * n
        self.kids, self.lists, self.heads, self.textish, self.p, self.li = ([0] * n for _ in range(6))

    def density(self, i: int) -> float:
        return self.links[i] / self.text[i] if self.text[i] else 0.0


def _accumulate(tree: Tree, keep: list[bool], spans: Iterable[range], cut: Callable | None = None) -> _Stats:
    """One pass in reverse document order; `cut(i, stats)` removes a finished element (sets keep)."""
    st = _Stats(tree)
    text, commas, links, inline, icommas = st.text, st.commas, st.links, st.inline, st.inline_commas
    kids, lists, heads, textish, p, li = st.kids, st.lists, st.heads, st.textish, st.p, st.li
    parent, names, coef, block = tree.parent, tree.names, tree.coef, tree.block
    for span in spans:
        for i in reversed(span):
            if not keep[i] or i == 0:
                continue
            if cut is not None and cut(i, st):
                keep[i] = False
                continue
            j, name, t = parent[i], names[i], text[i]
            text[j] += t
            commas[j] += commas[i]
            links[j] += t * coef[i] if coef[i] else links[i]
            if name in _PHRASING:
                inline[j] += t
                icommas[j] += commas[i]
            kids[j] += 1
            lists[j] += t if name in ("ul", "ol") else lists[i]
            heads[j] += t if name in HEADINGS else heads[i]
            textish[j] += t if name in _TEXTISH else textish[i]
            # Readability turns a div without blocks into a <p>, and wraps a div's loose text in <p>s.
            p[j] += p[i] + (name == "p" or (name == "div" and (not block[i] or inline[i] > 0)))
            li[j] += li[i] + (name == "li")
    return st


# --- choosing the main content (Readability's _grabArticle) ----------------------------------------
@frozen
class _Flags:
    strip: bool = True  # drop unlikely candidates (class/id/role) and nav/header/menu
    weight: bool = True  # use class/id weights
    clean: bool = True  # clean tables, lists and divs conditionally


@frozen
class Pick:
    roots: tuple[int, ...]
    keep: list[bool]
    length: int


def _alive(tree: Tree, flags: _Flags, skip: set[int]) -> list[bool]:
    """Forward pass: an element survives if neither it nor an ancestor is boilerplate."""
    n, parent, names, unlikely = len(tree.tags), tree.parent, tree.names, tree.unlikely
    alive, sheltered = [True] * n, [False] * n
    for i in range(1, n):
        j = parent[i]
        sheltered[i] = sheltered[j] or names[j] in ("table", "code")
        if not alive[j] or i in skip or names[i] in _ALWAYS_CUT:
            alive[i] = False
        else:
            alive[i] = not (flags.strip and unlikely[i] and not sheltered[i])
    return alive


def _score(tree: Tree, st: _Stats, alive: list[bool], flags: _Flags) -> dict[int, float]:
    """Credit each paragraph's score to up to five ancestors (1, 1/2, then 1/(3 * level))."""
    n, parent, names = len(tree.tags), tree.parent, tree.names
    collapsed = [  # a div holding just one <p>: Readability replaces it by the <p>
        names[i] == "div" and st.kids[i] == 1 and tree.counts[i][2] and not tree.own_text[i] and st.density(i) < 0.25
        for i in range(n)
    ]
    scores: dict[int, float] = {}
    for i in range(1, n):
        name = names[i]
        if not alive[i] or (name not in _SCORED and name != "div"):
            continue
        start, length, commas = parent[i], st.text[i], st.commas[i]
        if name == "div" and tree.block[i]:
            start, length, commas = i, st.inline[i], st.inline_commas[i]
        if length < 25:
            continue
        points, level = 2 + commas + min(length // 100, 3), 0
        while start > 0 and level < 5:
            if not collapsed[start]:
                if names[start] != "html":
                    if start not in scores:
                        scores[start] = _INITIAL.get(names[start], 0) + flags.weight * tree.weight[start]
                    scores[start] += points / (1 if level == 0 else 2 if level == 1 else level * 3)
                level += 1
            start = parent[start]
    return {i: s * (1 - st.density(i)) for i, s in scores.items()}


def _top(tree: Tree, st: _Stats, scores: dict[int, float]) -> int:
    """The best candidate, moved up when its ancestors hold comparable content."""
    ranked, parent, body = sorted(scores, key=lambda i: -scores[i])[:5], tree.parent, tree.body
    if not ranked or ranked[0] == body:
        return body
    top = ranked[0]
    close = [_ancestors(tree, c) for c in ranked[1:] if scores[c] >= 0.75 * scores[top]]
    up = parent[top]
    while len(close) >= 3 and up > 0 and up != body:
        if sum(up in a for a in close) >= 3:
            top = up
            break
        up = parent[up]
    last, up = scores.get(top, 0.0), parent[top]
    threshold = last / 3
    while up > 0 and up != body:
        if up in scores:
            if scores[up] < threshold:
                break
            if scores[up] > last:
                top = up
                break
            last = scores[up]
        up = parent[up]
    while (up := parent[top]) > 0 and up != body and st.kids[up] == 1:
        top = up
    return top


def _ancestors(tree: Tree, i: int) -> set[int]:
    found = set()
    while (i := tree.parent[i]) >= 0:
        found.add(i)
    return found


def _siblings(tree: Tree, st: _Stats, alive: list[bool], scores: dict[int, float], top: int) -> list[int]:
    """The top candidate plus siblings that score well or read like paragraphs."""
    if top == tree.body or tree.parent[top] < 0:
        return [top]
    score, cls = scores.get(top, 0.0), tree.tags[top].get("class")
    picked = []
    for kid in tree.tags[tree.parent[top]].contents:
        i = tree.index.get(id(kid), 0) if isinstance(kid, Tag) else 0
        if not i or not alive[i]:
            continue
        bonus = score * 0.2 if cls and isinstance(kid, Tag) and kid.get("class") == cls else 0.0
        if i == top or scores.get(i, -1e9) + bonus >= max(10.0, score * 0.2) or _paragraph(tree, st, i):
            picked.append(i)
    return picked


def _paragraph(tree: Tree, st: _Stats, i: int) -> bool:
    if tree.names[i] != "p" and not (tree.names[i] == "div" and not tree.block[i]):
        return False
    length, density = st.text[i], st.density(i)
    if length > 80:
        return density < 0.25
    return length > 0 and density == 0 and re.search(r"\.( |$)", short_text(tree.tags[i])[0]) is not None


# --- cleaning the picked content (Readability's _prepArticle) --------------------------------------
def _clean(tree: Tree, alive: list[bool], roots: list[int], flags: _Flags) -> Pick:
    spans, root_set = [tree.subtree(r) for r in roots], set(roots)
    keep = [False] * len(tree.tags)
    for span in spans:
        for i in span:
            keep[i] = alive[i] and (i in root_set or keep[tree.parent[i]])
    exempt = set(roots) | ({i for i in spans[0] if tree.parent[i] == tree.body} if roots == [tree.body] else set())

    def cut(i: int, st: _Stats) -> bool:
        if tree.marks[i] or tree.marker[i]:
            return False  # citation markers are what citecheck reads: never clean them away
        if tree.share[i] and i not in exempt and st.text[i] < _CHAR_THRESHOLD:
            return True
        if tree.names[i] in ("h1", "h2") and flags.weight and tree.weight[i] < 0:
            return True
        return flags.clean and tree.names[i] in _CLEANED and _conditional(tree, st, i, flags)

    st = _accumulate(tree, keep, spans, cut)
    dropped = 0
    for span in spans:  # divs last, and outermost first, as Readability does
        for i in span:
            if not keep[i] or (i not in root_set and not keep[tree.parent[i]]):
                keep[i] = False
            elif flags.clean and _divlike(tree, i, root_set) and _conditional(tree, st, i, flags):
                keep[i], dropped = False, dropped + st.text[i]
    length = sum(st.text[r] for r in roots if keep[r]) - dropped
    return Pick(tuple(r for r in roots if keep[r]), keep, length)


def _divlike(tree: Tree, i: int, roots: set[int]) -> bool:
    if i in roots:  # Readability re-tags appended siblings as <div> (but not these)
        return tree.names[i] not in ("div", "article", "section", "p", "body", "[document]")
    return tree.names[i] == "div" and tree.block[i]


def _conditional(tree: Tree, st: _Stats, i: int, flags: _Flags) -> bool:
    """Readability's _cleanConditionally: True when a table, list, form or div looks like clutter."""
    if tree.data[i] or tree.has_data[i] or tree.marks[i] or _guarded(tree, i):
        return False
    weight, name, text = flags.weight * tree.weight[i], tree.names[i], st.text[i]
    if weight < 0:
        return True
    if st.commas[i] >= 10:
        return False
    is_list = name in ("ul", "ol") or (text > 0 and st.lists[i] / text > 0.9)
    p, img, li, density = st.p[i], tree.imgs[i], st.li[i] - 100, st.density(i)
    heads = st.heads[i] / text if text else 0.0
    return (
        (img > 1 and p / img < 0.5)
        or (not is_list and li > p)
        or tree.inputs[i] > p // 3
        or (not is_list and heads < 0.9 and text < 25 and (img == 0 or img > 2) and density > 0)
        or (not is_list and weight < 25 and density > 0.2)
        or (weight >= 25 and density > 0.5)
        or (img == 0 and st.textish[i] + (st.inline[i] if name == "div" else 0) == 0)
    )


def _guarded(tree: Tree, i: int) -> bool:
    """Inside a data table or <code>: Readability never cleans there. Walks up at most 64 levels."""
    for _ in range(64):
        i = tree.parent[i]
        if i <= 0:
            return False
        if tree.data[i] or tree.names[i] == "code":
            return True
    return False


def _pick(tree: Tree, flags: _Flags, skip: set[int]) -> Pick:
    alive = _alive(tree, flags, skip)
    st = _accumulate(tree, alive[:], [range(1, len(tree.tags))])
    scores = _score(tree, st, alive, flags)
    return _clean(tree, alive, _siblings(tree, st, alive, scores, _top(tree, st, scores)), flags)


def choose(tree: Tree, byline: int | None, heading: int | None) -> Pick:
    """Readability's retry ladder: relax one flag at a time while the article looks too short.

    Too short is under 500 characters, or on a small page under a quarter of its text. The heading
    repeating the title is always left out, the byline only in the first attempt (as Readability).
    """
    ladder = [_Flags(), _Flags(strip=False), _Flags(False, False), _Flags(False, False, False)]
    need, attempts = min(_CHAR_THRESHOLD, tree.raw[0] / 4), []
    skip = {i for i in (heading,) if i}
    for k, flags in enumerate(ladder):
        pick = _pick(tree, flags, skip | {byline} if byline and k == 0 else skip)
        if pick.length >= need:
            return pick
        attempts.append(pick)
    return max(attempts, key=lambda p: p.length)


def byline_element(tree: Tree) -> int | None:
    """The first byline-looking element outside boilerplate, with short text (Readability's rule)."""
    alive = _alive(tree, _Flags(), set())
    for i in range(1, len(tree.tags)):
        short = 0 < tree.raw[i] < 100 and not tree.marks[i] and tree.names[i] not in ("html", "body")
        if short and alive[i] and looks_like_byline(tree.tags[i]):
            return i
    return None


def title_heading(tree: Tree, title: str | None) -> int | None:
    """The first h1/h2 repeating the title (it lives in `Meta`); never one that holds blocks or markers."""
    names, raw = tree.names, tree.raw
    headings = [i for i, n in enumerate(names) if n in ("h1", "h2") and raw[i] <= 300 and not tree.block[i]]
    for i in headings[:50]:
        if title and not tree.marks[i] and _similarity(title, short_text(tree.tags[i])[0]) > 0.75:
            return i
    return None


def _similarity(a: str, b: str) -> float:
    """Readability's _textSimilarity: the share of b's token text that a also has."""
    ta, tb = [t for t in re.split(r"\W+", a.lower()) if t], [t for t in re.split(r"\W+", b.lower()) if t]
    if not ta or not tb:
        return 0.0
    seen = set(ta)
    return 1 - len(" ".join(t for t in tb if t not in seen)) / len(" ".join(tb))
