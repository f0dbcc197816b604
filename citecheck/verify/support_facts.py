"""The claim's checkable facts and names against a cited page, for `citecheck.verify.support`: which the page
establishes, which it lacks, and which it contradicts."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from attrs import evolve, frozen

from citecheck.extract.facts.extractor import compatible
from citecheck.extract.facts.nounphrase import counted_kind
from citecheck.model import CHECKABLE_KINDS, Fact
from citecheck.verify.page_index import PageIndex
from citecheck.verify.words import content_words

__all__ = ["FactCheck", "check_facts"]

_NOUN = {"quantity": "figure", "money": "amount", "percent": "percentage", "ratio": "ratio", "duration": "duration"}


@frozen
class FactCheck:
    """The claim's facts and entities against the page: share of facts found, what is missing, where."""

    facts: float
    missing: tuple[str, ...]
    found: Mapping[str, int]  # lemma of a word inside a found fact -> sentence stating the fact
    reported: frozenset[str]  # lemmas already named in `missing`
    conflicts: int  # facts the page states with a different value


def _describe(fact: Fact) -> str:
    if fact.kind == "date":
        return f"the date {fact.value}"
    return f"the {_NOUN.get(fact.kind, 'figure')} {fact.text}"


def _loose(fact: Fact) -> Fact:
    return evolve(fact, subject=None, entities=())


def _points(fact: Fact) -> list[Fact]:
    """The definite values a page fact commits to: its value, else the finite ends of its range."""
    ends = [fact.value] if isinstance(fact.value, int | float) else [fact.low, fact.high]
    return [evolve(fact, value=v, qualifier="=", low=None, high=None) for v in ends if v is not None and v < 1e300]


def _entails(claim: Fact, page: Fact) -> bool | None:
    """Does the page's fact establish the claim's? `compatible` says the values overlap; the page
    must also be at least as definite: "over 250,000" does not back "over 400,000", nor "2026"
    back "January 13, 2026", nor "several hundred thousand" back "400,000"."""
    same = compatible(claim, page)
    if not same:
        return same
    if claim.kind == "date":
        fine = {"day": 3, "month": 2}
        return fine.get(str(claim.unit), 0) <= fine.get(str(page.unit), 0)
    points = _points(page)
    return bool(points) and all(compatible(claim, p) is not False for p in points)


def _find_fact(fact: Fact, index: PageIndex) -> tuple[int | None, Fact | None]:
    """(sentence stating it, None) when the page states the value; (None, other) when it states a
    different value for the same counted thing; (None, None) when it says nothing comparable."""
    conflict = None
    for i, other in index.facts.get(fact.kind, ()):
        same = _entails(fact, other)
        if same or (same is None and _entails(_loose(fact), _loose(other))):
            return i, None
        same_thing = fact.subject and counted_kind(fact.subject) == counted_kind(other.subject)
        if same is False and conflict is None and same_thing:
            conflict = other
    found = _digits_on_page(fact, index)
    return (found, None) if found is not None else (None, conflict)


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _digits_on_page(fact: Fact, index: PageIndex) -> int | None:
    """Fallback across kinds and formats ("10-24 year old" / "aged 10-24", "the 2018 judgment" /
    "6 Sep 2018"): a sentence holding every number written in the fact, one of two digits or more.
    Not for dates finer than a year, whose day and month must agree."""
    if fact.kind == "date" and fact.unit not in ("year", None):
        return None
    digits = [d.replace(",", "") for d in _DIGITS.findall(fact.text)]
    if not digits or max(len(d.replace(".", "")) for d in digits) < 2:
        return None
    common = set.intersection(*(set(index.postings.get(d, ())) for d in digits))
    return min(common) if common else None


def _checkable(facts: Sequence[Fact]) -> list[Fact]:
    out = []
    for f in facts:
        if f.kind not in CHECKABLE_KINDS or (f.kind == "date" and not isinstance(f.value, str)):
            continue
        if f.kind == "quantity" and f.value == 1 and not f.unit:
            continue  # "one of the ..."
        out.append(f)
    return out


def _name_found(name: str, index: PageIndex) -> bool:
    if name in index.names:
        return True
    lemmas = [lemma for _, lemma in content_words(name)]
    return bool(lemmas) and sum(lemma in index.postings for lemma in lemmas) * 2 >= len(lemmas)


def _lost_names(facts: Sequence[Fact], index: PageIndex) -> list[str]:
    """The claim's entities the page does not name (a list's missing members together)."""
    singles = {str(f.value) for f in facts if f.kind == "entity" and f.subject != "list" and f.value}
    lost = {name for name in singles if not _name_found(name, index)}
    missing = []
    for f in facts:
        members = [m for m in f.entities if m in lost] if f.kind == "entity" and f.subject == "list" else []
        if members:
            missing.append(", ".join(members))
            lost.difference_update(members)
    return missing + sorted(lost)


def check_facts(facts: Sequence[Fact], index: PageIndex) -> FactCheck:
    checkable = _checkable(facts)
    missing, found, reported, conflicts = [], {}, set(), 0
    for fact in checkable:
        i, other = _find_fact(fact, index)
        lemmas = [lemma for _, lemma in content_words(fact.text)]
        if i is not None:
            found.update(dict.fromkeys(lemmas, i))
        else:
            missing.append(_describe(fact) + (f" (the page says {other.text})" if other is not None else ""))
            reported.update(lemmas)
            conflicts += other is not None
    lost = _lost_names(facts, index)
    reported.update(lemma for name in lost for _, lemma in content_words(name))
    share = 1.0 - len(missing) / len(checkable) if checkable else 1.0
    return FactCheck(share, tuple(missing + lost), found, frozenset(reported), conflicts)
