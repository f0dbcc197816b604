"""Blocks -> sentence spans. Within each statement-bearing block the sentences and the whitespace
between them tile the block exactly; blocks and the gaps between them tile the whole text.

A sentence ends at `.`, `!`, `?` (with closing quotes and brackets) followed by space and a likely
sentence start, except after an abbreviation ("U.S.", "Inc.", "Dr."), an initial, a decimal or an
ellipsis. Citation markers right after the full stop ("chips. [5]") stay with the sentence before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from attrs import frozen

from citecheck.model import Block, Document
from citecheck.read.markers import MARKER
from citecheck.text import Span

__all__ = ["Sentence", "STATEMENT_BLOCKS", "sentences", "split_sentences"]

STATEMENT_BLOCKS = frozenset({"heading", "paragraph", "list_item", "quote", "meta", "table"})

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt ft vs etc inc ltd co corp llc plc bros dept est fig gen gov sen rep
    rev hon capt col lt sgt adm cmdr approx ca cf al jan feb mar apr jun jul aug sep
    sept oct nov dec mon tue wed thu fri sat sun e.g i.e a.m p.m u.s u.k u.n e.u u.s.a ph.d d.c n.y
    op ed eds ave blvd rd univ assn intl natl govt""".split()
)
_NUMBERING = frozenset({"no", "nos", "fig", "vol", "vols", "pp", "p", "art", "sec"})
_END = re.compile(r"""[.!?]+|…""")
_CLOSERS = re.compile(r"""[)"'”’\]»]*""")
_TRAILING_MARKERS = re.compile(rf"(?:[ \t]*(?:{MARKER}))+")
_NEXT_START = re.compile(r"""\s+(?=["'“‘(\[]?[A-Z0-9À-ÖØ-Þ“‘"'¿¡]|$)""")
_LONGEST_TOKEN = 64  # longer than any abbreviation, initial or numbering word
_DIGIT_NEXT = re.compile(r"\s*+\d")
_WORD_NEXT = re.compile(r"\s+[\"“]?(\w+)")
_INITIAL_OR_ACRONYM = re.compile(r"[a-z]|(?:[a-z]\.)+[a-z]")


@frozen
class Sentence:
    span: Span
    block: int  # index into Document.blocks


def sentences(doc: Document) -> tuple[Sentence, ...]:
    """Every sentence of every statement-bearing block, in document order."""
    found: list[Sentence] = []
    for index, block in enumerate(doc.blocks):
        if block.kind in STATEMENT_BLOCKS:
            found += [Sentence(span, index) for span in _block_sentences(doc.text, block)]
    return tuple(found)


def _block_sentences(text: str, block: Block) -> Iterator[Span]:
    if block.kind in ("heading", "meta"):
        yield block.span
        return
    for span in split_sentences(block.span.slice(text)):
        yield span.shift(block.span.start)


def split_sentences(chunk: str) -> Iterator[Span]:
    """Sentence spans of `chunk` (offsets relative to it), whitespace between them excluded."""
    start = _skip_space(chunk, 0)
    position = start
    while position < len(chunk):
        match = _END.search(chunk, position)
        if match is None:
            break
        closers = _CLOSERS.match(chunk, match.end())  # matches the empty string, so never None
        end = closers.end() if closers is not None else match.end()
        markers = _TRAILING_MARKERS.match(chunk, end)
        end = markers.end() if markers else end
        following = _NEXT_START.match(chunk, end)
        if following is None or not _is_boundary(chunk, match):
            position = max(end, match.end())
            continue
        if end > start:
            yield Span(start, end)
        start = position = _skip_space(chunk, end)
    tail = chunk[start:].rstrip()
    if tail:
        yield Span(start, start + len(tail))


def _skip_space(chunk: str, offset: int) -> int:
    while offset < len(chunk) and chunk[offset].isspace():
        offset += 1
    return offset


def _is_boundary(chunk: str, match: re.Match[str]) -> bool:
    mark = match.group()
    if mark in ("…", "...") or mark.startswith(".."):
        return False  # an ellipsis trails off; it does not end the sentence
    if mark != ".":
        return True
    # a bounded window: searching from 0 at every full stop made long paragraphs quadratic
    window = chunk[max(0, match.start() - _LONGEST_TOKEN) : match.start()]
    if not window or window[-1].isspace():
        return True
    token = window.rsplit(None, 1)[-1].lstrip("(\"'“‘[").lower()  # the word before the stop
    if token in _NUMBERING:
        return not _DIGIT_NEXT.match(chunk, match.end())  # "No. 5" vs "he said no."
    if token in _ABBREVIATIONS or token.rstrip(".") in _ABBREVIATIONS:
        return _abbreviation_ends_sentence(chunk, match.end(), token)
    # an initial ("J. Smith") or a dotted acronym ("U.S") does not end a sentence
    return not _INITIAL_OR_ACRONYM.fullmatch(token)


def _abbreviation_ends_sentence(chunk: str, end: int, token: str) -> bool:
    """'U.S.' can end a sentence: it does when the next word is a common sentence opener."""
    if token.rstrip(".") not in {"u.s", "u.k", "u.n", "e.u", "etc", "inc", "ltd", "co", "corp", "d.c"}:
        return False
    nxt = _WORD_NEXT.match(chunk, end)
    return nxt is not None and nxt.group(1) in _OPENERS


_OPENERS = frozenset(
    "The A An This That These Those It Its He She They We I In On At But And Yet So However Meanwhile "
    "Still Now Then There Here His Her Their Our For After Before While When Although As If".split()
)
