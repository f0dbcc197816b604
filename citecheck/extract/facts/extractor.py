"""Checkable facts of one sentence -> normalised `Fact`s, and how two facts compare.

`extract_facts` reads one sentence and returns, in text order:
  - quantity  "more than 400,000 units" -> 400000, ">", subject "unit"; "over 2 million H200s" ->
              2000000, ">", subject "chip", entities ("H200",); measurements carry a unit
              ("141GB" -> 141 "GB", "4.8 terabytes per second" -> 4.8 "TB/s")
  - money     "$12 billion" -> 12000000000 "USD"; "billions of dollars" -> low 2e9, high 1e12-1
  - percent   "25 percent" / "25%" / "25 per cent" -> 25 "%" (percentage points: "pp")
  - ratio     "roughly six times" -> 6 "~"; "multiple times" -> low 2, high None; "doubled" -> 2;
              "second only to Nvidia's B200" -> 2, unit "rank", subject "B200"
  - date      ISO strings, unit = precision (see `dates.py`)
  - duration  "two weeks" -> 14 "day"; "12–24 months" -> low 12, high 24 "month"
  - entity    canonical names with a kind hint in `unit`, and lists (see `entities.py`)

Conventions: `value` is None for ranges and vague amounts, which set `low`/`high` instead (see
`numbers.py` for the table); a single qualified value keeps `low`/`high` None ("more than
400,000" is value 400000, qualifier ">"). A quantity's span runs from its qualifier to its counted
noun; other spans end with the amount's unit. Whole numbers are ints: "400,000", "400k" and
"four hundred thousand" are all ``400000``.

Not facts (blanked before scanning, offsets kept): URLs and e-mail addresses, citation markers
("[5]", "[[5]]", "[^3]"), phone numbers, clock times ("10:30"), version numbers ("v1.2.3"),
slashed numbers ("24/7"), a list number opening the sentence ("2."), and reading-time furniture
("5 min read" gives nothing at all, not even a duration). Product names with digits ("H200",
"GPT-4", "Llama 3", "Windows 11", "910B"), years, ordinals ("first batch", "1st") and "one" alone
("one of the") never become quantities.

Masking lives in `citecheck.extract.facts.masking`; comparing facts (`bounds`, `compatible`, re-exported here) in
`citecheck.extract.facts.agreement`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from decimal import Decimal
from typing import TypedDict, Unpack

from attrs import evolve

from citecheck.extract.facts.agreement import bounds, compatible
from citecheck.extract.facts.dates import DURATION_WORD, date_facts, duration
from citecheck.extract.facts.entities import entity_facts
from citecheck.extract.facts.masking import blank, mask
from citecheck.extract.facts.nounphrase import head_after, noun_before, singular
from citecheck.extract.facts.quantities import (
    DOZEN,
    MONEY_CORE,
    POST,
    SYM,
    VAGUE,
    VAGUE_COUNT,
    Measure,
    Scan,
    anchors,
    core,
    digit_runs,
    dozen,
    parse_core,
    parse_vague,
    post_qualifier,
    qualifier_before,
    to_number,
)
from citecheck.model import Fact, FactKind, Qualifier
from citecheck.text import Span

__all__ = ["bounds", "compatible", "extract_facts"]


# ------------------------------------------------------------------------------- numeric facts

_UNIT = (
    r"(?:[KMGTPE]i?B|kB|[KMGTP]b(?:ps)?|[kMGT]?Hz|[kMGT]?Wh?|[TPE]?FLOPS|nm|mm|cm|km|kg|mph|°[CF]"
    r"|(?i:(?:kilo|mega|giga|tera|peta|exa)?(?:bytes?|bits?)|(?:kilo|mega|giga|tera)?(?:hertz|watts?)"
    r"|(?:tera|peta|exa)flops|(?:nano|milli|centi|kilo)?met(?:er|re)s?|miles?|(?:kilo)?grams?|tonnes?|tons?))"
)
_CUR_WORD = (
    r"(?:(?i:(?:(?:us|u\.s\.|american|hong\s+kong|canadian|australian|singapore|taiwan)\s+)?dollars?"
    r"|euros?|pounds\s+sterling|pounds?|sterling|yuan|renminbi|yen|rupees?|won)(?![a-z])"
    r"|(?:USD|EUR|GBP|CNY|RMB|JPY|HKD|INR|KRW|AUD|CAD|CHF)(?![A-Za-z]))"
)
_TIMES_NEXT = (
    r"(?=\s+(?i:the|as|more|less|larger|bigger|higher|faster|greater|smaller|better|over|that|what|its"
    r"|their|this)(?![a-z]))"
)
_AMOUNT_AT = re.compile(
    rf"(?:(?P<v>{VAGUE})|{DOZEN}|(?P<vc>{VAGUE_COUNT})(?=[\s\-‑]+{DURATION_WORD})|(?P<c>{core(na='')}))"
    rf"(?P<p>{POST})?"
)
_MONEY_AT = re.compile(rf"(?P<sym>{SYM})\s?(?P<a>{MONEY_CORE})(?P<p>{POST})?")
_SYM_BEFORE = re.compile(r"(?:US|U\.S\.\s?|HK|NZ|CN|[ACSR])$")
# What follows an amount decides what it is.
_AFTER = re.compile(
    r"\s?(?P<pct>%|(?i:percentage\s+points?|per\s?cent|percent|pct)(?![a-z]))"
    rf"|(?P<ratio>\s+(?i:times){_TIMES_NEXT}|\s*[x×](?![\w])|[\s\-‑]?(?i:fold)(?![a-z]))"
    rf"|[\s\-‑]+(?P<dur>{DURATION_WORD})"
    rf"|\s?(?P<unit>{_UNIT})(?P<ps>\s?/\s?s(?![\w])|\s+per\s+second(?![a-z]))?(?![\w])"
    rf"|(?:\s+of)?[\s\-‑]+(?P<cur>{_CUR_WORD})"
)
_RUN_ON = re.compile(r"[.,:/\-‑–]\d")
_FOLD = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_FOLD |= {"twenty": 20, "hundred": 100, "thousand": 1000}
_VERBS = {"twice": 2, "thrice": 3, "doubl": 2, "tripl": 3, "quadrupl": 4, "halv": 0.5}
_RANK = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}
_WORD_RATIO = re.compile(
    rf"(?P<vr>(?i:several|multiple|many))\s+(?i:times){_TIMES_NEXT}"
    rf"|(?P<fw>(?i:{'|'.join(_FOLD)}))(?i:fold)(?![a-z])"
    r"|(?P<vb>(?i:twice|thrice|(?:doubl|tripl|quadrupl)(?:ed|es|ing)|halv(?:ed|es|ing)"
    r"|(?:doubl|tripl)e(?=\s+the\s)))(?![a-z])"
    rf"|(?P<rank>(?i:{'|'.join(_RANK)}))\s+only\s+to(?![a-z])"
)
_PREV_WORD = re.compile(r"([A-Za-z][\w\-‑]*)\s+(?:(?:has|have|had|has\s+been|was|were)\s+)?$")
_WORTH = re.compile(r"worth\s*$", re.I)
_SYM_CODE = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW"}
_SYM_CODE |= {"HK$": "HKD", "NZ$": "NZD", "CN¥": "CNY", "A$": "AUD", "C$": "CAD", "S$": "SGD", "R$": "BRL"}
_SYM_CODE |= {"RMB": "CNY"}
_CUR_WORDS = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "sterling": "GBP", "yuan": "CNY"}
_CUR_WORDS |= {"renminbi": "CNY", "yen": "JPY", "rupee": "INR", "won": "KRW", "hong kong": "HKD"}
_CUR_WORDS |= {"canadian": "CAD", "australian": "AUD", "singapore": "SGD", "taiwan": "TWD"}
_NOT_COUNTED = frozenset({"percent", "cent", "time", "fold"})
_PREFIX = {"kilo": "k", "mega": "M", "giga": "G", "tera": "T", "peta": "P", "exa": "E", "nano": "n"}
_PREFIX |= {"milli": "m", "centi": "c"}
_BASE = {"byte": "B", "bit": "b", "hertz": "Hz", "watt": "W", "flops": "FLOPS", "meter": "m", "metre": "m"}
_BASE |= {"gram": "g", "mile": "mi", "tonne": "t", "ton": "t"}
_SPELLED = re.compile(
    r"(kilo|mega|giga|tera|peta|exa|nano|milli|centi)?(bytes?|bits?|hertz|watts?|flops|met(?:er|re)s?"
    r"|grams?|miles?|tonnes?|tons?)"
)


def _unit(raw: str, per_second: bool) -> str:
    """Canonical unit: "terabytes" -> "TB", "Gbps" -> "Gb/s", "kB" -> "KB"; "/s" when per second."""
    m = _SPELLED.fullmatch(raw.lower()) if raw[0].islower() or len(raw) > 5 else None
    if m is not None:
        base = m.group(2) if m.group(2) == "flops" else m.group(2).rstrip("s")
        unit = _PREFIX.get(m.group(1) or "", "") + _BASE[base]
    elif raw.endswith("bps"):
        unit, per_second = raw[:-3] + "b", True
    else:
        unit = raw
    if unit[:1] == "k" and unit[1:] in ("B", "b"):
        unit = "K" + unit[1:]
    if unit.endswith("FLOPS"):
        unit = unit[:-5].upper() + "FLOPS"
    return unit + "/s" if per_second else unit


def _currency(m: re.Match[str]) -> str:
    if m.groupdict().get("sym"):
        sym = m.group("sym").strip().replace("U.S.", "US").replace(" ", "")
        return _SYM_CODE.get(sym, sym)
    word = " ".join(m.group("cur").split())
    if word.isupper():
        return _SYM_CODE.get(word, word)
    return next((code for key, code in _CUR_WORDS.items() if word.lower().startswith(key)), "USD")


class _MeasureFields(TypedDict, total=False):
    """The Fact fields a measure's builder sets (low and high come from the measure itself)."""

    unit: str | None
    qualifier: Qualifier
    subject: str | None
    entities: tuple[str, ...]


def _make(scan: Scan, kind: FactKind, start: int, end: int, measure: Measure, **fields: Unpack[_MeasureFields]) -> Fact:
    low = None if measure.low is None else float(measure.low)
    high = None if measure.high is None else float(measure.high)
    return scan.fact(kind, start, end, to_number(measure.value), low=low, high=high, **fields)


def _money(scan: Scan, pos: int) -> Fact | None:
    """ "$12 billion", "€3.5bn", "US$5bn", "USD 12 billion"."""
    text = scan.masked
    back = _SYM_BEFORE.search(text, max(0, pos - 5), pos) if text[pos] in "$¥" else None
    m = _MONEY_AT.match(text, back.start() if back else pos)
    measure = parse_core(m.group("a")) if m else None
    if m is None or measure is None:
        return None
    start, qual = qualifier_before(text, m.start())
    qual = post_qualifier(m.group("p")) or qual
    subject = "value" if _WORTH.search(text, max(0, start - 8), start) else noun_before(text, start)
    if subject is None:
        head = head_after(text, m.end(), plural=False)
        subject = head.subject if head else None
    return _make(scan, "money", start, m.end(), measure, unit=_currency(m), qualifier=qual, subject=subject)


def _measure(m: re.Match[str]) -> Measure | None:
    if m.group("c"):
        return parse_core(m.group("c"))
    if m.group("dz"):
        return dozen(m.group("dz"))
    if m.group("vc"):
        several = m.group("vc").lower().startswith(("several", "a few"))
        return Measure(None, Decimal(2), Decimal(9 if several else 3))
    return parse_vague(m.group("v"))


def _amount(scan: Scan, pos: int) -> Fact | None:
    """An amount and what follows it: percent, ratio, duration, unit, currency word, or a count."""
    text = scan.masked
    m = _AMOUNT_AT.match(text, pos)
    if m is None:
        return None
    measure, end = _measure(m), m.end()
    after = _AFTER.match(text, end)
    glued = end < len(text) and text[end].isalnum()
    if measure is None or _RUN_ON.match(text, end) or (glued and not (after and (after["unit"] or after["ratio"]))):
        return None  # "3D", "1st", "2-1", "910B"
    what = "unit" if after and after.lastgroup == "ps" else after.lastgroup if after else None
    if m.group("vc") and what != "dur":
        return None
    vague = measure.value is None and not m.group("c")
    start, qual = qualifier_before(text, m.start(), durations=what == "dur")
    default: Qualifier = "~" if vague or (m.group("dz") or "").lower() in ("a", "an") else "="
    qual = qual if qual != "=" else post_qualifier(m.group("p")) or default
    if after is None or what is None:
        return _count(scan, m, start, measure, qual, vague)
    return _AFTER_BUILDERS[what](scan, after, start, measure, qual)


def _duration(scan: Scan, after: re.Match[str], start: int, measure: Measure, qual: Qualifier) -> Fact:
    unit, measure = duration(after["dur"], measure)
    return _make(scan, "duration", start, after.end(), measure, unit=unit, qualifier=qual)


def _percent(scan: Scan, after: re.Match[str], start: int, measure: Measure, qual: Qualifier) -> Fact:
    head = head_after(scan.masked, after.end(), plural=False)
    subject = head.subject if head else noun_before(scan.masked, start)
    unit = "pp" if after["pct"].lower().startswith("percentage") else "%"
    return _make(scan, "percent", start, after.end(), measure, unit=unit, qualifier=qual, subject=subject)


def _ratio(scan: Scan, after: re.Match[str], start: int, measure: Measure, qual: Qualifier) -> Fact:
    head = head_after(scan.masked, after.end(), plural=False, of=False, det=True)
    subject = head.subject if head else None
    return _make(scan, "ratio", start, after.end(), measure, qualifier=qual, subject=subject)


def _with_unit(scan: Scan, after: re.Match[str], start: int, measure: Measure, qual: Qualifier) -> Fact:
    """ "141GB of HBM3e memory", "a bandwidth of 4.8 TB/s"."""
    unit = _unit(after["unit"], bool(after["ps"]))
    subject = noun_before(scan.masked, start)
    names: tuple[str, ...] = ()
    if subject is None:
        head = head_after(scan.masked, after.end(), plural=False)
        subject, names = (head.subject, head.entities) if head else (None, ())
    return _make(
        scan, "quantity", start, after.end(), measure, unit=unit, qualifier=qual, subject=subject, entities=names
    )


def _money_word(scan: Scan, after: re.Match[str], start: int, measure: Measure, qual: Qualifier) -> Fact:
    """ "12 billion dollars", "billions of dollars"."""
    subject = "value" if _WORTH.search(scan.masked, max(0, start - 8), start) else noun_before(scan.masked, start)
    return _make(scan, "money", start, after.end(), measure, unit=_currency(after), qualifier=qual, subject=subject)


_AFTER_BUILDERS = {"dur": _duration, "pct": _percent, "ratio": _ratio, "unit": _with_unit, "cur": _money_word}


def _count(scan: Scan, m: re.Match[str], start: int, measure: Measure, qual: Qualifier, vague: bool) -> Fact | None:
    """A count and its counted noun ("more than 400,000 units"); "one" alone is not a count."""
    if m.group("c") and m.group("c").lower() in ("one", "a", "an"):
        return None
    head = head_after(scan.masked, m.end(), plural=True)
    if (head is not None and head.subject in _NOT_COUNTED) or (vague and head is None):
        return None  # "poured billions into": nothing counted, nothing to compare
    end, subject, names = (head.end, head.subject, head.entities) if head else (m.end(), None, ())
    return _make(scan, "quantity", start, end, measure, qualifier=qual, subject=subject, entities=names)


def _word_ratio(scan: Scan, pos: int) -> Fact | None:
    """ "twice", "doubled", "sixfold", "multiple times the", "second only to"."""
    text = scan.masked
    m = _WORD_RATIO.match(text, pos)
    if m is None:
        return None
    if m.group("rank"):
        return scan.fact("ratio", m.start(), m.end(), _RANK[m.group("rank").lower()], unit="rank")
    start, qual = qualifier_before(text, m.start())
    if m.group("vr"):
        several = m.group("vr").lower() == "several"
        measure = Measure(None, Decimal(2), Decimal(9) if several else None)
        qual = "~" if qual == "=" else qual
    elif m.group("fw"):
        measure = Measure(Decimal(_FOLD[m.group("fw").lower()]))
    else:
        word = m.group("vb").lower()
        measure = Measure(Decimal(next(v for k, v in _VERBS.items() if word.startswith(k))))
    if m.group("vb") and m.group("vb").lower() not in ("twice", "thrice"):
        prev = _PREV_WORD.search(text, max(0, start - 40), start)  # "revenue doubled"
        lower = prev is not None and (prev.group(1).islower() or not text[: prev.start()].strip())
        subject = singular(prev.group(1)) if prev and lower else None
    else:
        head = head_after(text, m.end(), plural=False, of=False, det=True)
        subject = head.subject if head else None
    return _make(scan, "ratio", start, m.end(), measure, qualifier=qual, subject=subject)


def _numeric(scan: Scan) -> list[Fact]:
    out: list[Fact] = []
    last = -1
    for pos in scan.anchors:
        if pos < last or scan.masked[pos] == "\x00":
            continue
        money = scan.masked[pos] in "$€£¥₹₩" or scan.masked[pos].isupper()  # a symbol or "USD"
        fact = (_money(scan, pos) if money else None) or _amount(scan, pos) or _word_ratio(scan, pos)
        if fact is not None:
            out.append(fact)
            last = fact.span.end - scan.base
    return out


# -------------------------------------------------------------------------------- orchestration


def _outside_names(facts: list[Fact], entities: list[Fact]) -> list[Fact]:
    """Drop numbers that belong to a name ("Windows 11 devices", “Made in China 2025”)."""
    products = sorted((e.span.start, e.span.end) for e in entities if e.subject != "list")
    if not products:
        return facts
    starts = [p[0] for p in products]
    out = []
    for fact in facts:
        i = bisect_left(starts, fact.span.start) - 1
        if i < 0 or not fact.span.start < products[i][1]:
            out.append(fact)
    return out


_POSSESSIVE_GAP = re.compile(r"(?:['’]s?)?\s+")


def _attach_ranks(scan: Scan, facts: list[Fact], entities: list[Fact]) -> list[Fact]:
    """ "second only to Nvidia's B200": the rank fact takes the names that follow it."""
    singles = [e for e in entities if e.subject != "list"]
    starts = [e.span.start for e in singles]
    out = []
    for fact in facts:
        if fact.unit == "rank":
            names, end = [], fact.span.end
            for e in singles[bisect_left(starts, end) :]:
                if not _POSSESSIVE_GAP.fullmatch(scan.masked, end - scan.base, e.span.start - scan.base):
                    break
                names.append(str(e.value))
                end = e.span.end
            if names:
                text = scan.text[fact.span.start - scan.base : end - scan.base]
                span = Span(fact.span.start, end)
                fact = evolve(fact, span=span, text=text, subject=names[-1], entities=tuple(sorted(set(names))))
        out.append(fact)
    return out


def extract_facts(text: str, *, base: int = 0, doc_date: date | None = None) -> tuple[Fact, ...]:
    """The checkable facts of one sentence, in text order; spans are ``Span(base + i, base + j)``."""
    if not text.strip():
        return ()
    runs = digit_runs(text)
    masked = mask(text, runs)
    scan = Scan(text, masked, base, anchors(masked, runs))
    dates = date_facts(scan, doc_date) if scan.anchors else []
    if dates:
        spans = [(f.span.start - base, f.span.end - base) for f in dates]
        scan = Scan(text, blank(masked, spans), base, scan.anchors)
    entities = entity_facts(scan)
    numeric = _numeric(scan) if scan.anchors else []
    if numeric:
        numeric = _attach_ranks(scan, _outside_names(numeric, entities), entities)
    facts = dates + numeric + entities
    facts.sort(key=lambda f: (f.span.start, -f.span.end))
    return tuple(facts)
