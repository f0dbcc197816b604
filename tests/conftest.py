"""Shared test helpers: paths to fixtures and to ../shared (skipped with a reason when absent)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from attrs import evolve

from citecheck.model import Article

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
# ../shared beside the checkout; CITECHECK_SHARED points elsewhere; a git worktree under
# <checkout-parent>/wt/<name> finds it one level further up
SHARED = Path(
    os.environ.get("CITECHECK_SHARED")
    or next(
        (p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared"
    )
)
SCHEMA = json.loads((ROOT / "citecheck" / "schema" / "report-1.json").read_text(encoding="utf-8"))


def needs_shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not here: the shared evaluation data sits beside the repo only in CI and dev sessions")
    return path


@pytest.fixture
def validate_report():
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(SCHEMA)

    def check(data: dict) -> dict:
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
        return data

    return check


def article_of(text: str, doc_id: str = "a", published: str | None = None) -> Article:
    """A short Markdown text through the per-document pipeline (read, segment, extract, classify):
    the unit tests of the cross-document stages feed it small texts they write themselves."""
    from citecheck.pipeline import analyze_document
    from citecheck.read.files import read_text

    article = analyze_document(read_text(text, doc_id=doc_id, source=f"{doc_id}.md", fmt="markdown"))
    if published is None:
        return article
    document = evolve(article.document, meta=evolve(article.document.meta, published=published))
    return evolve(article, document=document)
