"""On the Wikipedia pages of the readability set, every citation superscript resolves to its note:
the number of resolved citations equals the number of `sup.reference` markers that link to a note."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import needs_shared

from citecheck.pipeline import analyze_document
from citecheck.read.files import InputSpec, ReadOptions, read_input


@pytest.mark.parametrize("page", ["wikipedia", "wikipedia-2", "wikipedia-3", "wikipedia-4"])
def test_every_reference_marker_resolves(page):
    source = needs_shared("eval-data", "readability-pages", page, "source.html")
    soup = BeautifulSoup(source.read_text(encoding="utf-8"), "html.parser")
    markers = [s for s in soup.select("sup.reference") if s.select_one('a[href*="#cite_note"]')]
    article = analyze_document(read_input(InputSpec(str(source)), ReadOptions(input_format="html")))
    notes = [c for c in article.citations if c.url and "#cite_note" in c.url]
    assert len(notes) == len(markers)
    assert all(c.reference is not None for c in notes), [c.marker for c in notes if c.reference is None][:5]
