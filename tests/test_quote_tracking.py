"""A sentence inside a quotation is a quote, however long its paragraph (issue 14: the quote marks
before each sentence are counted on from the previous sentence, not again from the paragraph start)."""

from __future__ import annotations

import random

from citecheck import analyze_texts
from citecheck.classify.cues import opens_inside_quote

PIECES = [
    "The port moved 400,000 containers in 2024.",
    "“Rents rose 12% in March,",
    "the ministry said.”",
    '"Exports fell 3% last year,"',
    "officials said.",
    "It is a 500-word piece.",
    "Rents in district 4 rose 4% in March.",
    "He said “the figures are wrong.”",
]


def test_claims_never_sit_inside_an_open_quotation() -> None:
    rng = random.Random(14)
    paragraphs = ["  ".join(rng.choice(PIECES) for _ in range(rng.randint(2, 9))) for _ in range(60)]
    text = "\n\n".join(paragraphs) + "\n"
    report = analyze_texts({"q.txt": text}, fmt="text")
    starts = {}
    offset = 0
    for p in paragraphs:
        starts[offset] = p
        offset += len(p) + 2
    checked = 0
    for s in report.articles[0].statements:
        block_start = max(b for b in starts if b <= s.span.start)
        open_before = opens_inside_quote(text[block_start : s.span.start]) or opens_inside_quote(s.text)
        if open_before:
            assert s.kind not in ("claim", "opinion"), s.text
            checked += 1
        elif s.kind == "quote":
            continue  # a quote for another reason (its own wording)
    assert checked > 20  # the draw puts many sentences inside quotations
