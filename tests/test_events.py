"""Same event or no comparison; the wrong side gets the finding (issue 11). Tables of small examples."""

from __future__ import annotations

import pytest

from citecheck.corroborate.frames import Frame, FrameCheck, compatible_frames, event_groups, event_similarity
from citecheck.corroborate.matching import Evidence
from citecheck.corroborate.scoring import outvote
from citecheck.corroborate.slots import slot_view, slots_agree
from citecheck.pipeline import analyze_texts


def _figure(sentence: str):
    """The statement and its first numeric fact, as the pipeline extracts them."""
    report = analyze_texts({"a.md": sentence + "\n"})
    s = next(s for a in report.articles for s in a.statements if any(f.kind != "entity" for f in s.facts))
    return s, next(f for f in s.facts if f.kind != "entity")


@pytest.mark.parametrize(
    ("one", "other", "agree", "strict"),
    [
        # the same counted thing, worded a little differently
        ("Regulators approved 400,000 H200 chips.", "Regulators approved 900,000 Nvidia H200 chips.", True, True),
        ("The plan has 120 fast-charging stations.", "The plan has 180 motorway charging stations.", True, True),
        # different things of one noun: modifiers that share nothing
        ("The country has two main islands.", "The country has around 600 smaller islands.", False, False),
        ("The region has 13 city councils.", "The region has 11 regional councils.", False, False),
        # a selection, a difference, a time shift: never a rival count (strict), still comparable for support
        ("Rain is lowest in the six largest cities.", "The country has 13 cities.", True, False),
        ("The new model weighs two pounds less.", "The old model weighs 8.4 pounds.", True, False),
        ("Seven decades later, he still works.", "He was seven years old at the time.", True, False),
        # a period after the figure is part of the slot
        ("There were 750 leaks in January.", "There are 500 leaks a year.", False, False),
        # whose figure it is
        ("Orrin Transit bid $160 million.", "Vesna Coach bid $140 million.", False, False),
        ("Orrin Transit bid $160 million.", "The bid from Orrin Transit was $140 million.", True, True),
    ],
)
def test_slots(one, other, agree, strict):
    (s1, f1), (s2, f2) = _figure(one), _figure(other)
    a, b = slot_view(s1, f1), slot_view(s2, f2)
    assert slots_agree(a, b) is agree, (a, b)
    assert slots_agree(a, b, strict=True) is strict, (a, b)


def _frame(**weights: float) -> Frame:
    return Frame(weights, frozenset(w[:6] for name in weights for w in name.lower().split()))


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        # two reports of one event name the same main actors
        (
            _frame(Lohan=5, Betty=3, Ford=3, Malibu=1, Holley=1),
            _frame(Lohan=4, Betty=2, Ford=2, Heller=1, Calif=1),
            True,
        ),
        # two events of one kind: the shared subject is not enough
        (
            _frame(Reid=5, Promises=4, Malibu=2, People=2, Ketsoyan=1),
            _frame(Lohan=5, Betty=3, Ford=3, Malibu=1, Holley=1),
            False,
        ),
        # a demonym names its country ("Norvenian" / "Norvenia")
        (
            _frame(Norvenia=3, Voltaro=3, Nordcharge=2, Greenbay=1, E6=1),
            _frame(Norvenian=3, Voltaro=2, Nordcharge=3, Aasland=1, Greenbay=1),
            True,
        ),
        # too few names to tell events apart: compatible
        (_frame(Kestrel=2, Tarsenia=1), _frame(Orrin=2, Vesna=1), True),
    ],
)
def test_frames(a, b, compatible):
    assert compatible_frames(a, b) is compatible


def _event_frame(names: str, **words: float) -> Frame:
    """A frame naming each of `names` once, with a unit word vector of `words`."""
    norm = sum(v * v for v in words.values()) ** 0.5
    frame = _frame(**dict.fromkeys(names.split(), 1.0))
    return Frame(frame.weights, frame.tokens, {w: v / norm for w, v in words.items()})


NAMES = "Lohan Betty Ford Malibu Holley"
# a and c share few words, but both resemble b, the fullest report; d is another rehab stay
EVENT_FRAMES = {
    "a": _event_frame(NAMES, rehab=1.0, checked=1.0, lawyer=1.0, court=0.1),
    "b": _event_frame(NAMES, rehab=1.0, checked=1.0, lawyer=0.6, clinic=1.0, court=1.0),
    "c": _event_frame(NAMES, rehab=0.05, clinic=1.0, court=1.0, probation=1.0),
    "d": _event_frame("Reid Promises Malibu People Ketsoyan", rehab=1.0, checked=1.0, party=1.0),
}


def test_event_groups_join_reports_through_the_fullest_one():
    f = EVENT_FRAMES
    assert (
        event_similarity(f["a"], f["c"]) < 1 <= min(event_similarity(f["a"], f["b"]), event_similarity(f["b"], f["c"]))
    )
    groups = event_groups(EVENT_FRAMES)
    assert groups["a"] == groups["b"] == groups["c"] != groups["d"]
    check = FrameCheck(EVENT_FRAMES)
    assert check("a", "c") and not check("a", "d") and not check("c", "d")


def test_event_groups_leave_apart_what_shares_no_entity():
    """Components: documents that name no entity in common are never clustered together."""
    frames = {"a": EVENT_FRAMES["a"], "d": EVENT_FRAMES["d"], "e": _event_frame("Orrin Vesna Halvik Brindle Stellmark")}
    groups = event_groups(frames)
    assert len({groups["a"], groups["d"], groups["e"]}) == 3


def _evidence(statement: str, other: str) -> Evidence:
    return Evidence(statement, "contradicts", 1.0, ("X",), (other,), "1", "2")


@pytest.mark.parametrize(
    ("mine", "theirs", "relation"),
    [
        (0.9, 0.3, "outvotes"),  # the better-backed side stands and notes the dissent
        (0.3, 0.9, "contradicts"),  # the weaker side is the one contradicted
        (0.5, 0.5, "ties"),  # equals: disputed on both sides
        (0.0, 0.0, "ties"),  # two unbacked statements: nobody can say which is wrong
    ],
)
def test_outvote_weighs_sides(mine, theirs, relation):
    found = {"a#1": [_evidence("a#1", "b#1")], "b#1": [_evidence("b#1", "a#1")]}
    result = outvote(found, {"a#1": mine, "b#1": theirs})
    assert result["a#1"][0].relation == relation


def _run(texts: dict[str, str]):
    report = analyze_texts(texts)
    labels = {s.text: s.corroboration.label for a in report.articles for s in a.statements if s.kind == "claim"}
    return report, labels


WRONG = "Tarsenia approved imports of 900,000 Kestrel buses on Monday.\n"
RIGHT_1 = "Tarsenia approved imports of 400,000 Kestrel buses on Monday, according to Reuters.\n"
RIGHT_2 = "Tarsenia approved imports of 400,000 Kestrel buses on Monday, Bloomberg reported.\n"


def test_the_new_wrong_figure_is_flagged_not_the_majority():
    report, labels = _run({"a.md": RIGHT_1, "b.md": RIGHT_2, "c.md": WRONG})
    assert labels[WRONG.strip()] == "contradicted"
    assert labels[RIGHT_1.strip()] == labels[RIGHT_2.strip()] == "corroborated"
    cc301 = [f for f in report.findings if f.code == "CC301"]
    assert [(f.document, f.severity) for f in cc301] == [("c", "error")]


def test_a_tie_is_disputed_on_both_sides_and_only_warns():
    one = "Tarsenia approved imports of 400,000 Kestrel buses on Monday.\n"
    report, labels = _run({"a.md": one, "b.md": WRONG})
    assert labels[one.strip()] == labels[WRONG.strip()] == "disputed"
    assert {f.severity for f in report.findings if f.code == "CC301"} == {"warning"}


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # "more than 400,000" is not 900,000
        (
            "Tarsenia approved more than 400,000 Kestrel buses, according to Reuters.\n",
            "Tarsenia approved 900,000 Kestrel buses.\n",
        ),
        # a bare number names no counted thing
        ("The Kestrel board met 3 times, Reuters reported.\n", "Tarsenia bought 3 of the Orrin depots last week.\n"),
        # a small common value needs shared words, not just the same noun
        ("Orrin Transit signed a contract for eight years.\n", "Vesna Coach has run buses for eight years now.\n"),
    ],
)
def test_no_support(one, other):
    _, labels = _run({"a.md": one, "b.md": other})
    assert labels[other.strip()] != "corroborated"


def test_seeds_with_a_sixth_article_flag_the_wrong_figure():
    """The five real seeds plus our own sixth article claiming 900,000 chips (fixtures/seeds_extra)."""
    from conftest import FIXTURES, needs_shared

    from citecheck.pipeline import analyze

    seeds = sorted(needs_shared("seeds").glob("*.txt"))
    report = analyze([str(p) for p in [*seeds, FIXTURES / "seeds_extra" / "005_wrong_figure.txt"]])
    by_doc = {a.document.id[:3]: a for a in report.articles}
    errors = {(f.document[:3], f.code) for f in report.findings if f.severity == "error"}
    assert ("005", "CC301") in errors  # the new, wrong figure is the one flagged
    assert not [f for f in report.findings if f.code == "CC301" and f.document[:3] != "005"]
    four = next(s for s in by_doc["002"].statements if "The approval for 400,000 chips" in s.text)
    assert four.corroboration.label == "corroborated"  # the correct figure stays corroborated
    nine = next(s for s in by_doc["005"].statements if "900,000 Nvidia H200" in s.text)
    assert nine.corroboration.label == "contradicted"
    messages = {f.document[:3]: f.message for f in report.findings if f.code == "CC303"}
    assert "Baidu" in messages["001"] and "word count" in messages["003"]  # the seeds' real slips


@pytest.mark.parametrize(
    ("backing", "at_most"),
    [
        ({"Reuters": 1.0}, 0.9),  # one origin, however credible, is never certainty
        ({"Reuters": 1.0, "Bloomberg": 1.0}, 0.99),
    ],
)
def test_one_origin_never_scores_one(backing, at_most):
    from citecheck.corroborate.scoring import score

    value, terms = score(backing, {}, lambda origin: 1.0)
    assert value == at_most
    assert all(weight <= 0.9 for _, weight in terms)
