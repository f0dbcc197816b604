"""Statement kinds from `citecheck.classify.statements.classify`: what is a claim and what is not (issue 3)."""

from __future__ import annotations

import pytest

from citecheck.classify.statements import classify

CASES = [
    # (sentence, block kind, expected kind)
    ("Nvidia sold 400,000 chips to Chinese firms in 2025.", "paragraph", "claim"),
    ("Beijing approved the first batch of imports on Wednesday.", "paragraph", "claim"),
    ("In my view, the policy is a mistake.", "paragraph", "opinion"),
    ("I've always found these announcements hard to read.", "paragraph", "opinion"),
    ("Monitor official announcements from regulators", "list_item", "opinion"),
    ("Track parallel developments in domestic chip capabilities", "list_item", "opinion"),
    ("Watch for actual order confirmations", "list_item", "opinion"),
    ("Consider competitive responses from other hardware providers", "list_item", "opinion"),
    ("Let's be clear about the risks.", "paragraph", "opinion"),
    ("Will Beijing allow more shipments?", "paragraph", "question"),
    ("China's Tactical Greenlight for Nvidia", "heading", "heading"),
    ("Published 13 January 2026", "meta", "meta"),
    ("Among the concerns raised:", "paragraph", "meta"),
    ("“This is the most important market in the world.”", "paragraph", "quote"),
    ("He said it in a speech.", "quote", "quote"),
]


@pytest.mark.parametrize(("text", "block", "kind"), CASES)
def test_kind(text, block, kind):
    assert classify(text, block) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Follow-up talks are scheduled for March 3.",  # "Follow-up" is a noun, not an instruction
        "Tracking data showed 12 ships waiting at the port.",
    ],
)
def test_imperative_words_inside_other_words_do_not_make_advice(text):
    assert classify(text, "paragraph") == "claim"
