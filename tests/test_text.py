"""Offsets are the one coordinate system: LineIndex and segmentation agree with naive counts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.read.files import read_text
from citecheck.read.segment import STATEMENT_BLOCKS, sentences, split_sentences
from citecheck.text import LineIndex, OffsetMap, Span

PIECES = st.sampled_from(
    [
        "word",
        "U.S.",
        "4.8",
        "Dr.",
        "é",
        "字",
        "🙂",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\r",
        ". ",
        "? ",
        "! ",
        "[[5]]",
        "[5]",
        "“quote.”",
        "...",
        "…",
        "A",
        "\t",
        "\n\n",
        "- ",
        "# ",
    ]
)
TEXTS = st.lists(PIECES, max_size=60).map("".join)


def naive_position(text: str, offset: int) -> tuple[int, int]:
    line, column, i = 1, 1, 0
    while i < offset:
        if text[i] == "\r" and i + 1 < len(text) and text[i + 1] == "\n" and i + 1 < offset:
            i += 2
            line, column = line + 1, 1
            continue
        if text[i] in "\r\n":
            line, column = line + 1, 1
        else:
            column += 1
        i += 1
    return line, column


@settings(max_examples=300)
@given(TEXTS, st.data())
def test_line_index_agrees_with_naive_count(text, data):
    offset = data.draw(st.integers(0, len(text)))
    if offset and text[offset - 1] == "\r" and offset < len(text) and text[offset] == "\n":
        offset -= 1  # between \r and \n is not a character position a span can start at
    where = LineIndex.of(text).locate(offset)
    assert (where.line, where.column) == naive_position(text, offset)


@settings(max_examples=300)
@given(TEXTS)
def test_sentences_tile_each_block(text):
    for span in [Span(0, len(text))]:
        parts = list(split_sentences(text))
        cursor = 0
        for part in parts:
            gap = text[cursor : part.start]
            assert gap.strip() == "", f"non-space text {gap!r} fell between sentences"
            assert part.start < part.end
            cursor = part.end
        assert text[cursor:].strip() == ""
        assert span.end == len(text)


@settings(max_examples=200)
@given(TEXTS, st.sampled_from(["text", "markdown"]))
def test_statement_spans_are_exact_and_ordered(text, fmt):
    doc = read_text(text, doc_id="t", source="t", fmt=fmt)
    previous = 0
    for block in doc.blocks:
        assert 0 <= block.span.start <= block.span.end <= len(text)
    for sentence in sentences(doc):
        block = doc.blocks[sentence.block]
        assert block.kind in STATEMENT_BLOCKS
        assert block.span.contains(sentence.span)
        assert sentence.span.start >= previous
        assert sentence.span.slice(text) == text[sentence.span.start : sentence.span.end]
        assert sentence.span.slice(text).strip() == sentence.span.slice(text)
        previous = sentence.span.end


def test_offset_map_is_piecewise_linear():
    mapping = OffsetMap((0, 10, 20), (100, 150, 300))
    assert mapping.to_source(0) == 100
    assert mapping.to_source(5) == 105
    assert mapping.to_source(12) == 152
    assert mapping.to_source(25) == 305
    assert OffsetMap().to_source(7) == 7


def test_abbreviations_decimals_and_markers_do_not_split():
    text = (
        "The U.S. Commerce Dept. cleared 4.8 million units [[5]]. Dr. J. Smith agreed... and left. "
        "Sales rose. [3] Then what?"
    )
    got = [text[s.start : s.end] for s in split_sentences(text)]
    assert got == [
        "The U.S. Commerce Dept. cleared 4.8 million units [[5]].",
        "Dr. J. Smith agreed... and left.",
        "Sales rose. [3]",
        "Then what?",
    ]
