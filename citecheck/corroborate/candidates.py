"""Which values of one matching group are compared with which: the candidate pairs of the reduce step.

A group holds one slot's values (its *sides*: one per value signature). A small group compares every
pair, as it always did. A large one (figures that vary per article give thousands of values in one
slot) would cost n^2 verdicts, so each value is compared only with

- its nearest values: the sides are sorted by the point of their interval (`scaled_bounds`, the
  interval `compatible` itself compares), and each is compared with the `NEAREST` sides either side
  of it in that order. Values that agree overlap, so they sit next to each other in the sort;
- the `STRONGEST` sides of the group (most documents): the rivals whose word decides a conflict.

Lists of names are bucketed instead (the same set, or the same set but one member), and other values
(dates) are sorted by their text. Each side is then compared with O(NEAREST + STRONGEST) others,
so a group of n values costs O(n log n) for the sort and O(n) verdicts, and whoever calls the
verdict (`matching.verdict` -> `compatible`) still decides. `skipped` counts the values a side was
not compared with, so the report can say what it left out.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

from attrs import frozen

from citecheck.extract.facts.agreement import scaled_bounds
from citecheck.model import Fact

__all__ = ["ALL_PAIRS", "NEAREST", "STRONGEST", "Plan", "plan"]

ALL_PAIRS = 32  # groups with up to this many values compare every pair (the largest group measured on ECB+ has 29)
NEAREST = 2  # sides compared on either side of a value in sort order
STRONGEST = 3  # the sides with most documents, compared with every side of the group


@frozen
class Plan:
    """For each side (by index): the sides it is compared with, ascending (itself included), and how
    many sides of the group it is not compared with."""

    rivals: tuple[tuple[int, ...], ...]
    skipped: tuple[int, ...]


def plan(facts: Sequence[Fact], strength: Sequence[int]) -> Plan:
    """The comparisons for a group whose sides state `facts` (one representative each) and are backed
    by `strength` documents each. A pure function of its arguments."""
    n = len(facts)
    if n <= ALL_PAIRS:
        every = tuple(range(n))
        return Plan(tuple(every for _ in range(n)), (0,) * n)
    chosen = _by_buckets(facts, strength) if facts[0].kind == "entity" else _by_order(facts, strength)
    rivals = tuple(tuple(sorted(c | {i})) for i, c in enumerate(chosen))
    return Plan(rivals, tuple(n - len(r) for r in rivals))


def _strongest(indices: Iterable[int], strength: Sequence[int], k: int) -> list[int]:
    return sorted(indices, key=lambda i: (-strength[i], i))[:k]


def _point(fact: Fact) -> tuple[str, float] | None:
    """Where a numeric fact sorts: its unit family and the stated value (or the middle of its range,
    or its one finite bound) in the family's base unit."""
    scaled = scaled_bounds(fact)
    if scaled is None:
        return None
    family, low, high = scaled
    if math.isfinite(low) and math.isfinite(high):
        return family or "", (low + high) / 2
    return family or "", low if math.isfinite(low) else high


def _by_order(facts: Sequence[Fact], strength: Sequence[int]) -> list[set[int]]:
    """Numbers by their interval's point within each unit family (values of different families or
    without an interval are never comparable); dates by their text."""
    runs: dict[str, list[tuple[float, str, int]]] = defaultdict(list)
    for i, f in enumerate(facts):
        point = _point(f) if f.kind != "date" else None
        if point is not None:
            runs[f"#{point[0]}"].append((point[1], "", i))
        elif f.kind == "date":
            runs["date"].append((0.0, str(f.value), i))
    chosen: list[set[int]] = [set() for _ in facts]
    for run in runs.values():
        order = [i for *_, i in sorted(run)]
        top = _strongest(order, strength, STRONGEST)
        width = 2 * NEAREST + 1
        for p, i in enumerate(order):
            start = max(0, min(p - NEAREST, len(order) - width))
            chosen[i].update(order[start : start + width], top)
    return chosen


def _by_buckets(facts: Sequence[Fact], strength: Sequence[int]) -> list[set[int]]:
    """Lists agree when they name the same set and differ when they share all members but one: each
    list meets the strongest lists of its own set and of each set it makes with one member left out."""
    buckets: dict[object, list[int]] = defaultdict(list)
    keys: list[list[object]] = []
    for i, f in enumerate(facts):
        names = frozenset(f.entities)
        mine: list[object] = [("value", repr(f.value)), ("set", names), *(("less", names - {n}) for n in names)]
        keys.append(mine)
        for key in mine:
            buckets[key].append(i)
    best = {key: _strongest(members, strength, STRONGEST + 1) for key, members in buckets.items()}
    return [{j for key in mine for j in best[key]} for mine in keys]
