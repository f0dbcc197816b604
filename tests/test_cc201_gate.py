"""Accuracy gate for CC201 on labelled news sentences (issue 12): fails when precision or recall on the
held-out `test` pages falls below the floors pinned here, or when the reader's text drifts from what
was labelled. Labels: tests/data/cc201_labels.jsonl (docs/labelling-cc201.md); scorer:
scripts/eval_cc201.py. Skips without ../shared (or CITECHECK_SHARED)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from conftest import needs_shared

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "cc201_labels.jsonl"

# Measured once on the test split after the rules were chosen on the tune split (README, Measurements):
# precision 17/39 = 0.436, recall 17/25 = 0.680. Re-measured 2026-12-07 after page furniture (credit
# lines, time stamps) stopped being claims: 17/35 = 0.486 (no longer an unseen figure: README). The
# floors sit just under: one more false positive passes, one lost true positive (recall 0.64) fails.
TEST_PRECISION_FLOOR = 0.47
TEST_RECALL_FLOOR = 0.66


def _scorer():
    spec = importlib.util.spec_from_file_location("eval_cc201", ROOT / "scripts" / "eval_cc201.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_cc201"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_labels_hold_no_text_and_split_whole_pages():
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 300
    assert all(set(r) == {"page", "start", "end", "hash", "split", "needs_source"} for r in rows)
    split_of: dict[str, set[str]] = {}
    for r in rows:
        split_of.setdefault(r["page"], set()).add(r["split"])
    assert all(len(s) == 1 for s in split_of.values()), "a page must sit in one split"
    pages = {s.pop() for s in split_of.values()}
    assert pages == {"tune", "test"}
    assert len(split_of) >= 30


def test_cc201_precision_and_recall_on_held_out_news_pages():
    pages = needs_shared("eval-data", "readability-pages")
    scorer = _scorer()
    outcomes = scorer.run(pages, scorer.load_labels(LABELS), "test")  # raises DriftError if the text moved
    score = scorer.score(outcomes, "test")
    assert score.tp + score.fn == 25, "the labelled positives of the test split changed"
    assert score.precision >= TEST_PRECISION_FLOOR, score
    assert score.recall >= TEST_RECALL_FLOOR, score
