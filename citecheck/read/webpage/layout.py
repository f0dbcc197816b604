"""Laying the chosen content out as text: blocks, links, anchors, ignored code and the offset map.

This module owns `Layout`: it writes the picked elements as blocks separated by blank lines, turns
citation superscripts into ``[n]`` markers, resolves hrefs (`Urls`), and maps every run of text back
to its offset in the HTML source (whitespace collapsing and entity boundaries included).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from urllib.parse import urljoin

from attrs import frozen
from bs4 import NavigableString, Tag

from citecheck.model import Block, BlockKind
from citecheck.read.webpage.content import Pick
from citecheck.read.webpage.parse import HEADINGS, Soup, Tree, descendants, short_text, word_set
from citecheck.text import Span

_BLOCKS = word_set(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html legend li main menu nav ol "
    "p pre section summary table tbody tfoot thead tr td th ul"
)
_CODE = word_set("pre code kbd samp tt")
_CONTEXTS = HEADINGS | word_set("ul ol li blockquote pre tr caption table")
_STRONG = word_set("quote list_item code table heading")
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

    kind: BlockKind = "paragraph"
    level: int = 0
    flat: bool = False  # in a heading or table row: nested blocks do not break the line
    refs: bool = False  # in a reference / footnote list
    lists: int = 0
    data: bool = False  # in a data table


class Urls:
    """Resolves hrefs: <base> for relative ones; same-page URLs and note targets become #fragments."""

    def __init__(self, tree: Tree, origin: str) -> None:
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


class Layout:
    """Writes the picked content as blocks of text; records links, anchors, code and the offset map."""

    def __init__(self, soup: Soup, tree: Tree, pick: Pick, urls: Urls, lines: tuple[int, ...]) -> None:
        self.soup, self.tree, self.keep, self.urls = soup, tree, pick.keep, urls
        self.lines = lines  # start of each "\n"-terminated line: html.parser counts lines that way
        self.parts: list[str] = []
        self.n, self.pending, self.last_br, self.refs_level, self.pre, self.markers = 0, "", False, 0, 0, 0
        self.t_starts: list[int] = []
        self.s_starts: list[int] = []
        self.blocks: list[Block] = []
        self.cur: tuple[BlockKind, int, int, int] | None = None  # kind, level, start offset, first part
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
        kind: BlockKind = ctx.kind if ctx.kind in _STRONG else "paragraph"
        if name not in _CONTEXTS and refs == ctx.refs and ctx.data == (self.tree.data[i] or ctx.data):
            return ctx  # most blocks (div, p, section) change nothing
        if name in HEADINGS:
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
            kids = [k for k in tag.contents if isinstance(k, Tag) or (isinstance(k, NavigableString) and k.strip())]
            if not (len(kids) == 1 and getattr(kids[0], "name", "") == "sup" and self.tree.raw[i] <= 40):
                return False
            targets = [(tag, self.urls.marker(str(tag.get("href"))))]
        elif self.tree.marker[i]:
            found = [a for a in descendants(tag, self._kept) if a.name == "a" and a.has_attr("href")]
            targets = [(a, self.urls.marker(str(a["href"]))) for a in found]
        else:
            return False
        if not any(url for _, url in targets):
            return False
        for kid in (tag, *descendants(tag, self._kept)):
            if kid is not tag and isinstance(value := kid.get("id"), str) and value:
                self.anchors.append((value, self._wait()))
        self.markers += 1
        for a, url in targets:
            label, first = short_text(a, self._kept)
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
            line = m[0].rstrip()  # trailing blanks mean nothing; leading ones are indentation...
            lead = 0 if self.n else len(line) - len(line.lstrip())  # ...except before any text at all
            if line.strip():
                self._put(line[lead:], self._src(s, m.start() + lead))
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
        kind: BlockKind = "reference" if ctx.kind == "list_item" and (ctx.refs or self.refs_level) else ctx.kind
        self.cur = (kind, ctx.level, self.n, len(self.parts))

    def _end_block(self) -> None:
        if self.cur is None:  # callers end only an open block
            return
        kind, level, start, first = self.cur
        if kind == "heading":
            title = " ".join("".join(self.parts[first:]).split()).removesuffix("[edit]").strip(" :")
            if _REF_HEADING.match(title):
                kind, self.refs_level = "references_heading", level
            elif self.refs_level and level <= self.refs_level:
                self.refs_level = 0
        self.blocks.append(Block(kind, Span(start, self.n), level))


def _collapse(s: str, a: int, b: int) -> tuple[str, list[tuple[int, int]]]:
    """``s[a:b]`` with whitespace runs collapsed to one space; (index in s, output offset) after each run."""
    if b - a > 1_000_000:  # a huge node gets one anchor: exact at its start, approximate inside
        return _RUN.sub(" ", s[a:b]), [(a, 0)]
    parts: list[str] = []
    points, pos, out = [(a, 0)], a, 0
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
