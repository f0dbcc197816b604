"""What CC201 ("unsupported claim") may fire on (issue 12): fragments, headings, verbless bullets, captions,
table rows and bio lines are never claims; quoted speech, reported speech, speculation get no CC201;
a hedged claim with no support gets CC205 alone. Every sentence here is invented for the test."""

from __future__ import annotations

import pytest

import citecheck
from citecheck.classify.cues import is_fragment
from citecheck.classify.statements import classify

NEVER_CLAIMS = [
    # (sentence, block kind): what the reader produced it as
    ("Longest battery life in its class", "list_item"),
    ("Free delivery on orders over $50", "list_item"),
    ("$12/month", "paragraph"),
    ("Annual plan", "paragraph"),
    ("Photo", "paragraph"),
    ("unclosed", "paragraph"),
    ("Jane Roe", "paragraph"),
    ("The Harbour Bridge at dusk Jane Roe/Reuters", "paragraph"),
    ("CreditJane Roe for The Daily", "paragraph"),
    ("Photo: Jane Roe", "paragraph"),
    ("In this photo taken on Monday, workers repair the old pier in Eastbrook.", "paragraph"),
    ("Clockwise from left: the mayor, her deputy and the harbour master.", "list_item"),
    ("Jane Roe | 41 | 12.5%", "table"),
    ("Acme Ltd | 1,203 | 33.0% | Northwind | 998 | 27.4% | Contoso | 640 | 17.6% | others | 790 | 22.0%", "table"),
    ("Comments (12 posted)", "paragraph"),
    ("Jane Roe has covered transport since 2019.", "paragraph"),
    ("John Doe is a correspondent for The Daily based in Lisbon.", "paragraph"),
    ("A version of this article appears in print on Page A3 of the national edition.", "paragraph"),
    ("By Jane Roe 3 March 2026 4 min read", "paragraph"),
    ("JOHN DOE IS THE HARBOUR GAZETTE'S TRANSPORT EDITOR", "paragraph"),
    ("Since joining The Daily, she has covered ports, shipping and trade.", "paragraph"),
    ("Staff writer Jane Roe in Eastbrook and John Doe in Lisbon contributed to this report.", "paragraph"),
    ("John Doe contributed reporting.", "paragraph"),
    ("Harbour Gazette (Eastbrook) First published March 3, 2026: 9:14 AM ET", "paragraph"),
    ("Updated 18:45, 3 March 2026", "paragraph"),
    ("最終更新:3/3(火) 18:45", "paragraph"),
    ("Eastbrook Council Approves 4% Rates Rise", "heading"),
    ("Harbour Works Delayed Again", "heading"),
]


@pytest.mark.parametrize(("text", "block"), NEVER_CLAIMS)
def test_structure_is_never_a_claim(text, block):
    assert classify(text, block) != "claim"


STILL_CLAIMS = [
    "Analysts estimate the cost at $40 million.",  # a plural subject's verb has no -s
    "The council approved 210 new homes.",
    "Prices rose 4% in March.",
    "They voted 7-4 against the plan.",
    "Credit analysts at the agency cut the city's rating to A2 in May.",  # "Credit" is not a credit line
    "The pier reopened in 2024.",
    "The council published its audit at 10:30 on Monday, showing a $4 million shortfall in the harbour budget.",
    "Jane Roe is the third harbour master to resign since 2024.",  # "is the ... master" is not a bio line
]


@pytest.mark.parametrize("text", STILL_CLAIMS)
def test_short_sentences_with_a_verb_stay_claims(text):
    assert classify(text, "paragraph") == "claim"


@pytest.mark.parametrize(
    "text",
    [*STILL_CLAIMS, "The contracts go to Acme, Northwind and Contoso.", "We win.", "Buses run late."],
)
def test_sentences_with_a_verb_are_not_fragments(text):
    assert not is_fragment(text)
    assert classify(text, "paragraph") != "meta"


@pytest.mark.parametrize("text", ["ราคาน้ำมัน สูงขึ้น", "日本の失業率", "한국 경제"])
def test_unspaced_scripts_are_never_judged_fragments(text):
    """Thai, Japanese and Korean lines are left alone: without spaces between words there is no judging."""
    assert not is_fragment(text)


@pytest.mark.parametrize("text", ["Ça va", "Longest battery life in its class", "Best “value” pick"])
def test_latin_labels_are_fragments_with_or_without_accents(text):
    assert is_fragment(text)


def _findings(markdown: str) -> dict[str, list[str]]:
    """Statement text -> the CC2xx codes on it, for one in-memory draft."""
    report = citecheck.analyze_texts({"draft.md": markdown})
    texts = {s.id: " ".join(s.text.split()) for a in report.articles for s in a.statements}
    found: dict[str, list[str]] = {}
    for f in report.findings:
        if f.code.startswith("CC2") and f.statement:
            found.setdefault(texts[f.statement], []).append(f.code)
    return found


def test_a_figure_with_no_source_gets_cc201():
    found = _findings("# Harbour\n\nThe council spent $4.2 million on the harbour wall in 2025.\n")
    assert found == {"The council spent $4.2 million on the harbour wall in 2025.": ["CC201"]}


def test_a_hedged_claim_with_no_support_gets_cc205_alone():
    found = _findings("# Harbour\n\nThe council reportedly spent $4.2 million on the harbour wall in 2025.\n")
    assert found == {"The council reportedly spent $4.2 million on the harbour wall in 2025.": ["CC205"]}


@pytest.mark.parametrize(
    "sentence",
    [
        "The council spent $4.2 million on the harbour wall in 2025, his spokesman said.",
        "The council spent $4.2 million on the harbour wall in 2025, the company claims.",
        "Officials divulged on Monday that the council spent $4.2 million on the harbour wall.",
        "The harbour master admitted that the wall had failed twice since 2019.",
    ],
)
def test_reported_speech_with_any_subject_is_not_unsupported(sentence):
    assert "CC201" not in _findings(f"# Harbour\n\n{sentence}\n").get(sentence, [])


def test_passive_said_is_a_hedge_not_a_source():
    sentence = "The board is said to be split over the $4.2 million harbour wall."
    assert _findings(f"# Harbour\n\n{sentence}\n").get(sentence) == ["CC205"]


def test_speculation_without_a_figure_is_not_unsupported():
    sentence = "Whatever happens next, the vote could signal a turning point for the harbour town."
    assert "CC201" not in _findings(f"# Harbour\n\n{sentence}\n").get(sentence, [])


def test_sentences_inside_a_running_quotation_are_the_speakers():
    draft = (
        "# Harbour\n\n"
        "“The wall failed in 2019 and again in 2023. We spent $4.2 million on repairs. "
        "Nobody listened,” the harbour master said.\n"
    )
    report = citecheck.analyze_texts({"draft.md": draft})
    kinds = {" ".join(s.text.split()): s.kind for a in report.articles for s in a.statements}
    assert kinds["We spent $4.2 million on repairs."] == "quote"
    assert not [f for f in report.findings if f.code == "CC201"]
