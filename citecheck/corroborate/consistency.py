"""Does a document contradict itself? Four checks, each a pure function of one article:

1. the same slot with incompatible values (two figures for one count, two lists of recipients
   that differ in one member), found with the cross-document matcher run inside the document;
2. a stated word count far from the real one;
3. a stated duration that no pair of the document's dates bears out;
4. a weekday that does not fall on the date it is written with.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from attrs import evolve, frozen

from citecheck.corroborate.matching import Record, emit, group, same_period, shared, verdict
from citecheck.corroborate.slots import places_agree, slots_agree
from citecheck.model import FIGURE_KINDS, Article, Fact, Statement
from citecheck.read.isodate import find_date

__all__ = ["Inconsistency", "inconsistencies"]

_WORD_COUNT = re.compile(
    r"(?i)\b(?:word count|words?)\b\W{0,3}(?:(?:approximately|about|around|roughly|some|~)\s*)?(\d[\d,]*)\b"
    r"|(?<![\w,])(\d[\d,]*+)[- ]word\b"  # starts only where a run of digits and commas starts: linear
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_DATE = re.compile(r"(?i)\b(" + "|".join(_WEEKDAYS) + r"),?\s+(?:the\s+)?(?=\S)")
_SPAN_CUE = re.compile(r"(?i)\b(?:lasted|exactly|spanning|span of|after just)\b")
_WORD = re.compile(r"\b\w[\w'’-]*\b")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_DIGITS = re.compile(r"\d{4}")


@frozen
class Inconsistency:
    statement: Statement
    other: Statement | None
    message: str


def inconsistencies(article: Article) -> Iterator[Inconsistency]:
    yield from _conflicting_values(article)
    yield from _word_count(article)
    yield from _durations(article)
    yield from _weekdays(article)


_GROUP_CAP = 300  # distinct (statement, value) pairs compared per slot: a document is not a corpus


def _conflicting_values(article: Article) -> Iterator[Inconsistency]:
    by_id: dict[str, Statement] = {s.id: s for s in article.statements}
    seen: set[tuple[str, str]] = set()
    for members in group(emit(_rivals(article), events=False)).values():
        first: dict[tuple[str, str, str], Record] = {}
        for m in members:  # one per statement and value: the first wording of it
            if m.fact is None:  # emit(events=False) only yields fact records
                continue
            first.setdefault((m.statement, repr(m.fact.value), m.fact.qualifier), m)
        # capped before the filter, so the same records are compared as when every one was; only specific
        # records can contradict (`verdict`), and the cheap tests come first: most pairs fail them
        distinct = [r for r in list(first.values())[:_GROUP_CAP] if r.specific]
        for i, x in enumerate(distinct):
            for y in distinct[i + 1 :]:
                if x.statement == y.statement:
                    continue
                pair = (x.statement, y.statement) if x.statement < y.statement else (y.statement, x.statement)
                if pair in seen or not _contradicts(x, y):
                    continue
                seen.add(pair)
                early, late = sorted((x, y), key=lambda r: by_id[r.statement].span.start)
                if early.fact is None or late.fact is None:
                    continue
                yield Inconsistency(
                    by_id[late.statement],
                    by_id[early.statement],
                    f"says {late.fact.text} here but {early.fact.text} earlier",
                )


def _contradicts(x: Record, y: Record) -> bool:
    found = verdict(x, y)
    if found is None or found.relation != "contradicts":
        return False
    return x.key[0] == "list" or _same_slot(x, y)


def _rivals(article: Article) -> Article:
    """The article with only the claims that can hold a rival value: a figure or a list. Dates are keyed
    by their value (and are not specific), so two dates never contradict in `verdict`; the other
    sentences would only be worded into records that are never compared (emit costs most of this check)."""
    kept = tuple(s for s in article.statements if s.kind == "claim" and any(map(_rival_kind, s.facts)))
    return evolve(article, statements=kept)


def _rival_kind(f: Fact) -> bool:
    return f.kind in FIGURE_KINDS or (f.kind == "entity" and len(f.entities) >= 3)


INTERNAL_OVERLAP = 0.5  # without a shared action, two sentences of one article must mostly repeat each other


def _same_slot(x: Record, y: Record) -> bool:
    """One article names many counts of one noun (islands, councils, leaks); two of them are rival values
    only for the same counted thing (modifiers, holder, period, no selection or difference) at the same
    time and place, and either for the same named action or in sentences that mostly say the same thing."""
    if not slots_agree(x.slot, y.slot, strict=True) or not same_period(x, y) or not places_agree(x.slot, y.slot):
        return False
    if _bound(x) or _bound(y):
        return False  # "18 peaks over 3,000 metres" is a threshold, not a rival value for one peak's height
    if x.fact is not None and x.fact.kind == "money" and (x.slot.holder is None or y.slot.holder is None):
        return False  # an article names many sums: whose sum it is must be known on both sides
    return x.action == y.action != "-" or shared(x.words, y.words) >= INTERNAL_OVERLAP


def _bound(r: Record) -> bool:
    return r.fact is not None and r.fact.qualifier in (">", ">=", "<", "<=")


def _body_words(article: Article) -> int:
    return sum(len(_WORD.findall(s.text)) for s in article.statements if s.kind != "meta")


def _word_count(article: Article) -> Iterator[Inconsistency]:
    actual = None  # counted once, and only when some sentence states a word count
    for s in article.statements:
        m = _WORD_COUNT.search(s.text) if "word" in s.text.lower() else None
        if not m:
            continue
        stated = int((m.group(1) or m.group(2)).replace(",", "") or 0)
        actual = _body_words(article) if actual is None else actual
        if stated >= 50 and actual and abs(stated - actual) / actual > 0.25:
            yield Inconsistency(
                s, None, f"states a word count of {stated:,}, but the article has about {actual:,} words"
            )


def _day_dates(statement: Statement) -> list[date]:
    return sorted(
        {
            date.fromisoformat(f.value)
            for f in statement.facts
            if f.kind == "date" and isinstance(f.value, str) and _ISO_DAY.fullmatch(f.value)
        }
    )


def _stated_span(article: Article) -> tuple[date, date] | None:
    """The one pair of dates a duration can be checked against: two dates in one sentence ("began on
    March 2 and ended on March 14"), else the article's only two dates."""
    per_statement = [d for d in map(_day_dates, article.statements) if d]  # each sentence's dates, worked out once
    pairs = [(d[0], d[-1]) for d in per_statement if len(d) == 2]
    if len(pairs) == 1:
        return pairs[0]
    every = sorted({d for dates in per_statement for d in dates})
    return (every[0], every[1]) if len(every) == 2 and not pairs else None


def _durations(article: Article) -> Iterator[Inconsistency]:
    # the sentences that state an exact span come first: most articles have none, and then their dates
    # need not be read at all
    spans = [(s, f) for s in article.statements if _SPAN_CUE.search(s.text) for f in s.facts if _exact_days(f)]
    stated = _stated_span(article) if spans else None
    if stated is None:
        return  # with several candidate pairs we cannot tell which one a duration spans
    gap = (stated[1] - stated[0]).days
    for s, f in spans:
        if isinstance(f.value, int | float) and abs(f.value - gap) > 1:
            yield Inconsistency(
                s,
                None,
                f"says {f.text}, but its dates {stated[0]:%B %-d} and {stated[1]:%B %-d} are {gap} "
                f"day{'s' if gap != 1 else ''} apart",
            )


def _exact_days(f: Fact) -> bool:
    return f.kind == "duration" and f.unit == "day" and f.qualifier == "="


def _weekdays(article: Article) -> Iterator[Inconsistency]:
    year = article.document.meta.published[:4] if article.document.meta.published else None
    for s in article.statements:
        if "day" not in s.text.lower():
            continue  # every weekday ends in "day": a plain test skips the slower case-blind pattern
        for m in _WEEKDAY_DATE.finditer(s.text):
            rest = s.text[m.end() : m.end() + 30]
            found = find_date(rest if _YEAR_DIGITS.search(rest) or not year else f"{rest.split(',')[0]}, {year}")
            if found and found[1].start() == 0:
                when = date.fromisoformat(found[0])
                if _WEEKDAYS[when.weekday()] != m.group(1).lower():
                    yield Inconsistency(s, None, f"calls {when:%B %-d, %Y} a {m.group(1)}, but it was a {when:%A}")
