"""Internal consistency: does one document contradict itself?

Each row is a short article and the exact messages `inconsistencies` gives for it, held to issue 11
item 3: compare only one slot, the same counted thing about the same subject at the same time and place.
"""

from __future__ import annotations

import pytest
from conftest import article_of

from citecheck.corroborate.consistency import inconsistencies
from citecheck.corroborate.matching import emit, verdict
from citecheck.model import FIGURE_KINDS

STRIKE = "The strike began on March 2, 2025 and ended on March 14, 2025. "

ROWS = [
    # one slot, two values
    pytest.param(
        "The approval covers Alibaba, Tencent and ByteDance, Reuters reported. "
        "Officials later said the approval covers Alibaba, Tencent and Baidu.",
        ["says Alibaba, Tencent and Baidu here but Alibaba, Tencent and ByteDance earlier"],
        id="list-member-differs",
    ),
    pytest.param(
        "The approval covers Alibaba, Tencent and ByteDance, Reuters reported. "
        "Officials later said the approval covers ByteDance, Alibaba and Tencent.",
        [],
        id="same-list-reordered",
    ),
    pytest.param(
        "The union said 5,600 drivers walked out in Tarsenia. Officials said 4,000 drivers walked out in Tarsenia.",
        ["says 4,000 drivers here but 5,600 drivers earlier"],
        id="one-count-two-values",
    ),
    pytest.param(
        "The union said 5,600 drivers walked out in Tarsenia. "
        "Officials said about 5,500 drivers walked out in Tarsenia.",
        [],
        id="approximation-agrees",
    ),
    pytest.param(
        "The regulator approved 400,000 chips for Kestrel Motors. "
        "The regulator later approved a further 40 chips for Kestrel Motors.",
        [],
        id="a-further-40-is-a-part",
    ),
    pytest.param(
        "In 2024, Kestrel Motors employed 300 engineers in Tarsenia. "
        "In 2025, Kestrel Motors employed 350 engineers in Tarsenia.",
        [],
        id="different-years",
    ),
    pytest.param(
        "Kestrel Motors employs 5,000 workers in Tarsenia. Kestrel Motors sold 12,000 cars in Tarsenia.",
        [],
        id="two-counted-things",
    ),
    pytest.param(
        "Kestrel Motors employs 5,000 workers at its plant in Tarsenia. "
        "Kestrel Motors employs 3,000 workers at its plant in Velmora.",
        [],
        id="two-plants-two-workforces",
    ),
    pytest.param(
        "Kestrel Motors employs 5,000 workers at its plant in Tarsenia. "
        "Officials said Kestrel Motors employs 3,000 workers at the plant in Tarsenia.",
        ["says 3,000 workers here but 5,000 workers earlier"],
        id="one-plant-two-workforces",
    ),
    pytest.param(
        "Kestrel Motors sold 12,000 cars in Tarsenia. Brindle Auto sold 9,000 cars in Tarsenia.",
        [],
        id="two-sellers",
    ),
    pytest.param(
        "Tarsenia has two main islands. Tarsenia also has around 600 smaller islands.",
        [],
        id="main-and-smaller-islands",
    ),
    pytest.param(
        "The new laptop weighs two pounds less than the old one. The old laptop weighs 8.4 pounds.",
        [],
        id="difference-and-weight",
    ),
    pytest.param(
        "Seven decades later, the museum in Tarsenia reopened. "
        "The museum guide in Tarsenia was seven years old at the time.",
        [],
        id="time-since-and-age",
    ),
    # a stated word count
    pytest.param(
        "This 2,000-word essay looks at the Harbor terminal. The port opened in 2020.",
        ["states a word count of 2,000, but the article has about 14 words"],
        id="wrong-self-word-count",
    ),
    pytest.param(
        "This 12-word note looks at the Harbor terminal. The port opened in 2020.", [], id="small-counts-ignored"
    ),
    pytest.param(
        "Word count: 600. " + "The port of Halvik handled more cargo this year than last. " * 5,
        # the "Word count: 600." label is a verbless line (meta), so only the five body sentences count
        ["states a word count of 600, but the article has about 55 words"],
        id="wrong-word-count-label",
    ),
    pytest.param(
        "Word count: 60. " + "The port of Halvik handled more cargo this year than last. " * 5,
        [],
        id="right-word-count-label",
    ),
    # durations against the document's dates
    pytest.param(
        STRIKE + "The strike lasted ten days.",
        ["says ten days, but its dates March 2 and March 14 are 12 days apart"],
        id="duration-does-not-match-dates",
    ),
    pytest.param(STRIKE + "The strike lasted 12 days.", [], id="duration-matches-dates"),
    pytest.param(STRIKE + "Drivers must give a 10-day notice before any strike.", [], id="duration-without-span-cue"),
    # weekdays against dates
    pytest.param(
        "The Harbor terminal opened on Tuesday, March 3, 2025, officials said.",
        ["calls March 3, 2025 a Tuesday, but it was a Monday"],
        id="wrong-weekday",
    ),
    pytest.param("The Harbor terminal opened on Monday, March 3, 2025, officials said.", [], id="right-weekday"),
    pytest.param(  # the pattern is case-blind, so the plain "day" test that skips sentences must be too
        "The Harbor terminal opened on TUESDAY, March 3, 2025, officials said.",
        ["calls March 3, 2025 a TUESDAY, but it was a Monday"],
        id="wrong-weekday-in-capitals",
    ),
    # sentences that cannot hold a rival value (dates only, no figures) are left out before matching:
    # they must not hide or add a conflict between the sentences around them
    pytest.param(
        "The union said 5,600 drivers walked out in Tarsenia. The talks began on March 2, 2025. "
        "Talks resumed on March 9, 2025. Officials said 4,000 drivers walked out in Tarsenia.",
        ["says 4,000 drivers here but 5,600 drivers earlier"],
        id="dates-between-rival-counts",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_inconsistencies(text: str, expected: list[str]) -> None:
    assert [i.message for i in inconsistencies(article_of(text))] == expected


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        pytest.param("2025-06-01", ["calls March 3, 2025 a Tuesday, but it was a Monday"], id="year-from-publication"),
        pytest.param(
            "2024-06-01", ["calls March 3, 2024 a Tuesday, but it was a Sunday"], id="other-year-other-weekday"
        ),
        pytest.param("2026-06-01", [], id="right-in-that-year"),
        pytest.param(None, [], id="no-year-no-check"),
    ],
)
def test_weekday_without_a_year_uses_the_publication_year(published: str | None, expected: list[str]) -> None:
    article = article_of("The Harbor terminal opened on Tuesday, March 3, officials said.", published=published)
    assert [i.message for i in inconsistencies(article)] == expected


def test_an_inconsistency_points_at_both_statements() -> None:
    text = "The union said 5,600 drivers walked out in Tarsenia. Officials said 4,000 drivers walked out in Tarsenia."
    (found,) = inconsistencies(article_of(text))
    assert (found.statement.id, found.other.id if found.other else None) == ("a#2", "a#1")


def test_only_figures_and_lists_can_be_rival_values() -> None:
    """`inconsistencies` matches only the sentences with a figure or a list of three or more names,
    which is sound while no other record can contradict another: two different dates of one article
    (keyed by value, so never in one group) must not contradict even when set side by side."""
    text = (
        "The talks began on March 2, 2025 in Tarsenia. The talks began on March 9, 2025 in Tarsenia. "
        "The union named Ada, Bram and Cleo. The union said 5,600 drivers walked out."
    )
    records = [r for r in emit(article_of(text), events=False) if r.fact is not None]
    rivals = [r for r in records if r.fact is not None and (r.fact.kind in FIGURE_KINDS or r.key[0] == "list")]
    others = [r for r in records if r not in rivals]
    assert others, "the dates should give records"
    assert not any(r.specific for r in others)
    found = [verdict(x, y) for x in others for y in others if x.statement != y.statement]
    assert all(v is None or v.relation != "contradicts" for v in found)
