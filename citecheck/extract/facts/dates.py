"""Dates and durations in a sentence, normalised to ISO 8601.

Date values (unit = precision):
    "January 13", "13 January", "Jan. 13, 2026", "2026-01-13", "13th of January"  -> "2026-01-13"  (day)
    "January 2026", "in January"                                                   -> "2026-01"     (month)
    "in 2019", "(2019)"                                                            -> "2019"        (year)
    "2025–2026", "between 2019 and 2021"                                           -> "2025/2026"   (year)
A missing year comes from `doc_date`: the year that puts the date nearest to it (so "December 20"
in a January article is last December). Without `doc_date` a day keeps ISO 8601's truncated
form "--01-13" and a month "--01". Weekdays ("On Wednesday") resolve to the most recent such day on
or before `doc_date` ("last Wednesday": strictly before; "next Wednesday": strictly after);
without `doc_date` they stay a date fact with value None and unit "weekday". "today",
"yesterday", "tomorrow" are reported only when `doc_date` resolves them.

A bare four-digit number 1800–2199 is a year after a temporal word ("in", "since", "by", a
month...), or when no noun follows it; "2000 workers" is left to the quantity scanner.

Durations: "fifteen days" -> 15 day; weeks and fortnights become days (exact), decades and
centuries years; months stay months. "12–24 months" is a range (value None, low 12, high 24).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from citecheck.extract.facts.quantities import Measure, Scan
from citecheck.model import Fact

__all__ = ["DURATION_WORD", "date_facts", "dates_compatible", "duration"]

_MONTHS = {
    name: i
    for i, names in enumerate(
        "jan january|feb february|mar march|apr april|may|jun june|jul july|aug august|sep sept september"
        "|oct october|nov november|dec december".split("|"),
        start=1,
    )
    for name in names.split()
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![A-Za-z])"
)
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)(?![a-z])"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w])"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)(?!\d)"
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_NB = r"(?<![\w.,$€£¥#/:\-‑–])"
_DATES = re.compile(
    rf"{_NB}(?P<iy>\d{{4}})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])(?:T[\d:.]+(?:Z|[+\-]\d\d:?\d\d)?)?(?![\w\-])"
    rf"|(?:(?i:between)\s+)?{_NB}(?P<ya>{_YEAR})(?:\s*[\-‑–—]\s*|\s+(?:and|to)\s+)(?P<yb>{_YEAR}|\d\d(?!\d))(?![\w\-])"
    rf"|(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:,?\s+(?P<y1>{_YEAR}))?"
    rf"|{_NB}(?P<d2>{_DAY})(?:\s+of)?\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?"
    rf"|(?P<m3>{_MONTH}),?\s+(?P<y3>{_YEAR})"
    rf"|(?P<m4>{_FULL_MONTH})"
    rf"|(?P<wd>{'|'.join(_WEEKDAYS)})(?![\w])"
    r"|(?P<rel>(?i:today|yesterday|tomorrow))(?![\w]|['’]s)"
    rf"|{_NB}(?P<y>{_YEAR})(?![\w%]|[.,]\d)"
)
_MONTH_PREFIX = re.compile(
    r"(?<![\w])(?P<p>in|since|by|until|till|from|through|during|early|late|mid|last|this|next|before|after)"
    r"[\s\-‑]+$",
    re.I,
)
_WEEKDAY_PREFIX = re.compile(r"(?<![\w])(?P<p>last|next|this)\s+$", re.I)
_YEAR_BEFORE = re.compile(
    r"(?:(?<![\w])(?i:in|since|by|until|till|from|through|to|before|after|during|of|early|late|mid|around"
    r"|circa|fiscal|year|spring|summer|autumn|fall|winter|end|start|beginning|and|or)[\s\-‑]+|mid-|[(’'])$"
)
_PLURAL_END = re.compile(r"(?<![su])s$|people$|staff$")
_NAME_BEFORE = re.compile(
    r"(?<![\w])(?!(?:The|A|An|This|That|These|Its|Their|Our|His|Her|Every|Each|Last|Next|Since)[ \u00a0])"
    r"[A-Z][\w\-‑]*[ \u00a0]$"
)
_NOUN_AFTER = re.compile(r"\s+([a-z][a-z\-]*)")
_NOT_NOUN = frozenset(
    """and or but the a an to in on at for by with from of as than that when while if is are was were
    will would could should may might has have had be been it its this these those which who where
    through until before after during since so then also still onward onwards""".split()
)


def _closest(doc: date, month: int, day: int) -> date | None:
    """The date with this month and day nearest `doc` (last year, this year or next)."""
    best = None
    for year in (doc.year - 1, doc.year, doc.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - doc).days) < abs((best - doc).days):
            best = candidate
    return best


def _day(month: int, day_text: str, year_text: str | None, doc: date | None) -> tuple[str, str] | None:
    day = int(day_text.rstrip("stndrh"))
    if year_text:
        try:
            return date(int(year_text), month, day).isoformat(), "day"
        except ValueError:
            return None
    if doc is None:
        try:
            date(2000, month, day)  # a leap year: "February 29" stays possible
        except ValueError:
            return None
        return f"--{month:02d}-{day:02d}", "day"
    found = _closest(doc, month, day)
    return (found.isoformat(), "day") if found else None


def _month(month_text: str, prefix: str, doc: date | None) -> tuple[str, str]:
    month = _MONTHS[month_text.lower()]
    if doc is None:
        return f"--{month:02d}", "month"
    prefix = prefix.lower()
    if prefix == "last":
        year = doc.year if month < doc.month else doc.year - 1
    elif prefix == "next":
        year = doc.year if month > doc.month else doc.year + 1
    else:
        year = min((doc.year - 1, doc.year, doc.year + 1), key=lambda y: abs((y - doc.year) * 12 + month - doc.month))
    return f"{year}-{month:02d}", "month"


def _weekday(name: str, modifier: str | None, doc: date | None) -> tuple[str | None, str]:
    if doc is None:
        return None, "weekday"
    target = _WEEKDAYS.index(name)
    modifier = (modifier or "").lower()
    if modifier == "next":
        return (doc + timedelta(days=(target - doc.weekday()) % 7 or 7)).isoformat(), "day"
    back = (doc.weekday() - target) % 7
    if modifier == "last" and back == 0:
        back = 7
    return (doc - timedelta(days=back)).isoformat(), "day"


def _is_year(text: str, start: int, end: int) -> bool:
    if _YEAR_BEFORE.search(text, max(0, start - 16), start):
        return True
    if _NAME_BEFORE.search(text, max(0, start - 30), start):
        return False  # "Made in China 2025", "Windows 2000": part of a name
    m = _NOUN_AFTER.match(text, end)  # "the 1998 treaty" is a year, "2000 workers" a count
    return m is None or m.group(1) in _NOT_NOUN or not _PLURAL_END.search(m.group(1))


def _resolve(m: re.Match[str], text: str, doc: date | None, prefix: str | None) -> tuple[str | None, str] | None:
    g = m.groupdict()
    if g["iy"]:
        return _day(int(g["im"]), g["id"], g["iy"], None)
    if g["ya"]:
        yb = g["yb"] if len(g["yb"]) == 4 else g["ya"][:2] + g["yb"]
        between = m.group().lower().startswith("between")
        if not int(g["ya"]) < int(yb) or (" and " in m.group() and not between):
            return None
        return f"{g['ya']}/{yb}", "year"
    if g["m1"] or g["d2"]:
        month = _MONTHS[(g["m1"] or g["m2"]).lower().rstrip(".")]
        return _day(month, g["d1"] or g["d2"], g["y1"] or g["y2"], doc)
    if g["m3"]:
        return f"{g['y3']}-{_MONTHS[g['m3'].lower().rstrip('.')]:02d}", "month"
    if g["m4"]:
        return _month(g["m4"], prefix, doc) if prefix is not None else None
    if g["wd"]:
        return _weekday(g["wd"], prefix, doc)
    if g["rel"]:
        if doc is None:
            return None
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[g["rel"].lower()]
        return (doc + timedelta(days=shift)).isoformat(), "day"
    if _is_year(text, m.start("y"), m.end("y")):
        return g["y"], "year"
    return None


def _prefix(m: re.Match[str], text: str) -> re.Match[str] | None:
    """The word before a bare month ("in January") or a weekday ("last Wednesday")."""
    if m.group("m4"):
        return _MONTH_PREFIX.search(text, max(0, m.start() - 10), m.start())
    if m.group("wd"):
        return _WEEKDAY_PREFIX.search(text, max(0, m.start() - 6), m.start())
    return None


def date_facts(scan: Scan, doc_date: date | None) -> list[Fact]:
    """Every date in the sentence (see the module docstring for the forms and conventions)."""
    out = []
    text = scan.masked
    last = -1
    for anchor in scan.anchors:
        m = _DATES.match(text, anchor) if anchor >= last else None
        if m is None:
            continue
        prefix = _prefix(m, text)
        resolved = _resolve(m, text, doc_date, prefix.group("p") if prefix else None)
        start, end = (
            prefix.start() if prefix and m.group("wd") else m.start("y") if m.group("y") else m.start(),
            m.end(),
        )
        if resolved is None and m.group("ya") and _is_year(text, m.start("ya"), m.end("ya")):
            resolved, start, end = (m.group("ya"), "year"), m.start("ya"), m.end("ya")  # "2019 and 2021"
        if resolved is None:
            continue
        last = end
        out.append(scan.fact("date", start, end, resolved[0], unit=resolved[1]))
    return out


_DURATION_UNITS = {"second": ("second", 1), "sec": ("second", 1), "minute": ("minute", 1)}
_DURATION_UNITS |= {"min": ("minute", 1), "hour": ("hour", 1), "hr": ("hour", 1), "day": ("day", 1)}
_DURATION_UNITS |= {"week": ("day", 7), "fortnight": ("day", 14), "month": ("month", 1), "year": ("year", 1)}
_DURATION_UNITS |= {"yr": ("year", 1), "decade": ("year", 10), "century": ("year", 100)}
DURATION_WORD = (
    r"(?i:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?|years?|yrs?"
    r"|decades?|century|centuries)(?![\w])"
)


def duration(word: str, measure: Measure) -> tuple[str, Measure]:
    """The normalised unit of a duration word and the amount in it: ("weeks", 2) -> ("day", 14)."""
    word = word.lower()
    word = "century" if word == "centuries" else word[:-1] if word.endswith("s") else word
    unit, factor = _DURATION_UNITS[word]
    return unit, measure.scaled(Decimal(factor))


def _date_parts(value: str) -> tuple[int | None, ...]:
    """ "2026-01-13" -> (2026, 1, 13); "--01-13" -> (None, 1, 13); "2025/2026" -> (2025, 2026)."""
    if "/" in value:
        first, last = value.split("/")
        return int(first), int(last)
    if value.startswith("--"):
        parts = [int(p) for p in value[2:].split("-")]
        return None, parts[0], parts[1] if len(parts) > 1 else None
    parts = [int(p) for p in value.split("-")]
    return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


def dates_compatible(a: object, b: object) -> bool | None:
    """Same date at the precision both give ("2026-01" agrees with "2026-01-13"); a year range
    agrees with a date inside it; None when a date is unresolved or nothing is shared."""
    if not isinstance(a, str) or not isinstance(b, str):
        return None
    pa, pb = _date_parts(a), _date_parts(b)
    if len(pa) == 2 or len(pb) == 2:
        ra = pa if len(pa) == 2 else (pa[0], pa[0])
        rb = pb if len(pb) == 2 else (pb[0], pb[0])
        lo_a, hi_a = ra
        lo_b, hi_b = rb
        if lo_a is None or hi_a is None or lo_b is None or hi_b is None:
            return None
        return lo_a <= hi_b and lo_b <= hi_a
    shared = [(x, y) for x, y in zip(pa, pb) if x is not None and y is not None]
    return all(x == y for x, y in shared) if shared else None
