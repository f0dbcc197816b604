"""Findings name other statements by place and origins by name (issue 15, item 1)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from citecheck.pipeline import analyze, analyze_texts
from citecheck.render import render
from citecheck.rules.describe import Places, join
from tests.conftest import ROOT, article_of, needs_shared

# What a message must never show a reader: statement ids, self-origin ids, weak-origin ids, raw URLs.
INTERNAL = re.compile(r"\w#\d+\b|article:|\((?:anonymous sources|unnamed experts|unnamed reports) \(|https?://")


def test_origins_are_named_for_people():
    places = Places([article_of("One.\n", doc_id="004_ab"), article_of("Two.\n", doc_id="b")])
    assert places.origin("Reuters") == "Reuters"
    assert places.origin("anonymous sources (004_ab)") == "anonymous sources in 004_ab.md"
    assert places.origin("unnamed experts (b)") == "unnamed experts in b.md"
    assert places.origin("article:004_ab") == "004_ab.md's own reporting"
    assert places.origin("article:Harbour Gazette") == "Harbour Gazette"  # a publisher, not a document id
    assert places.origin("https://www.example.com/a/very/long/path?with=query") == "example.com"


def test_statements_are_named_by_path_line_and_short_words():
    article = article_of("# Title\n\nRegulators approved 900,000 chips.\n", doc_id="b")
    places = Places([article])
    sid = article.statements[-1].id
    assert places.name(sid) == "b.md:3 (“Regulators approved 900,000 chips.”)"
    assert places.name(sid, quote=False) == "b.md:3"
    assert places.name("missing#4") == "missing#4"  # unknown ids stay ids rather than vanish
    long = article_of("Regulators " + "very " * 30 + "approved 900,000 chips.\n", doc_id="c")
    assert Places([long]).name(long.statements[0].id) == "c.md:1"  # too long to quote


def test_join_reads_as_english():
    assert (join([]), join(["a"]), join(["a", "b"]), join(["a", "b", "c"])) == ("", "a", "a and b", "a, b and c")


def test_contradiction_names_the_other_statement_and_keeps_its_id():
    report = analyze_texts(
        {"draft.md": "Tarsenia approved imports of 400,000 Kestrel buses, a trade newsletter said.\n"},
        against={
            "sources/other.md": "Intro line.\n\nTarsenia approved imports of 900,000 Kestrel buses, Bloomberg said.\n"
        },
    )
    found = [f for f in report.findings if f.code == "CC301"]
    assert len(found) == 1
    message = found[0].message
    assert "sources/other.md:3" in message and "900,000" in message
    assert "Bloomberg" in message
    assert not INTERNAL.search(message), message
    assert found[0].related == ("other#2",)
    data = json.loads(render(report, "json"))
    related = next(f for f in data["findings"] if f["code"] == "CC301")["related"]
    assert related == [{"statement": "other#2", "path": "sources/other.md", "line": 3, "column": 1}]


def test_internal_inconsistency_names_the_earlier_line():
    text = (
        "Regulators approved chips for Alibaba, Tencent, and ByteDance.\n\n"
        "Regulators approved chips for Baidu, Alibaba, and ByteDance.\n"
    )
    report = analyze_texts({"drafts/a.md": text})
    found = next(f for f in report.findings if f.code == "CC303")
    assert "drafts/a.md:1" in found.message and not INTERNAL.search(found.message)
    assert found.related == ("a#1",)


def test_echo_names_the_repeating_documents_and_the_origin():
    corpus = ROOT / "fixtures" / "corpora" / "story_echo"
    report = analyze(sorted(str(p) for p in corpus.iterdir() if p.name[:1].isdigit()))
    echoes = [f for f in report.findings if f.code == "CC302"]
    assert echoes
    for f in echoes:
        assert not INTERNAL.search(f.message), f.message
        assert str(corpus) in f.message  # the other documents, by path
        assert f.related


@pytest.mark.slow
def test_no_seed_finding_shows_an_internal_id():
    seeds = needs_shared("seeds")
    report = analyze([str(p) for p in sorted(Path(seeds).iterdir())])
    for f in report.findings:
        assert not INTERNAL.search(f.message), f.message
        assert f.message.count("(") == f.message.count(")"), f.message
