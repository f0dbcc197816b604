"""Retellings (`corroborate/retelling.py`): two sentences that state one happening in other words
support each other although they share no figure, date, list or pair of actors; sentences that only
name the same people, or state different figures, or different years, do not. And the blocking that
brings them together is a MinHash banding: a few records per sentence, the same in every process."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import article_of
from test_matching import relations

from citecheck.corroborate.frames import FrameCheck
from citecheck.corroborate.matching import emit, group, relate
from citecheck.corroborate.retelling import BANDS, bands, retold

RETOLD = [
    pytest.param(
        "The fire at the Kelderby bakery is being treated by police as potentially suspicious.",
        "Police said the blaze at the bakery in Kelderby was being treated as potentially suspicious.",
        {("supports", 0.5)},
        id="one-fact-in-other-words",
    ),
    pytest.param(
        "Lieutenant Brandt said a third manager at the firm may have been the target.",
        "Lieutenant Brandt identified the two victims at the firm.",
        set(),
        id="same-person-other-statement",
    ),
    pytest.param(
        "The suspect was arrested at his home in Harrowgate in 2019.",
        "The suspect was arrested at his home in Harrowgate in 2021.",
        set(),
        id="other-year",
    ),
    pytest.param(
        "Ten villagers were killed when the earthquake struck the island of Varnholm on Sunday.",
        "Three villagers were injured when the earthquake struck the island of Varnholm on Sunday.",
        set(),
        id="other-figures",
    ),
    pytest.param(
        "The customs administration of Tarsenia declined to comment.",
        "The customs administration of Tarsenia has not published the approval.",
        set(),
        id="same-subject-other-predicate",
    ),
    pytest.param(
        "The fire at the Kelderby bakery is being treated by police as potentially suspicious.",
        "Firefighters in Kelderby said the bakery would reopen next month.",
        set(),
        id="same-topic-other-fact",
    ),
]


@pytest.mark.parametrize(("a_text", "b_text", "expected"), RETOLD)
def test_retold_statements_support(a_text: str, b_text: str, expected: set[tuple[str, float]]) -> None:
    assert relations(a_text, b_text, events=True) == expected
    assert relations(a_text, b_text) == set(), "no figure, date or list of its own links them"


def test_a_retelling_emits_one_record_per_band_and_none_without_events() -> None:
    article = article_of("The fire at the Kelderby bakery is being treated by police as potentially suspicious.")
    told = [r for r in emit(article, "s") if r.key[0] == "told"]
    assert len(told) == BANDS
    assert len({r.key for r in told}) == BANDS
    assert not [r for r in emit(article, "s", events=False) if r.key[0] == "told"]


def test_bands_meet_by_word_overlap() -> None:
    words = frozenset(f"word{i}" for i in range(12))
    same, near = bands(words), bands(words - {"word0"} | {"other"})
    far = bands(frozenset(f"else{i}" for i in range(12)))
    assert same == bands(frozenset(sorted(words)))
    assert sum(a == b for a, b in zip(same, near, strict=True)) > 0  # Jaccard 0.86: meets in most bands
    assert sum(a == b for a, b in zip(same, far, strict=True)) == 0
    assert bands(frozenset({"two", "words"})) == ()


def test_bands_are_the_same_in_every_process() -> None:
    """Records of one sentence made by two workers must key alike: no per-process string hash."""
    code = "from citecheck.corroborate.retelling import bands; print(bands(frozenset({'fire', 'police', 'blaze'})))"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_retold_needs_overlap_and_words_besides_the_names() -> None:
    ours = frozenset({"brandt", "lieutenant", "firm", "target", "manager"})
    theirs = frozenset({"brandt", "lieutenant", "firm", "target", "victim"})
    names = frozenset({"brandt", "lieutenant"})
    assert not retold(ours, theirs, names, names), "two words besides the names"
    assert not retold(ours, theirs, frozenset({"brandt"}), frozenset({"lieutenant"})), "either side's names count"
    assert retold(ours, theirs, frozenset({"brandt"}), frozenset({"brandt"}))
    short, long = frozenset({"fire", "police", "store"}), frozenset({"fire", "police", "crew", "hose", "roof", "smoke"})
    none = frozenset[str]()
    assert not retold(short, long, none, none), "two words in common: too few, however short one sentence is"


def test_a_retelling_of_another_event_group_is_no_support() -> None:
    """The event test stays in force: the same words in a report of another event back nothing."""
    texts = (RETOLD[0].values[0], RETOLD[0].values[1])
    articles = [article_of(t, d) for t, d in zip(texts, "ab", strict=True)]
    members = group(r for x in articles for r in emit(x, "s"))
    told = [m for key, m in members.items() if key[0] == "told"]
    origin_of = {s.id: (x.document.id,) for x in articles for s in x.statements}

    def evidence(events: dict[str, str]) -> set[str]:
        frames = FrameCheck({}, events)
        return {e.statement for m in told for e in relate(m, origin_of, frames)}

    assert evidence({"a": "one", "b": "one"}) == {"a#1", "b#1"}
    assert evidence({"a": "one", "b": "two"}) == set()
