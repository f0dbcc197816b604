"""Cross-document matching, one step at a time: the keys a claim emits, how records group, the
interval a fact allows, and the verdict between two records (support, conflict or nothing).

Each table row is a small example, held to issue 11's standard ("compare only the same event"): two
events of one kind (other actors, other object, other place) neither support nor contradict each other.
"""

from __future__ import annotations

import math

import pytest
from conftest import article_of

from citecheck.corroborate.matching import (
    Record,
    emit,
    group,
    relate,
    same_period,
    verdict,
)
from citecheck.extract.facts.agreement import bounds, compatible
from citecheck.model import Fact
from citecheck.text import Span


def fact(value: object, qualifier: str = "=", kind: str = "quantity", **fields: object) -> Fact:
    text = fields.pop("text", str(value))
    return Fact(kind, Span(0, len(str(text))), str(text), value, qualifier=qualifier, **fields)  # type: ignore[arg-type]


def record(f: Fact | None, document: str = "b", **fields: object) -> Record:
    defaults: dict = {"key": ("quantity", "chip", "", "s"), "statement": f"{document}#1", "specific": True}
    defaults["words"] = frozenset({"regulator", "tarsenia", "approved", "chip", "kestrel", "motor"})
    return Record(document=document, fact=f, **(defaults | fields))  # type: ignore[arg-type]


# --- interval and compatible --------------------------------------------------------------------

INTERVALS = [  # one documented tolerance for every comparison: exact figures allow ±1%
    pytest.param(fact(100), (99.0, 101.0), id="exact-allows-1-percent"),
    pytest.param(fact(100, "~"), (90.0, 110.0), id="about-allows-10-percent"),
    pytest.param(fact(100, ">"), (100.0, 150.0), id="more-than-reaches-half-again"),
    pytest.param(fact(100, ">="), (100.0, 150.0), id="at-least-reaches-half-again"),
    pytest.param(fact(100, "<"), (100 / 1.5, 100.0), id="less-than-reaches-a-third-below"),
    pytest.param(fact(100, "<="), (100 / 1.5, 100.0), id="at-most-reaches-a-third-below"),
    pytest.param(fact(None, low=200_000.0, high=900_000.0), (200_000.0, 900_000.0), id="range-is-its-bounds"),
    pytest.param(fact(None, low=1_000.0), (1_000.0, math.inf), id="low-bound-only"),
    pytest.param(fact(None, high=50.0), (-math.inf, 50.0), id="high-bound-only"),
    pytest.param(fact("2025-03-03", kind="date"), None, id="date-has-no-interval"),
    pytest.param(fact(None), None, id="no-value-no-interval"),
]


@pytest.mark.parametrize(("f", "expected"), INTERVALS)
def test_bounds(f: Fact, expected: tuple[float, float] | None) -> None:
    found = bounds(f)
    if expected is None:
        assert found is None
    else:
        assert found == pytest.approx(expected)


def listed(*names: str) -> Fact:
    return fact("; ".join(sorted(names)), kind="entity", entities=tuple(sorted(names)))


COMPATIBLE = [
    pytest.param(fact(400_000), fact(400_000), True, id="same-value"),
    pytest.param(fact(400_000), fact(404_000), True, id="one-percent-apart"),
    pytest.param(fact(400_000), fact(900_000), False, id="far-apart"),
    pytest.param(fact(400_000, "~"), fact(430_000), True, id="about-covers-seven-percent"),
    pytest.param(fact(400_000), fact(430_000), False, id="exact-does-not-cover-seven-percent"),
    pytest.param(fact(400_000, ">"), fact(None, low=200_000.0, high=900_000.0), True, id="more-than-meets-range"),
    pytest.param(fact(400_000, "<"), fact(500_000, ">"), False, id="below-and-above-are-disjoint"),
    pytest.param(fact(None, low=1.0, high=2.0), fact(None, low=3.0, high=4.0), False, id="disjoint-ranges"),
    pytest.param(fact(400_000), fact(None), None, id="no-value-is-incomparable"),
    pytest.param(fact("2025-03-03", kind="date"), fact("2025-03-03", kind="date"), True, id="same-date"),
    pytest.param(fact("2025-03-03", kind="date"), fact("2025-03-04", kind="date"), False, id="other-date"),
    pytest.param(
        listed("Alibaba", "Tencent", "ByteDance"), listed("Tencent", "ByteDance", "Alibaba"), True, id="same-list"
    ),
    pytest.param(
        listed("Alibaba", "Tencent", "ByteDance"), listed("Alibaba", "Tencent", "Baidu"), False, id="other-list"
    ),
    pytest.param(listed("Alibaba"), fact("Alibaba", kind="entity"), True, id="one-member-list-is-that-entity"),
    pytest.param(
        fact(1, unit="TB", text="1 TB"),
        fact(1000, unit="GB", text="1,000 GB"),
        True,
        id="tb-and-gb",
    ),
    pytest.param(
        fact(2, unit="TB", text="2 TB"),
        fact(2, unit="GB", text="2 GB"),
        False,
        id="2tb-is-not-2gb",
    ),
]


@pytest.mark.parametrize(("a", "b", "expected"), COMPATIBLE)
def test_compatible(a: Fact, b: Fact, expected: bool | None) -> None:
    assert compatible(a, b) is expected
    assert compatible(b, a) is expected  # agreement does not depend on who asks


# --- map: the keys each claim emits -------------------------------------------------------------

# (key, action, specific) of each fact record; the story key "s" anchors every figure and date
EMITTED = [
    pytest.param(
        "Regulators in Tarsenia approved 400,000 chips for Kestrel Motors.",
        {(("quantity", "chip", "", "s"), "approve", True)},
        id="counted-figure-with-its-action",
    ),
    pytest.param(
        "Regulators in Tarsenia approved a further 40 chips for Kestrel Motors.",
        {(("quantity", "chip", "", "s"), "approve", False)},
        id="part-of-whole-is-not-specific",
    ),
    pytest.param(
        "Tarsenia cleared three firms to build the Harbor terminal.",
        {(("quantity", "company", "", "s"), "approve", True)},
        id="firms-counted-as-companies",
    ),
    pytest.param(
        "Tarsenia will spend $12 billion on the Harbor terminal.",
        {(("money", "", "usd", "s"), "-", True)},
        id="money-keyed-by-currency-not-verb",
    ),
    pytest.param(
        "Kestrel Motors employs 12% of the workforce in Tarsenia.",
        {(("percent", "workforce", "%", "s"), "employ", False)},  # "of the workforce": a share, not a count
        id="percent-of-a-thing",
    ),
    pytest.param(
        "On March 3, 2025, officials opened the Harbor terminal in Tarsenia.",
        {(("date", "2025-03-03", "s"), "-", False)},
        id="day-date-never-conflicts",
    ),
    pytest.param(
        "The approval covers Alibaba, Tencent and ByteDance.",
        {(("list", 3), "approve", True)},
        id="list-of-three-keyed-by-size-and-action",
    ),
    pytest.param("I think 400,000 chips is far too many.", set(), id="opinion-emits-nothing"),
]


def fact_records(text: str) -> set[tuple]:
    return {(r.key, r.action, r.specific) for r in emit(article_of(text), "s", events=False)}


@pytest.mark.parametrize(("text", "expected"), EMITTED)
def test_emit_fact_keys(text: str, expected: set[tuple]) -> None:
    assert fact_records(text) == expected


EVENTS = [
    pytest.param(
        "Regulators in Tarsenia approved imports from Kestrel Motors.",
        # full names, and the last words of names: "Ilse Varga" later in the story is "Varga"
        {("event", "approve", "Kestrel Motors", "Tarsenia"), ("event", "approve", "Motors", "Tarsenia")},
        id="two-actors-one-action",
    ),
    pytest.param(
        "Officials in Tarsenia said Kestrel Motors employs staff and sold cars.",
        {
            ("event", "employ", "Kestrel Motors", "Tarsenia"),
            ("event", "sell", "Kestrel Motors", "Tarsenia"),
            ("event", "employ", "Motors", "Tarsenia"),
            ("event", "sell", "Motors", "Tarsenia"),
        },
        id="one-key-per-action",
    ),
    pytest.param(
        "Ilse Varga approved imports from Kestrel Motors.",
        {("event", "approve", "Ilse Varga", "Kestrel Motors"), ("event", "approve", "Motors", "Varga")},
        id="surname-key-beside-the-full-name",
    ),
    pytest.param("Regulators in Tarsenia approved the imports.", set(), id="one-actor-no-event"),
    pytest.param("Officials in Tarsenia met Kestrel Motors.", set(), id="no-action-word-no-event"),
]


@pytest.mark.parametrize(("text", "expected"), EVENTS)
def test_emit_event_keys(text: str, expected: set[tuple]) -> None:
    article = article_of(text)
    assert {r.key for r in emit(article, "s") if r.key[0] == "event"} == expected
    assert not [r for r in emit(article, "s", events=False) if r.fact is None]


def test_emit_anchors_figures_to_the_document_without_a_story() -> None:
    keys = {r.key for r in emit(article_of("Regulators in Tarsenia approved 400,000 chips.", "doc-7"))}
    assert ("quantity", "chip", "", "doc-7") in keys


def test_emit_records_years_and_publication_year() -> None:
    text = "In 2024, regulators in Tarsenia approved 400,000 chips for Kestrel Motors."
    (r,) = emit(article_of(text, published="2025-06-01"), "s", events=False)
    assert (r.years, r.year) == (frozenset({"2024"}), "2025")


# --- shuffle: which records meet ----------------------------------------------------------------

GROUPED = [
    pytest.param(
        "Regulators in Tarsenia approved 400,000 chips.",
        "Tarsenia approved 900,000 chips, Bloomberg said.",
        "s",
        True,
        id="same-slot-same-story",
    ),
    pytest.param(
        "Tarsenia cleared three firms.", "Tarsenia approved three companies.", "s", True, id="synonym-counted-nouns"
    ),
    pytest.param(
        "Regulators in Tarsenia approved 400,000 chips.",
        "Tarsenia approved 400,000 chips, Bloomberg said.",
        "t",
        False,
        id="other-story-never-meets",
    ),
    pytest.param(
        "Regulators in Tarsenia approved 400,000 chips.",
        "Regulators in Tarsenia approved 400,000 cranes.",
        "s",
        False,
        id="other-counted-thing",
    ),
    pytest.param(
        "Tarsenia will spend $12 billion.", "Tarsenia will spend 12 billion euros.", "s", False, id="other-currency"
    ),
]


@pytest.mark.parametrize(("a_text", "b_text", "b_story", "meet"), GROUPED)
def test_group_brings_one_slot_together(a_text: str, b_text: str, b_story: str, meet: bool) -> None:
    records = [*emit(article_of(a_text, "a"), "s", events=False), *emit(article_of(b_text, "b"), b_story, events=False)]
    groups = group(records)
    assert sum(len(members) for members in groups.values()) == len(records)
    assert any({m.document for m in members} == {"a", "b"} for members in groups.values()) is meet


# --- reduce: verdict between two records --------------------------------------------------------

VERDICTS = [
    pytest.param(record(fact(400_000)), record(fact(400_000)), ("supports", 1.0), id="same-value"),
    pytest.param(record(fact(400_000, ">")), record(fact(420_000)), ("supports", 0.7), id="approximation"),
    pytest.param(record(fact(400_000)), record(fact(900_000)), ("contradicts", 1.0), id="conflict"),
    pytest.param(
        record(fact(400_000), action="approve"), record(fact(2_000_000), action="order"), None, id="different-action"
    ),
    pytest.param(
        record(fact(400_000), action="approve"),
        record(fact(900_000)),
        ("contradicts", 1.0),
        id="unknown-action-compares",
    ),
    pytest.param(record(fact(400_000)), record(fact(40), specific=False), None, id="not-specific-no-conflict"),
    pytest.param(
        record(fact(400_000)), record(fact(400_000), specific=False), ("supports", 1.0), id="not-specific-supports"
    ),
    pytest.param(record(fact(1_500_000, ">")), record(fact(2_000_000, ">")), None, id="two-lower-bounds"),
    pytest.param(record(fact(12e9, kind="money")), record(fact(None, kind="money", low=1e9)), None, id="vague-sum"),
    pytest.param(record(fact(400_000)), record(None), None, id="event-record-has-no-value"),
    pytest.param(
        record(listed("Alibaba", "Tencent", "ByteDance")),
        record(listed("Alibaba", "Tencent", "Baidu")),
        ("contradicts", 1.0),
        id="list-member-differs",
    ),
    pytest.param(
        record(listed("Alibaba", "Tencent", "ByteDance")),
        record(listed("Alibaba", "Meituan", "Baidu")),
        None,
        id="lists-differ-in-two-members",
    ),
]


@pytest.mark.parametrize(("x", "y", "expected"), VERDICTS)
def test_verdict(x: Record, y: Record, expected: tuple[str, float] | None) -> None:
    found = verdict(x, y)
    assert ((found.relation, found.strength) if found else None) == expected


PERIODS = [
    pytest.param(frozenset({"2024"}), frozenset({"2024", "2025"}), None, True, id="shared-year"),
    pytest.param(frozenset({"2024"}), frozenset({"2025"}), None, False, id="different-years"),
    pytest.param(frozenset(), frozenset(), None, True, id="no-years"),
    pytest.param(frozenset({"2011"}), frozenset(), "2025", False, id="history-against-current-news"),
    pytest.param(frozenset({"2025"}), frozenset(), "2025", True, id="year-of-publication"),
    pytest.param(frozenset({"2011"}), frozenset(), None, True, id="publication-year-unknown"),
]


@pytest.mark.parametrize(("x_years", "y_years", "y_published", "expected"), PERIODS)
def test_same_period(x_years: frozenset[str], y_years: frozenset[str], y_published: str | None, expected: bool) -> None:
    x, y = record(fact(1), "a", years=x_years), record(fact(1), years=y_years, year=y_published)
    assert same_period(x, y) is expected
    assert same_period(y, x) is expected


# --- reduce, end to end: two short articles in one story ----------------------------------------

APPROVED = "Regulators in Tarsenia approved {} chips for Kestrel Motors."

RELATED = [
    pytest.param(APPROVED.format("400,000"), APPROVED.format("400,000"), {("supports", 1.0)}, id="same-value-supports"),
    pytest.param(
        APPROVED.format("more than 400,000"),
        APPROVED.format("several hundred thousand"),
        {("supports", 0.7)},
        id="compatible-approximation",
    ),
    pytest.param(APPROVED.format("about 400,000"), APPROVED.format("420,000"), {("supports", 0.7)}, id="about-covers"),
    pytest.param(APPROVED.format("400,000"), APPROVED.format("900,000"), {("contradicts", 1.0)}, id="conflict"),
    pytest.param(
        "In 2024, " + APPROVED.format("400,000").lower(),
        "In 2025, " + APPROVED.format("900,000").lower(),
        set(),
        id="different-years-no-conflict",
    ),
    pytest.param(APPROVED.format("400,000"), APPROVED.format("a further 40"), set(), id="a-further-40-no-conflict"),
    pytest.param(
        APPROVED.format("400,000"),
        "Kestrel Motors ordered 2 million chips from Tarsenia.",
        set(),
        id="different-action",
    ),
    pytest.param(
        APPROVED.format("400,000"),
        "The ministry cleared 900,000 chips during a heated budget debate over rural hospitals.",
        set(),
        id="low-word-overlap-no-conflict",
    ),
    pytest.param(
        "Tarsenia will spend $12 billion on the Harbor terminal.",
        "Tarsenia will spend billions of dollars on the Harbor terminal.",
        set(),
        id="vague-sum-neither",
    ),
    pytest.param(
        APPROVED.format("400,000"),
        "Regulators in Velmora approved 900,000 chips for Kestrel Motors.",
        set(),
        id="other-country-other-approval",
    ),
    pytest.param(
        "An earthquake in Tarsenia killed 40 people on Monday, officials said.",
        "An earthquake in Velmora killed 300 people on Monday, officials said.",
        set(),
        id="two-earthquakes-do-not-conflict",
    ),
    pytest.param(
        "An earthquake in Tarsenia killed 40 people on Monday, officials said.",
        "An earthquake in Velmora killed 40 people on Monday, officials said.",
        set(),
        id="two-earthquakes-do-not-support",
    ),
]


def relations(a_text: str, b_text: str, events: bool = False) -> set[tuple[str, float]]:
    """What document a's statements hear from document b (origin "B") when both are in story "s"."""
    a, b = article_of(a_text, "a"), article_of(b_text, "b")
    origin_of = {s.id: (name,) for name, x in (("A", a), ("B", b)) for s in x.statements}
    found = set()
    for members in group(r for x in (a, b) for r in emit(x, "s", events=events)).values():
        for item in relate(members, origin_of):
            if item.statement.startswith("a#"):
                assert item.origins == ("B",), "a statement's own document is never its evidence"
                found.add((item.relation, item.strength))
    return found


@pytest.mark.parametrize(("a_text", "b_text", "expected"), RELATED)
def test_relate(a_text: str, b_text: str, expected: set[tuple[str, float]]) -> None:
    assert relations(a_text, b_text) == expected


EVENT_RELATED = [
    pytest.param(
        "Regulators in Tarsenia approved imports from Kestrel Motors.",
        "On Friday, regulators in Tarsenia approved the imports from Kestrel Motors.",
        {("supports", 0.5)},
        id="same-actors-same-action-same-words",
    ),
    pytest.param(
        "Ilse Varga approved imports from Kestrel Motors.",
        "On Friday, Varga approved the imports from Kestrel Motors.",
        {("supports", 0.5)},
        id="full-name-and-surname-are-one-actor",
    ),
    pytest.param(
        "Regulators in Tarsenia approved imports from Kestrel Motors.",
        "Lawmakers in Tarsenia approved a new stadium that Kestrel Motors will sponsor next season.",
        set(),
        id="same-actors-other-approval",
    ),
    pytest.param(
        "Regulators in Tarsenia approved imports from Kestrel Motors.",
        "Lawmakers in Tarsenia approved a stadium that Kestrel Motors sponsors, along with youth football leagues, "
        "summer music festivals and several charity marathons across northern provinces.",
        set(),
        id="same-actors-few-shared-words",
    ),
    pytest.param(
        "Regulators in Tarsenia approved imports from Kestrel Motors in 2019.",
        "Regulators in Tarsenia approved imports from Kestrel Motors in 2021.",
        set(),
        id="same-actors-other-year",
    ),
    pytest.param(
        "Regulators in Tarsenia approved imports from Kestrel Motors in 2021.",
        "In 2021, regulators in Tarsenia approved the imports from Kestrel Motors.",
        {("supports", 0.5)},
        id="same-actors-same-year",
    ),
]


@pytest.mark.parametrize(("a_text", "b_text", "expected"), EVENT_RELATED)
def test_relate_events(a_text: str, b_text: str, expected: set[tuple[str, float]]) -> None:
    assert relations(a_text, b_text, events=True) == expected


def test_relate_counts_an_echoed_origin_once() -> None:
    """Three documents repeat one figure; two of them from Reuters: the claim hears two origins."""
    texts = {"a": APPROVED.format("400,000"), "b": APPROVED.format("400,000"), "c": APPROVED.format("400,000")}
    texts["d"] = APPROVED.format("400,000")
    articles = [article_of(t, d) for d, t in texts.items()]
    names = {"a": "Draft", "b": "Reuters", "c": "Reuters", "d": "Bloomberg"}
    origin_of = {s.id: (names[x.document.id],) for x in articles for s in x.statements}
    (members,) = group(r for x in articles for r in emit(x, "s", events=False)).values()
    (item,) = [e for e in relate(members, origin_of) if e.statement == "a#1"]
    assert (item.relation, sorted(item.origins)) == ("supports", ["Bloomberg", "Reuters"])
    assert sorted(item.others) == ["b#1", "c#1", "d#1"]
