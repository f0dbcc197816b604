"""Suppression comments in HTML drafts: the reader leaves comments out of the text, keeps the
`citecheck:` ones aside at the place the text after them begins, and the same directives as in
Markdown work there; findings about a comment point at the comment's own line; the quick fix writes
one that works."""

from __future__ import annotations

import json

import pytest

from citecheck.lsp.fixes import fixes_for
from citecheck.pipeline import analyze_texts
from citecheck.read.files import read_text
from citecheck.render import render
from citecheck.rules.directives import find_suppressions

DANGLING = "Exports rose 12 percent to $4.1 billion in 2025 [7]."
OTHER = "Imports fell 3 percent to $2.2 billion in 2024 [8]."


def page(body: str, head: str = "") -> str:
    head = f"<!doctype html>\n<html><head><title>T</title>{head}</head>\n"
    return f"{head}<body><article>\n{body}\n</article></body></html>\n"


def report(html: str):
    return analyze_texts({"d.html": html}, fmt="html")


def dangling(html: str) -> list[str]:
    """The sentences that still have a CC101 finding."""
    r = report(html)
    text = r.articles[0].document.text
    return [text[f.span.start : f.span.end] for f in r.findings if f.code == "CC101"]


def test_without_comments_both_markers_are_found():
    assert dangling(page(f"<p>{DANGLING}</p>\n<p>{OTHER}</p>")) == ["[7]", "[8]"]


def test_ignore_covers_the_next_paragraph_only():
    html = page(f"<!-- citecheck: ignore[CC101] our own survey -->\n<p>{DANGLING}</p>\n<p>{OTHER}</p>")
    assert dangling(html) == ["[8]"]
    assert report(html).suppressed == 1
    html = page(f"<p>{DANGLING}</p>\n<!-- citecheck: ignore[CC101] our own survey -->\n<p>{OTHER}</p>")
    assert dangling(html) == ["[7]"]


def test_the_scope_is_the_paragraph_after_the_comment_in_text_offsets():
    html = page(f"<p>{DANGLING}</p>\n<!-- citecheck: ignore[CC101] -->\n<p>An &amp; entity, then {OTHER}</p>")
    r = report(html)
    (s,) = find_suppressions(r.articles[0])
    doc = r.articles[0].document
    assert s.scope.slice(doc.text) == f"An & entity, then {OTHER}"
    assert html[s.source.start : s.source.end] == "<!-- citecheck: ignore[CC101] -->"


def test_disable_enable_region_and_rule_names():
    body = (
        f"<p>{DANGLING}</p>\n<!-- citecheck: disable[dangling-citation] -->\n<p>{OTHER}</p>\n"
        f"<p>Sales rose 4 percent [9].</p>\n<!-- citecheck: enable[dangling-citation] -->\n<p>Costs fell [10].</p>"
    )
    assert dangling(page(body)) == ["[7]", "[10]"]


def test_a_comment_inside_a_paragraph_covers_the_next_one():
    html = page(f"<p>{DANGLING} <!-- citecheck: ignore[CC101] --></p><p>{OTHER}</p>")
    assert dangling(html) == ["[7]"]


@pytest.mark.parametrize("where", ["head", "before-article"])
def test_file_ignore_anywhere_in_the_page(where):
    comment = "<!-- citecheck: file-ignore[CC1] -->"
    body = f"<p>{DANGLING}</p>\n<p>{OTHER}</p>"
    html = page(body, head=comment) if where == "head" else page(body).replace("<article>", f"{comment}<article>")
    assert dangling(html) == []
    assert report(html).suppressed == 2


def test_visible_words_are_not_a_directive():
    """In HTML only a real comment suppresses: words on the page that read like one are article text."""
    html = page(f"<p>citecheck: file-ignore[CC101]</p>\n<p>{DANGLING}</p>")
    assert dangling(html) == ["[7]"]
    escaped = page(f"<pre>&lt;!-- citecheck: file-ignore[CC101] --&gt;</pre>\n<p>{DANGLING}</p>")
    assert dangling(escaped) == ["[7]"]


def test_unused_and_blanket_comments_point_at_their_own_line():
    html = page(f"<p>{DANGLING}</p>\n\n  <!-- citecheck: ignore[CC303] -->\n<p>A plain sentence.</p>\n")
    r = report(html)
    (unused,) = [f for f in r.findings if f.code == "CC901"]
    line = html.splitlines().index("  <!-- citecheck: ignore[CC303] -->") + 1
    assert (unused.line, unused.column) == (line, 3)
    data = json.loads(render(r, "json"))
    (found,) = [f for f in data["findings"] if f["code"] == "CC901"]
    assert (found["line"], found["column"]) == (line, 3)
    assert f"d.html:{line}:3: warning CC901" in render(r, "text")

    blanket = page(f"<!-- citecheck: ignore -->\n<p>{DANGLING}</p>")
    r = report(blanket)
    assert [f.code for f in r.findings] == ["CC902"]
    assert r.findings[0].line == blanket.splitlines().index("<!-- citecheck: ignore -->") + 1


def test_crlf_sources_locate_the_comment_too():
    html = page(f"<p>{DANGLING}</p>\n\n<!-- citecheck: ignore[CC303] -->\n<p>A plain sentence.</p>").replace(
        "\n", "\r\n"
    )
    (unused,) = [f for f in report(html).findings if f.code == "CC901"]
    assert unused.line == html.split("\r\n").index("<!-- citecheck: ignore[CC303] -->") + 1
    assert unused.column == 1
    assert dangling(html.replace("ignore[CC303]", "ignore[CC101]")) == ["[7]"]


def test_comments_are_recorded_with_text_and_source_places():
    html = page("<p>One.</p><!-- citecheck: disable[CC1] --><p>Two &amp; three.</p>")
    doc = read_text(html, doc_id="d", source="d.html", fmt="html")
    (comment,) = doc.comments
    assert comment.words == " citecheck: disable[CC1] "
    assert doc.text[comment.offset :].startswith("Two & three.")
    assert html[comment.source.start : comment.source.end] == "<!-- citecheck: disable[CC1] -->"
    assert read_text(page("<!-- an ordinary comment --><p>One.</p>"), doc_id="d", source="d", fmt="html").comments == ()


# ---- the quick fix -----------------------------------------------------------------------------------


def apply_fix(html: str, code: str, index: int = 0) -> str:
    r = report(html)
    finding = [f for f in r.findings if f.code == code][index]
    fix = next(f for f in fixes_for(r.articles[0], finding, html) if "Suppress" in f.title)
    return html[: fix.offset] + fix.text + html[fix.offset :]


@pytest.mark.parametrize(
    ("body", "inserted"),
    [
        # the paragraph starts its own line: the comment goes on a line above it, indented like it
        (
            f"  <p>{DANGLING}</p>\n  <p>{OTHER}</p>",
            f"  <p>{DANGLING}</p>\n  <!-- citecheck: ignore[CC101] reason -->\n  <p>{OTHER}</p>",
        ),
        # both paragraphs on one line: the comment goes just before the second one's words
        (f"<p>{DANGLING}</p><p>{OTHER}</p>", f"<p>{DANGLING}</p><p><!-- citecheck: ignore[CC101] reason -->{OTHER}"),
        # the line starts inside a tag written over two lines: never split the tag
        (
            f'<p>{DANGLING}</p>\n<p class="x"\n   id="y">{OTHER}</p>',
            f'<p class="x"\n   id="y"><!-- citecheck: ignore[CC101] reason -->{OTHER}',
        ),
    ],
)
def test_the_suppression_fix_silences_that_finding_only(body, inserted):
    html = page(body)
    fixed = apply_fix(html, "CC101", index=1)
    assert inserted in fixed
    r = report(fixed)
    assert dangling(fixed) == ["[7]"]
    assert r.suppressed == 1
    assert not [f for f in r.findings if f.code.startswith("CC9")]


def test_no_html_fix_without_the_source():
    r = report(page(f"<p>{DANGLING}</p>"))
    assert fixes_for(r.articles[0], r.findings[0]) == ()
