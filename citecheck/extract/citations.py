"""Reference lists and citation markers: parse the entries, find every marker, resolve each to its
entry. Numbered (`[[5]]`, `[5]`, `[5, 7]`, `[5-7]`), footnote (`[^note]`), HTML note links
(`<sup><a href="#cite_note-5">`), hyperlinks of every Markdown kind, and author-year `(Smith, 2020)`.
Markers inside code and HTML comments are ignored.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterator
from typing import Literal
from urllib.parse import urlsplit

from attrs import frozen

from citecheck.model import Block, Citation, CitationKind, Document, Link, Reference
from citecheck.read.isodate import MONTHS, find_date
from citecheck.text import Span

__all__ = ["References", "parse_references", "find_citations"]

_ENTRY_KEY = re.compile(
    r"""^\s*(?:[-*•]\s*)?(?:\[\[(?P<k1>[^\[\]]{1,20})\]\]|\[\^(?P<k2>[^\]]{1,40})\]:?|\[(?P<k3>[^\[\]]{1,20})\]:?|(?P<k4>\d{1,4})[.)]\s|\^\s*)\s*"""
)
_QUOTED = re.compile(
    r"""[“"‘](?P<title>[^“”"]{3,}?)[.,]?[”"’](?=[\s.,;:]|$)|(?<!\w)'(?P<title2>[^']{3,}?)[.,]?'(?=[\s.,;]|$)"""
)
_URL_CHAR = r"""[^\s<>"'”()\[\]\x00-\x1f\x7f-\x9f]"""
# an IPv6 literal host ("http://[2606:4700::1111]/page"), then path characters with balanced
# parentheses (Wikipedia titles); the alternatives start with different characters, so it is linear
_URL = re.compile(
    rf"""https?://(?:\[[0-9A-Fa-f:.]+(?:%[\w.~-]+)?\](?::\d+)?(?:{_URL_CHAR}|\({_URL_CHAR}*\))*"""
    rf"""|(?:{_URL_CHAR}|\({_URL_CHAR}*\))+)"""
)
_LINK_DEFINITION = re.compile(r"^[ ]{0,3}\[(?!\^)([^\]\n]+)\]:[ \t]*<?(\S+?)>?(?:[ \t]+[\"'(](.*)[\"')])?[ \t]*$", re.M)
_NUMBERED = re.compile(
    r"\[\[(?P<dbl>\d{1,4}(?:\s*[,–-]\s*\d{1,4})*)\]\]|(?<![\[\w])\[(?P<sgl>\d{1,4}(?:\s*[,–-]\s*\d{1,4})*)\](?![\](:])"
)
_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")  # a bracketed year with no entry of that number is no marker
_FOOTNOTE = re.compile(r"\[\^(?P<key>[^\]\s]{1,40})\](?!:)")
_AUTHOR_YEAR = re.compile(
    r"\((?P<author>[A-Z][A-Za-z'’-]+(?: (?:and|&) [A-Z][A-Za-z'’-]+| et al\.)?),? (?P<year>(?:1[89]|20)\d{2}[a-z]?)\)"
)


@frozen
class References:
    entries: tuple[Reference, ...]  # first definition of each key, in document order
    duplicates: tuple[Reference, ...]  # later entries whose key was already taken


def parse_references(doc: Document) -> References:
    entries: list[Reference] = []
    number = 0
    for block in doc.blocks:
        if block.kind == "reference":
            number += 1
            entries.append(_entry(doc, block, number))
    entries += _link_definitions(doc)
    return _deduplicate(entries)


def _deduplicate(entries: list[Reference]) -> References:
    seen: dict[str, Reference] = {}
    dupes = []
    for entry in entries:
        key = _fold(entry.key)
        if key in seen:
            dupes.append(entry)
        else:
            seen[key] = entry
    return References(tuple(seen.values()), tuple(dupes))


def _entry(doc: Document, block: Block, number: int) -> Reference:
    raw = block.span.slice(doc.text)
    match = _ENTRY_KEY.match(raw)
    key = next((g for g in match.groups() if g), None) if match else None
    body = raw[match.end() :] if match else raw.lstrip("-*• ")
    origin: Literal["footnote", "list"] = "footnote" if match and match.group("k2") else "list"
    anchor = _anchor_at(doc, block.span)
    return Reference(
        key=(key or str(number)).strip(),
        text=raw.strip(),
        span=block.span,
        origin=origin,
        anchor=anchor,
        url=_first_url(body, doc, block.span),
        **_describe(body),
    )


def _anchor_at(doc: Document, span: Span) -> str | None:
    return next((a.name for a in doc.anchors if span.start <= a.offset < span.end), None)


def _first_url(body: str, doc: Document, span: Span) -> str | None:
    for link in doc.links:
        if span.contains(link.span) and link.url.lower().startswith(("http://", "https://", "//")):
            return link.url.rstrip("\\")  # a Markdown hard break ("url\\") is not part of the URL
    found = _URL.search(body)
    return found.group().rstrip(".,;:\\") if found else None


def _describe(body: str) -> dict[str, str | None]:
    """publisher, title, date of an entry such as `Reuters. "Title." January 28, 2026.`"""
    quoted = _QUOTED.search(body)
    date = find_date(body)
    publisher: str | None
    title: str | None
    if quoted:
        title = (quoted.group("title") or quoted.group("title2")).strip()
        publisher = _clean(body[: quoted.start()])
    else:
        parts = [p.strip() for p in re.split(r"(?<=[a-z0-9)])\.\s+", _URL.sub("", body)) if p.strip()]
        publisher = _clean(parts[0]) if len(parts) > 1 else None
        title = _clean(parts[1]) if len(parts) > 1 else (_clean(parts[0]) if parts else None)
        if title and date and date[1].group() in title:
            title = _clean(title.replace(date[1].group(), "")) or None
    return {"publisher": publisher or None, "title": title or None, "date": date[0] if date else None}


def _clean(text: str) -> str:
    text = re.sub(r"\((?:19|20)\d{2}\)", "", text)
    return text.strip(" \t.,;:–—-") or ""


def _link_definitions(doc: Document) -> list[Reference]:
    found = []
    for m in _LINK_DEFINITION.finditer(doc.text) if doc.format == "markdown" else ():
        if _ignored(doc, m.start()):
            continue
        span = Span(m.start(), m.end())
        found.append(
            Reference(
                key=m.group(1).strip(),
                text=m.group().strip(),
                span=span,
                url=m.group(2),
                title=m.group(3),
                origin="definition",
            )
        )
    return found


def _fold(key: str) -> str:
    return " ".join(key.split()).casefold()


def _ignored(doc: Document, offset: int) -> bool:
    return any(s.start <= offset < s.end for s in doc.ignored)


# --- markers -----------------------------------------------------------------------------------


def find_citations(doc: Document, refs: References) -> tuple[Citation, ...]:
    """Every marker and citing link outside reference entries, code and comments, in order.

    HTML note links inside reference entries are kept: a note that cites a source is a citation.
    """
    entries = _Spans([b.span for b in doc.blocks if b.kind == "reference"])
    verbatim = _Spans([b.span for b in doc.blocks if b.kind == "code"] + list(doc.ignored))
    by_key = {_fold(r.key): r for r in refs.entries}
    found = [
        c
        for c in _all_markers(doc, refs, by_key)
        if not verbatim.covers(c.span) and ((c.url and c.url.startswith("#")) or not entries.covers(c.span))
    ]
    return tuple(sorted(found, key=lambda c: (c.span.start, c.key)))


class _Spans:
    """Sorted, non-nested spans with a bisect lookup: is a marker inside one of them?"""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = sorted(spans)
        self.starts = [s.start for s in self.spans]

    def covers(self, span: Span) -> bool:
        i = bisect_right(self.starts, span.start) - 1
        return any(self.spans[j].contains(span) for j in range(max(0, i - 2), i + 1))


def _all_markers(doc: Document, refs: References, by_key: dict[str, Reference]) -> Iterator[Citation]:
    note_links = {lk.span: lk for lk in doc.links if lk.url.startswith("#") and _NOTE_LABEL.fullmatch(lk.text or "")}
    yield from _note_citations(doc, refs, note_links)
    for match in _NUMBERED.finditer(doc.text):
        span = Span(match.start(), match.end())
        if span in note_links:
            continue  # an HTML note marker: resolved through its link above
        keys = _expand(match.group("dbl") or match.group("sgl"))
        if len(keys) == 1 and keys[0] not in by_key and _YEAR.fullmatch(keys[0]):
            continue  # "(2001) [1994]": an original edition's year in brackets, not a note
        marker = sys.intern(match.group())  # "[1]" in every document: one string, not one per marker
        for key in map(sys.intern, keys):
            target = by_key.get(key)
            if target is not None and target.origin == "definition":
                yield Citation(marker, key, span, "link", target.key, target.url)
            else:
                yield Citation(marker, key, span, "numbered", target.key if target else None)
    for match in _FOOTNOTE.finditer(doc.text):
        target = by_key.get(_fold(match.group("key")))
        yield Citation(
            match.group(),
            match.group("key"),
            Span(match.start(), match.end()),
            "footnote",
            target.key if target else None,
        )
    yield from _link_citations(doc, refs)
    yield from _author_year(doc, refs)


_NOTE_LABEL = re.compile(r"\[[^\[\]]{1,24}\]")


def _note_citations(doc: Document, refs: References, note_links: dict[Span, Link]) -> Iterator[Citation]:
    """HTML note markers (`<sup><a href="#cite_note-5">[5]</a></sup>`, also `[a]`, `[note 1]`): the link's
    fragment names the element of the note list they point at."""
    for span, link in note_links.items():
        target = _resolve_note(doc, refs, link)
        label = link.text.strip("[]")
        kind: CitationKind = "numbered" if label.isdigit() else "footnote"
        yield Citation(link.text, label, span, kind, target.key if target else None, link.url)


def _expand(spec: str) -> list[str]:
    keys: list[str] = []
    for part in re.split(r"\s*,\s*", spec):
        bounds = re.split(r"\s*[–-]\s*", part)
        if len(bounds) == 2 and int(bounds[0]) < int(bounds[1]) <= int(bounds[0]) + 50:
            keys += [str(n) for n in range(int(bounds[0]), int(bounds[1]) + 1)]
        else:
            keys.append(bounds[0])
    return keys


def _resolve_note(doc: Document, refs: References, link: Link) -> Reference | None:
    name = link.url[1:]
    anchor = next((a for a in doc.anchors if a.name == name), None)
    if anchor is None:
        return None
    return next((r for r in refs.entries if r.span.start <= anchor.offset < r.span.end), None)


def _link_citations(doc: Document, refs: References) -> Iterator[Citation]:
    by_url = {r.url: r for r in refs.entries if r.url}
    for link in doc.links:
        if link.url.startswith("#") or not _is_external(link.url):
            continue
        target = by_url.get(link.url)
        key = target.key if target else link.url
        yield Citation(link.span.slice(doc.text), key, link.span, "link", key, link.url)


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return (parts.scheme in ("http", "https") and bool(parts.netloc)) or url.startswith("//")


_SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter"})


def _is_date(match: re.Match[str]) -> bool:
    """ "(February 2018)", "(Spring 2020)": a date in brackets, not an author; "(May, 2019)" keeps
    the comma of author-year style and stays a citation."""
    word = match.group("author").lower()
    return (word in MONTHS or word in _SEASONS) and "," not in match.group()


def _author_year(doc: Document, refs: References) -> Iterator[Citation]:
    for match in _AUTHOR_YEAR.finditer(doc.text):
        if _is_date(match):
            continue
        author, year = match.group("author").split()[0], match.group("year")
        target = next((r for r in refs.entries if r.text.lstrip("-*• ").startswith(author) and year in r.text), None)
        yield Citation(
            match.group(),
            f"{author} {year}",
            Span(match.start(), match.end()),
            "author_year",
            target.key if target else None,
        )
