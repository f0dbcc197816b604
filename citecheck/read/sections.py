"""Give blocks their role in the article: headings in plain text, the reference list, tables of
contents, page furniture and metadata lines; and read title/author/publisher/date from them.

Works on any format's blocks, so a Markdown or HTML page gets the same treatment as plain text.
"""

from __future__ import annotations

import re

from attrs import evolve

from citecheck.model import Block, BlockKind, Document, Meta
from citecheck.read.isodate import find_date
from citecheck.read.markers import FOOTNOTE_DEFINITION
from citecheck.text import Span

__all__ = ["classify_sections", "REFERENCE_HEADING"]

REFERENCE_HEADING = re.compile(
    r"(?i)^\W*(sources?|references?|notes?|footnotes?|endnotes?|bibliography|citations?|works cited|"
    r"further reading|sources and notes|sources cited)\W*$"
)
_TOC_HEADING = re.compile(
    r"(?i)^\W*(table of contents|contents|in this (article|story|piece)|on this page|jump to)\W*$"
)
_FURNITURE = re.compile(
    r"(?i)^\W*(?:comments?(?: \(\d+\))?|leave a (?:comment|reply)|no comments yet\b.*|be the first to comment.*|"
    r"related(?: articles| posts| stories| reading| content| news)?|more from .{1,40}|recommended(?: for you)?|"
    r"stay updated|get the latest .{0,80}(?:inbox|newsletter)\W*|subscribe(?: to .{0,60})?|sign up .{0,80}|"
    r"share(?: this)?(?: article| story| post)?(?: on .{1,30})?|advertisement|sponsored|read more|"
    r"follow us(?: on .{1,40})?|tags?:.{0,200}|filed under:?.{0,120}|click here .{0,80}|"
    r"(?:facebook|twitter|linkedin|email|print|copy link|whatsapp)(?:\s*[|·•]\s*\w+)*|skip to (?:main )?content)\W*$"
)
_NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
_META_LINE = re.compile(
    r"(?i)^\W*(?:\d{1,3}\s*(?:-\s*)?min(?:ute)?s?(?: read)?"
    rf"|by\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*(?:\s*[·|•–—-]\s*.{{0,60}})?"
    r"|(?:published|updated|posted|last updated)(?: on)?:?\s.{0,60}|\(?word count:?.{0,40}\)?"
    r"|this (?:article|story|post) was (?:written|produced|reported|ultrathought|generated).{0,120})\W*$"
)
_WRITTEN_BY = re.compile(
    r"\b(?:[Ww]ritten|[Rr]eported|[Pp]roduced) by\s+(?P<author>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})"
    r"(?:\s+(?:at|for)\s+(?P<pub>[\w.-]+(?:\s+[A-Z][\w.-]+){0,3}))?"
)
_BYLINE = re.compile(r"^\W*[Bb]y\s+(?P<author>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})")
_DIRECTIVE = re.compile(r"^\s*(?:<!--\s*)?citecheck:\s*(?:ignore|disable|enable|file-ignore)\b")
_TERMINAL = re.compile(r"""[.!?…,;"”’'\]]$|\S+\s+\S+\s+\S+.*:$""")
_ENTRY_START = re.compile(r"^\s*(?:\[\[?\^?[\w-]+\]?\]|\^|\d{1,4}[.)]\s|\[\^[^\]]+\]:)")


def classify_sections(doc: Document) -> Document:
    blocks = _mark_headings(doc.text, doc.blocks) if doc.format == "text" else doc.blocks
    blocks = _mark_footnote_definitions(doc.text, blocks)
    blocks = _mark_runs(doc.text, blocks)
    blocks = _split_entries(doc.text, blocks)
    meta = _meta(doc.text, blocks, doc.meta)
    return evolve(doc, blocks=blocks, meta=meta)


# a line that starts a new entry: "[1] …", "[[1]] …", "1. …", "1) …", "[^a]: …", "- [1] …", "• 1. …"
_LINE_ENTRY = re.compile(r"[ \t]*(?:[-*•][ \t]+)?(?:\[\[?\^?[\w-]{1,20}\]?\]|\d{1,4}[.)][ \t])")
_URL_LINE = re.compile(r"<?https?://\S+$")
_LINE = re.compile(r"[^\n]*\n?")


def _split_entries(text: str, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """A reference block written as consecutive entry lines ("[1] …" then "[2] …" on the next line,
    in Markdown one paragraph) is one entry per line; lines that do not start an entry continue
    the one before (an entry wrapped over two lines, its URL on the next line)."""
    out: list[Block] = []
    for block in blocks:
        if block.kind != "reference":
            out.append(block)
            continue
        starts = [block.span.start]
        for line in _LINE.finditer(text, block.span.start, block.span.end):
            if line.start() > block.span.start and line.group().strip() and _LINE_ENTRY.match(line.group()):
                starts.append(line.start())
        if out and _continues_entry(text, out[-1], block):
            starts[0] = out.pop().span.start  # "1. Title" then the URL alone on the next line
        ends = [*starts[1:], block.span.end]
        for start, end in zip(starts, ends, strict=True):
            raw = text[start:end]
            lead, body = len(raw) - len(raw.lstrip()), raw.strip()
            out.append(Block("reference", Span(start + lead, start + lead + len(body)), block.level))
    return tuple(out)


def _continues_entry(text: str, previous: Block, block: Block) -> bool:
    """Plain text makes each line a block: a line that starts no entry, right below an entry that
    does (one line break, no blank line), is the rest of that entry."""
    between = text[previous.span.end : block.span.start]
    return (
        previous.kind == "reference"
        and between.count("\n") == 1
        and not between.strip()
        and not _LINE_ENTRY.match(block.span.slice(text))
        and (bool(_LINE_ENTRY.match(previous.span.slice(text))) or _URL_LINE.match(block.span.slice(text)) is not None)
    )


def _mark_headings(text: str, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Plain text has no markup: a short line without closing punctuation, followed by more text."""
    marked = []
    for i, block in enumerate(blocks):
        raw = block.span.slice(text).strip()
        heading_like = (
            block.kind == "paragraph"
            and i + 1 < len(blocks)
            and 0 < len(raw) <= 120
            and len(raw.split()) <= (24 if i == 0 else 16)
            and (not _TERMINAL.search(raw) or bool(REFERENCE_HEADING.match(raw)))
            and raw[0].isupper()
            and not find_date(raw)
            and not _META_LINE.match(raw)
        )
        marked.append(Block("heading", block.span, level=2) if heading_like else block)
    return tuple(marked)


def _mark_footnote_definitions(text: str, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    return tuple(
        Block("reference", b.span) if re.match(rf"\s*{FOOTNOTE_DEFINITION}", b.span.slice(text)) else b for b in blocks
    )


def _mark_runs(text: str, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Walk the blocks once, tracking which section we are in (references, contents, furniture)."""
    out: list[Block] = []
    section = "body"
    section_level = 0
    for block in blocks:
        raw = block.span.slice(text).strip()
        if block.kind == "references_heading" or (block.kind == "paragraph" and _bold_reference_heading(raw)):
            block = Block("heading", block.span, block.level)  # "**Sources**" on a line of its own
        if block.kind == "heading":
            section, kind = _heading_role(_BOLD.sub(r"\1", raw), block, section, section_level)
            if section != "body":
                section_level = block.level
            out.append(Block(kind, block.span, block.level))
            continue
        out.append(_in_section(raw, block, section))
        if section == "contents" and block.kind != "list_item":
            section = "body"
            out[-1] = _in_section(raw, block, "body")
    return tuple(out)


_BOLD = re.compile(r"^(?:\*\*|__)(.{1,60}?)(?:\*\*|__)$")


def _bold_reference_heading(raw: str) -> bool:
    bold = _BOLD.match(raw)
    return bool(bold and REFERENCE_HEADING.match(bold.group(1)))


def _heading_role(raw: str, block: Block, section: str, level: int) -> tuple[str, BlockKind]:
    if REFERENCE_HEADING.match(raw):
        return "references", "references_heading"
    if _TOC_HEADING.match(raw):
        return "contents", "furniture"
    if _FURNITURE.match(raw):
        return "furniture", "furniture"
    if section in ("references", "furniture") and block.level > level and level:
        return section, "heading"
    return "body", "heading"


def _in_section(raw: str, block: Block, section: str) -> Block:
    if block.kind in ("reference", "code", "table"):
        return block
    if section == "references":
        return Block("reference", block.span)
    if (
        section == "contents"
        or _FURNITURE.match(raw)
        or _DIRECTIVE.match(raw)
        or (section == "furniture" and len(raw) < 200)
    ):
        return Block("furniture", block.span)
    if _META_LINE.match(raw) or _is_date_line(raw):
        return Block("meta", block.span)
    return block


def _is_date_line(raw: str) -> bool:
    """A date alone, or a dateline/masthead such as "*Transit Daily · February 3, 2026 · By E. Sorvino*"."""
    found = find_date(raw)
    if not found:
        return False
    return len(raw) - len(found[1].group()) <= 12 or (len(raw) <= 120 and bool(re.search(r"[·|•]", raw)))


def _meta(text: str, blocks: tuple[Block, ...], given: Meta) -> Meta:
    title = given.title or _title(text, blocks)
    author, publisher = given.author, given.publisher
    published = given.published
    for block in blocks:
        raw = block.span.slice(text).strip()
        if block.kind == "meta":
            by = _WRITTEN_BY.search(raw) or _BYLINE.match(raw)
            if by and not author:
                author = by.group("author")
                publisher = publisher or ((by.groupdict().get("pub") or "").rstrip(".") or None)
            found = find_date(raw)
            if not published and found:  # a date line, or a byline with its date
                published = found[0]
    return Meta(title=title, author=author, publisher=publisher, published=published)


def _title(text: str, blocks: tuple[Block, ...]) -> str | None:
    for block in blocks[:3]:
        if block.kind == "heading" and block.level <= 2:
            return block.span.slice(text).strip()
        if block.kind not in ("meta", "furniture"):
            return None
    return None
