"""HTML tokenising with source positions, and the parsed element tree as flat lists.

This module owns parsing: bs4's ``html.parser`` backend (lxml silently truncates deep or huge input
and html5lib is quadratic in depth, reliability.md §6.5) with a soup that records where every text
chunk starts in the source and closes implied ``<p>``, ``<li>``, ``<dt>``/``<dd>`` as an HTML5 parser
would. `Tree` indexes the kept elements in document order with the facts that never change between
Readability attempts (class weights, boilerplate hints, citation markers, data tables); the small
bounded walks `descendants` and `short_text` live here too. Every walk is iterative and linear.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from itertools import repeat
from typing import TYPE_CHECKING, cast

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder
from bs4.exceptions import ParserRejectedMarkup

from citecheck.errors import InputError

if TYPE_CHECKING:
    from bs4._typing import _RawAttributeValues


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Readability's vocabulary (Readability.js REGEXPS and tag lists), lower-cased.
_NEVER = word_set(
    "script style noscript template svg math iframe object embed canvas title meta link base input "
    "button select textarea option datalist audio video map area dialog img picture source"
)
_HEAD_TAGS = word_set("meta title link base script")  # kept aside for metadata
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
_ROLES = word_set("menu menubar complementary navigation alert alertdialog dialog")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BOILERPLATE = word_set("nav header menu")  # go with the unlikely candidates (a retry keeps them)
_NOTE_ID = re.compile(r"(?:cite_note|cite_ref|fn|footnote|endnote|note)(?:[-_:.]|\d)", re.I)
_NOT_UNLIKELY = word_set("html body a sup")  # Readability exempts body and links; we add citation <sup>s
DIV_TO_P = word_set("blockquote dl div img ol p pre table ul")
HEADINGS = word_set("h1 h2 h3 h4 h5 h6")
_COMMAS = re.compile("[\u002c\u060c\ufe50\ufe10\ufe11\u2e41\u2e34\u2e32\uff0c]")
# Start tags that close an open <p> / <li> / <dt>, <dd> as an HTML5 parser would; html.parser nests them.
_CLOSES_P = word_set(
    "address article aside blockquote details dialog div dl fieldset figcaption figure footer form h1 h2 "
    "h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul li dd dt"
)
_SCOPE = word_set("applet caption html table td th marquee object template button")
_IMPLIED = {"li": (("li",), _SCOPE | {"ul", "ol"}), "dt": (("dt", "dd"), _SCOPE | {"dl"})}
_IMPLIED["dd"] = _IMPLIED["dt"]


# --- parsing with source positions -----------------------------------------------------------------
class Parser(BeautifulSoupHTMLParser):
    """Tells the soup where each data chunk starts; unknown ``<![...`` sections become comments."""

    def handle_data(self, data: str) -> None:
        cast("Soup", self.soup).next_pos = self.getpos()  # _Builder only ever builds a Soup
        super().handle_data(data)

    def handle_comment(self, data: str) -> None:
        if "citecheck:" in data:  # a suppression comment: the text leaves comments out, so keep it aside
            cast("Soup", self.soup).directives.append((self.getpos(), data))
        super().handle_comment(data)

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:  # html.parser rejects e.g. "<![foo"; browsers read it as a comment
            return self.parse_bogus_comment(i)


class _Builder(HTMLParserTreeBuilder):
    def feed(self, markup: str | bytes, _parser_class: type[BeautifulSoupHTMLParser] = Parser) -> None:
        # as in bs4's own HTMLParserTreeBuilder.feed: prepare_markup always yields a str, and
        # BeautifulSoup calls initialize_soup before feed
        assert isinstance(markup, str)
        assert self.soup is not None
        args, kwargs = self.parser_args
        parser = _parser_class(self.soup, *args, **kwargs)
        try:
            parser.feed(markup)
            parser.close()
        except AssertionError as e:
            raise ParserRejectedMarkup(e) from e


class Soup(BeautifulSoup):
    """A soup that records, per text node, ``(offset in node, line, column)`` of each source chunk."""

    def reset(self) -> None:
        super().reset()
        self.next_pos: tuple[int, int] | None = None
        self.chunks: list[tuple[int, tuple[int, int]]] = []
        self.text_pos: dict[int, list[tuple[int, int, int]]] = {}
        self.directives: list[tuple[tuple[int, int], str]] = []  # (line, column) of `<!--` and the words

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

    def handle_starttag(
        self,
        name: str,
        namespace: str | None,
        nsprefix: str | None,
        attrs: _RawAttributeValues,
        sourceline: int | None = None,
        sourcepos: int | None = None,
        namespaces: dict[str, str] | None = None,
    ) -> Tag | None:
        open_tags = getattr(self, "open_tag_counter", None)
        if name in _CLOSES_P and (open_tags is None or open_tags.get("p")):
            self._close_implied(("p",), _SCOPE)
        if name in _IMPLIED:
            self._close_implied(*_IMPLIED[name])
        return super().handle_starttag(name, namespace, nsprefix, attrs, sourceline, sourcepos, namespaces)

    def _close_implied(self, targets: tuple[str, ...], scope: frozenset[str]) -> None:
        for tag in reversed(self.tagStack[-64:]):  # bounded, so hostile nesting stays linear
            if tag.name in scope:
                return
            if tag.name in targets:
                self.endData()
                self._popToTag(tag.name)
                return


def parse_html(source: str, origin: str) -> Soup:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # bs4's "looks like a filename / XML" hints are noise here
            return Soup(source, builder=_Builder())
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


class Tree:
    """Kept elements in document order (index 0 is the document) and per-element static facts."""

    def __init__(self, soup: Soup) -> None:
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
        # a note's id spells its citation key ("cite_note-2013religiouscommentary-294"): not a comment box
        unlikely = unlikely and not _NOTE_ID.match(ident)
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
            self.block[j] = self.block[j] or self.block[i] or name in DIV_TO_P
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


def _always(_: Tag) -> bool:
    return True


def descendants(tag: Tag, kept: Callable[[Tag], bool] = _always, limit: int = 200) -> list[Tag]:
    """Kept descendant elements of a small element, in document order (bounded, iterative)."""
    found: list[Tag] = []
    stack = list(reversed(tag.contents))
    while stack and len(found) < limit:
        node = stack.pop()
        if isinstance(node, Tag) and kept(node):
            found.append(node)
            stack.extend(reversed(node.contents))
    return found


def short_text(tag: Tag, kept: Callable[[Tag], bool] = _always) -> tuple[str, NavigableString | None]:
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
