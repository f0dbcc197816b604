"""Markers, reference entries, and resolving one to the other."""

from __future__ import annotations

import pytest

from citecheck.extract.citations import find_citations, parse_references
from citecheck.model import Anchor, Block, Document, Link
from citecheck.read.files import read_text
from citecheck.text import Locator, Span


def analyse(text: str, fmt: str = "markdown"):
    doc = read_text(text, doc_id="d", source="d.md", fmt=fmt)
    refs = parse_references(doc)
    return doc, refs, find_citations(doc, refs)


def test_seed_style_entry_is_parsed_into_parts():
    text = (
        "China approved the chips [[5]].\nSources\n"
        "- [[5]] Reuters. “Exclusive: China gives green light to importing chips.” January 28, 2026.\n"
    )
    _, refs, cites = analyse(text, "text")
    (ref,) = refs.entries
    assert (ref.key, ref.publisher, ref.title, ref.date, ref.url) == (
        "5",
        "Reuters",
        "Exclusive: China gives green light to importing chips",
        "2026-01-28",
        None,
    )
    assert [(c.marker, c.reference, c.kind) for c in cites] == [("[[5]]", "5", "numbered")]


@pytest.mark.parametrize(
    ("marker", "keys"),
    [
        ("[5]", ["5"]),
        ("[[12]]", ["12"]),
        ("[5, 7]", ["5", "7"]),
        ("[5-7]", ["5", "6", "7"]),
        ("[2–3]", ["2", "3"]),
    ],
)
def test_numbered_marker_forms(marker, keys):
    entries = "".join(f'- [{n}] Pub. "T{n}." May 1, 2024. https://e.com/{n}\n' for n in range(1, 13))
    _, _, cites = analyse(f"Sales rose {marker}.\n\n## References\n\n{entries}")
    assert [c.key for c in cites] == keys
    assert all(c.reference == c.key for c in cites)


def test_dangling_unused_and_duplicate():
    """Reliability B2, B3."""
    text = (
        'Sales rose [1] and fell [9].\n\n## References\n\n- [1] A. "One." May 1, 2024.\n'
        '- [2] B. "Two." May 2, 2024.\n- [1] C. "Again." May 3, 2024.\n'
    )
    _, refs, cites = analyse(text)
    assert [(c.key, c.reference) for c in cites] == [("1", "1"), ("9", None)]
    assert [r.key for r in refs.entries] == ["1", "2"]
    assert [r.publisher for r in refs.duplicates] == ["C"]
    assert refs.entries[0].publisher == "A"  # the first definition wins


def test_markers_in_code_and_comments_are_ignored():
    """Reliability B4."""
    text = (
        "Real [1]. Code `see [2]` here. <!-- [3] -->\n\n```\nquote [4]\n```\n\n"
        '## Sources\n\n- [1] A. "T." May 1, 2024.\n'
    )
    _, _, cites = analyse(text)
    assert [c.key for c in cites] == ["1"]


def test_footnotes_and_link_kinds():
    text = (
        "Turnout rose[^t] and [the report](https://a.example/r) said so, per [the FT][ft], <https://b.example/x>,"
        ' and https://c.example/y. Missing[^nope].\n\n[^t]: Agency. "Turnout." March 2, 2025. https://t.example\n\n'
        '[ft]: https://ft.example/story "FT story"\n[unused]: https://u.example\n'
    )
    _, refs, cites = analyse(text)
    got = [(c.kind, c.key, c.reference) for c in cites]
    assert ("footnote", "t", "t") in got
    assert ("footnote", "nope", None) in got
    assert ("link", "https://a.example/r", "https://a.example/r") in got
    assert ("link", "ft", "ft") in got
    assert ("link", "https://b.example/x", "https://b.example/x") in got
    assert ("link", "https://c.example/y", "https://c.example/y") in got
    assert {r.key for r in refs.entries} >= {"t", "ft", "unused"}


def test_author_year():
    text = (
        "Growth slowed (Okafor, 2021) and then (Moreau et al., 2024), not (Nakamura, 2018).\n\n"
        "## Bibliography\n\n- Okafor, N. (2021). Transit budgets. Urban Press.\n"
        "- Moreau, L., Diaz, P. and Chen, W. (2024). Bus fleets. Transit Journal.\n"
    )
    _, _, cites = analyse(text)
    assert [(c.key, c.reference is not None) for c in cites] == [
        ("Okafor 2021", True),
        ("Moreau 2024", True),
        ("Nakamura 2018", False),
    ]


@pytest.mark.parametrize(
    ("sentence", "markers"),
    [
        ("The section needs sources (February 2018).", []),  # a date stamp, not an author
        ("Sales peaked (Spring 2020) and fell.", []),
        ("Growth slowed (May, 2019).", ["(May, 2019)"]),  # author-year style keeps its comma
        ("Hazewinkel, ed. (2001) [1994], Encyclopedia.", []),  # the first edition's year, no entry 1994
        ("Rents rose [2].", ["[2]"]),
        ("Rents rose [2019].", ["[2019]"]),  # a year-like key that the list does hold is a marker
    ],
)
def test_dates_and_years_in_brackets_are_not_markers(sentence: str, markers: list[str]) -> None:
    entries = "".join(f"[{k}] Wire {k}. https://w.example/{k}\n" for k in ("1", "2", "2019"))
    _, _, cites = analyse(f"{sentence}\n\n## References\n\n{entries}")
    assert [c.marker for c in cites if not c.url] == markers


def test_html_note_markers_resolve_through_anchors():
    text = "Sales rose [1] and again [1].\n\nPublisher. Title. 2024."
    doc = Document(
        id="h",
        source="h.html",
        format="html",
        text=text,
        locator=Locator.identity(text),
        blocks=(Block("paragraph", Span(0, 29)), Block("reference", Span(31, len(text)))),
        links=(
            Link(Span(11, 14), "#cite_note-a", "[1]", "html"),
            Link(Span(25, 28), "#cite_note-a", "[1]", "html"),
        ),
        anchors=(Anchor("cite_note-a", 31),),
    )
    refs = parse_references(doc)
    cites = find_citations(doc, refs)
    assert [(c.marker, c.reference) for c in cites] == [("[1]", "1"), ("[1]", "1")]
    assert refs.entries[0].anchor == "cite_note-a"
