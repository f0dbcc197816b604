"""Quick fixes without an editor: each fix is applied to the draft and the draft analysed again; the
finding it answers must be gone (and a suppression must not be reported as matching nothing)."""

from __future__ import annotations

import re

import pytest

from citecheck.lsp.fixes import STUB, fixes_for
from citecheck.pipeline import analyze_texts

ENTRY = 'Reuters. "China approves chip imports." January 28, 2026. https://www.reuters.com/x'


def analyse(text: str, fmt: str) -> tuple:
    report = analyze_texts({"draft": text}, fmt=fmt)
    return report.articles[0], report.findings


def fixed(text: str, fmt: str, code: str, pick: int = 0) -> tuple[str, tuple]:
    """The draft after the `pick`-th fix for its first `code` finding, and its findings then."""
    article, findings = analyse(text, fmt)
    finding = next(f for f in findings if f.code == code)
    fix = fixes_for(article, finding)[pick]
    text = text[: fix.offset] + fix.text + text[fix.offset :]
    return text, analyse(text, fmt)[1]


@pytest.mark.parametrize(
    ("fmt", "draft", "stub"),
    [
        ("markdown", f"Exports rose 5% [1] and 7% [2].\n\n## Sources\n\n- [1] {ENTRY}\n", f"- [2] {STUB}"),
        ("markdown", f"Exports rose 5% [1] and 7% [2].\n\n## Sources\n\n1. {ENTRY}\n", f"2. {STUB}"),
        ("markdown", f"Exports rose 5% [^a] and 7% [^b].\n\n[^a]: {ENTRY}\n", f"[^b]: {STUB}"),
        ("markdown", "Exports rose 5% (Smith, 2020).\n", f"## Sources\n\n- Smith (2020). {STUB}"),
        ("markdown", "Exports rose 5% [[4]].", f"## Sources\n\n- [4] {STUB}"),
        ("text", "Exports rose 5% [3].\n", f"Sources\n\n[3] {STUB}"),
        (
            "text",
            f"Exports rose 5% [1] and 7% [2].\r\n\r\nSources\r\n\r\n[1] {ENTRY}\r\n",
            f"{ENTRY}\r\n\r\n[2] {STUB}\r\n",
        ),
    ],
)
def test_a_reference_stub_ends_the_dangling_citation(fmt, draft, stub):
    text, findings = fixed(draft, fmt, "CC101")
    assert stub in text
    assert not [f for f in findings if f.code == "CC101"]
    if "\r\n" in draft:  # the fix writes the draft's own line endings
        assert text.count("\n") == text.count("\r\n")
    else:
        assert "\r" not in text


@pytest.mark.parametrize(
    ("fmt", "draft", "line"),
    [
        ("markdown", "# T\n\nGrowth was 7% in 2025.\n", "<!-- citecheck: ignore[CC201] reason -->\nGrowth"),
        (
            "markdown",
            "# T\n\n- item one\n  - Growth was 7% in 2025.\n",
            "  <!-- citecheck: ignore[CC201] reason -->\n  - Growth",
        ),
        (
            "text",
            "Title\n\nGrowth was 7% in 2025.\nExports fell 3% in 2024.\n",
            "citecheck: ignore[CC201] reason\nGrowth",
        ),
    ],
)
def test_a_suppression_comment_silences_that_finding_only(fmt, draft, line):
    before = [f for f in analyse(draft, fmt)[1] if f.code == "CC201"]
    text, findings = fixed(draft, fmt, "CC201", pick=-1)
    assert line in text
    after = [f for f in findings if f.code == "CC201"]
    assert len(after) == len(before) - 1
    assert not [f for f in findings if f.code.startswith("CC9")]


def test_html_drafts_get_a_suppression_only_from_their_source_and_suppression_findings_none():
    source = "<p>Growth was 7% in 2025.</p>"
    article, findings = analyse(source, "html")
    assert [f.code for f in findings] == ["CC201"] and fixes_for(article, findings[0]) == ()
    (fix,) = fixes_for(article, findings[0], source)  # a suppression only: CC201 is no dangling marker
    assert (fix.offset, fix.text) == (0, "<!-- citecheck: ignore[CC201] reason -->\n")
    text = "<!-- citecheck: ignore[CC201] -->\nThe sky is blue.\n"
    article, findings = analyse(text, "markdown")
    assert {f.code for f in findings} == {"CC901"}
    assert fixes_for(article, findings[0]) == ()


# ---- reference stubs in HTML: the fix needs the page's source, and writes a list entry -----------------


def page(body: str) -> str:
    return f"<!doctype html>\n<html><head><title>T</title></head>\n<body><article>\n{body}\n</article></body></html>\n"


def fixed_html(html: str) -> tuple[str, tuple]:
    """The page after the reference stub for its first CC101 finding, and the page's findings then."""
    article, findings = analyse(html, "html")
    finding = next(f for f in findings if f.code == "CC101")
    fix = next(f for f in fixes_for(article, finding, html) if f.title.startswith("Add a reference"))
    assert html.rfind("<", 0, fix.offset) <= html.rfind(">", 0, fix.offset)  # never inside a tag
    assert sorted(re.findall(r"<(\w+)", fix.text)) == sorted(re.findall(r"</(\w+)", fix.text))  # every tag closed
    text = html[: fix.offset] + fix.text + html[fix.offset :]
    return text, analyse(text, "html")[1]


OL = f"<p>Exports rose 5% [1] and 7% [2].</p>\n<h2>References</h2>\n<ol>\n  <li>{ENTRY}</li>\n</ol>"
HTML_STUBS = [
    # an <ol> without written keys: the entry's place (2nd) is its key, so the stub writes none
    (page(OL), f"  <li>{ENTRY}</li>\n  <li>{STUB}</li>\n</ol>"),
    (page(OL).replace("\n", "\r\n"), f"  <li>{ENTRY}</li>\r\n  <li>{STUB}</li>\r\n</ol>"),
    # the marker is not the next place: the key is written out
    (page(OL.replace("[2]", "[5]")), f"  <li>[5] {STUB}</li>\n</ol>"),
    # a list that writes its keys, all on one line: the stub writes its key too, on a line of its own
    (
        page(f"<p>Exports rose 5% [1] and [4].</p><h2>Sources</h2><ul><li>[1] {ENTRY}</li></ul>"),
        f"</li>\n<li>[4] {STUB}</li>\n</ul>",
    ),
    # a note link resolves through its fragment: the stub carries the id
    (
        page(
            '<p>Exports rose 5%<sup><a href="#fn1">[1]</a></sup> and 7%<sup><a href="#fn2">[2]</a></sup>.</p>'
            f'\n<h2>Notes</h2>\n<ol>\n  <li id="fn1">{ENTRY}</li>\n</ol>'
        ),
        f'  <li id="fn2">{STUB}</li>\n</ol>',
    ),
    # no reference list: a References section at the end of the content, before </article>
    (page("<p>Exports rose 5% [3].</p>"), f"<h2>References</h2>\n<ul>\n  <li>[3] {STUB}</li>\n</ul>\n</article>"),
    (
        page("  <p>Exports rose 5% [3].</p>").replace("\n", "\r\n"),
        f"  <h2>References</h2>\r\n  <ul>\r\n    <li>[3] {STUB}</li>\r\n  </ul>\r\n</article>",
    ),
    # no container closes the last words (no </body>): the section goes at the end of the file
    ("<p>Exports rose 5% (Smith, 2020).", f"<h2>References</h2>\n<ul>\n  <li>Smith (2020). {STUB}</li>\n</ul>\n"),
]


@pytest.mark.parametrize(("html", "stub"), HTML_STUBS)
def test_an_html_reference_stub_ends_the_dangling_citation(html, stub):
    text, findings = fixed_html(html)
    assert stub in text
    assert not [f for f in findings if f.code == "CC101"]
    assert not [f for f in findings if f.code == "CC103"]  # a target, not a second entry with a taken key
    if "\r\n" in html:
        assert text.count("\n") == text.count("\r\n")
    else:
        assert "\r" not in text


def test_no_html_stub_where_the_note_fragment_names_another_element():
    html = page('<p id="fn2">Exports rose 5%<sup><a href="#fn2">[2]</a></sup>.</p>')
    article, findings = analyse(html, "html")
    finding = next(f for f in findings if f.code == "CC101")
    assert [f.title for f in fixes_for(article, finding, html)] == ["Suppress CC101 here (citecheck: ignore)"]
