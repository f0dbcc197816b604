"""Offsets are the one coordinate system; this module owns the conversions.

`Span` is a half-open range of character offsets into a document's text. `LineIndex` turns an
offset into a 1-based line and column of the text it was built from (``\\n``, ``\\r\\n`` and a lone
``\\r`` each end a line, as editors count them). `OffsetMap` maps offsets in extracted text (HTML)
back to offsets in the decoded source, and `Locator` chains the two.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from attrs import field, frozen

__all__ = ["Span", "Position", "LineIndex", "OffsetMap", "Locator"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _check_order(instance: Span, attribute: object, end: int) -> None:
    if not 0 <= instance.start <= end:
        raise ValueError(f"bad span {instance.start}..{end}")


@frozen(order=True)
class Span:
    start: int
    end: int = field(validator=_check_order)

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def shift(self, delta: int) -> Span:
        return Span(self.start + delta, self.end + delta)

    def __len__(self) -> int:
        return self.end - self.start


@frozen
class Position:
    line: int
    column: int


@frozen
class LineIndex:
    """Start offset of every line; `locate` is a binary search, never a re-scan of the text."""

    starts: tuple[int, ...]
    length: int

    @classmethod
    def of(cls, text: str) -> LineIndex:
        return cls((0, *(m.end() for m in _LINE_BREAK.finditer(text))), len(text))

    def locate(self, offset: int) -> Position:
        offset = max(0, min(offset, self.length))
        line = bisect_right(self.starts, offset) - 1
        return Position(line + 1, offset - self.starts[line] + 1)

    def line_span(self, line: int) -> Span:
        """Span of 1-based `line`, without its line break."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else self.length
        return Span(start, end)


@frozen
class OffsetMap:
    """Piecewise map from text offsets to source offsets.

    Each anchor ``(text_offset, source_offset)`` starts a run of characters copied verbatim from the
    source; an offset inside a run maps linearly, so entities like ``&amp;`` only shift later runs.
    An empty map is the identity (plain text and Markdown, where the text *is* the source).
    """

    text_starts: tuple[int, ...] = ()
    source_starts: tuple[int, ...] = ()

    def to_source(self, offset: int) -> int:
        if not self.text_starts:
            return offset
        i = bisect_right(self.text_starts, offset) - 1
        if i < 0:
            return self.source_starts[0]
        return self.source_starts[i] + (offset - self.text_starts[i])


@frozen
class Locator:
    """Text offset -> line/column in the original input file."""

    lines: LineIndex
    offsets: OffsetMap = OffsetMap()

    @classmethod
    def identity(cls, text: str) -> Locator:
        return cls(LineIndex.of(text))

    def locate(self, offset: int) -> Position:
        return self.lines.locate(self.offsets.to_source(offset))
