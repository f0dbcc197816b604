"""The amount grammar shared by every numeric fact, and the parsers that turn its text into numbers.

Owns: digit amounts ("400,000", "1.5 million", "400k", "3.5bn"), spelled amounts ("two million",
"twenty-two", "four hundred thousand", "half a million"), ranges ("12–24", "between 5 and 10"),
vague amounts ("several hundred thousand", "hundreds of thousands", "dozens") and the qualifiers
around them ("more than", "around", "-plus"); and where amounts may start in a sentence (`anchors`).
`facts.py` turns amounts into facts. The counted noun after an amount (`head_after`) lives in
`citecheck.extract.facts.nounphrase`; it is re-exported here with `Head`, `noun_before`, `singular`, `product_name`
and `PRODUCT`.

Vague amounts are ranges (the value is None, the qualifier "~"):
    several / a few N        -> 2N .. 9N        ("several hundred thousand" = 200,000 .. 900,000)
    a couple of N            -> 2N .. 3N
    tens / dozens / hundreds -> 20..99 / 24..99 / 200..999
    thousands / millions ... -> 2M .. 1000M - 1 ("billions" = 2e9 .. 1e12 - 1)
    Xs of Ms                 -> low(X)·M .. (high(X) + 1)·M - 1 ("hundreds of thousands" = 200,000 .. 999,999)
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TypedDict, Unpack

from attrs import frozen

from citecheck.extract.facts.nounphrase import (
    PRODUCT as PRODUCT,  # re-exported with the rest of the counted-noun helpers
)
from citecheck.extract.facts.nounphrase import Head, head_after, noun_before, product_name, singular
from citecheck.model import Fact, FactKind, Qualifier
from citecheck.text import Span

__all__ = [  # and the regex fragments CORE, MONEY_CORE, SYM, DOZEN, VAGUE, VAGUE_COUNT, POST, PRODUCT
    "Amount",
    "Head",
    "Measure",
    "Scan",
    "anchors",
    "core",
    "digit_runs",
    "dozen",
    "head_after",
    "noun_before",
    "parse_amount",
    "parse_core",
    "parse_vague",
    "post_qualifier",
    "product_name",
    "qualifier_before",
    "singular",
    "to_number",
]

_UNIT_WORDS = dict(
    zip(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split(),
        range(20),
    )
)
_TENS_WORDS = dict(zip("twenty thirty forty fifty sixty seventy eighty ninety".split(), range(20, 100, 10)))
_BIG = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SUFFIX = {"k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "b": 10**9, "bn": 10**9, "bln": 10**9}
_SUFFIX |= {"t": 10**12, "tn": 10**12, "trn": 10**12, **_BIG}


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_HY = r"[\s\-‑]+"  # between spelled number words: spaces or hyphens
_NINE = "one|two|three|four|five|six|seven|eight|nine"
_SMALL = rf"(?:(?:{_alt(_TENS_WORDS)})(?:[\-‑ ](?:{_NINE}))?|{_alt(_UNIT_WORDS)})(?![a-z])"
_BIGW = r"(?:thousand|million|billion|trillion)(?![a-z])"
_GROUP = rf"{_SMALL}(?:{_HY}hundred(?![a-z])(?:{_HY}(?:and{_HY})?{_SMALL})?)?"
_AHUNDRED = rf"an?{_HY}hundred(?![a-z])(?:{_HY}(?:and{_HY})?{_SMALL})?"
# "a quarter of a million", "three-quarters of a billion", "two-thirds of a million"
_FRACTION = rf"(?:an?|one|two|three){_HY}(?:quarters?|thirds?){_HY}of{_HY}an?"
_WORDS = (
    rf"(?i:(?:{_FRACTION}|{_GROUP}|{_AHUNDRED}|half{_HY}an?|an?)(?:{_HY}{_BIGW})+"
    rf"(?:{_HY}(?:and{_HY})?{_GROUP}(?:{_HY}{_BIGW})*)*|{_GROUP}|{_AHUNDRED})"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3}){1,6}|\d{1,15})(?:\.\d{1,12})?"  # bounded: no 1 MB numbers
_DMAG = (
    r"(?:[\s\-‑]?(?i:hundred[\s\-‑]+)?(?i:thousand|million|billion|trillion)(?![a-z])"
    r"|\s?(?:bn|mn|mln|bln|tn|trn)(?![a-z])|k(?![\w])|(?<=\d\d)K(?![\w]))"
)
_DIGIT_AMT = rf"{_DIGITS}{_DMAG}?"
# Money also takes the bare letters of "$5m", "$12B", "$1T".
_DIGIT_MONEY = rf"{_DIGITS}(?:{_DMAG}|[mMbBT](?![\w]))?"
_AMOUNT = rf"(?:{_DIGIT_AMT}|{_WORDS})"
_MONEY_AMOUNT = rf"(?:{_DIGIT_MONEY}|{_WORDS})"
_NB = r"(?<![\w.,$€£¥₹₩#/:\-‑])"  # an amount does not continue a word, a number or a product name
_NA = r"(?![\w]|[.,:/\-‑–]\d)"  # ... nor run on into one


def core(amount: str = _AMOUNT, digit: str = _DIGIT_AMT, *, hi: str = "", nb: str = _NB, na: str = _NA) -> str:
    """An amount or a range of two: "12–24", "12 to 24", "between 12 and 24" (not "from 12 to 24").

    `hi` may precede the second amount (a currency symbol), `nb`/`na` guard the edges; scanners
    whose unit is glued on ("141GB", "6x") pass ``na=""``.
    """
    end = na and r"(?![\w])"
    return (
        rf"(?:(?<![\w])(?i:between)\s+{amount}\s+and\s+{hi}{amount}{end}"
        rf"|(?<![Ff]rom\s){nb}(?:{digit}\s*[\-‑–—]\s*{hi}{digit}|{amount}\s*[–—]\s*{hi}{amount}"
        rf"|{amount}\s+to\s+{hi}{amount}){end}|{nb}{amount}{na})"
    )


CORE = core()
SYM = (
    r"(?:US\$|U\.S\.\s?\$|HK\$|NZ\$|CN¥|A\$|C\$|S\$|R\$|\$|€|£|¥|₹|₩"
    r"|(?<![A-Za-z])(?:USD|EUR|GBP|CNY|RMB|JPY|HKD|INR|KRW|AUD|CAD|CHF)(?:\s|(?=\d)))"
)
MONEY_CORE = core(_MONEY_AMOUNT, _DIGIT_MONEY, hi=rf"(?:{SYM}\s?)?", nb="")  # after a currency symbol
DOZEN = rf"(?P<dz>(?i:an?|{_SMALL}))\s+(?i:dozen)(?![a-z])"


def dozen(word: str) -> Measure:
    """ "two dozen" -> 24; "a dozen" -> 12."""
    word = word.lower()
    return Measure(Decimal(12 * (1 if word in ("a", "an") else _UNIT_WORDS.get(word, _TENS_WORDS.get(word, 1)))))


_VAGUE_COUNT = {"several": (2, 9), "a few": (2, 9), "a couple of": (2, 3), "a couple": (2, 3)}
_VAGUE_PLURAL = {
    "tens": (20, 99),
    "dozens": (24, 99),
    "hundreds": (200, 999),
    "thousands": (2 * 10**3, 10**6 - 1),
    "millions": (2 * 10**6, 10**9 - 1),
    "billions": (2 * 10**9, 10**12 - 1),
    "trillions": (2 * 10**12, 10**15 - 1),
}
VAGUE_COUNT = r"(?i:several|a\s+few|a\s+couple(?:\s+of)?)(?![a-z])"
_VAGUE_PLURALS = r"(?i:tens|dozens|hundreds|thousands|millions|billions|trillions)(?![a-z])"
VAGUE = (
    rf"(?:{VAGUE_COUNT}\s+(?i:hundred|thousand|million|billion|trillion)(?![a-z])"
    r"(?:\s+(?i:thousand|million|billion)(?![a-z]))?"
    rf"|{_VAGUE_PLURALS}(?:\s+of\s+(?i:thousands|millions|billions|trillions)(?![a-z]))?)"
)

_QUALIFIER_TABLE: dict[Qualifier, str] = {
    ">": "more than|over|above|in excess of|upwards of|upward of|exceeding|>",
    ">=": "at least|no less than|no fewer than|not less than|a minimum of|≥",
    "<": "less than|fewer than|under|below|<",
    "<=": "up to|at most|no more than|not more than|a maximum of|as many as|as much as|≤",
    "~": "around|about|roughly|approximately|approx.|an estimated|estimated|some|nearly|almost|close to|circa|~|≈",
}
_QUALIFIERS: dict[str, Qualifier] = {word: q for q, words in _QUALIFIER_TABLE.items() for word in words.split("|")}
_INTENSIFIERS = ("just", "well", "slightly", "far", "much")
_NOT_FOR_DURATIONS = frozenset({"over", "above", "under", "below", "some"})


def _rev(word: str) -> str:
    return re.escape(word[::-1]).replace(r"\ ", r"\s+")


def _rev_alt(words: Iterable[str]) -> str:
    return "|".join(sorted((_rev(w) for w in words), key=len, reverse=True))


# Qualifiers are found backwards from an amount: this matches the reversed, lower-cased text before it.
_QUAL_REV = re.compile(
    rf"\s*(?:{_rev_alt(w for w in _QUALIFIERS if not w[0].isalpha())})"
    rf"|\s+(?:{_rev_alt(w for w in _QUALIFIERS if w[0].isalpha())})(?:\s+(?:{_rev_alt(_INTENSIFIERS)}))?(?![\w])"
)
POST = r"(?:[\-‑]plus(?![a-z])|\+|\s+or\s+(?:more|so|fewer|less)(?![a-z]))"
_POST_QUAL: dict[str, Qualifier] = {"plus": ">", "+": ">", "more": ">=", "so": "~", "fewer": "<=", "less": "<="}
_SPACES = re.compile(r"\s+")


def qualifier_before(text: str, pos: int, *, durations: bool = False) -> tuple[int, Qualifier]:
    """Where the qualifier right before `pos` starts ("more than 400,000") and what it means
    (">", "~", ...); ``(pos, "=")`` when there is none. For durations "over"/"under" mean "during"."""
    m = _QUAL_REV.match(text[max(0, pos - 32) : pos].lower()[::-1])
    if m is None:
        return pos, "="
    words = _SPACES.sub(" ", text[pos - m.end() : pos].strip().lower()).split(" ")
    if words[0] in _INTENSIFIERS and len(words) > 1:
        words = words[1:]
    key = " ".join(words)
    if durations and key in _NOT_FOR_DURATIONS:
        return pos, "="
    return pos - m.end(), _QUALIFIERS.get(key, "=")


def post_qualifier(text: str | None) -> Qualifier | None:
    """The qualifier of a suffix such as "-plus" or "or more"; None when there is none."""
    if not text:
        return None
    return _POST_QUAL.get(text.strip(" -‑").split()[-1].lower())


@frozen
class Measure:
    """A parsed amount: an exact value, or a range whose value is None."""

    value: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None

    def scaled(self, factor: Decimal) -> Measure:
        def mul(x: Decimal | None) -> Decimal | None:
            return None if x is None else x * factor

        return Measure(mul(self.value), mul(self.low), mul(self.high))


@frozen
class Amount:
    """One amount and the magnitude it was written with (1e9 for "12 billion", 1 for "400,000")."""

    value: Decimal
    scale: int


_AMT_TOKEN = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]*)|([a-z]+)")


_FRACTIONS = {"quarter": Decimal(4), "quarters": Decimal(4), "third": Decimal(3), "thirds": Decimal(3)}


def parse_amount(text: str) -> Amount | None:
    """ "400,000", "1.5 million", "3.5bn", "twenty-two", "four hundred thousand", "half a million"."""
    text = text.lower().replace(",", "")
    total, scale = Decimal(0), 1
    cur: Decimal | int | None = None
    for num, suffix, word in _AMT_TOKEN.findall(text):
        if num:
            cur = Decimal(num)
            if suffix:
                if suffix not in _SUFFIX:
                    return None
                scale = _SUFFIX[suffix]
                total, cur = total + cur * scale, None
        elif word in _UNIT_WORDS or word in _TENS_WORDS:
            cur = (cur or 0) + _UNIT_WORDS.get(word, 0) + _TENS_WORDS.get(word, 0)
        elif word in ("a", "an"):
            cur = cur if cur is not None and cur < 1 else Decimal(1)
        elif word == "half":
            cur = Decimal("0.5")
        elif word in _FRACTIONS:
            cur = (cur or Decimal(1)) / _FRACTIONS[word]
        elif word == "of" and cur is not None and cur < 1:
            continue
        elif word == "hundred":
            cur, scale = (cur or Decimal(1)) * 100, max(scale, 100)
        elif word in _BIG:
            scale = _BIG[word]
            total, cur = total + (cur or Decimal(1)) * scale, None
        elif word != "and":
            return None
    return Amount(total + (cur or 0), scale)


_BETWEEN = re.compile(r"^between\s+(.+?)\s+and\s+(.+)$", re.I | re.S)
_TO = re.compile(r"^(.+?)(?:\s+to\s+|\s*[–—]\s*|(?<=[\dkKmMbBnN])\s*[\-‑]\s*(?=[\d$€£¥₹₩]))(.+)$", re.S)
_SYMBOLS = re.compile(r"^[^\w]*(?:US|HK|NZ|CN|[ACSR])?[$€£¥₹₩]\s?|^(?:USD|EUR|GBP|CNY|RMB|JPY)\s?")


@lru_cache(maxsize=4096)  # a draft repeats its figures; the Measure is frozen, so one can be shared
def parse_core(text: str) -> Measure | None:
    """Parse what `CORE` matched: one amount, or a range whose low end borrows the high end's
    magnitude ("10–12 billion" is 10e9..12e9). A range that does not rise is rejected."""
    m = _BETWEEN.match(text) or _TO.match(text)
    if m is None:
        amount = parse_amount(text)
        return None if amount is None else Measure(amount.value)
    lo, hi = parse_amount(m.group(1)), parse_amount(_SYMBOLS.sub("", m.group(2)))
    if lo is None or hi is None:
        return None
    low = lo.value
    if lo.scale == 1 and hi.scale > 1 and low * hi.scale <= hi.value:
        low *= hi.scale
    if not low < hi.value:
        return None
    return Measure(None, low, hi.value)


def parse_vague(text: str) -> Measure:
    """Parse what `VAGUE` matched into a range (see the module docstring for the table)."""
    words = _SPACES.sub(" ", text.lower()).split(" ")
    if words[0] in _VAGUE_PLURAL:
        low, high = _VAGUE_PLURAL[words[0]]
        if len(words) == 3:  # "hundreds of thousands"
            mult = _BIG[words[2][:-1]]
            low, high = low * mult, (high + 1) * mult - 1
        return Measure(None, Decimal(low), Decimal(high))
    size = 3 if words[:3] == ["a", "couple", "of"] else 2 if words[0] == "a" else 1
    low, high = _VAGUE_COUNT[" ".join(words[:size])]
    mult = 1
    for word in words[size:]:
        mult *= 100 if word == "hundred" else _BIG[word]
    return Measure(None, Decimal(low * mult), Decimal(high * mult))


def to_number(d: Decimal | None) -> int | float | None:
    """An exact Decimal as an int when it is whole, else a float."""
    if d is None:
        return None
    try:
        return int(d) if d == d.to_integral_value() else float(d)
    except (InvalidOperation, OverflowError):
        return float(d)


# ----------------------------------------------------------------------------------------- anchors

# Where a number, an amount or a date may start. Scanners only try their patterns at these offsets
# (matching there, not searching the sentence), which keeps a sentence to tens of microseconds.
_DIGIT_RUN = re.compile(r"[\d$€£¥₹₩][\d.,]*")


def _trie(words: list[str]) -> str:
    """One regex for a word list, shared prefixes factored out ("t(?:en|w(?:o|elve))")."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(c) + emit(sub) for c, sub in sorted(node.items()) if c]
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return emit(tree)


_ANCHOR_WORDS = [
    *_UNIT_WORDS,
    *_TENS_WORDS,
    *"""half several tens dozens hundreds thousands millions
    billions trillions between twice thrice doubl tripl quadrupl halv multiple many second third fourth
    fifth usd eur gbp cny rmb jpy hkd inr krw aud cad chf jan feb mar apr may jun jul aug sep oct nov
    dec monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow""".split(),
]
_WORD_ANCHOR = re.compile(
    r"(?<![a-z])(?:"
    + _trie(_ANCHOR_WORDS)
    + r"|an?(?=\s+(?:hundred|thousand|million|billion|trillion|dozen|few|couple|quarters?\s+of|thirds?\s+of)))"
)


def digit_runs(text: str) -> list[int]:
    """Where each run of digits (or a currency symbol before one) starts."""
    return [m.start() for m in _DIGIT_RUN.finditer(text)]


def anchors(masked: str, runs: list[int]) -> tuple[int, ...]:
    """Offsets where an amount, a currency, a ratio word or a date may begin: the digit `runs`
    that survived masking, and number, currency, month and weekday words."""
    low = masked.lower()
    if len(low) != len(masked):  # a few characters grow when lower-cased; keep offsets exact
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in masked)
    words = [m.start() for m in _WORD_ANCHOR.finditer(low)]
    kept = [p for p in runs if masked[p] not in " \x00"]
    return tuple(sorted(kept + words)) if words and kept else tuple(kept or words)


class FactFields(TypedDict, total=False):
    """The optional fields of a Fact."""

    unit: str | None
    qualifier: Qualifier
    subject: str | None
    low: float | None
    high: float | None
    entities: tuple[str, ...]


@frozen
class Scan:
    """One sentence: the original `text`, a `masked` copy of the same length with traps blanked
    (URLs, markers, dates once found), the offset of the sentence in its document, and the
    offsets where an amount may start (`anchors`)."""

    text: str
    masked: str
    base: int = 0
    anchors: tuple[int, ...] = ()

    def fact(
        self, kind: FactKind, start: int, end: int, value: float | int | str | None, **fields: Unpack[FactFields]
    ) -> Fact:
        span = Span(self.base + start, self.base + end)
        # a report holds every fact of every document: the same wording ("2025", "%", "container")
        # is one string object, not one per document (issue 14: memory with many inputs)
        for name in ("unit", "subject"):
            if isinstance(found := fields.get(name), str):
                fields[name] = sys.intern(found)
        shared = sys.intern(value) if isinstance(value, str) else value
        return Fact(kind, span, sys.intern(self.text[start:end]), shared, **fields)
