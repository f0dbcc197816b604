"""Every analysed document gets its own id, whichever way it came in: statement ids (`doc#n`) must
never collide, or one draft's findings would be filed under another's."""

from __future__ import annotations

from citecheck.pipeline import analyze_texts

DRAFT = "Rents rose 12% in 2025, the ministry said.\n"


def test_drafts_with_one_stem_get_distinct_ids() -> None:
    report = analyze_texts({"a.md": DRAFT, "a.txt": DRAFT}, against={"a.html": DRAFT})
    ids = [a.document.id for a in report.articles] + [e.document.id for e in report.evidence]
    assert len(set(ids)) == 3, ids
    statement_ids = [s.id for a in report.articles for s in a.statements]
    assert len(set(statement_ids)) == len(statement_ids)


def test_distinct_stems_keep_their_names() -> None:
    report = analyze_texts({"one.md": DRAFT, "two.md": DRAFT})
    assert [a.document.id for a in report.articles] == ["one", "two"]
