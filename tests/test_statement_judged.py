"""`Statement.judged` is `attrs.evolve(s, corroboration=c)` spelled out for speed: it must stay exactly that."""

from __future__ import annotations

from attrs import evolve, fields

from citecheck.model import Corroboration, Statement
from citecheck.pipeline import analyze_texts


def test_judged_names_every_field_in_order():
    # a field added to Statement must be added to `judged` too; this list fails until it is
    assert [f.name for f in fields(Statement)] == [
        "id", "span", "text", "kind", "checkworthy", "block", "paragraph",
        "facts", "citations", "attributions", "hedges", "corroboration",
    ]  # fmt: skip


def test_judged_equals_evolve_on_real_statements():
    report = analyze_texts(
        {"a.md": 'Exports rose 12% in 2025 [1], "officials" said, perhaps.\n\n[1] Wire. https://w.example/x\n'}
    )
    c = Corroboration("single_source", 0.4, "one origin")
    for s in report.articles[0].statements:
        assert s.judged(c) == evolve(s, corroboration=c)
        assert s.judged(c) is not s and s.judged(c).corroboration is c
