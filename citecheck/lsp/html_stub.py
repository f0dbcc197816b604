"""Where and how a reference stub goes into an HTML draft: the markup the quick fix inserts.

The HTML reader (`citecheck.read.webpage`) reads a reference entry from a `<li>` of a list under a
References/Sources/Notes heading (or of a list marked as one), and keys it by the `[n]` its text starts
with, else by its place among all the page's entries. So the stub is a `<li>` before the end tag of the
list that holds the last entry, with the marker's key written out unless the entry's place already gives
it; a note link (`<a href="#cite_note-5">`) resolves by its fragment, so its stub carries that `id`.
With no list, a References heading and a one-entry list go before the end tag of the element that holds
the page's last words (so they stay in the content the reader picks), or at the end of the file.
Every insertion point is the start of an end tag or of a line: a tag is never split.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape
from html.parser import HTMLParser

from citecheck.model import Article, Citation, Reference

__all__ = ["html_stub"]

# Elements whose end closes a region of the page's content: a new section goes just before it.
_CONTAINERS = frozenset("article main section div body html aside".split())
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_LIST_KEY = re.compile(r"\s*(?:\[(?P<bracket>[^\[\]]{1,20})\]|(?P<number>\d{1,4})[.)]\s)")


def html_stub(article: Article, citation: Citation, source: str, stub: str) -> tuple[int, str] | None:
    """(source offset, markup) of a stub entry that makes `citation` resolve, or None when none can."""
    doc = article.document
    to_source = doc.locator.offsets.to_source
    fragment = citation.url[1:] if citation.url and citation.url.startswith("#") else None
    if fragment is not None and any(a.name == fragment for a in doc.anchors):
        return None  # the fragment already names another element: an entry cannot take its place
    # the new entry comes after every other one, so this is its place, its key when it writes none
    place = str(sum(1 for b in doc.blocks if b.kind == "reference") + 1)
    taken = {_fold(r.key) for r in article.references}
    listed = [r for r in article.references if r.origin in ("list", "footnote")]
    last = max(listed, key=lambda r: r.span.end) if listed else None
    at = _list_end(source, to_source(last.span.end - 1) + 1) if last is not None else None
    if last is not None and at is not None:
        words = _words(citation, last, place, stub)
        entry = [f"{_li(fragment)}{escape(words, quote=False)}</li>"]
    else:
        words = _key_words(citation, stub)
        entry = ["<h2>References</h2>", "<ul>", f"  {_li(fragment)}{escape(words, quote=False)}</li>", "</ul>"]
        at = _section_end(source, to_source(len(doc.text.rstrip()) - 1) + 1)
    if _key_of(words, place) in taken:
        return None  # a second entry with a taken key is a duplicate, not the marker's target
    model = last.span.start if last is not None and len(entry) == 1 else doc.blocks[-1].span.start
    return _place(source, at, entry, to_source(model), _newline(source))


def _li(fragment: str | None) -> str:
    return f'<li id="{escape(fragment)}">' if fragment else "<li>"


def _words(citation: Citation, last: Reference, place: str, stub: str) -> str:
    """The entry's text: the stub alone when its place is the key the marker needs (a note link needs
    none) and the list writes no keys, else the key written like the last entry writes it."""
    if citation.kind == "author_year":
        return _key_words(citation, stub)
    written = _LIST_KEY.match(last.text)
    wanted = place if citation.url is not None and written is None else citation.key
    if written is None and wanted == place:
        return stub
    if written is not None and written.group("number") and wanted.isdigit():
        return f"{wanted}. {stub}"
    return f"[{wanted}] {stub}"


def _key_of(words: str, place: str) -> str:
    """The key the reference parser gives an entry of these words at that place, folded."""
    found = _LIST_KEY.match(words)
    return _fold((found.group("bracket") or found.group("number")) if found else place)


def _key_words(citation: Citation, stub: str) -> str:
    """The key as the reference parser reads it back: `[3] …`, or `Smith (2020). …`."""
    if citation.kind == "author_year":
        author, _, year = citation.key.rpartition(" ")
        return f"{author} ({year}). {stub}"
    return f"[{citation.key}] {stub}"


def _fold(key: str) -> str:
    """Keys compare as the reference parser compares them: case and spacing aside."""
    return " ".join(key.split()).casefold()


def _list_end(source: str, after: int) -> int | None:
    """The start of the `</ol>` or `</ul>` that closes the list holding the text at `after`."""
    for name, at in _ancestor_ends(source, after):
        if name in ("ol", "ul"):
            return at
        if name in _CONTAINERS:
            return None
    return None


def _section_end(source: str, after: int) -> int:
    """The start of the end tag of the container holding the text at `after`; else the file's end."""
    for name, at in _ancestor_ends(source, after):
        if name in _CONTAINERS:
            return at
    return len(source)


def _place(source: str, at: int, lines: list[str], model: int, newline: str) -> tuple[int, str]:
    """`lines` before offset `at`: on lines of their own, indented like the line holding `model`, when
    only blanks precede `at` on its line; else inline, with line breaks around them."""
    line_start = max(source.rfind("\n", 0, at), source.rfind("\r", 0, at)) + 1
    if source[line_start:at].strip(" \t"):
        return at, newline + newline.join(lines) + newline
    model_start = max(source.rfind("\n", 0, model), source.rfind("\r", 0, model)) + 1
    prefix = source[model_start:model]
    indent = prefix[: len(prefix) - len(prefix.lstrip(" \t"))]
    return line_start, "".join(f"{indent}{line}{newline}" for line in lines)


def _newline(text: str) -> str:
    found = re.search(r"\r\n|\r|\n", text)
    return found.group() if found else "\n"


def _ancestor_ends(source: str, after: int) -> Iterator[tuple[str, int]]:
    """End tags after `after` that close elements already open there, in order, with their offsets."""
    scanner = _EndTags(source, after)
    scanner.feed(source[after:])
    scanner.close()
    return iter(scanner.found)


class _EndTags(HTMLParser):
    """Collects end tags that close no element opened after the start: those close its ancestors."""

    def __init__(self, source: str, base: int) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        fragment = source[base:]
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", fragment)]  # html.parser counts "\n"
        self.opened: list[str] = []
        self.found: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.opened.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.opened:
            del self.opened[len(self.opened) - 1 - self.opened[::-1].index(tag) :]
            return
        line, column = self.getpos()
        self.found.append((tag, self.base + self.line_starts[line - 1] + column))
