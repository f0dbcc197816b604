"""Corroboration within one matching group grows as n log n, not n^2 (issue 13, item 1).

Counted, not timed: the verdicts (`matching.verdict`) and same-event checks (`matching._same_event`)
that `relate` makes for a group of n and of 10n values, every value in its own document. Also: the
sorted candidates still find every agreeing value where values are sparse, a strong rival is always
heard, and the evidence a statement gets stays bounded however large the group.
"""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest

from citecheck.corroborate import matching
from citecheck.corroborate.candidates import ALL_PAIRS, NEAREST, STRONGEST, plan
from citecheck.corroborate.matching import Record, relate
from citecheck.extract.facts.agreement import compatible
from citecheck.model import Fact
from citecheck.text import Span

WORDS = frozenset({"regulator", "tarsenia", "approved", "chip", "export", "licence"})


def fact(value: float, qualifier: str = "=") -> Fact:
    text = f"{value:,.0f} chips"
    return Fact("quantity", Span(0, len(text)), text, value, unit=None, subject="chips", qualifier=qualifier)  # type: ignore[arg-type]


def record(value: float, document: str, qualifier: str = "=") -> Record:
    return Record(
        ("quantity", "chip", "", "story"),
        f"{document}#1",
        document,
        fact(value, qualifier),
        specific=True,
        words=WORDS,
        action="approve",
    )


def spread(n: int, seed: int = 13) -> list[Record]:
    """n distinct values from 10,000 to 2 million, each in its own document: figures that vary per article."""
    values = random.Random(seed).sample(range(10_000, 2_000_000), n)
    return [record(v, f"d{i:06d}") for i, v in enumerate(values)]


def count_calls(monkeypatch: pytest.MonkeyPatch, members: list[Record]) -> tuple[Counter[str], list[matching.Evidence]]:
    calls: Counter[str] = Counter()
    verdict, same_event = matching.verdict, matching._same_event

    def counted_verdict(x: Record, y: Record) -> matching.Verdict | None:
        calls["verdict"] += 1
        return verdict(x, y)

    def counted_same_event(*args: object) -> bool:
        calls["same_event"] += 1
        return same_event(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(matching, "verdict", counted_verdict)
    monkeypatch.setattr(matching, "_same_event", counted_same_event)
    evidence = list(relate(members, {r.statement: (r.document,) for r in members}))
    monkeypatch.undo()
    return calls, evidence


def test_comparisons_grow_as_n_log_n(monkeypatch: pytest.MonkeyPatch) -> None:
    n = 300
    small, _ = count_calls(monkeypatch, spread(n))
    large, evidence = count_calls(monkeypatch, spread(10 * n))
    bound = 10 * math.log(10 * n) / math.log(n)  # n log n from n to 10n: x11.4
    for name in ("verdict", "same_event"):
        assert small[name] > n  # the counters see the work
        assert large[name] <= small[name] * bound, (name, small[name], large[name])
        assert large[name] < (10 * n) ** 2 / 50  # all pairs would be 9,000,000
    per_statement = Counter(e.statement for e in evidence)
    assert max(per_statement.values()) <= 2 * NEAREST + 1 + STRONGEST


def test_small_groups_compare_every_pair() -> None:
    facts = [fact(1000 * (i + 1)) for i in range(ALL_PAIRS)]
    chosen = plan(facts, [1] * len(facts))
    assert all(r == tuple(range(ALL_PAIRS)) for r in chosen.rivals)
    assert set(chosen.skipped) == {0}


def test_sorted_candidates_find_every_agreeing_value_when_values_are_sparse() -> None:
    """Clusters of up to three values within 1% of each other, clusters far apart: every pair that
    `compatible` says agrees is a candidate pair, as comparing all pairs would find."""
    rng = random.Random(5)
    facts = []
    for c in range(200):
        centre = 1000 * 1.2**c
        facts += [fact(round(centre * (1 + rng.uniform(-0.004, 0.004)))) for _ in range(rng.randint(1, 3))]
    chosen = plan(facts, [1] * len(facts))
    agree = {(i, j) for i, a in enumerate(facts) for j, b in enumerate(facts) if compatible(a, b)}
    planned = {(i, j) for i, rivals in enumerate(chosen.rivals) for j in rivals}
    assert agree <= planned
    assert len(planned) < len(facts) * (2 * NEAREST + 1 + STRONGEST)


def test_a_strong_rival_is_heard_in_a_large_group() -> None:
    """Many documents state 400,000; hundreds of others state figures of their own far from it: each of
    those is compared with the 400,000 side (the strongest), and the echoes of 400,000 back each other."""
    members = spread(400) + [record(400_000, f"w{i}") for i in range(6)]
    evidence = list(relate(members, {r.statement: (r.document,) for r in members}))
    strong = {f"w{i}#1" for i in range(6)}
    far = [m for m in members[:400] if not 0.5 < m.fact.value / 400_000 < 2]  # type: ignore[union-attr]
    accused = {e.statement for e in evidence if e.relation == "contradicts" and strong & set(e.others)}
    assert {m.statement for m in far} <= accused
    backed = {e.statement for e in evidence if e.relation == "supports" and strong & set(e.others)}
    assert strong <= backed
    assert all(e.uncompared > 0 for e in evidence)


def listing(names: tuple[str, ...], document: str) -> Record:
    text = ", ".join(names)
    names = tuple(sorted(names))
    f = Fact("entity", Span(0, len(text)), text, "; ".join(names), subject="list", entities=names)
    return Record(("list", len(names)), f"{document}#1", document, f, specific=True, words=WORDS, action="approve")


def test_lists_in_a_large_group_meet_their_own_set_and_their_one_slip() -> None:
    """Lists are not sorted by value but bucketed: the same set backs a list, the same set with one
    member changed disputes it, however many unrelated lists the group holds."""
    members = [listing((f"Alder{i}", f"Birch{i}", f"Cedar{i}"), f"d{i:03d}") for i in range(3 * ALL_PAIRS)]
    members += [listing(("Pell", "Quill", "Rowan"), "x"), listing(("Pell", "Quill", "Rowan"), "z")]
    members += [listing(("Pell", "Quill", "Sorrel"), "y")]
    evidence = [e for e in relate(members, {r.statement: (r.document,) for r in members}) if e.statement == "x#1"]
    assert {(e.relation, e.others) for e in evidence} == {("supports", ("z#1",)), ("contradicts", ("y#1",))}
    assert evidence[0].uncompared > 0
