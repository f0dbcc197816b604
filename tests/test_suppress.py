"""Suppression comments: scope, unused (CC901), blanket (CC902), and they never add findings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.pipeline import analyze_texts

DANGLING = "Exports rose 12 percent to $4.1 billion in 2025 [7].\n"


def codes(text: str, fmt: str = "markdown") -> list[str]:
    return sorted(f.code for f in analyze_texts({"d.md": text}, fmt=fmt).findings)


def test_ignore_covers_the_next_paragraph_only():
    text = f"<!-- citecheck: ignore[CC101] figure from our survey -->\n{DANGLING}\n{DANGLING}"
    assert codes(text).count("CC101") == 1


def test_disable_enable_region_and_prefixes():
    text = f"<!-- citecheck: disable[CC1] -->\n{DANGLING}\n{DANGLING}\n<!-- citecheck: enable[CC1] -->\n\n{DANGLING}"
    assert codes(text).count("CC101") == 1


def test_file_ignore_by_rule_name():
    text = f"<!-- citecheck: file-ignore[dangling-citation] -->\n\n{DANGLING}\n{DANGLING}"
    assert "CC101" not in codes(text)


def test_plain_text_directive_on_its_own_line_is_not_a_statement():
    text = f"citecheck: ignore[CC101] checked by the desk\n{DANGLING}"
    report = analyze_texts({"d.txt": text}, fmt="text")
    assert "CC101" not in [f.code for f in report.findings]
    assert all("citecheck:" not in s.text for s in report.articles[0].statements)


def test_unused_and_blanket_are_reported():
    assert "CC901" in codes("<!-- citecheck: ignore[CC303] -->\nA plain sentence about nothing much.\n")
    found = codes(f"<!-- citecheck: ignore -->\n{DANGLING}")
    assert "CC902" in found and "CC101" not in found


def test_directives_inside_code_blocks_do_nothing():
    text = f"```\n<!-- citecheck: file-ignore[CC101] -->\n```\n\n{DANGLING}"
    assert "CC101" in codes(text)


SENTENCES = st.sampled_from(
    [
        DANGLING,
        "Sales fell 3 percent [2].\n",
        "Analysts say it will rise 9 percent.\n",
        "The order reportedly covers 400,000 units.\n",
        "I think it is fine.\n",
    ]
)
DIRECTIVES = st.sampled_from(
    [
        "<!-- citecheck: ignore[CC101] -->\n",
        "<!-- citecheck: ignore -->\n",
        "<!-- citecheck: disable[CC2] -->\n",
        "<!-- citecheck: enable[CC2] -->\n",
        "<!-- citecheck: file-ignore[CC205] -->\n",
        "<!-- citecheck: ignore[CC9] -->\n",
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.booleans(), DIRECTIVES, SENTENCES), min_size=1, max_size=6))
def test_suppressions_never_add_findings(parts):
    plain = "\n".join(sentence for _, _, sentence in parts)
    with_comments = "\n".join((directive if use else "") + sentence for use, directive, sentence in parts)
    before = {(f.code, f.statement and f.statement.split("#")[1]) for f in analyze_texts({"d.md": plain}).findings}
    after = analyze_texts({"d.md": with_comments}).findings
    # statement numbers do not shift: directives are not statements
    kept = {(f.code, f.statement and f.statement.split("#")[1]) for f in after if not f.code.startswith("CC9")}
    assert kept <= before
