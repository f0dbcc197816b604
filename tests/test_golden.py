"""Golden outputs a reviewer reads as a user would: the text report of every fixture article, and every
format on one fixture corpus. Regenerate after an intended change with

    CITECHECK_UPDATE_GOLDENS=1 python -m pytest tests/test_golden.py

and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from citecheck.pipeline import analyze
from citecheck.render import render

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
ARTICLES = sorted(p for p in (ROOT / "fixtures" / "articles").iterdir() if p.is_file())
CORPORA = sorted(p for p in (ROOT / "fixtures" / "corpora").iterdir() if p.is_dir())
UPDATE = os.environ.get("CITECHECK_UPDATE_GOLDENS") == "1"


def relative_report(paths: list[Path]):
    cwd = os.getcwd()
    os.chdir(ROOT)  # paths in the output are relative, as a user in the repository would see them
    try:
        return analyze([str(p.relative_to(ROOT)) for p in paths])
    finally:
        os.chdir(cwd)


def compare(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden {name}: run with CITECHECK_UPDATE_GOLDENS=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden (see module docstring)"


@pytest.mark.parametrize("article", ARTICLES, ids=[p.name for p in ARTICLES])
def test_article_text_report(article):
    report = relative_report([article])
    compare(f"articles/{article.name}.txt", render(report, "text", show_facts=True))


@pytest.mark.parametrize("corpus", CORPORA, ids=[p.name for p in CORPORA])
def test_corpus_json_report(corpus, validate_report):
    import json

    report = relative_report(sorted(p for p in corpus.iterdir() if p.name[:1].isdigit()))
    text = render(report, "json", indent=2)  # indented, so a diff of the golden reads line by line
    validate_report(json.loads(text))
    compare(f"corpora/{corpus.name}.json", text)


@pytest.mark.parametrize("fmt", ["text", "markdown", "sarif", "github", "html"])
def test_every_format_on_one_corpus(fmt):
    corpus = ROOT / "fixtures" / "corpora" / "story_conflict"
    report = relative_report(sorted(p for p in corpus.iterdir() if p.name[:1].isdigit()))
    suffix = {"text": "txt", "markdown": "md", "sarif": "sarif.json", "github": "github.txt", "html": "html"}[fmt]
    compare(f"formats/story_conflict.{suffix}", render(report, fmt))
