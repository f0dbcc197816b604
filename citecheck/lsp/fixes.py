"""Quick fixes: the text a fix inserts and where, as offsets into a draft's source.

Two fixes exist. Any finding but the CC9 ones (which are about suppressions and cannot be suppressed)
can be silenced by a suppression comment above its paragraph: `<!-- citecheck: ignore[CODE] reason -->`
in Markdown and HTML, a `citecheck: ignore[CODE] reason` line in plain text (`citecheck.rules.directives`
reads all three). In HTML the comment goes on a line of its own above the paragraph's element when that
line holds nothing but the paragraph's opening tags, else just before the paragraph's first words. A
dangling citation (CC101) can get a stub entry in the reference list, written like the list's last
entry, or in a new Sources section at the end; in HTML a `<li>` of the reference list or a new
References section (`citecheck.lsp.html_stub`), which needs the draft's source as well.
"""

from __future__ import annotations

import re

from attrs import frozen

from citecheck.lsp.html_stub import html_stub
from citecheck.lsp.positions import LinePositions
from citecheck.model import Article, Block, Citation, Finding, Reference

__all__ = ["Fix", "fixes_for", "suppression_fix", "reference_stub_fix", "STUB"]

# What a stub entry says until the writer fills it in: CC104/CC105 keep asking for it until then.
STUB = 'TODO publisher. "Title." Date. URL'
REASON = "reason"


@frozen
class Fix:
    title: str
    offset: int  # where `text` is inserted, in the draft's source
    text: str


def fixes_for(article: Article, finding: Finding, source: str | None = None) -> tuple[Fix, ...]:
    """Every quick fix for `finding` (of `article`'s document), the preferred one first. `source` is the
    draft as the editor holds it: an HTML document's text is not its source, so HTML needs it."""
    stub = reference_stub_fix(article, finding, source)
    suppress = suppression_fix(article, finding, source)
    return tuple(f for f in (stub, suppress) if f is not None)


def suppression_fix(article: Article, finding: Finding, source: str | None = None) -> Fix | None:
    doc = article.document
    if finding.span is None or finding.code.startswith("CC9") or (doc.format == "html" and source is None):
        return None
    block = _block_at(article, finding.span.start)
    if block is None:
        return None
    title = f"Suppress {finding.code} here (citecheck: ignore)"
    words = f"citecheck: ignore[{finding.code}] {REASON}"
    if doc.format == "html" and source is not None:
        return _html_suppression(article, block, source, title, f"<!-- {words} -->")
    lines = LinePositions.of(doc.text)
    start = lines.line_start(block.span.start)
    indent = _leading(_INDENT, doc.text, start)
    comment = f"<!-- {words} -->" if doc.format == "markdown" else words
    return Fix(title, start, f"{indent}{comment}{_newline(doc.text)}")


_TAGS_ONLY = re.compile(r"[ \t]*(?:<[A-Za-z][^<>]*>[ \t]*)*")


def _html_suppression(article: Article, block: Block, source: str, title: str, comment: str) -> Fix:
    """The comment above the block's element, on a line of its own, when the line the block's words
    start on holds only opening tags before them and no earlier block's words; else just before the
    words (inside the element: the comment still stands before the block's text, which is what counts)."""
    doc = article.document
    to_source = doc.locator.offsets.to_source
    at = to_source(block.span.start)
    start = LinePositions.of(source).line_start(at)
    earlier = [b for b in doc.blocks if b.span.end <= block.span.start and b.span.end > b.span.start]
    last_end = max((to_source(b.span.end - 1) + 1 for b in earlier), default=0)
    if last_end <= start and _TAGS_ONLY.fullmatch(source, start, at):
        return Fix(title, start, f"{_leading(_INDENT, source, start)}{comment}{_newline(source)}")
    return Fix(title, at, comment)


_INDENT = re.compile(r"[ \t]*")
_BULLET = re.compile(r"[ \t]*(?:[-*+][ \t]+)?")


def _leading(pattern: re.Pattern[str], text: str, start: int) -> str:
    """What `pattern` (which can match nothing) matches at `start`."""
    found = pattern.match(text, start)
    return found.group() if found else ""


def _block_at(article: Article, offset: int) -> Block | None:
    """The block a suppression comment must stand above: the one holding `offset` (not furniture,
    which a suppression skips to reach the next block)."""
    blocks = [b for b in article.document.blocks if b.span.start <= offset and b.kind != "furniture"]
    inside = [b for b in blocks if offset < b.span.end]
    chosen = inside or blocks
    return chosen[-1] if chosen else None


def reference_stub_fix(article: Article, finding: Finding, source: str | None = None) -> Fix | None:
    doc = article.document
    if finding.code != "CC101" or finding.span is None or (doc.format == "html" and source is None):
        return None
    citation = next((c for c in article.citations if c.span == finding.span and c.reference is None), None)
    if citation is None or citation.kind not in ("numbered", "footnote", "author_year"):
        return None
    title = f"Add a reference entry for {citation.marker}"
    if doc.format == "html" and source is not None:
        edit = html_stub(article, citation, source, STUB)
        return Fix(title, *edit) if edit is not None else None
    newline = _newline(doc.text)
    if citation.kind == "footnote":
        notes = [r for r in article.references if r.origin == "footnote"]
        return _after(doc.text, notes, f"[^{citation.key}]: {STUB}", title, newline)
    listed = [r for r in article.references if r.origin == "list"]
    if listed:
        last = max(listed, key=lambda r: r.span.end)
        # plain text reads a reference list as paragraphs: an entry on the very next line is not one
        entry = _like(doc.text, last, citation) if doc.format == "markdown" else f"{newline}{_entry(citation)}"
        return _after(doc.text, [last], entry, title, newline)
    heading = "## Sources" if doc.format == "markdown" else "Sources"
    bullet = "- " if doc.format == "markdown" else ""
    return _at_end(doc.text, f"{heading}{newline}{newline}{bullet}{_entry(citation)}", title, newline)


def _entry(citation: Citation) -> str:
    """The entry's key as the reference parser reads it back: `[3]`, or `Smith (2020).`"""
    if citation.kind == "author_year":
        author, _, year = citation.key.rpartition(" ")
        return f"{author} ({year}). {STUB}"
    return f"[{citation.key}] {STUB}"


def _like(text: str, last: Reference, citation: Citation) -> str:
    """A new entry written like the list's last one: its bullet or number and its bracket style."""
    lines = LinePositions.of(text)
    line = text[lines.line_start(last.span.start) : lines.line_end(last.span.start)]
    lead = _leading(_BULLET, line, 0)
    if citation.kind == "numbered":
        numbered = re.match(rf"([ \t]*){re.escape(last.key)}([.)][ \t]+)", line)
        if numbered:  # "2. Reuters ..." (an ordered list): the number is the key
            return f"{numbered.group(1)}{citation.key}{numbered.group(2)}{STUB}"
    return f"{lead}{_entry(citation)}"


def _after(text: str, entries: list[Reference], line: str, title: str, newline: str) -> Fix:
    if not entries:
        return _at_end(text, line, title, newline)
    last = max(entries, key=lambda r: r.span.end)
    end = LinePositions.of(text).line_end(max(last.span.start, last.span.end - 1))
    return Fix(title, end, f"{newline}{line}")


def _at_end(text: str, block: str, title: str, newline: str) -> Fix:
    """`block` as a paragraph of its own after the last line."""
    body = text.rstrip("\r\n")
    gap = len(text) - len(body)
    lead = "" if gap >= 2 * len(newline) else newline * (2 - min(gap // len(newline), 2))
    return Fix(title, len(text), f"{lead}{block}{newline}")


def _newline(text: str) -> str:
    """The draft's own line ending, so a fix does not mix CRLF into an LF file or the reverse."""
    found = re.search(r"\r\n|\r|\n", text)
    return found.group() if found else "\n"
