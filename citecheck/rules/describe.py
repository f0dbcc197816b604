"""Naming other statements and origins the way a reader can follow them.

A finding often mentions something besides its own sentence: the statement that contradicts it, the
documents that repeat it, the origin it traces to. Internally those are ids ("drafts_b#16",
"article:003_7f62...", "anonymous sources (004)"); a person needs a place they can open
("drafts/b.md:16") and an outlet or person they recognise ("Reuters", "anonymous sources in 004.md").
The ids stay in the finding (`Finding.related`) for machines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from attrs import frozen

from citecheck.corroborate.naming import origin_name
from citecheck.model import Article, Document, Statement, document_of

__all__ = ["Place", "Places", "QUOTE_MAX"]

QUOTE_MAX = 70  # a statement this short is quoted whole beside its place; longer ones are named by place only


@frozen
class Place:
    """Where a statement is: the path as the user gave it, its 1-based line and column, and its words."""

    statement: str
    path: str
    line: int
    column: int
    text: str

    def name(self, quote: bool = True) -> str:
        """`drafts/b.md:16`, followed by the quoted sentence when it is short."""
        words = " ".join(self.text.split())
        if quote and words and len(words) <= QUOTE_MAX:
            return f"{self.path}:{self.line} (“{words}”)"
        return f"{self.path}:{self.line}"


class Places:
    """Statement ids and document ids of a run, resolved to places (reported and evidence documents)."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self._statements: dict[str, tuple[Statement, Document]] = {}
        self._documents: dict[str, Document] = {}
        for article in articles:
            doc = article.document
            self._documents[doc.id] = doc
            for s in article.statements:
                self._statements[s.id] = (s, doc)

    def place(self, statement: str) -> Place | None:
        found = self._statements.get(statement)
        if found is None:
            return None
        s, doc = found
        where = doc.locator.locate(s.span.start)
        return Place(statement, doc.source, where.line, where.column, s.text)

    def name(self, statement: str, quote: bool = True) -> str:
        place = self.place(statement)
        return place.name(quote) if place is not None else statement

    def names(self, statements: Sequence[str], limit: int = 3, quote: bool = True) -> str:
        """Up to `limit` statements by place, joined as prose ("a.md:3, b.md:9 and 2 more")."""
        shown = [self.name(s, quote) for s in statements[:limit]]
        rest = len(statements) - len(shown)
        if rest > 0:
            shown.append(f"{rest} more")
        return join(shown)

    def per_document(self, statements: Iterable[str], quote: bool = False, limit: int = 3) -> str:
        """The first statement of each document among `statements`, by place: one place per document."""
        return self.names(first_per_document(statements), limit, quote)

    def path_of(self, document: str) -> str:
        doc = self._documents.get(document)
        return doc.source if doc is not None else document

    def origin(self, origin: str) -> str:
        """An origin as a reader names it: an outlet, a person, a site, or a kind of source in a file."""
        return origin_name(origin, self._source)

    def _source(self, document: str) -> str | None:
        doc = self._documents.get(document)
        return doc.source if doc is not None else None

    def origins(self, origins: Iterable[str], limit: int = 4) -> str:
        named = list(dict.fromkeys(self.origin(o) for o in origins))
        shown = named[:limit]
        if len(named) > limit:
            shown.append(f"{len(named) - limit} more")
        return join(shown)


def first_per_document(statements: Iterable[str]) -> list[str]:
    """The first of `statements` in each document, in first-seen order."""
    firsts: dict[str, str] = {}
    for s in statements:
        firsts.setdefault(document_of(s), s)
    return list(firsts.values())


def join(items: Sequence[str]) -> str:
    """English list: "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
