"""Plain text and Markdown -> blocks. The text is the source itself, so every offset is a source offset.

Plain text: blank lines separate blocks; inside a chunk, each line is its own block unless it is
hard-wrapped prose (a long line that does not end a sentence), and bullets start list items.
Markdown: markdown-it-py finds the block structure (by line), code spans and HTML comments are
marked as ignored, and links are collected with their spans. Section roles (references, table of
contents, furniture) are assigned afterwards by `citecheck.read.sections`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from citecheck.model import Block, BlockKind, Document, Link
from citecheck.read.markers import FOOTNOTE_DEFINITION
from citecheck.read.sections import classify_sections
from citecheck.text import LineIndex, Locator, Span

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["layout_text", "layout_markdown"]

_BULLET = re.compile(r"[ \t]*(?:[-*+•◦▪‣]|\d{1,3}[.)])(?:[ \t]+|$)")
_SENTENCE_END = re.compile(r"""[.!?:;…"'”’)\]]\s*$""")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def _lines(text: str) -> Iterator[Span]:
    """Spans of each line's content (line break excluded)."""
    for match in _LINE.finditer(text):
        if match.start() == len(text) and match.end() == match.start():
            return
        content = match.group().rstrip("\r\n")
        yield Span(match.start(), match.start() + len(content))


def _strip(text: str, span: Span) -> Span:
    raw = span.slice(text)
    body = raw.strip()
    if not body:
        return Span(span.start, span.start)
    lead = len(raw) - len(raw.lstrip())
    return Span(span.start + lead, span.start + lead + len(body))


def layout_text(text: str, *, doc_id: str, source: str) -> Document:
    blocks = tuple(_text_blocks(text, wrapped=_hard_wrapped(text)))
    return classify_sections(
        Document(id=doc_id, source=source, format="text", text=text, locator=Locator.identity(text), blocks=blocks)
    )


def _hard_wrapped(text: str) -> bool:
    """Prose wrapped at a fixed width (no line past 100 characters) joins lines into paragraphs;
    text with one paragraph per line never does."""
    return all(len(line) <= 100 for line in text.splitlines())


def _text_blocks(text: str, *, wrapped: bool) -> Iterator[Block]:
    pending: Span | None = None
    pending_kind: BlockKind = "paragraph"
    lone_bullet = False
    for line in _lines(text):
        body = _strip(text, line)
        content = body.slice(text)
        if not content:
            if pending is not None and not lone_bullet:
                yield Block(pending_kind, pending)
                pending = None
            continue
        bullet = _BULLET.match(content)
        if bullet and bullet.end() == len(content):  # "-" alone: the item text is on the next line
            if pending is not None:
                yield Block(pending_kind, pending)
            pending, lone_bullet = None, True
            continue
        if wrapped and pending is not None and _continues(text, pending) and not bullet and not lone_bullet:
            pending = Span(pending.start, body.end)
            continue
        if pending is not None:
            yield Block(pending_kind, pending)
        kind: BlockKind = "list_item" if bullet or lone_bullet else "paragraph"
        start = body.start + (bullet.end() if bullet else 0)
        pending, pending_kind, lone_bullet = Span(start, body.end), kind, False
    if pending is not None:
        yield Block(pending_kind, pending)


def _continues(text: str, span: Span) -> bool:
    """Hard-wrapped prose: the previous line is long and stops mid-sentence."""
    last_line = span.slice(text).rsplit("\n", 1)[-1]
    return len(last_line) >= 50 and not _SENTENCE_END.search(last_line)


# --- Markdown ----------------------------------------------------------------------------------

_MD_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?")
_ATX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*[ \t]*#{1,6}(?:[ \t]+|$)")
# possessive: each step starts with a different character, so a long run is read once, never retried
_NESTED_CONTAINERS = re.compile(r"(?:[ \t]*+(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)))*+")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_INLINE_LINK = re.compile(
    r"(?<![!\\])\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*<?([^\s()<>]+(?:\([^\s()]*\))?)>?(?:\s+[\"'(][^\n]*?[\"')])?\s*\)"
)
_REF_LINK = re.compile(r"(?<![!\\\]])\[((?:[^\[\]\n]|\[[^\[\]\n]*\])+)\]\[([^\[\]\n]*)\]")
_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>")
_BARE_URL = re.compile(
    r"(?<![(<\[\"'=/])\bhttps?://(?:\[[0-9A-Fa-f:.]+\](?::\d+)?)?(?=[^\s<>()\[\]\x00-\x1f])"
    r"[^\s<>()\[\]\x00-\x1f]*(?:\([^\s()\x00-\x1f]*\)[^\s<>()\[\]\x00-\x1f]*)*"
)
_DEFINITION = re.compile(r"^[ ]{0,3}\[(?!\^)([^\]\n]+)\]:[ \t]*<?(\S+?)>?(?:[ \t]+[\"'(](.*)[\"')])?[ \t]*$", re.M)
_LEAF = {
    "paragraph_open": "paragraph",
    "heading_open": "heading",
    "fence": "code",
    "code_block": "code",
    "html_block": "html",
    "table_open": "table",
    "hr": "hr",
}


def layout_markdown(text: str, *, doc_id: str, source: str) -> Document:
    from markdown_it import MarkdownIt  # imported only for Markdown input

    index = LineIndex.of(text)
    # block structure only: links and code spans are found by our own linear patterns, and
    # markdown-it's inline parser is quadratic on runs of "[" (link labels are re-scanned)
    tokens = MarkdownIt("commonmark", {"maxNesting": 40}).enable("table").disable("inline").parse(text)
    blocks, ignored, warnings = _md_blocks(text, index, tokens)
    ignored += _find_all(_COMMENT, text) + _code_spans(text, blocks)
    links = _md_links(text, tuple(sorted(ignored)))
    doc = Document(
        id=doc_id,
        source=source,
        format="markdown",
        text=text,
        locator=Locator(index),
        blocks=blocks,
        links=links,
        ignored=tuple(sorted(ignored)),
        warnings=warnings,
    )
    return classify_sections(doc)


def _md_blocks(
    text: str, index: LineIndex, tokens: list[Token]
) -> tuple[tuple[Block, ...], list[Span], tuple[str, ...]]:
    blocks: list[Block] = []
    ignored: list[Span] = []
    covered: set[int] = set()
    kinds: list[str] = []  # stack of open containers
    for token in tokens:
        if token.type in ("blockquote_open", "list_item_open"):
            kinds.append(token.type)
        elif token.type in ("blockquote_close", "list_item_close"):
            kinds.pop()
        kind = _LEAF.get(token.type)
        if kind is None or token.map is None:
            continue
        first, last = token.map
        covered.update(range(first, last))
        span = Span(index.starts[first], _line_end(text, index, last))
        if kind in ("code", "html") and not _is_comment_only(text, span):
            ignored.append(span)
        block = _md_leaf(text, index, token, kind, span, kinds)
        if block is not None:
            blocks.extend(_split_footnote_definitions(text, block))
    dropped = _uncovered(text, index, covered)
    blocks += dropped
    warnings = ("markdown nesting too deep; read as plain text",) if dropped else ()
    return tuple(sorted(blocks, key=lambda b: b.span)), ignored, warnings


def _is_comment_only(text: str, span: Span) -> bool:
    return bool(re.fullmatch(r"\s*(?:<!--.*?-->\s*)+", span.slice(text), re.S))


def _line_end(text: str, index: LineIndex, last_line: int) -> int:
    return index.line_span(last_line).end if last_line >= 1 else 0


def _md_leaf(text: str, index: LineIndex, token: Token, kind: str, span: Span, stack: list[str]) -> Block | None:
    if kind in ("hr", "html") or token.map is None:  # _md_blocks passes only tokens with a map
        return None
    if kind == "heading":
        first = index.line_span(token.map[0] + 1)
        raw = first.slice(text)
        if token.markup.startswith("#"):
            opener = _ATX.match(raw)
            if opener is None:  # a heading markdown-it found where our prefix pattern does not reach
                return Block("heading", _strip(text, first), level=len(token.markup))
            close = _ATX_CLOSE.search(raw)
            end = first.start + (close.start() if close else len(raw.rstrip()))
            return Block(
                "heading",
                Span(first.start + opener.end(), max(end, first.start + opener.end())),
                level=len(token.markup),
            )
        return Block("heading", _strip(text, first), level=1 if token.markup == "=" else 2)
    if kind == "paragraph":
        prefix = _MD_PREFIX.match(span.slice(text))
        start = span.start + (prefix.end() if prefix is not None else 0)  # the prefix may be empty: never None
        body = _strip(text, Span(start, span.end))
        block_kind: BlockKind = "quote" if "blockquote_open" in stack else "list_item" if stack else "paragraph"
        return Block(block_kind, body) if body.start < body.end else None
    return Block("code" if kind == "code" else "table", _strip(text, span))


_FOOTNOTE_DEF = re.compile(rf"(?m)^[ \t]{{0,3}}{FOOTNOTE_DEFINITION}")


def _split_footnote_definitions(text: str, block: Block) -> list[Block]:
    """Consecutive `[^x]: ...` lines are one paragraph to CommonMark; to us each is one entry."""
    if block.kind != "paragraph":
        return [block]
    starts = [block.span.start + m.start() for m in _FOOTNOTE_DEF.finditer(block.span.slice(text))]
    if not starts:
        return [block]
    cuts = ([block.span.start] if starts[0] != block.span.start else []) + starts + [block.span.end]
    return [Block("paragraph", _strip(text, Span(a, b))) for a, b in pairwise(cuts) if _strip(text, Span(a, b))]


def _uncovered(text: str, index: LineIndex, covered: set[int]) -> list[Block]:
    """Lines markdown-it dropped (nesting cap, link definitions) that still hold prose. Past the cap
    the line's leading `>` and list markers are still containers to CommonMark ("1. 1. 1. x" is one
    item, "x", nested three deep), so they are markup here too, not sentences of their own."""
    found = []
    for number in range(len(index.starts)):
        if number in covered:
            continue
        line = index.line_span(number + 1)
        raw = line.slice(text)
        if _DEFINITION.match(raw.strip()):
            continue
        containers = _NESTED_CONTAINERS.match(raw)
        span = _strip(text, Span(line.start + (containers.end() if containers else 0), line.end))
        if span.start < span.end:
            found.append(Block("paragraph", span))
    return found


def _find_all(pattern: re.Pattern[str], text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in pattern.finditer(text)]


def _code_spans(text: str, blocks: tuple[Block, ...]) -> list[Span]:
    spans = []
    for block in blocks:
        if block.kind in ("paragraph", "list_item", "quote", "heading", "table"):
            chunk = block.span.slice(text)
            spans += [
                Span(block.span.start + m.start(), block.span.start + m.end()) for m in _CODE_SPAN.finditer(chunk)
            ]
    return spans


def _inside(spans: tuple[Span, ...], offset: int) -> bool:
    return any(s.start <= offset < s.end for s in spans)


def _md_links(text: str, ignored: tuple[Span, ...]) -> tuple[Link, ...]:
    definitions = {_label(m.group(1)): m.group(2) for m in reversed(list(_DEFINITION.finditer(text)))}
    links: list[Link] = []
    taken: list[Span] = []
    for match in _INLINE_LINK.finditer(text):
        links.append(Link(Span(match.start(), match.end()), match.group(2), match.group(1), "inline"))
        taken.append(links[-1].span)
    for match in _REF_LINK.finditer(text):
        label = _label(match.group(2) or match.group(1))
        if label in definitions and not match.group(1).startswith("^"):
            links.append(Link(Span(match.start(), match.end()), definitions[label], match.group(1), "reference"))
            taken.append(links[-1].span)
    plain: tuple[tuple[re.Pattern[str], Literal["autolink", "bare"]], ...] = (
        (_AUTOLINK, "autolink"),
        (_BARE_URL, "bare"),
    )
    for pattern, kind in plain:
        for match in pattern.finditer(text):
            url = match.group(1) if kind == "autolink" else match.group().rstrip(".,;:!?'\"”’")
            span = Span(match.start(), match.start() + len(url) + (2 if kind == "autolink" else 0))
            if not any(t.overlaps(span) for t in taken) and not _DEFINITION_LINE(text, span.start):
                links.append(Link(span, url, url, kind))
    return tuple(sorted((lk for lk in links if not _inside(ignored, lk.span.start)), key=lambda lk: lk.span))


def _DEFINITION_LINE(text: str, offset: int) -> bool:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return bool(_DEFINITION.match(text[start : end if end != -1 else len(text)]))


def _label(raw: str) -> str:
    """CommonMark label matching: case-folded, inner whitespace collapsed."""
    return " ".join(raw.split()).casefold()
