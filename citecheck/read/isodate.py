"""Written calendar dates -> ISO `YYYY-MM-DD`, for metadata lines and reference entries.

Only complete dates (with a year) are turned into ISO here; relative and partial dates inside
sentences are the business of `citecheck.extract.facts.extractor`.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["MONTHS", "DATE_PATTERN", "find_date", "parse_date"]

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?P<{g}>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
DATE_PATTERN = re.compile(
    r"\b(?:"
    r"(?P<y1>\d{4})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})"
    r"|" + _MONTH.format(g="mn2") + r"\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4})"
    r"|(?P<d3>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH.format(g="mn3") + r",?\s+(?P<y3>\d{4})"
    r")\b",
    re.IGNORECASE,
)


def _iso(year: str, month: int, day: str) -> str | None:
    try:
        return date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or MONTHS[key[:3]]


def find_date(text: str) -> tuple[str, re.Match[str]] | None:
    """First complete calendar date in `text` as (ISO string, match)."""
    for match in DATE_PATTERN.finditer(text):
        g = match.groupdict()
        if g["y1"]:
            iso = _iso(g["y1"], int(g["m1"]), g["d1"])
        elif g["y2"]:
            iso = _iso(g["y2"], _month(g["mn2"]), g["d2"])
        else:
            iso = _iso(g["y3"], _month(g["mn3"]), g["d3"])
        if iso:
            return iso, match
    return None


def parse_date(text: str) -> str | None:
    found = find_date(text)
    return found[0] if found else None
