"""Sentences -> `Statement`s: what each sentence asserts, what it cites, who it credits, how it hedges.

`kind` follows the contract: heading and meta lines by their block; questions by their mark;
quotes by quotation or a role line under them ("– Tech policy analyst"); first-person views and
sentences with nothing checkable are opinion; the rest are claims. A sentence that cites or
credits a source is a claim: its author is presenting it as backed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from citecheck.classify.checkworthy import THRESHOLD, checkworthiness, prepare
from citecheck.classify.cues import (
    CLOSE_QUOTE,
    OPEN_QUOTE,
    is_caption,
    is_fragment,
    is_furniture,
    opens_inside_quote,
    quote_open,
)
from citecheck.extract.attributions import find_attributions, find_hedges, role_line_attribution
from citecheck.extract.facts.extractor import extract_facts
from citecheck.model import (
    CHECKABLE_KINDS,
    Attribution,
    Citation,
    Document,
    Fact,
    Hedge,
    Statement,
    StatementKind,
    statement_id,
)
from citecheck.read.markers import MARKER
from citecheck.read.segment import Sentence
from citecheck.text import Span

__all__ = ["build_statements", "classify"]

_MARKERS = re.compile(rf"(?<!\s)\s*(?:{MARKER})")
_FIRST_PERSON = re.compile(
    r"(?i)\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|mine|in my (?:view|opinion)|we think|we believe|let's|let’s|let us)\b"
)
# Advice and instructions ("Monitor official announcements") tell the reader what to do; they assert nothing.
_IMPERATIVE = re.compile(
    r"^(?:Imagine|Consider|Stay tuned|Expect|Watch|Think about|Remember|Step back|Don't|Do not|Monitor|Track|Assess|"
    r"Keep an eye|Keep in mind|Look (?:for|at|out)|Make sure|Note that|Beware|Let's|Let us|Avoid|Compare|Ask yourself)"
    r"\b(?![-'’])"
)
_QUESTION = re.compile(r"""\?[)"'”’\]]*$""")
_WHOLLY_QUOTED = re.compile(r"""^["“‘'][^"”]{8,}["”’']\W*$""")


_REPEATED = 1000  # characters: sentences up to this long are remembered (the cache holds at most 4 MB of text)


def _score(plain: str) -> float:
    """The sentence's check-worthiness, computed once per distinct short sentence: it is the slow part,
    and a draft may repeat a sentence many times (boilerplate, a list of "1." items, a pasted table)."""
    return _score_cached(plain) if len(plain) <= _REPEATED else round(checkworthiness(plain), 3)


@lru_cache(maxsize=4096)
def _score_cached(plain: str) -> float:
    return round(checkworthiness(plain), 3)


def build_statements(
    doc: Document, sentences: Sequence[Sentence], citations: Sequence[Citation]
) -> tuple[Statement, ...]:
    doc_date = date.fromisoformat(doc.meta.published) if doc.meta.published else None
    roles = _role_lines(doc)
    starts = [c.span.start for c in citations]
    quotes = _Quotes(doc.text)
    found = _Found(doc_date)
    plains = [_MARKERS.sub("", s.span.slice(doc.text)) for s in sentences]
    structural = [
        doc.blocks[s.block].kind in ("heading", "references_heading", "meta") or s.block in roles for s in sentences
    ]
    # each distinct sentence once: a draft that repeats one sentence must not tokenise every repeat
    to_score = list(dict.fromkeys(plain for plain, skip in zip(plains, structural, strict=True) if not skip))
    if to_score:
        prepare(to_score)  # the whole document's sentences at once: cheaper than one by one
    statements = []
    for number, sentence in enumerate(sentences, start=1):
        text = sentence.span.slice(doc.text)
        block = doc.blocks[sentence.block]
        cited = _within(citations, starts, sentence.span)
        facts, credited, hedges = found.of(text, sentence.span.start)
        credited += roles.get(sentence.block + 1, ())
        plain = plains[number - 1]
        score = 0.0 if structural[number - 1] else _score(plain)
        kind = "meta" if sentence.block in roles else classify(plain, block.kind, facts, cited, credited, score)
        if kind in ("claim", "opinion") and quotes.inside(block.span.start, sentence.span):
            kind = "quote"
        statements.append(
            Statement(
                id=statement_id(doc.id, number),
                span=sentence.span,
                text=text,
                kind=kind,
                checkworthy=score if kind not in ("heading", "meta") else 0.0,
                block=block.kind,
                paragraph=sentence.block,
                facts=facts,
                citations=cited,
                attributions=credited,
                hedges=hedges,
            )
        )
    return tuple(statements)


class _Found:
    """The facts, credits and hedges of each sentence of one document. A draft may repeat a sentence
    thousands of times (a list of "1." items, a pasted table, boilerplate), and most such sentences hold
    none of the three: a text that yielded nothing is remembered for the rest of the document, so each
    repeat costs a set lookup instead of three scans."""

    def __init__(self, doc_date: date | None) -> None:
        self._doc_date = doc_date
        self._nothing: set[str] = set()

    def of(self, text: str, base: int) -> tuple[tuple[Fact, ...], tuple[Attribution, ...], tuple[Hedge, ...]]:
        if text in self._nothing:
            return (), (), ()
        facts = extract_facts(text, base=base, doc_date=self._doc_date)
        credited = find_attributions(text, base=base)
        hedges = find_hedges(text, base=base)
        if not (facts or credited or hedges) and len(text) <= _REPEATED:
            self._nothing.add(text)
        return facts, credited, hedges


class _Quotes:
    """Is a sentence inside a quotation: opened earlier in its paragraph, or opening one that runs on past
    it? Either way these are the quoted speaker's words, credited where the quotation closes. The quote
    marks before each sentence are counted on from the previous sentence of the same paragraph, never
    again from the paragraph's start (a paragraph of 40,000 sentences was quadratic)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._block, self._pos, self._counts = -1, 0, (0, 0, 0)

    def inside(self, block_start: int, span: Span) -> bool:
        if block_start != self._block or span.start < self._pos:
            self._block, self._pos, self._counts = block_start, block_start, (0, 0, 0)
        gap = self._text[self._pos : span.start]
        opens, closes, straight = self._counts
        self._counts = (opens + gap.count(OPEN_QUOTE), closes + gap.count(CLOSE_QUOTE), straight + gap.count('"'))
        self._pos = span.start
        return quote_open(*self._counts) or opens_inside_quote(span.slice(self._text))


def _role_lines(doc: Document) -> dict[int, tuple[Attribution, ...]]:
    """Block index of a role line ("– Tech policy analyst") -> its attribution, keyed by that index."""
    found: dict[int, tuple[Attribution, ...]] = {}
    for index, block in enumerate(doc.blocks):
        if block.kind in ("paragraph", "meta", "quote", "list_item") and len(block.span) < 120:
            attribution = role_line_attribution(block.span.slice(doc.text), base=block.span.start)
            if attribution is not None:
                found[index] = (attribution,)
    return found


def _within(citations: Sequence[Citation], starts: list[int], span: Span) -> tuple[Citation, ...]:
    """The citations inside `span`, found by bisection (citations are sorted by offset)."""
    i = bisect_left(starts, span.start)
    found = []
    while i < len(citations) and citations[i].span.start < span.end:
        if span.contains(citations[i].span):
            found.append(citations[i])
        i += 1
    return tuple(found)


def classify(
    text: str,
    block_kind: str,
    facts: Sequence[Fact] = (),
    citations: Sequence[Citation] = (),
    attributions: Sequence[Attribution] = (),
    score: float | None = None,
) -> StatementKind:
    """The statement kind of one sentence (markers already removed from `text`); `score` is its
    check-worthiness when the caller already has it."""
    stripped = text.strip()
    if block_kind in ("heading", "references_heading"):
        return "heading"
    if block_kind == "meta":
        return "meta"
    if _QUESTION.search(stripped):
        return "question"
    if is_caption(stripped) or is_fragment(stripped) or is_furniture(stripped):
        return "meta"  # a caption, a label, a verbless bullet, a table row, a bio line: nothing is asserted
    if stripped.endswith(":") and not facts:
        return "meta"  # a lead-in ("Among the concerns raised:") announces what follows
    if block_kind == "quote" or _WHOLLY_QUOTED.match(stripped) or _credited_to_role(attributions):
        return "quote"
    if _FIRST_PERSON.search(stripped) or _IMPERATIVE.match(stripped):
        return "opinion"
    if citations or attributions:
        return "claim"
    if any(f.kind in CHECKABLE_KINDS or len(f.entities) >= 3 for f in facts):
        return "claim"  # a number, a date, or a list of named actors: something another source can check
    return "claim" if (checkworthiness(stripped) if score is None else score) >= THRESHOLD else "opinion"


def _credited_to_role(attributions: Sequence[Attribution]) -> bool:
    return any(a.kind == "unnamed_expert" and a.cue.startswith(("–", "—", "-")) for a in attributions)
