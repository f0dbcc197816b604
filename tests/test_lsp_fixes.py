"""Quick fixes without an editor: each fix is applied to the draft and the draft analysed again; the
finding it answers must be gone (and a suppression must not be reported as matching nothing)."""

from __future__ import annotations

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
    (fix,) = fixes_for(article, findings[0], source)  # no reference stub in HTML (tests/test_suppress_html.py)
    assert (fix.offset, fix.text) == (0, "<!-- citecheck: ignore[CC201] reason -->\n")
    text = "<!-- citecheck: ignore[CC201] -->\nThe sky is blue.\n"
    article, findings = analyse(text, "markdown")
    assert {f.code for f in findings} == {"CC901"}
    assert fixes_for(article, findings[0]) == ()
