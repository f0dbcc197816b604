"""The rules stage's whole-run indexes (issue 13: the stage must grow linearly with the corpus): the
sources each document cites, the rated names, and suppressions applied document by document must
answer exactly what a scan of the whole run answers."""

from __future__ import annotations

from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.model import Source
from citecheck.pipeline import analyze_texts
from citecheck.rules import RULES, RuleContext, run_rules
from citecheck.rules.cited import CitedSources
from citecheck.rules.directives import apply_suppressions

DOCS = ("a", "b", "c", "d")
SOURCES = st.lists(
    st.builds(
        Source,
        name=st.sampled_from(("Reuters", "Kestrel Motors", "a spokesman", "Harbour Wire", "sources familiar")),
        kind=st.sampled_from(("wire", "vendor", "anonymous", "unknown")),
        credibility=st.one_of(st.none(), st.floats(0, 1)),
        basis=st.just("test"),
        cited_by=st.lists(st.sampled_from(DOCS), max_size=5).map(tuple),
    ),
    max_size=12,
)


@given(SOURCES)
def test_cited_sources_match_a_scan_of_every_source(sources):
    index = CitedSources(sources)
    for doc in (*DOCS, "nowhere"):
        assert index.of(doc) == tuple(s for s in sources if doc in s.cited_by)
    assert index.rated == {s.name for s in sources if s.credibility is not None}


def test_context_narrowed_to_one_article_keeps_the_run_index():
    report = analyze_texts({"a.md": "Exports rose 12 percent in 2025, Reuters reported.\n"})
    ctx = RuleContext(report.articles, sources=report.sources)
    narrowed = evolve(ctx, articles=())
    assert narrowed.cited is ctx.cited
    assert ctx.cited.of(report.articles[0].document.id)  # Reuters, credited in prose


DANGLING = "Exports rose 12 percent to $4.1 billion in 2025 [7].\n"
BODY = st.sampled_from([DANGLING, "Sales fell 3 percent [2].\n", "The order reportedly covers 400,000 units.\n"])
DIRECTIVE = st.sampled_from(
    [
        "",
        "<!-- citecheck: ignore[CC101] -->\n",
        "<!-- citecheck: ignore -->\n",
        "<!-- citecheck: file-ignore[CC2] -->\n",
    ]
)
DRAFT = st.lists(st.tuples(DIRECTIVE, BODY), min_size=1, max_size=4).map(lambda p: "\n".join(d + s for d, s in p))


def _raw(report):
    """Every finding the rules raise, before suppressions, article by article (as the pipeline runs them)."""
    ctx = RuleContext(report.articles, sources=report.sources)
    return [f for a in report.articles for f in run_rules(RULES, RuleContext((a,), sources=ctx.sources))]


@settings(max_examples=30, deadline=None)
@given(st.lists(DRAFT, min_size=2, max_size=3))
def test_suppressions_act_on_their_own_document_only(drafts):
    report = analyze_texts({f"{i}.md": text for i, text in enumerate(drafts)})
    raw = _raw(report)
    together = apply_suppressions(report.articles, raw)
    alone = [
        f for a in report.articles for f in apply_suppressions((a,), [f for f in raw if f.document == a.document.id])
    ]
    # the same survivors, in the order the findings came, and the same notes about suppressions
    assert [f for f in together if not f.code.startswith("CC9")] == [f for f in alone if not f.code.startswith("CC9")]
    assert sorted(map(repr, together)) == sorted(map(repr, alone))


def test_a_suppression_in_one_document_leaves_the_same_finding_in_another():
    report = analyze_texts({"a.md": f"<!-- citecheck: ignore[CC101] -->\n{DANGLING}", "b.md": DANGLING})
    assert [f.path for f in report.findings if f.code == "CC101"] == ["b.md"]
