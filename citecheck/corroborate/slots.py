"""What exactly a figure counts, beyond its counted noun: the slot two figures must share to agree or
to conflict.

"two main islands" and "around 600 smaller islands" count islands, but not the same islands;
"the Orioles ... seven years" and "the Nationals ... eight years" are two offers; "750 leaks this
January" and "500 leaks a year" are two periods; "the six largest cities", "two pounds less" and
"seven decades later" are a selection, a difference and a time shift, not rival counts. A `SlotView`
records, for one fact in its sentence:

- `modifiers`: the words between the number and its counted noun ("main", "regional"), hyphenated
  words split; two slots agree unless both have modifiers and share none ("fast-charging stations"
  and "motorway charging stations" agree, "main islands" and "smaller islands" do not);
- `holder`: the nearest entity named before the figure in the sentence (within `HOLDER_REACH`
  characters), whose figure it is; two holders agree when one's words include the other's;
- `period`: a rate or period right after the figure ("a year", "per day", "in January");
- `part`: the figure is a selection, difference, partitive or time shift ("largest", "less",
  "of the", "later"): such a figure never conflicts with a whole;
- `places`: the places the sentence names (the gazetteer's, or names after "in", "near"); inside
  one article, "5,000 workers at its plant in Tarsenia" and "3,000 workers at its plant in
  Velmora" are two workforces (`places_agree`). Across articles one writer's "China" is another's
  "Beijing", so there the frames and words decide instead.
"""

from __future__ import annotations

import re

from attrs import frozen

from citecheck.extract.facts.entity_words import is_place
from citecheck.model import Fact, Statement

__all__ = ["SlotView", "slot_view", "slots_agree", "places_agree"]

HOLDER_REACH = 60
_TOKEN = re.compile(r"[A-Za-z][\w-]*")
_QUANTIFIERS = frozenset(
    "a an the of and to up at least most more less than over under about around roughly nearly almost some "
    "several approximately just only per percent one two three four five six seven eight nine ten eleven "
    "twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty "
    "seventy eighty ninety hundred hundreds thousand thousands million millions billion billions trillion "
    "dozen dozens half quarter plus".split()
)
# selections and rankings: "the six largest cities", "the top four developers"
_SELECTION = frozenset(
    "top largest biggest smallest highest lowest oldest youngest greatest best worst leading first last".split()
)
_AFTER_PART = re.compile(
    r"(?i)^\W{0,3}(?:less|more|fewer|longer|shorter|higher|lower|heavier|lighter|older|younger|earlier|later|ago"
    r"|before|after|since|of\s+(?:the|its|their|them|these|those|which|whom))\b"
)
_BEFORE_PART = re.compile(r"(?i)\b(?:top|first|last|another|other|additional|extra)\s+$")
_MONTHS = "january february march april may june july august september october november december"
_PERIOD = re.compile(
    r"(?i)^\W{0,3}(?:(?:a|an|per|each|every)\s+(year|month|week|day|season|quarter|hour)"
    r"|(annually|yearly|monthly|weekly|daily|hourly)"
    r"|(?:in|during|this|last|since)\s+(" + _MONTHS.replace(" ", "|") + r"))\b"
)


@frozen
class SlotView:
    holder: str | None = None
    modifiers: frozenset[str] = frozenset()
    period: str | None = None
    part: bool = False
    places: frozenset[str] = frozenset()


# the one empty set every slot without modifiers or places holds (most do: a slot per figure record)
_EMPTY: frozenset[str] = frozenset()


def _modifiers(fact: Fact) -> frozenset[str]:
    """Words of the fact's own text other than quantifiers and the counted noun (its last word)."""
    if not fact.subject:
        return _EMPTY
    words = [w.lower() for w in _TOKEN.findall(fact.text)][:-1]
    parts = [p for w in words for p in w.split("-")]  # "fast-charging" shares "charging" with "motorway charging"
    return frozenset(p for p in parts if p and p not in _QUANTIFIERS and not p[0].isdigit())


def _holder(s: Statement, fact: Fact) -> str | None:
    """The nearest single entity that ends before the figure, in reach."""
    best = None
    for other in s.facts:
        if other.kind != "entity" or len(other.entities) >= 3 or not isinstance(other.value, str):
            continue
        in_reach = other.span.end <= fact.span.start and fact.span.start - other.span.end <= HOLDER_REACH
        if in_reach and (best is None or other.span.end > best.span.end):
            best = other
    return best.value.lower() if best is not None and isinstance(best.value, str) else None


def slot_view(s: Statement, fact: Fact) -> SlotView:
    start, end = fact.span.start - s.span.start, fact.span.end - s.span.start
    before, after = s.text[max(0, start - 20) : start], s.text[end : end + 24]
    modifiers = _modifiers(fact)
    period = _PERIOD.match(after)
    part = bool(modifiers & _SELECTION or _AFTER_PART.match(after) or _BEFORE_PART.search(before))
    when = next((g.lower() for g in period.groups() if g), None) if period else None
    kept = modifiers - _SELECTION if modifiers else _EMPTY
    return SlotView(_holder(s, fact), kept or _EMPTY, when, part, _places(s))


_IN = re.compile(r"(?i)\b(?:in|near|outside)\s+(?:the\s+)?$")


def _places(s: Statement) -> frozenset[str]:
    """Names the gazetteer knows as places, or that follow "in", "near", "outside" ("its plant in Velmora")."""
    found = set()
    for f in s.facts:
        if f.kind != "entity" or len(f.entities) >= 3 or not isinstance(f.value, str):
            continue
        before = s.text[max(0, f.span.start - s.span.start - 12) : f.span.start - s.span.start]
        if is_place(f.value) or _IN.search(before):
            found.add(f.value.lower())
    return frozenset(found) if found else _EMPTY


def places_agree(a: SlotView, b: SlotView) -> bool:
    """Unless both sentences name places and share none."""
    return not (a.places and b.places and a.places.isdisjoint(b.places))


def _holders_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    words_a, words_b = (
        set(a.split()),
        set(b.split()),
    )  # "Nationals" is "Washington Nationals"; "Mount Cook" is not "Mount Ruapehu"
    return words_a <= words_b or words_b <= words_a


def slots_agree(a: SlotView, b: SlotView, *, strict: bool = False) -> bool:
    """Same modifiers (one set within the other) and the same period; with `strict` (conflicts) also
    the same holder, and neither figure a part of a whole."""
    if (a.modifiers and b.modifiers and a.modifiers.isdisjoint(b.modifiers)) or a.period != b.period:
        return False
    if not _holders_agree(a.holder, b.holder):
        return False
    return not (strict and (a.part or b.part))
