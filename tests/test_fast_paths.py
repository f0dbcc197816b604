"""Fast paths give the same answers as the plain code they replace (issue 13, item 2): the
check-worthiness linear score to the last bit, and the attribution patterns a keyword test skips."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from citecheck.classify.checkworthy import load_model
from citecheck.classify.checkworthy_features import weighted_sum, weighted_sum_reference
from citecheck.extract import attributions
from citecheck.extract.attribution_cues import ANON, ANON_SAY, EXPERT_BARE, EXPERT_SAY, INSIDERS
from citecheck.read.files import InputSpec, read_input
from citecheck.read.segment import sentences

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted(
    p for p in (ROOT / "fixtures").rglob("*") if p.suffix in (".md", ".txt", ".html") and p.name != "README.md"
)
EXTRA = [
    "Analysts at Helmark Bank expect rates to fall, people familiar with the matter said.",
    "ECONOMISTS WARNED OF A SLOWDOWN, SOURCES SAID.",
    "Two officials, speaking on condition of anonymity, said 12 ships were idle.",
    "Industry insiders say the ſcholars disagree.",  # not ASCII: no pattern is skipped
    "Prices rose 3% in May.",
    "",
    "ab " * 400 + "? !",
]


def _texts() -> list[str]:
    out = list(EXTRA)
    for path in FIXTURES:
        try:
            doc = read_input(InputSpec(str(path)))
        except Exception:  # fixtures of unreadable inputs
            continue
        out += [doc.text[s.span.start : s.span.end] for s in sentences(doc)]
    return out


TEXTS = _texts()


def test_there_are_enough_sentences():
    assert len(TEXTS) > 300


def test_linear_checkworthiness_score_is_bit_for_bit_the_plain_one():
    model = load_model()
    for text in TEXTS * 2:  # twice: the second pass reads weights from the per-process table
        assert weighted_sum(text, model.config, model.weights) == weighted_sum_reference(
            text, model.config, model.weights
        ), text


def test_unlinear_counts_and_very_repetitive_text_agree_too():
    model = load_model()
    cfg = {**model.config, "sublinear": False}
    many = "tax " * 2000  # a feature counted past the table of 1 + log(k)
    for text in (*TEXTS[:50], many):
        assert weighted_sum(text, cfg, model.weights) == weighted_sum_reference(text, cfg, model.weights)
        assert weighted_sum(many, model.config, model.weights) == weighted_sum_reference(
            many, model.config, model.weights
        )


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (ANON, attributions._ANON_WORDS),
        (ANON_SAY, ("source", "official")),
        (INSIDERS, ("insiders",)),
        (EXPERT_SAY, attributions._EXPERT_WORDS),
        (EXPERT_BARE, attributions._EXPERT_WORDS),
    ],
    ids=["ANON", "ANON_SAY", "INSIDERS", "EXPERT_SAY", "EXPERT_BARE"],
)
def test_a_pattern_skipped_by_its_keywords_would_have_found_nothing(pattern: re.Pattern[str], words):
    matched = 0
    for text in TEXTS:
        found = list(pattern.finditer(text))
        matched += bool(found)
        if not attributions._may(text.lower(), text, words):
            assert not found, text
    assert matched  # the sentences exercise the pattern
