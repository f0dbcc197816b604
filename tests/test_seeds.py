"""The real articles in ../shared/seeds, read as an editor would (skipped where ../shared is absent)."""

from __future__ import annotations

import pytest
from conftest import SHARED

from citecheck.pipeline import analyze


@pytest.fixture(scope="module")
def report():
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("../shared/seeds is not here (it sits beside the repo in CI and dev sessions)")
    return analyze([str(p) for p in seeds])


def article(report, prefix):
    return next(a for a in report.articles if a.document.id.startswith(prefix))


def statement(art, fragment):
    return next(s for s in art.statements if fragment in s.text)


def test_reference_list_of_001(report):
    art = article(report, "001")
    refs = [r for r in art.references if r.origin == "list"]
    assert [r.key for r in refs] == ["1", "5", "8", "10", "13", "19", "23"]
    assert all(r.publisher and r.title and r.date for r in refs)
    assert (refs[1].publisher, refs[1].date) == ("Reuters", "2026-01-28")
    assert refs[1].title.startswith("Exclusive: China gives green light")
    assert refs[3].date == "2026-01-16"


def test_markers_of_001_resolve_on_the_right_sentences(report):
    art = article(report, "001")
    assert art.citations and all(c.reference == c.key for c in art.citations)
    expect = {
        "5": "has approved the import of its first batch",
        "1": "finalized during a recent visit",
        "23": "141GB of HBM3e memory",
        "10": "case-by-case licensing",
    }
    for key, fragment in expect.items():
        s = statement(art, fragment)
        assert key in [c.key for c in s.citations], (key, s.text)


@pytest.mark.parametrize(
    ("prefix", "fragment", "kind", "source"),
    [
        ("000", "According to reporting by Reuters", "named", "Reuters"),
        ("000", "According to reporting by Reuters", "named", "Ars Technica"),
        ("002", "Reuters' reporting doesn't reveal", "named", "Reuters"),
        ("003", "According to those with knowledge of the discussions", "anonymous", None),
        ("003", "Balancing immediate needs with long-term independence", "unnamed_expert", None),
        ("004", "according to sources familiar with the matter", "anonymous", None),
        ("004", "Analysts see the move", "unnamed_expert", None),
    ],
)
def test_prose_attributions(report, prefix, fragment, kind, source):
    s = statement(article(report, prefix), fragment)
    assert any(a.kind == kind and (source is None or a.source == source) for a in s.attributions), s.attributions


def test_shared_figure_is_corroborated_with_its_echo_structure(report):
    s = statement(article(report, "002"), "The approval for 400,000 chips")
    c = s.corroboration
    assert c.label == "corroborated"
    assert "Reuters" in c.independent_origins
    assert len({o.split("#")[0] for o in c.supporting}) >= 2


def test_one_article_claim_is_not_corroborated(report):
    s = statement(article(report, "002"), "would be worth roughly $12 billion")
    assert s.corroboration.label in ("unsupported", "single_source")


def test_self_contradictions_are_found(report):
    found = {(f.document[:3], f.code) for f in report.findings}
    assert ("003", "CC303") in found  # "(Word count: approximately 3450)" on a ~1,300-word article
    assert ("001", "CC303") in found  # Alibaba, Tencent, ByteDance vs Baidu, Alibaba, ByteDance
