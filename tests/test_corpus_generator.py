"""The scale benchmark's corpus generator (benchmarks/corpus.py, issue 13): deterministic, about 65
statements an article, stories whose figures vary from article to article, and numbered citations
that resolve to the reference list."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from citecheck.pipeline import analyze_texts

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
assert _spec is not None and _spec.loader is not None
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


def test_same_seed_same_corpus_other_seed_other_corpus():
    assert corpus.corpus(12, seed=3) == corpus.corpus(12, seed=3)
    assert corpus.corpus(12, seed=3) != corpus.corpus(12, seed=4)
    assert len(corpus.corpus(37)) == 37


def test_write_corpus_writes_n_files(tmp_path):
    paths = corpus.write_corpus(tmp_path / "c", 9, seed=1)
    assert len(paths) == 9 == len(list((tmp_path / "c").iterdir()))
    assert paths[0].read_text(encoding="utf-8") == corpus.corpus(9, seed=1)[paths[0].name]


def test_articles_look_like_coverage():
    texts = corpus.corpus(10, seed=0)
    report = analyze_texts(texts)
    per_article = [len(a.statements) for a in report.articles]
    assert all(55 <= n <= 75 for n in per_article), per_article
    citations = [c for a in report.articles for c in a.citations]
    assert citations and all(c.reference is not None for c in citations)  # every [n] has its entry
    assert any(a.kind == "anonymous" for art in report.articles for s in art.statements for a in s.attributions)
    assert any(s.hedges for art in report.articles for s in art.statements)
    assert not any(p.code for p in report.problems)


def test_figures_vary_within_a_story():
    """One slot ("recalled N cars", say) takes many values across one story's articles."""
    texts = corpus.corpus(40, seed=0)
    story = [t for name, t in texts.items() if name.startswith("s00000-")]
    assert len(story) >= 3
    clause = re.compile(r"\b(?:handled|treated|carried|built|approved a budget of) (about )?([$\d][\d,.]*)")
    values = {m.group(2) for t in story for m in clause.finditer(t)}
    assert len(values) >= 5, values
