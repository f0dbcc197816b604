"""HTML page -> `Document`: the main content as text with blocks, links, anchors and an offset map.

This module owns reading HTML, `extract_html`, and wires its stages together:

1. `citecheck.read.webpage.parse` tokenises with bs4's ``html.parser`` backend (lxml silently truncates deep or
   huge input and html5lib is quadratic in depth, reliability.md §6.5), records where every text chunk
   starts in the source, and indexes the element tree;
2. `citecheck.read.webpage.meta` reads the metadata;
3. `citecheck.read.webpage.content` picks the main content the way Mozilla Readability does, never cleaning
   away a citation superscript;
4. `citecheck.read.webpage.layout` lays the content out as blocks separated by blank lines, every run of text
   mapped back to its source offset.

Every tree walk is iterative and linear: untrusted pages nest 100,000 elements deep.
"""

from __future__ import annotations

import re

from citecheck.errors import InputError
from citecheck.model import Anchor, Document, Link, SourceComment
from citecheck.read.webpage.content import byline_element, choose, title_heading
from citecheck.read.webpage.layout import Layout, Urls
from citecheck.read.webpage.meta import complete_meta, read_meta
from citecheck.read.webpage.parse import (
    Parser as Parser,  # re-exported: the tokeniser stays at citecheck.read.webpage.Parser
)
from citecheck.read.webpage.parse import Soup, Tree, parse_html, short_text
from citecheck.text import LineIndex, Locator, OffsetMap, Span

__all__ = ["extract_html"]


def extract_html(source: str, *, doc_id: str, origin: str) -> Document:
    """Parse `source` (decoded HTML) and return its main content as a `Document` of format "html".

    Raises `InputError` (code ``E_PARSE``) when the parser rejects the markup. Citation markers left
    outside the extracted content are reported in `Document.warnings`, never dropped silently.
    """
    try:
        soup = parse_html(source, origin)
        tree = Tree(soup)
        byline = byline_element(tree)
        meta = read_meta(tree.heads, tree.tags, short_text(tree.tags[byline])[0] if byline else None)
        pick = choose(tree, byline, title_heading(tree, meta.title))
        index = LineIndex.of(source)
        lines = index.starts if "\r" not in source else (0, *(m.end() for m in re.finditer("\n", source)))
        out = Layout(soup, tree, pick, Urls(tree, origin), lines)
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
        comments=_comments(soup, source, lines, out),
    )


def _comments(soup: Soup, source: str, lines: tuple[int, ...], out: Layout) -> tuple[SourceComment, ...]:
    """The page's `citecheck:` comments, each placed in the text where the text after it begins.

    Every comment counts, inside the picked content or not (a `file-ignore` in <head> too): a comment
    holds no text, so the first text whose source lies past it is what it stands before."""
    found = []
    for (line, column), words in soup.directives:
        start = lines[min(line, len(lines)) - 1] + column  # html.parser: 1-based line, 0-based column
        close = source.find(">", start + 4 + len(words))
        end = close + 1 if close >= 0 else len(source)
        found.append(SourceComment(words, _text_after(out, start, len(out.text)), Span(start, end)))
    return tuple(found)


def _text_after(out: Layout, source_offset: int, length: int) -> int:
    """The first text offset whose source lies at or past `source_offset` (the text's end if none)."""
    t_starts, s_starts = out.t_starts, out.s_starts
    best = length
    for i, (t, s) in enumerate(zip(t_starts, s_starts)):
        run = (t_starts[i + 1] if i + 1 < len(t_starts) else length) - t
        if s >= source_offset:
            best = min(best, t)
        elif source_offset < s + run:
            best = min(best, t + source_offset - s)
    return best


def _markers_outside(tree: Tree, written: int) -> tuple[str, ...]:
    """A warning when citation superscripts of the page did not make it into the extracted text."""
    total = sum(1 for i, m in enumerate(tree.marker) if m and not tree.marker[tree.parent[i]])
    if total > written:
        return (f"W_CONTENT_DROPPED: {total - written} citation marker(s) outside the extracted content",)
    return ()
