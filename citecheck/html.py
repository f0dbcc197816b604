"""HTML page -> `Document`: the main content as text with blocks, links, anchors and an offset map.

This module owns reading HTML. It parses with bs4's ``html.parser`` backend (lxml silently truncates
deep or huge input and html5lib is quadratic in depth, reliability.md §6.5) and records where every
text chunk starts in the source. It picks the main content the way Mozilla Readability does: score
paragraphs, credit their ancestors, take the best container and its worthy siblings, then clean out
linky lists, share boxes and the like. It never cleans away a citation superscript. Finally it lays
the content out as blocks separated by blank lines, every run of text mapped back to its source
offset. Metadata comes from `citecheck.html_meta`.

Every tree walk here is iterative and linear: untrusted pages nest 100,000 elements deep.
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_right
from collections.abc import Callable, Iterable
from itertools import repeat
from urllib.parse import urljoin

from attrs import frozen
from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.builder import HTMLParserTreeBuilder
from bs4.builder._htmlparser import BeautifulSoupHTMLParser
from bs4.exceptions import ParserRejectedMarkup

from .errors import InputError
from .html_meta import complete_meta, looks_like_byline, read_meta
from .model import Anchor, Block, Document, Link
from .text import LineIndex, Locator, OffsetMap, Span

__all__ = ["extract_html"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Readability's vocabulary (Readability.js REGEXPS and tag lists), lower-cased.
_NEVER = _words(
    "script style noscript template svg math iframe object embed canvas title meta link base input "
    "button select textarea option datalist audio video map area dialog img picture source"
)
_HEAD_TAGS = _words("meta title link base script")  # kept aside for metadata
_FURNITURE = re.compile(r"mw-editsection|mw-cite-backlink|footnote-back|reversefootnote|\bbacklink", re.I)
_UNLIKELY = re.compile(
    r"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|"
    r"legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|"
    r"ad-break|agegate|pagination|pager|popup|yom-remote",
    re.I,
)
_MAYBE = re.compile(r"and|article|body|column|content|main|mathjax|shadow", re.I)
_POSITIVE = re.compile(r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story", re.I)
_NEGATIVE = re.compile(
    r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|"
    r"outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget",
    re.I,
)
_SHARE = re.compile(r"(?:\b|_)(?:share|sharedaddy)(?:\b|_)", re.I)
_ROLES = _words("menu menubar complementary navigation alert alertdialog dialog")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BOILERPLATE = _words("nav header menu")  # go with the unlikely candidates (a retry keeps them)
_ALWAYS_CUT = _words("aside footer")  # Readability's _prepArticle removes these in every attempt
_NOT_UNLIKELY = _words("html body a sup")  # Readability exempts body and links; we add citation <sup>s
_SCORED = _words("section h2 h3 h4 h5 h6 p td pre")
_DIV_TO_P = _words("blockquote dl div img ol p pre table ul")
_PHRASING = _words(
    "abbr audio b bdo br button cite code data datalist dfn em embed i img input kbd label mark math meter "
    "noscript object output progress q ruby samp script select small span strong sub sup textarea time "
    "var wbr a del ins font u s strike big tt nobr"
)
_TEXTISH = _words("span li td") | _DIV_TO_P
_HEADINGS = _words("h1 h2 h3 h4 h5 h6")
_CLEANED = _words("form fieldset table ul")
_INITIAL = {"div": 5, "pre": 3, "td": 3, "blockquote": 3, "th": -5} | dict.fromkeys(_HEADINGS, -5)
_INITIAL |= dict.fromkeys("address ol ul dl dd dt li form".split(), -3)
_COMMAS = re.compile("[\u002c\u060c\ufe50\ufe10\ufe11\u2e41\u2e34\u2e32\uff0c]")
_CHAR_THRESHOLD = 500
# Start tags that close an open <p> / <li> / <dt>, <dd> as an HTML5 parser would; html.parser nests them.
_CLOSES_P = _words(
    "address article aside blockquote details dialog div dl fieldset figcaption figure footer form h1 h2 "
    "h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul li dd dt"
)
_SCOPE = _words("applet caption html table td th marquee object template button")
_IMPLIED = {"li": (("li",), _SCOPE | {"ul", "ol"}), "dt": (("dt", "dd"), _SCOPE | {"dl"})}
_IMPLIED["dd"] = _IMPLIED["dt"]


# --- parsing with source positions -----------------------------------------------------------------
class _Parser(BeautifulSoupHTMLParser):
    """Tells the soup where each data chunk starts; unknown ``<![...`` sections become comments."""

    def handle_data(self, data: str) -> None:
        self.soup.next_pos = self.getpos()  # type: ignore[attr-defined]
        super().handle_data(data)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:  # html.parser rejects e.g. "<![foo"; browsers read it as a comment
            return self.parse_bogus_comment(i)


class _Builder(HTMLParserTreeBuilder):
    def feed(self, markup: str) -> None:  # type: ignore[override]
        args, kwargs = self.parser_args
        parser = _Parser(self.soup, *args, **kwargs)
        try:
            parser.feed(markup)
            parser.close()
        except AssertionError as e:
            raise ParserRejectedMarkup(e) from e


class _Soup(BeautifulSoup):
    """A soup that records, per text node, ``(offset in node, line, column)`` of each source chunk."""

    def reset(self) -> None:
        super().reset()
        self.next_pos: tuple[int, int] | None = None
        self.chunks: list[tuple[int, tuple[int, int]]] = []
        self.text_pos: dict[int, list[tuple[int, int, int]]] = {}

    def handle_data(self, data: str) -> None:
        if self.next_pos is not None:
            self.chunks.append((len(self.current_data), self.next_pos))
            self.next_pos = None
        super().handle_data(data)

    def endData(self, containerClass: type[NavigableString] | None = None) -> None:
        data, chunks, before = self.current_data, self.chunks, self._most_recent_element
        self.chunks = []
        super().endData(containerClass)
        if chunks and self._most_recent_element is not before:
            starts = [0] * len(data)
            for k in range(1, len(data)):
                starts[k] = starts[k - 1] + len(data[k - 1])
            self.text_pos[id(self._most_recent_element)] = [(starts[k], ln, col) for k, (ln, col) in chunks]

    def handle_starttag(self, name: str, *args: object, **kwargs: object) -> Tag | None:
        open_tags = getattr(self, "open_tag_counter", None)
        if name in _CLOSES_P and (open_tags is None or open_tags.get("p")):
            self._close_implied(("p",), _SCOPE)
        if name in _IMPLIED:
            self._close_implied(*_IMPLIED[name])
        return super().handle_starttag(name, *args, **kwargs)  # type: ignore[arg-type]

    def _close_implied(self, targets: tuple[str, ...], scope: frozenset[str]) -> None:
        for tag in reversed(self.tagStack[-64:]):  # bounded, so hostile nesting stays linear
            if tag.name in scope:
                return
            if tag.name in targets:
                self.endData()
                self._popToTag(tag.name)
                return


def _parse(source: str, origin: str) -> _Soup:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # bs4's "looks like a filename / XML" hints are noise here
            return _Soup(source, builder=_Builder())
    except (ParserRejectedMarkup, AssertionError) as e:
        raise InputError(origin, f"HTML rejected by the parser: {e}", code="E_PARSE") from e


# --- the element tree as flat lists, with what never changes between attempts ----------------------
def _never(tag: Tag) -> bool:
    """Elements whose content is never article text: code, media, forms' widgets, hidden, back-links."""
    attrs = tag.attrs
    if tag.name in _NEVER or "hidden" in attrs or attrs.get("role") == "doc-backlink":
        return True
    style, cls = attrs.get("style"), attrs.get("class")
    if isinstance(style, str) and _HIDDEN.search(style):
        return True
    cls = " ".join(cls) if isinstance(cls, list) else ""
    if attrs.get("aria-hidden") == "true" and "fallback-image" not in cls:
        return True
    return bool(cls) and bool(_FURNITURE.search(cls))


class _Tree:
    """Kept elements in document order (index 0 is the document) and per-element static facts."""

    def __init__(self, soup: _Soup) -> None:
        self.tags: list[Tag] = []
        self.parent: list[int] = []
        self.names: list[str] = []
        self.heads: list[Tag] = []  # meta, title, link, base, script: read by html_meta
        self.index: dict[int, int] = {}
        self.ids: set[str] = set()
        self.own_text: list[int] = []
        self.own_commas: list[int] = []
        self.counts: list[tuple[int, int, bool]] = []  # own inputs+embeds, images, has a <p> child
        self.hint: list[str] = []  # "class id role", or "" when the element has none
        self.weight: list[int] = []  # Readability's class weight
        self.unlikely: list[bool] = []  # boilerplate by tag, role or class/id
        self.share: list[bool] = []
        self.coef: list[float] = []  # link text weight in link density: 0 for non-links
        self.frag: list[bool] = []  # a link to a #fragment
        stack: list[tuple[Tag, int]] = [(soup, -1)]
        while stack:
            tag, parent = stack.pop()
            self._hints(tag)
            stack.extend(zip(reversed(self._add(tag, parent)), repeat(len(self.tags) - 1)))
        self.body = next((i for i, n in enumerate(self.names) if n == "body"), 0)
        self._bottom_up()

    def _add(self, tag: Tag, parent: int) -> list[Tag]:
        """Index `tag`; return its child elements worth walking (the rest never hold article text)."""
        self.index[id(tag)] = len(self.tags)
        self.tags.append(tag)
        self.parent.append(parent)
        self.names.append(tag.name)
        text = commas = inputs = imgs = 0
        p_child, kids = False, []
        for kid in tag.contents:
            if type(kid) is NavigableString:
                text += len(" ".join(kid.split())) if len(kid) < 10_000 else len(kid.strip())
                commas += len(_COMMAS.findall(kid)) if "," in kid or not kid.isascii() else 0
            elif isinstance(kid, Tag):
                inputs += kid.name in ("input", "iframe", "embed", "object")
                imgs += kid.name in ("img", "picture")
                p_child = p_child or kid.name == "p"
                if not _never(kid):
                    kids.append(kid)
                elif kid.name in _HEAD_TAGS:
                    self.heads.append(kid)
        self.own_text.append(text)
        self.own_commas.append(commas)
        self.counts.append((inputs, imgs, p_child))
        return kids

    def _hints(self, tag: Tag) -> None:
        attrs = tag.attrs
        cls, ident, role = attrs.get("class"), attrs.get("id"), attrs.get("role")
        cls = " ".join(cls) if isinstance(cls, list) else ""
        ident = ident if isinstance(ident, str) else ""
        if ident or isinstance(attrs.get("name"), str):
            self.ids.update(v for v in (ident, attrs.get("name")) if isinstance(v, str) and v)
        hint = f"{cls} {ident}" if cls or ident else ""
        self.hint.append(f"{hint} {role}" if role else hint)
        self.weight.append(sum(25 * (bool(_POSITIVE.search(v)) - bool(_NEGATIVE.search(v))) for v in (cls, ident) if v))
        unlikely = bool(hint) and _UNLIKELY.search(hint) is not None and not _MAYBE.search(hint)
        self.unlikely.append(tag.name in _BOILERPLATE or role in _ROLES or (unlikely and tag.name not in _NOT_UNLIKELY))
        self.share.append(bool(hint) and _SHARE.search(hint) is not None)
        href = attrs.get("href") if tag.name == "a" else None
        self.coef.append(0.0 if href is None else 0.3 if str(href).startswith("#") else 1.0)
        self.frag.append(href is not None and "#" in str(href))

    def _bottom_up(self) -> None:
        """Subtree facts: end index, raw text, block children, images, citation markers, data tables."""
        n, parent, names = len(self.tags), self.parent, self.names
        self.end, raw, self.block = list(range(1, n + 1)), self.own_text[:], [False] * n
        self.inputs, self.imgs = [c[0] for c in self.counts], [c[1] for c in self.counts]
        frag, frag_text, self.marks, self.marker = [0] * n, [0] * n, [0] * n, [False] * n
        rows, cols, th, nested, self.data = [0] * n, [0] * n, [False] * n, [0] * n, [False] * n
        self.has_data = [False] * n
        for i in range(n - 1, 0, -1):
            j, name = parent[i], names[i]
            if self.frag[i]:
                frag[i], frag_text[i] = frag[i] + 1, raw[i]
            self.marker[i] = name == "sup" and frag[i] > 0 and raw[i] <= 40 and raw[i] - frag_text[i] <= 3
            if name == "table":
                self.data[i] = _data_table(self.tags[i], rows[i], cols[i], th[i], nested[i])
            self.end[j] = max(self.end[j], self.end[i])
            raw[j] += raw[i]
            frag[j] += frag[i]
            frag_text[j] += frag_text[i]
            self.block[j] = self.block[j] or self.block[i] or name in _DIV_TO_P
            self.inputs[j] += self.inputs[i]
            self.imgs[j] += self.imgs[i]
            self.marks[j] += self.marks[i] + self.marker[i]
            self.has_data[j] = self.has_data[j] or self.has_data[i] or self.data[i]
            th[j] = th[j] or th[i] or name in ("th", "thead", "tfoot", "col", "colgroup", "caption")
            nested[j] += nested[i] + (name == "table")
            if name != "table":
                rows[j] += rows[i] + (name == "tr")
                cols[j] = cols[j] + 1 if names[j] == "tr" and name in ("td", "th") else max(cols[j], cols[i])
        self.raw = raw

    def subtree(self, i: int) -> range:
        return range(i, self.end[i])


def _data_table(tag: Tag, rows: int, cols: int, th: bool, nested: int) -> bool:
    """Readability's _markDataTables: data (keep, lay out by rows) rather than page layout."""
    if tag.get("role") == "presentation" or tag.get("datatable") == "0":
        return False
    return bool(tag.get("summary")) or th or (not nested and (rows >= 10 or cols > 4 or rows * cols > 10))


# --- per-attempt statistics, bottom-up -------------------------------------------------------------
class _Stats:
    """Sums over kept descendants: Readability's innerText length, commas, link text, ..."""

    def __init__(self, tree: _Tree) -> None:
        n = len(tree.tags)
        self.text, self.commas = tree.own_text[:], tree.own_commas[:]
        self.inline, self.inline_commas = tree.own_text[:], tree.own_commas[:]
        self.links = [0.0] * n
        self.kids, self.lists, self.heads, self.textish, self.p, self.li = ([0] * n for _ in range(6))

    def density(self, i: int) -> float:
        return self.links[i] / self.text[i] if self.text[i] else 0.0


def _accumulate(tree: _Tree, keep: list[bool], spans: Iterable[range], cut: Callable | None = None) -> _Stats:
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
            heads[j] += t if name in _HEADINGS else heads[i]
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
class _Pick:
    roots: tuple[int, ...]
    keep: list[bool]
    length: int


def _alive(tree: _Tree, flags: _Flags, skip: set[int]) -> list[bool]:
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


def _score(tree: _Tree, st: _Stats, alive: list[bool], flags: _Flags) -> dict[int, float]:
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


def _top(tree: _Tree, st: _Stats, scores: dict[int, float]) -> int:
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


def _ancestors(tree: _Tree, i: int) -> set[int]:
    found = set()
    while (i := tree.parent[i]) >= 0:
        found.add(i)
    return found


def _siblings(tree: _Tree, st: _Stats, alive: list[bool], scores: dict[int, float], top: int) -> list[int]:
    """The top candidate plus siblings that score well or read like paragraphs."""
    if top == tree.body or tree.parent[top] < 0:
        return [top]
    score, cls = scores.get(top, 0.0), tree.tags[top].get("class")
    picked = []
    for kid in tree.tags[tree.parent[top]].contents:
        i = tree.index.get(id(kid), 0) if isinstance(kid, Tag) else 0
        if not i or not alive[i]:
            continue
        bonus = score * 0.2 if cls and kid.get("class") == cls else 0.0
        if i == top or scores.get(i, -1e9) + bonus >= max(10.0, score * 0.2) or _paragraph(tree, st, i):
            picked.append(i)
    return picked


def _paragraph(tree: _Tree, st: _Stats, i: int) -> bool:
    if tree.names[i] != "p" and not (tree.names[i] == "div" and not tree.block[i]):
        return False
    length, density = st.text[i], st.density(i)
    if length > 80:
        return density < 0.25
    return length > 0 and density == 0 and re.search(r"\.( |$)", _short_text(tree.tags[i])[0]) is not None


# --- cleaning the picked content (Readability's _prepArticle) --------------------------------------
def _clean(tree: _Tree, alive: list[bool], roots: list[int], flags: _Flags) -> _Pick:
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
    return _Pick(tuple(r for r in roots if keep[r]), keep, length)


def _divlike(tree: _Tree, i: int, roots: set[int]) -> bool:
    if i in roots:  # Readability re-tags appended siblings as <div> (but not these)
        return tree.names[i] not in ("div", "article", "section", "p", "body", "[document]")
    return tree.names[i] == "div" and tree.block[i]


def _conditional(tree: _Tree, st: _Stats, i: int, flags: _Flags) -> bool:
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


def _guarded(tree: _Tree, i: int) -> bool:
    """Inside a data table or <code>: Readability never cleans there. Walks up at most 64 levels."""
    for _ in range(64):
        i = tree.parent[i]
        if i <= 0:
            return False
        if tree.data[i] or tree.names[i] == "code":
            return True
    return False


def _pick(tree: _Tree, flags: _Flags, skip: set[int]) -> _Pick:
    alive = _alive(tree, flags, skip)
    st = _accumulate(tree, alive[:], [range(1, len(tree.tags))])
    scores = _score(tree, st, alive, flags)
    return _clean(tree, alive, _siblings(tree, st, alive, scores, _top(tree, st, scores)), flags)


def _choose(tree: _Tree, byline: int | None, heading: int | None) -> _Pick:
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


# --- laying the content out as text ----------------------------------------------------------------
_BLOCKS = _words(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html legend li main menu nav ol "
    "p pre section summary table tbody tfoot thead tr td th ul"
)
_CODE = _words("pre code kbd samp tt")
_CONTEXTS = _HEADINGS | _words("ul ol li blockquote pre tr caption table")
_STRONG = _words("quote list_item code table heading")
_REF_LIST = re.compile(r"\b(?:references|reflist|refs|footnotes?|endnotes|doc-endnotes|doc-footnotes)\b", re.I)
_NOTE_ID = re.compile(r"^(?:cite_note|fn|footnote|endnote|note)(?:[-_:.]|\d)", re.I)
_REF_HEADING = re.compile(
    r"^(?:references?|sources?|notes?|footnotes?|bibliography|citations?|works cited|"
    r"notes and references|references and notes)$",
    re.I,
)
_RUN = re.compile(r"\s{2,}|[^\S ]")  # whitespace that collapsing changes (a lone space is kept)
_SEPS = {"": 0, " ": 1, " | ": 2, "\n": 3, "\n\n": 4}


@frozen
class _Ctx:
    """The block context nested elements inherit: what kind of block their text belongs to."""

    kind: str = "paragraph"
    level: int = 0
    flat: bool = False  # in a heading or table row: nested blocks do not break the line
    refs: bool = False  # in a reference / footnote list
    lists: int = 0
    data: bool = False  # in a data table


class _Urls:
    """Resolves hrefs: <base> for relative ones; same-page URLs and note targets become #fragments."""

    def __init__(self, tree: _Tree, origin: str) -> None:
        base = next((t.get("href") for t in tree.heads if t.name == "base" and t.get("href")), "")
        self.base = base.strip() if isinstance(base, str) and re.match(r"[a-z][\w+.-]*://", base, re.I) else None
        own = [origin] + [
            t.get("href") if t.name == "link" else t.get("content")
            for t in tree.heads
            if (t.name == "link" and "canonical" in (t.get("rel") or ())) or t.get("property") == "og:url"
        ]
        self.own = {_page_key(u) for u in own if isinstance(u, str) and "://" in u}
        self.ids = tree.ids

    def link(self, href: str) -> str:
        href = re.sub(r"[\t\n\r]", "", href).strip()
        page, hashmark, fragment = href.partition("#")
        if hashmark and (not page or _page_key(page) in self.own):
            return "#" + fragment
        return urljoin(self.base, href) if self.base and href else href

    def marker(self, href: str) -> str | None:
        """The #fragment a citation superscript points at, if it points into this page."""
        url, fragment = self.link(href), href.partition("#")[2].strip()
        if url.startswith("#"):
            return url if len(url) > 1 else None
        return "#" + fragment if fragment in self.ids else None


def _page_key(url: str) -> str:
    return re.sub(r"^[a-z]+:", "", url.strip().lower()).rstrip("/")


class _Layout:
    """Writes the picked content as blocks of text; records links, anchors, code and the offset map."""

    def __init__(self, soup: _Soup, tree: _Tree, pick: _Pick, urls: _Urls, lines: tuple[int, ...]) -> None:
        self.soup, self.tree, self.keep, self.urls = soup, tree, pick.keep, urls
        self.lines = lines  # start of each "\n"-terminated line: html.parser counts lines that way
        self.parts: list[str] = []
        self.n, self.pending, self.last_br, self.refs_level, self.pre, self.markers = 0, "", False, 0, 0, 0
        self.t_starts: list[int] = []
        self.s_starts: list[int] = []
        self.blocks: list[Block] = []
        self.cur: tuple[str, int, int, int] | None = None  # kind, level, start offset, first part
        self.ctx = [_Ctx()]
        self.waiting: list[list[int]] = []  # cells whose [0] becomes the offset of the next text
        self.open_links: list[tuple[list[int], str]] = []
        self.open_code: list[list[int]] = []
        self.links: list[tuple[int, int, str]] = []
        self.anchors: list[tuple[str, list[int]]] = []
        self.ignored: list[Span] = []
        for root in pick.roots:
            self._walk(tree.tags[root])
        if self.cur is not None:
            self._end_block()
        for _, cell in self.anchors:
            cell[0] = self.n if cell[0] < 0 else cell[0]
        self.text = "".join(self.parts)

    def _walk(self, root: Tag) -> None:
        stack: list[object] = [root]  # nodes to open, and 1-tuples (tag,) to close
        while stack:
            node = stack.pop()
            if type(node) is tuple:
                self._close(node[0])
            elif type(node) is NavigableString:
                self._pre_text(node) if self.pre else self._text(node)
            elif isinstance(node, Tag) and self._kept(node) and self._open(node):
                stack.append((node,))
                stack.extend(reversed(node.contents))

    def _kept(self, tag: Tag) -> bool:
        i = self.tree.index.get(id(tag))
        return i is not None and self.keep[i]

    def _open(self, tag: Tag) -> bool:
        """Start of an element; False when it was written whole (a citation marker)."""
        name, attrs = tag.name, tag.attrs
        for key in ("id", "name"):
            if isinstance(value := attrs.get(key), str) and value:
                self.anchors.append((value, self._wait()))
        if name in ("sup", "a") and self._marker(tag):
            return False
        if name == "a" and isinstance(href := attrs.get("href"), str):
            self.open_links.append((self._wait(), self.urls.link(href)))
        elif name == "br":
            self._sep(" " if self.ctx[-1].flat else "\n\n" if self.last_br else "\n")
            self.last_br = True
        if name in _CODE:
            self.open_code.append(self._wait())
            self.pre += name == "pre"
        if name in _BLOCKS:
            ctx = self.ctx[-1]
            self._sep("\n\n" if not ctx.flat else " | " if name in ("td", "th") else " ")
            self.ctx.append(self._context(tag, ctx))
        return True

    def _close(self, tag: Tag) -> None:
        name = tag.name
        if name == "a" and isinstance(tag.attrs.get("href"), str) and self.open_links:
            cell, url = self.open_links.pop()
            if 0 <= cell[0] < self.n:
                self.links.append((cell[0], self.n, url))
        if name in _CODE and self.open_code:
            cell = self.open_code.pop()
            if 0 <= cell[0] < self.n:
                self.ignored.append(Span(cell[0], self.n))
            self.pre -= name == "pre"
        if name in _BLOCKS:
            self.ctx.pop()
            self._sep(" " if self.ctx[-1].flat else "\n\n")

    def _context(self, tag: Tag, ctx: _Ctx) -> _Ctx:
        if ctx.flat:
            return ctx
        name, i = tag.name, self.tree.index[id(tag)]
        refs = ctx.refs or bool(self.tree.hint[i] and _REF_LIST.search(self.tree.hint[i]))
        kind = ctx.kind if ctx.kind in _STRONG else "paragraph"
        if name not in _CONTEXTS and refs == ctx.refs and ctx.data == (self.tree.data[i] or ctx.data):
            return ctx  # most blocks (div, p, section) change nothing
        if name in _HEADINGS:
            return _Ctx("heading", int(name[1]), True, refs, ctx.lists, ctx.data)
        if name in ("ul", "ol"):
            return _Ctx(kind, ctx.level, False, refs, ctx.lists + 1, ctx.data)
        if name == "li":
            note = refs or bool(_NOTE_ID.match(str(tag.get("id") or "")))
            return _Ctx("list_item", max(ctx.lists, 1), False, note, ctx.lists, ctx.data)
        if name == "blockquote":
            return _Ctx("quote", ctx.level + 1 if kind == "quote" else 1, False, refs, ctx.lists, ctx.data)
        if name == "pre":
            return _Ctx("code", 0, False, refs, ctx.lists, ctx.data)
        if name in ("tr", "caption") and ctx.data:
            return _Ctx("table", 0, True, refs, ctx.lists, True)
        return _Ctx(kind, ctx.level, False, refs, ctx.lists, self.tree.data[i] or (ctx.data and name != "table"))

    # citation markers
    def _marker(self, tag: Tag) -> bool:
        """``<sup><a href="#cite_note-5">[5]</a></sup>`` or ``<a href="#fn1"><sup>1</sup></a>`` -> "[5]"."""
        i = self.tree.index[id(tag)]
        if tag.name == "a":
            kids = [k for k in tag.contents if isinstance(k, Tag) or k.strip()]
            if not (len(kids) == 1 and getattr(kids[0], "name", "") == "sup" and self.tree.raw[i] <= 40):
                return False
            targets = [(tag, self.urls.marker(str(tag.get("href"))))]
        elif self.tree.marker[i]:
            found = [a for a in _descendants(tag, self._kept) if a.name == "a" and a.has_attr("href")]
            targets = [(a, self.urls.marker(str(a["href"]))) for a in found]
        else:
            return False
        if not any(url for _, url in targets):
            return False
        for kid in (tag, *_descendants(tag, self._kept)):
            if kid is not tag and isinstance(value := kid.get("id"), str) and value:
                self.anchors.append((value, self._wait()))
        self.markers += 1
        for a, url in targets:
            label, first = _short_text(a, self._kept)
            if url and label:
                src = self._src(first, len(first) - len(first.lstrip())) if first is not None else None
                start = self._put(label if label[0] == "[" and label[-1] == "]" else f"[{label}]", src)
                self.links.append((start, self.n, url))
        return True

    # text
    def _text(self, s: NavigableString) -> None:
        core = s.strip()
        if not core:
            self._sep(" ")
            return
        if s[0].isspace():
            self._sep(" ")
        a = len(s) - len(s.lstrip())
        text, points = _collapse(s, a, a + len(core))
        self._begin()
        chunks = self.soup.text_pos.get(id(s), [])
        for k, out in _merge(points, chunks, a, a + len(core)):
            self._anchor(self.n + out, self._src(s, k))
        self._write(text)
        if s[-1].isspace():
            self._sep(" ")

    def _pre_text(self, s: NavigableString) -> None:
        """Text inside <pre>: lines kept as they are, joined by single newlines (no blank lines)."""
        end = 0
        for m in re.finditer(r"[^\r\n]+", s):
            if m.start() > end:
                self._sep("\n")
            if m[0].strip():
                self._put(m[0], self._src(s, m.start()))
            else:
                self._sep(" ")
            end = m.end()
        if end < len(s):
            self._sep("\n")

    def _src(self, s: NavigableString, k: int) -> int | None:
        """Source offset of character `k` of text node `s`."""
        chunks = self.soup.text_pos.get(id(s))
        if not chunks:
            return None
        off, line, col = chunks[max(0, bisect_right(chunks, (k, 1 << 62, 0)) - 1)]
        return self.lines[min(line, len(self.lines)) - 1] + col + (k - off)

    def _put(self, text: str, src: int | None) -> int:
        self._begin()
        start = self.n
        self._anchor(start, src)
        self._write(text)
        return start

    def _sep(self, sep: str) -> None:
        if _SEPS[sep] > _SEPS[self.pending]:
            self.pending = sep

    def _wait(self) -> list[int]:
        cell = [-1]
        self.waiting.append(cell)
        return cell

    def _begin(self) -> None:
        """Before writing text: emit the pending separator, open a block, place waiting anchors."""
        if self.cur is None:
            self._start_block()
        elif self.pending == "\n\n":
            self._end_block()
            self._write("\n\n")
            self._start_block()
        elif self.pending:
            self._write(self.pending)
        self.pending, self.last_br = "", False
        for cell in self.waiting:
            cell[0] = self.n
        self.waiting.clear()

    def _write(self, text: str) -> None:
        if "\x00" in text:
            text = text.replace("\x00", "\ufffd")
        self.parts.append(text)
        self.n += len(text)

    def _anchor(self, t: int, src: int | None) -> None:
        if src is None or (self.t_starts and t - self.t_starts[-1] == src - self.s_starts[-1]):
            return  # nothing known, or the previous run already maps here linearly
        if self.t_starts and self.t_starts[-1] == t:
            self.t_starts.pop()
            self.s_starts.pop()
        self.t_starts.append(t)
        self.s_starts.append(src)

    def _start_block(self) -> None:
        ctx = self.ctx[-1]
        kind = "reference" if ctx.kind == "list_item" and (ctx.refs or self.refs_level) else ctx.kind
        self.cur = (kind, ctx.level, self.n, len(self.parts))

    def _end_block(self) -> None:
        kind, level, start, first = self.cur  # type: ignore[misc]
        if kind == "heading":
            title = " ".join("".join(self.parts[first:]).split()).removesuffix("[edit]").strip(" :")
            if _REF_HEADING.match(title):
                kind, self.refs_level = "references_heading", level
            elif self.refs_level and level <= self.refs_level:
                self.refs_level = 0
        self.blocks.append(Block(kind, Span(start, self.n), level))  # type: ignore[arg-type]


def _always(_: Tag) -> bool:
    return True


def _descendants(tag: Tag, kept: Callable[[Tag], bool] = _always, limit: int = 200) -> list[Tag]:
    """Kept descendant elements of a small element, in document order (bounded, iterative)."""
    found: list[Tag] = []
    stack = list(reversed(tag.contents))
    while stack and len(found) < limit:
        node = stack.pop()
        if isinstance(node, Tag) and kept(node):
            found.append(node)
            stack.extend(reversed(node.contents))
    return found


def _short_text(tag: Tag, kept: Callable[[Tag], bool] = _always) -> tuple[str, NavigableString | None]:
    """Collapsed text of a small element (at most 50 text nodes) and its first non-blank text node."""
    parts: list[NavigableString] = []
    stack = list(reversed(tag.contents))
    steps = 0
    while stack and len(parts) < 50 and steps < 400:
        node, steps = stack.pop(), steps + 1
        if type(node) is NavigableString:
            parts.append(node)
        elif isinstance(node, Tag) and kept(node):
            stack.extend(reversed(node.contents))
    return " ".join("".join(parts).split()), next((p for p in parts if p.strip()), None)


def _collapse(s: str, a: int, b: int) -> tuple[str, list[tuple[int, int]]]:
    """``s[a:b]`` with whitespace runs collapsed to one space; (index in s, output offset) after each run."""
    if b - a > 1_000_000:  # a huge node gets one anchor: exact at its start, approximate inside
        return _RUN.sub(" ", s[a:b]), [(a, 0)]
    parts, points, pos, out = [], [(a, 0)], a, 0
    for m in _RUN.finditer(s, a, b):
        parts += (s[pos : m.start()], " ")
        out += m.start() - pos + 1
        pos = m.end()
        points.append((pos, out))
    parts.append(s[pos:b])
    return "".join(parts), points


def _merge(points: list[tuple[int, int]], chunks: list[tuple[int, int, int]], a: int, b: int) -> list:
    """Anchor points of a text node: the starts of runs plus the chunk (entity) boundaries inside it."""
    extra = [c[0] for c in chunks if a < c[0] < b]
    if not extra:
        return points
    keys, merged = [k for k, _ in points], dict(points)
    for k in extra:
        i = bisect_right(keys, k) - 1
        limit = points[i + 1][1] - 1 if i + 1 < len(points) else 1 << 62
        merged.setdefault(k, min(points[i][1] + k - points[i][0], limit))
    return sorted(merged.items())


# --- the public function ---------------------------------------------------------------------------
def extract_html(source: str, *, doc_id: str, origin: str) -> Document:
    """Parse `source` (decoded HTML) and return its main content as a `Document` of format "html".

    Raises `InputError` (code ``E_PARSE``) when the parser rejects the markup. Citation markers left
    outside the extracted content are reported in `Document.warnings`, never dropped silently.
    """
    try:
        soup = _parse(source, origin)
        tree = _Tree(soup)
        byline = _byline(tree)
        meta = read_meta(tree.heads, tree.tags, _short_text(tree.tags[byline])[0] if byline else None)
        pick = _choose(tree, byline, _title_heading(tree, meta.title))
        index = LineIndex.of(source)
        lines = index.starts if "\r" not in source else (0, *(m.end() for m in re.finditer("\n", source)))
        out = _Layout(soup, tree, pick, _Urls(tree, origin), lines)
    except RecursionError as e:  # defensive: every walk here is iterative
        raise InputError(origin, "HTML nested too deeply to process", code="E_PARSE") from e
    text = out.text
    return Document(
        id=doc_id,
        source=origin,
        format="html",
        text=text,
        locator=Locator(index, OffsetMap(tuple(out.t_starts), tuple(out.s_starts))),
        meta=complete_meta(meta, [b.span.slice(text) for b in out.blocks[:12]]),
        blocks=tuple(out.blocks),
        links=tuple(Link(Span(a, b), url, text[a:b], "html") for a, b, url in out.links),
        anchors=tuple(Anchor(name, cell[0]) for name, cell in out.anchors),
        ignored=tuple(out.ignored),
        warnings=_markers_outside(tree, out.markers),
    )


def _byline(tree: _Tree) -> int | None:
    """The first byline-looking element outside boilerplate, with short text (Readability's rule)."""
    alive = _alive(tree, _Flags(), set())
    for i in range(1, len(tree.tags)):
        short = 0 < tree.raw[i] < 100 and not tree.marks[i] and tree.names[i] not in ("html", "body")
        if short and alive[i] and looks_like_byline(tree.tags[i]):
            return i
    return None


def _title_heading(tree: _Tree, title: str | None) -> int | None:
    """The first h1/h2 repeating the title (it lives in `Meta`); never one that holds blocks or markers."""
    names, raw = tree.names, tree.raw
    headings = [i for i, n in enumerate(names) if n in ("h1", "h2") and raw[i] <= 300 and not tree.block[i]]
    for i in headings[:50]:
        if title and not tree.marks[i] and _similarity(title, _short_text(tree.tags[i])[0]) > 0.75:
            return i
    return None


def _similarity(a: str, b: str) -> float:
    """Readability's _textSimilarity: the share of b's token text that a also has."""
    ta, tb = [t for t in re.split(r"\W+", a.lower()) if t], [t for t in re.split(r"\W+", b.lower()) if t]
    if not ta or not tb:
        return 0.0
    seen = set(ta)
    return 1 - len(" ".join(t for t in tb if t not in seen)) / len(" ".join(tb))


def _markers_outside(tree: _Tree, written: int) -> tuple[str, ...]:
    """A warning when citation superscripts of the page did not make it into the extracted text."""
    total = sum(1 for i, m in enumerate(tree.marker) if m and not tree.marker[tree.parent[i]])
    if total > written:
        return (f"W_CONTENT_DROPPED: {total - written} citation marker(s) outside the extracted content",)
    return ()
