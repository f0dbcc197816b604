"""How two facts compare: the interval a numeric fact allows (`bounds`) and whether two facts state
the same value (`compatible`), across units of one family (GB and TB, days and months).

`citecheck.extract.facts.extractor` extracts the facts and re-exports both functions.
"""

from __future__ import annotations

import math
import re

from citecheck.extract.facts.dates import dates_compatible
from citecheck.extract.facts.entities import entities_compatible
from citecheck.extract.facts.nounphrase import counted_kind
from citecheck.model import Fact

__all__ = ["BOUND_REACH", "TOLERANCE", "UNIT_SLACK", "bounds", "compatible", "scaled_bounds"]

_DURATION_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0}
_DURATION_DAYS |= {"month": 30.436875, "year": 365.2425}
_SI = {"": 1.0, "k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18, "n": 1e-9}
_SI |= {"m": 1e-3, "c": 1e-2, "Ki": 2.0**10, "Mi": 2.0**20, "Gi": 2.0**30, "Ti": 2.0**40}
_SI_UNIT = re.compile(r"(Ki|Mi|Gi|Ti|[kKMGTPEnmc]?)(B|b|Hz|W|Wh|FLOPS|m|g)(/s)?")
_GENERIC = frozenset({None, "unit", "item", "piece"})
# The one tolerance for "the same figure": exact figures within ±1% agree (rounding in reporting);
# corroboration, internal consistency and page verification all use it.
TOLERANCE = 0.01
BOUND_REACH = 1.5  # how far "more than X" reaches: up to 1.5X
UNIT_SLACK = 1.03  # facts in two units of one family (months and years) agree only roughly


def _scale(fact: Fact) -> tuple[str | None, float]:
    """The unit family a fact is measured in and the factor to that family's base unit."""
    unit = fact.unit
    if fact.kind == "duration" and unit in _DURATION_DAYS:
        return "day", _DURATION_DAYS[unit]
    m = _SI_UNIT.fullmatch(unit) if unit and fact.kind == "quantity" else None
    if m:
        return m.group(2) + (m.group(3) or ""), _SI[m.group(1)]
    return unit, 1.0


def bounds(fact: Fact, *, tolerance: float = TOLERANCE) -> tuple[float, float] | None:
    """The interval of values a numeric fact allows, in its own unit; None for dates, entities and
    facts without a value. "=" allows ±`tolerance`, "~" ±10%; ">" and ">=" start at the value itself
    (news rounding: "more than 400,000" agrees with "400,000") and reach half as much again (nobody
    writes "more than 400,000" for 900,000); "<" and "<=" mirror that below."""
    if fact.kind in ("date", "entity"):
        return None
    if fact.low is not None or fact.high is not None:
        low = fact.low if fact.low is not None else -math.inf
        return low, fact.high if fact.high is not None else math.inf
    if not isinstance(fact.value, int | float):
        return None
    v = float(fact.value)
    if fact.qualifier in (">", ">="):
        return v, v * BOUND_REACH if v > 0 else math.inf
    if fact.qualifier in ("<", "<="):
        return (v / BOUND_REACH if v > 0 else -math.inf), v
    slack = abs(v) * (0.1 if fact.qualifier == "~" else tolerance)
    return v - slack, v + slack


def _same_subject(a: Fact, b: Fact) -> bool:
    if a.entities and b.entities and not set(a.entities) & set(b.entities):
        return False
    return a.subject in _GENERIC or b.subject in _GENERIC or counted_kind(a.subject) == counted_kind(b.subject)


def compatible(a: Fact, b: Fact, *, tolerance: float = TOLERANCE) -> bool | None:
    """Do two facts state the same value? True: the same value within tolerance, overlapping ranges,
    the same date at the precision both have, the same entity or set of listed entities. False: they
    conflict. None: not comparable (different kinds, units, currencies, counted nouns or named
    products; unresolved dates). Whether two facts fill the same slot is the caller's business."""
    if a.kind != b.kind:
        return None
    if a.kind == "entity":
        return entities_compatible(a, b)
    if a.kind == "date":
        return dates_compatible(a.value, b.value)
    if not _same_subject(a, b):
        return None
    sa, sb = scaled_bounds(a, tolerance=tolerance), scaled_bounds(b, tolerance=tolerance)
    if sa is None or sb is None or sa[0] != sb[0]:
        return None
    slack = UNIT_SLACK if a.unit != b.unit else 1.0  # months and years are days only roughly
    return sa[1] <= sb[2] * slack and sb[1] <= sa[2] * slack


def scaled_bounds(fact: Fact, *, tolerance: float = TOLERANCE) -> tuple[str | None, float, float] | None:
    """The unit family of a numeric fact and its interval (`bounds`) in that family's base unit
    ("2 GB" is bytes 1.98e9..2.02e9); None where `bounds` is None. Two facts agree (`compatible`)
    only when their families match and these intervals overlap (within `UNIT_SLACK` across units),
    so sorting facts by them puts the facts that can agree next to each other."""
    interval = bounds(fact, tolerance=tolerance)
    if interval is None:
        return None
    family, factor = _scale(fact)
    return family, interval[0] * factor, interval[1] * factor
