"""Offsets to LSP positions. A finding's span is in the document's text; HTML text maps back to the
source through the document's Locator, and the source's lines are counted as LSP counts them (``\\n``,
``\\r\\n`` and a lone ``\\r``: `LineIndex`). An LSP character is a count of code units in the
encoding the client and server agreed on, UTF-16 unless both said otherwise."""

from __future__ import annotations

import re
from collections.abc import Callable

from attrs import frozen

from citecheck.model import Document
from citecheck.text import LineIndex, Span

__all__ = ["utf16_units", "LinePositions", "source_span"]

_BREAK = re.compile(r"[\r\n]")


def utf16_units(text: str) -> int:
    """How many UTF-16 code units `text` takes: characters beyond the BMP take two."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


@frozen
class LinePositions:
    """Offsets into `text` to (line, character), both 0-based, characters in the client's units."""

    text: str
    lines: LineIndex
    units: Callable[[str], int] = utf16_units

    @classmethod
    def of(cls, text: str, units: Callable[[str], int] = utf16_units) -> LinePositions:
        return cls(text, LineIndex.of(text), units)

    def position(self, offset: int) -> tuple[int, int]:
        line = self.lines.locate(offset).line
        start = self.lines.starts[line - 1]
        return line - 1, self.units(self.text[start : max(start, min(offset, len(self.text)))])

    def line_start(self, offset: int) -> int:
        return self.lines.starts[self.lines.locate(offset).line - 1]

    def line_end(self, offset: int) -> int:
        """The offset of the line break ending the line `offset` is on (or the end of the text)."""
        found = _BREAK.search(self.text, self.line_start(offset))
        return found.start() if found else len(self.text)


def source_span(doc: Document, span: Span) -> Span:
    """`span` of the document's text as a span of its source (the same for text and Markdown)."""
    to_source = doc.locator.offsets.to_source
    start = to_source(span.start)
    end = to_source(span.end - 1) + 1 if span.end > span.start else start
    return Span(start, max(start, end))
