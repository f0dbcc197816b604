"""The run's sources indexed by the document that cites or credits them, built once per run.

CC401 asks, for each article, which of the run's sources it cites; CC402 asks whether any source of
the run is rated. Scanning every source of the run (and each one's `cited_by`) per article made the
rules stage grow with the square of the corpus; this index answers both in time per article that does
not depend on the corpus size.
"""

from __future__ import annotations

from collections.abc import Iterable

from citecheck.model import Source

__all__ = ["CitedSources"]


class CitedSources:
    """Each document's sources, in the run's order of sources, and the names of the rated sources."""

    def __init__(self, sources: Iterable[Source]) -> None:
        self._by_document: dict[str, list[Source]] = {}
        rated: set[str] = set()
        for source in sources:
            for document in dict.fromkeys(source.cited_by):  # a document listed twice still cites it once
                self._by_document.setdefault(document, []).append(source)
            if source.credibility is not None:
                rated.add(source.name)
        self.rated: frozenset[str] = frozenset(rated)  # with the user's overrides applied

    def of(self, document: str) -> tuple[Source, ...]:
        """The sources `document` cites or credits, in the order of the run's sources."""
        return tuple(self._by_document.get(document, ()))
