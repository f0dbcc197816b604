"""In-prose attribution and hedge detection: who a sentence says its information comes from.

`find_attributions` returns `Attribution` values for one sentence, `find_hedges` the hedging cues,
and `role_line_attribution` reads a bare role line under a quote ("– Tech policy analyst"). Every
span is `Span(base + i, base + j)` with ``sentence[i:j] == attribution.text``.

Kinds:
- ``named``: an outlet, person or organisation is named ("according to Reuters", "Jensen Huang
  said", "an Nvidia spokesperson", "Analysts at Morgan Stanley"); `source` is its canonical name:
  possessives and job titles stripped ("Nvidia CEO Jensen Huang" -> "Jensen Huang"), a leading
  "the" dropped unless the outlet's name starts with it ("The Information", "The Verge").
- ``anonymous``: unnamed people ("sources familiar with the matter", "officials who asked not to
  be named", "insiders", "sources say", "officials said").
- ``unnamed_expert``: "analysts say", "some economists", "critics argue", "– Senior economist".
- ``document``: a document without a named author ("the report says", "according to the
  filing", "according to media reports"). "according to X" is only an attribution when X is a
  name, people, experts, or a document noun (report, filing, statement, data, survey, study ...):
  "according to plan" and "according to the rules" give nothing.

Cues are lower-case: the introducer ("according to", "citing", "per", "reported by", "told",
"spokesperson") or the verb as found ("said", "reports"); a role line's cue is its dash ("–").

Decisions: pronouns and bare descriptions ("he said", "the company said") are not attributed
(resolving them needs the preceding text; `context` is accepted for that and unused). Hedges
include "is expected to" (a forecast nobody is named for) and "could be", but not "could",
"may" or "likely" alone, which are too common to mean anything. "may have to" is not a hedge.

All patterns are precompiled; names are matched with bounded, possessive repetition, so the
running time grows linearly with the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from attrs import frozen

from .model import Attribution, AttributionKind, Hedge
from .text import Span

__all__ = ["find_attributions", "find_hedges", "role_line_attribution"]

# --- names -----------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_THE_OUTLETS = {
    n.lower(): n
    for n in (
        "The Information", "The Verge", "The Guardian", "The New York Times", "The Wall Street Journal",
        "The Washington Post", "The Economist", "The Atlantic", "The Times", "The Telegraph",
        "The Independent", "The Register", "The Hill", "The Intercept", "The New Yorker", "The Diplomat",
        "The Hindu", "The Straits Times", "The Japan Times", "The Korea Herald", "The Globe and Mail",
        "The Boston Globe", "The Los Angeles Times", "The Irish Times", "The Next Web", "The Block",
    )
}  # fmt: skip
_OUTLETS = _words(
    """Reuters Bloomberg CNBC CNN BBC AP AFP Xinhua Nikkei Axios Politico Semafor TechCrunch Wired
    Forbes Fortune Caixin Lexology NPR Engadget Gizmodo ZDNet DigiTimes Benzinga Kyodo Yonhap Insider
    MarketWatch"""
) | {
    "Associated Press", "Agence France-Presse", "Financial Times", "Ars Technica", "Sherwood News",
    "South China Morning Post", "Nikkei Asia", "Business Insider", "Yahoo Finance", "Fox News",
    "NBC News", "ABC News", "CBS News", "Al Jazeera", "Global Times", "Deutsche Welle", "Dow Jones",
    "Seeking Alpha", "Tom's Hardware", "People's Daily", "Barron's",
}  # fmt: skip
_OUTLET_SUFFIXES = _words(
    "News Times Post Journal Press Herald Tribune Daily Wire Gazette Telegraph Chronicle Magazine "
    "Insider TV Radio Weekly Monitor Review Asia"
)
_ALIASES = {"AP": "Associated Press", "FT": "Financial Times", "WSJ": "The Wall Street Journal"}
_TITLES = _words(
    """CEO CFO CTO COO Chairman Chairwoman Chair President Secretary Minister Director Founder
    Co-founder Cofounder Chief Executive Officer Governor Senator Sen. Rep. Representative Spokesperson
    Spokesman Spokeswoman Analyst Professor Prof. Dr. Mr. Mrs. Ms. Premier Ambassador Commissioner
    Chancellor Mayor Deputy Judge Economist Strategist Editor Reporter Correspondent"""
)
_LEADING_NOISE = _words(
    """However Meanwhile But And So Also Then Now Still Yet Earlier Later Separately Today Yesterday
    Last In On At For As With By From After Before While When If Although Though Because Since
    Moreover Indeed Instead Overall Finally Initially Additionally Furthermore Plus According Citing
    Notably Previously Recently Ultimately Specifically Similarly Likewise Elsewhere Here There
    Asked Speaking Writing"""
)
_GENERIC = _words(
    """analysts analyst experts expert sources source officials official insiders critics observers
    economists people executives investors traders reports documents others authorities regulators
    lawmakers companies firms users researchers strategists commentators scholars"""
)
_NOT_SOURCES = _GENERIC | _words(
    """he she it they we i you that this these those there here who which what needless some many
    most both all everyone nobody someone one each another the a an monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september
    october november december"""
)

_SPECIAL = "|".join(  # outlets whose names hold an apostrophe ("Tom's Hardware")
    re.escape(n).replace("'", "['’]") for n in sorted(_OUTLETS, key=len, reverse=True) if "'" in n
)
_CAP = (
    r"(?:(?:Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gen|Gov|St)\.|(?:[A-Z]\.){2,}|[A-Z]\.(?=\s[A-Z])"
    r"|[A-Z]\w*(?:[-'’&][A-Z]\w*)*)"
)
_CONN = r"(?:of|and|for|the|de|del|der|van|von|la|le|du|&)"
_NAME = rf"(?<![\w'’&.-])(?:{_SPECIAL}|{_CAP}(?:\s+(?:{_CONN}\s+){{0,2}}{_CAP}){{0,7}}+)"
_NAMELIST = rf"{_NAME}(?:\s*,\s*(?:and\s+)?{_NAME}){{0,5}}+"
_POSS = r"(?:['’]s?)"

_SPLIT_LIST = re.compile(r"\s*,\s*(?:and\s+)?")
_SPLIT_AND = re.compile(r"\s+(?:and|&)\s+")


_NOISE_HEAD = re.compile(rf"(?:(?:{'|'.join(sorted(_LEADING_NOISE))})\s+)+")


def _trim(sentence: str, start: int) -> int:
    """Skip sentence adverbs ("Meanwhile sources say") that a capitalised-prefix pattern took in."""
    m = _NOISE_HEAD.match(sentence, start)
    return m.end() if m else start


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _strip_title(tokens: list[str]) -> list[str]:
    titled = [i for i, t in enumerate(tokens) if t in _TITLES or t.rstrip(".") + "." in _TITLES]
    if not titled:
        return tokens
    last = titled[-1]
    if last < len(tokens) - 1:
        rest = tokens[last + 1 :]
        while rest and (rest[0].islower() or rest[0] in {"Of", "For", "The", "And"}):
            rest = rest[1:]
        return rest
    return [t for t in tokens[:last] if t not in _TITLES]


def _canonical(raw: str) -> str | None:
    """Canonical source name for a matched capitalised sequence, or None when it is no source."""
    tokens = re.sub(r"['’]s?$", "", raw.strip()).split()
    while tokens and (tokens[0] in _LEADING_NOISE or tokens[0].islower()):
        tokens = tokens[1:]
    joined = " ".join(tokens)
    if the := _THE_OUTLETS.get(joined.lower()) or _THE_OUTLETS.get(f"the {joined}".lower()):
        return the
    if tokens and tokens[0] in {"The", "A", "An"}:
        tokens = tokens[1:]
    tokens = _strip_title(tokens)
    if not tokens or (len(tokens) == 1 and tokens[0].lower() in _NOT_SOURCES):
        return None
    if tokens[0].lower() in _GENERIC or any(c.isdigit() for t in tokens for c in t):
        return None
    joined = " ".join(tokens)
    return _ALIASES.get(joined, joined)


def _is_outlet(name: str) -> bool:
    return name in _OUTLETS or name in _THE_OUTLETS.values() or name.split()[-1] in _OUTLET_SUFFIXES


def _pieces(text: str, offset: int) -> list[tuple[int, int]]:
    """Split a matched name list ("Reuters, Bloomberg and CNBC") into name spans.

    Commas only separate names when the list ends in "and NAME"; otherwise the first name stands
    alone ("according to Reuters, Nvidia ..."). "and" inside a name with "of" is kept ("Bureau of
    Industry and Security").
    """
    parts, pos = [], 0
    for sep in _SPLIT_LIST.finditer(text):
        parts.append((pos, sep.start(), sep.group()))
        pos = sep.end()
    parts.append((pos, len(text), ""))
    if len(parts) > 1 and not (" and " in text[parts[-1][0] :] or "and" in parts[-2][2]):
        parts = parts[:1]
    spans = []
    for start, end, _sep in parts:
        chunk = text[start:end]
        if " of " in chunk:
            spans.append((start, end))
            continue
        cut = start
        for sep in _SPLIT_AND.finditer(chunk):
            spans.append((cut, start + sep.start()))
            cut = start + sep.end()
        spans.append((cut, end))
    return [(offset + s, offset + e) for s, e in spans]


# --- candidate hits --------------------------------------------------------------------------


@frozen
class _Hit:
    start: int
    end: int
    kind: AttributionKind
    cue: str
    source: str | None
    key: tuple[int, int]  # the part naming the source; overlapping keys are one attribution
    group: tuple[int, int, int] | None = None  # the hits of one list of names share it and all stay
    weight: int = 0  # length of the whole match; longer matches win, defaults to the hit's length


def _named(m: re.Match[str], group: str, cue: str, start: int, end: int | None = None) -> Iterator[_Hit]:
    """One named hit per name in `group`: the first spans start..its name, later ones the name alone.

    `end` extends the hit of the name that ends the group (a trailing "spokesperson", "'s report").
    """
    for i, (s, e) in enumerate(_pieces(m.group(group), m.start(group))):
        if source := _canonical(m.string[s:e]):
            stop = max(end, e) if end is not None and e == m.end(group) else e
            weight = max(m.end(), stop) - start
            batch = (id(m.re), m.start(), start)
            yield _Hit(start if i == 0 else s, stop, "named", cue, source, (s, e), batch, weight)


_I = re.IGNORECASE
_DOCNOUN = (
    r"(?:reports?|filings?|statements?|data|surveys?|stud(?:y|ies)|documents?|memos?|letters?|notices?"
    r"|(?:press\s+)?releases?|figures|estimates|records|analys[ie]s|transcripts?|e-?mails?|papers?"
    r"|research|polls?|forecasts?|disclosures?|announcements?|complaints?|rulings?|minutes|prospectus"
    r"|reporting|coverage|articles?|story|investigation)"
)
_DET = r"(?:the|a|an|its|their|his|her|this|that|these|those|one|another|new|recent|latest|official)"
_ANON_WHO = (
    r"(?:(?:two|three|four|five|several|multiple|some|many|other|unnamed|anonymous|senior|government"
    r"|company|industry|administration|(?-i:[A-Z][\w.]*))\s+){0,2}"
    r"(?:sources?|people|persons?|a\s+person|one\s+person|individuals?|officials?|executives?|insiders?"
    r"|those|employees?|diplomats?|staffers?|someone)"
)
_TOPIC = r"(?:\s+(?:the|its|their|his|her|this|that|these|a))?\s+[\w'’-]+"
_CLOSE = (  # "people close to the company / to him / to Acme", not "people close to the stage"
    r"(?:(?:the|its|their)\s+(?:company|firm|group|government|administration|matter|talks|deal|board|family"
    r"|president|ministry|negotiations|bank|team|investigation|discussions|chief|founder|leadership)"
    r"|him|her|them|(?-i:[A-Z][\w'’-]*))"
)
_ANON_QUAL = (
    rf"(?:familiar\s+with{_TOPIC}|with\s+(?:direct\s+|first-?hand\s+|close\s+)?knowledge\s+of{_TOPIC}"
    rf"|(?:who\s+(?:were|was|had\s+been|have\s+been)\s+)?briefed\s+on{_TOPIC}|close\s+to\s+{_CLOSE}"
    r"|who\s+(?:asked|requested|spoke|declined|did\s+not\s+want|didn['’]t\s+want|(?:were|was|are|is)\s+not)"
    r"\b[^,.;]{0,60}?(?:named|identified|anonymity|publicly|record|authori[sz]ed\s+to\s+\w+)"
    rf"|(?:speaking\s+)?on\s+(?:the\s+)?condition\s+of\s+anonymity|involved\s+in{_TOPIC}"
    rf"|aware\s+of{_TOPIC}|privy\s+to{_TOPIC}|in\s+the\s+know)"
)
_ANON_CUES = {
    "familiar": "familiar with", "with": "knowledge of", "briefed": "briefed on", "close": "close to",
    "who": "not named", "speaking": "anonymity", "on": "anonymity", "involved": "involved in",
    "aware": "aware of", "privy": "privy to", "in": "in the know",
}  # fmt: skip
_ANON = re.compile(rf"\b(?P<who>{_ANON_WHO})\s+(?P<qual>{_ANON_QUAL})", _I)
_ANON_SAY = re.compile(
    r"\b(?:(?:two|three|several|multiple|some|unnamed|anonymous|industry|government|(?-i:[A-Z][\w.]*))\s+)?"
    r"(?P<cue>(?:sources|officials)\s+(?:have\s+|also\s+)?(?:say|said|says|told|tell|claim(?:ed)?|suggest(?:ed)?"
    r"|indicate[sd]?)|(?:a|one)\s+(?:senior\s+)?(?:source|official)\s+(?:said|says|told))\b",
    _I,
)
_INSIDERS = re.compile(r"\b(?:(?:industry|company|government|party|tech|market)\s+)?insiders\b", _I)
_EXPERT_NOUN = (
    r"(?:analysts|experts|economists|observers|critics|commentators|strategists|researchers|scholars"
    r"|academics|pundits|watchers|specialists|skeptics|sceptics)"
)
_EXPERT_ONE = (
    r"(?:an?|one|another)\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<one>analyst|expert|economist|observer|critic|commentator|strategist|researcher|scholar|professor)"
    r"(?:\s+(?:at|with|from|in)\s+(?:the\s+|an?\s+)?(?-i:[a-z][\w-]*(?:\s+[a-z][\w-]*)?)(?=\s+\w+\b))?"
)
_EXPERT_PREFIX = (
    r"(?:(?:some|many|most|several|other|few|leading|independent|outside|industry|market|tech|technology"
    r"|policy|trade|chip|semiconductor|financial|political|legal|security|foreign|western|sell-side"
    r"|wall\s+street)\s+)"
)
_EXPERT_VERB = (
    r"(?:say|said|says|see|saw|sees|caution(?:ed|s)?|warn(?:ed|s)?|believe[ds]?|argue[ds]?|expect(?:ed|s)?"
    r"|note[ds]?|suggest(?:ed|s)?|think|thinks|thought|predict(?:ed|s)?|estimate[ds]?|point(?:ed|s)?\s+out"
    r"|told|contend(?:ed|s)?|reckon(?:ed|s)?|agree[ds]?|fear(?:ed|s)?|worr(?:y|ied|ies)|speculate[ds]?"
    r"|forecast|project(?:ed)?|question(?:ed)?|doubt(?:ed)?|maintain(?:ed)?|insist(?:ed)?|view(?:ed)?)"
)
_EXPERT_SAY = re.compile(
    rf"\b(?P<who>{_EXPERT_PREFIX}{{0,2}}(?P<noun>{_EXPERT_NOUN})|{_EXPERT_ONE})\s+"
    rf"(?:(?:have|had|also|generally|widely|\w+ly)\s+){{0,2}}(?P<verb>{_EXPERT_VERB})\b",
    _I,
)
_EXPERT_BARE = re.compile(
    r"\b(?:some|many|most|several|other|few|leading|independent|outside|industry|market|wall\s+street)\s+"
    r"(?:analysts|experts|economists|observers|critics|commentators|strategists|watchers)\b",
    _I,
)
_EXPERT_AT = re.compile(
    rf"(?i:\b(?P<noun>analysts?|economists?|strategists?|researchers?|experts?)\s+(?P<prep>at|from|with))"
    rf"\s+(?:the\s+)?(?P<names>{_NAME})"
)

_SAY_VERBS = (
    r"(?:said|says|say|told|tells|reported|reports|report|announced|announces|confirmed|confirms|wrote"
    r"|writes|stated|states|noted|notes|added|adds|explained|argued|argues|claimed|claims|warned|warns"
    r"|disclosed|discloses|revealed|reveals|acknowledged|denied|denies|estimated|estimates|predicted"
    r"|predicts|tweeted)"
)
_SUBJECT = re.compile(
    rf"(?P<names>{_NAME})(?:,\s(?:[a-z]|[A-Z]\w*['’]s\b)[^,;:()\n]{{0,80}},)?\s+"
    rf"(?:(?:has|have|had|also|later|previously|first|earlier|separately|then|again|\w+ly)\s+){{0,2}}"
    rf"(?P<verb>{_SAY_VERBS})\b"
)
_INVERTED = re.compile(
    rf"[,\"”’]\s*(?P<verb>said|says|added|wrote|noted|explained|argued|continued)\s+"
    rf"(?P<names>{_NAME})(?=\s*(?:[,.;:!?)\"”]|$))"
)
_TOLD = re.compile(
    rf"\b(?P<verb>told|tells|speaking\s+(?:to|with)|talking\s+to|(?i:in\s+an?\s+(?:\w+\s+)?interview\s+with))"
    rf"\s+(?:the\s+)?(?P<names>{_NAME})"
)
_POSSESSIVE = re.compile(
    rf"(?P<names>{_NAME}){_POSS}\s+(?:(?:own|original|exclusive|earlier|latest|initial|recent|new)\s+)?"
    r"(?P<noun>reporting|reports?|analysis|story|article|investigation|coverage|scoop|filing|statement"
    r"|announcement|survey|study|estimates?)\b"
)
_SPOKES = r"(?i:spokes(?:person|woman|man)|representative)"
_SPOKES_OF = re.compile(rf"(?i:\b(?:an?|the)\s+)?(?P<names>{_NAME})\s+(?P<noun>{_SPOKES})\b")
_SPOKES_FOR = re.compile(
    rf"(?i:\b(?:an?|the)\s+)?\b(?P<noun>{_SPOKES})\s+(?:for|at|of|from)\s+(?:the\s+)?(?P<names>{_NAME})"
)
_IN_STATEMENT = re.compile(
    r"\b(?i:in)\s+an?\s+(?:[a-z]+\s+){0,2}?(?P<noun>statement|post|blog\s+post|filing|release|note)"
    rf"(?:\s+(?:on|to|released|issued|published)\s+[\w ]{{0,30}}?)?,\s+(?P<names>{_NAME})"
)
_BY = re.compile(
    r"\b(?:(?:first|originally|also|previously|exclusively|initially|later|widely)\s+)?"
    r"(?P<verb>reported|covered|confirmed|published|revealed|broken|disclosed|cited|quoted|seen|reviewed"
    r"|obtained|viewed|detailed|announced)(?:\s+in\s+(?:detail|depth)|\s+earlier|\s+first)?\s+by\s+"
    r"(?:(?:multiple|several|other|various|numerous|two|three)\s+(?:news\s+|media\s+)?"
    r"(?:sources|outlets|reports|publications)\s*,?\s*(?:including|such\s+as|like|among\s+them)\s+)?"
    rf"(?:the\s+)?(?P<names>{_NAMELIST})"
)
_INTRO = re.compile(r"(?<![\w-])(?P<cue>(?i:according\s+to|citing|per))\s+")
_DOC_SAYS = re.compile(
    rf"(?i:\b{_DET}|\bsome|\bseveral|\bmultiple)\s+(?:(?P<names>{_NAME})\s+)?(?:[a-z][\w'’-]*\s+){{0,2}}?"
    rf"(?P<noun>(?i:{_DOCNOUN}))\s+(?:\w+ly\s+|also\s+)?"
    r"(?P<verb>says|said|show|shows|showed|shown|found|finds|states|stated|notes|noted|indicates|indicated"
    r"|reveals|revealed|suggests|suggested|estimates|estimated|concluded|concludes|claims|claimed"
    r"|warned|warns|added|adds|lists|listed|confirms|confirmed|reads|read)\b"
)

# Objects of "according to" / "citing" / "per", tried in order at the position after the cue.
_OBJ_ANON = re.compile(
    rf"(?:{_ANON_WHO})\s+{_ANON_QUAL}|(?:(?:two|several|multiple|unnamed|anonymous|industry|government"
    r"|senior|(?-i:[A-Z][\w.]*))\s+){0,2}(?:sources|insiders|officials|an?\s+(?:senior\s+)?(?:source"
    r"|official)|one\s+source)\b",
    _I,
)
_OBJ_EXPERT = re.compile(rf"(?:{_EXPERT_PREFIX}{{0,2}}{_EXPERT_NOUN}|{_EXPERT_ONE})\b", _I)
_OBJ_DOC_BY = re.compile(
    rf"(?:[a-z][\w'’-]*\s+){{0,3}}?(?i:{_DOCNOUN})\s+(?:(?:compiled|published|released|provided|gathered)"
    rf"\s+)?(?:by|from)\s+(?:the\s+)?(?P<names>{_NAMELIST})"
)
_OBJ_DOC_NAMED = re.compile(rf"(?:the|a|an)\s+(?P<names>{_NAME})\s+(?:[a-z][\w-]*\s+){{0,2}}?(?i:{_DOCNOUN})\b")
_OBJ_REPORTS = re.compile(
    r"(?:(?:media|news|press|local|unconfirmed|multiple|several|some|other|recent|earlier|published)\s+)"
    r"{0,2}reports\b",
    _I,
)
_OBJ_DOC = re.compile(rf"{_DET}\s+(?:[a-z][\w'’-]*\s+){{0,2}}?{_DOCNOUN}\b", _I)
_OBJ_NAMES = re.compile(
    rf"(?:the\s+)?(?P<names>{_NAMELIST})(?:{_POSS}(?:\s+(?:own\s+)?(?:reporting|report|analysis|story|article|data"
    r"|coverage|filing|statement|estimates))?)?"
)
_PER_BOUNDARY = re.compile(r"\s*(?:[,.;:)!?]|$)")


def _object(m: re.Match[str], strict: bool) -> Iterator[_Hit]:
    """Hits for the object of an introducer ("according to", "citing", "per") matched by `m`."""
    text, pos, start, cue = m.string, m.end(), m.start(), _norm(m.group("cue"))
    if o := _EXPERT_AT.match(text, pos):
        yield from _named(o, "names", cue, start)
    elif o := _OBJ_ANON.match(text, pos):
        yield _Hit(start, o.end(), "anonymous", cue, None, (pos, o.end()))
    elif o := _OBJ_EXPERT.match(text, pos):
        yield _Hit(start, o.end(), "unnamed_expert", cue, None, (pos, o.end()))
    elif o := _SPOKES_FOR.match(text, pos) or _SPOKES_OF.match(text, pos):
        yield from _named(o, "names", cue, start, o.end())
    elif o := _OBJ_DOC_BY.match(text, pos) or _OBJ_DOC_NAMED.match(text, pos):
        yield from _named(o, "names", cue, start, o.end() if o.re is _OBJ_DOC_NAMED else None)
    elif o := _OBJ_REPORTS.match(text, pos) or _OBJ_DOC.match(text, pos):
        yield _Hit(start, o.end(), "document", cue, None, (pos, o.end()))
    elif o := _OBJ_NAMES.match(text, pos):
        if strict:
            name = _canonical(o.group("names"))
            if not name or not (_is_outlet(name) or _PER_BOUNDARY.match(text, o.end())):
                return
        yield from _named(o, "names", cue, start, o.end())


def _hits(sentence: str) -> Iterator[_Hit]:
    for m in _INTRO.finditer(sentence):
        yield from _object(m, strict=m.group("cue").lower() == "per")
    for m in _BY.finditer(sentence):
        yield from _named(m, "names", f"{m.group('verb')} by", m.start())
    for m in _SUBJECT.finditer(sentence):
        for s, e in _pieces(m.group("names"), m.start("names")):
            if source := _canonical(sentence[s:e]):
                cue = m.group("verb").lower()
                batch = (id(m.re), m.start(), m.start())
                yield _Hit(s, m.end(), "named", cue, source, (s, e), batch, m.end() - m.start())
    for m in _INVERTED.finditer(sentence):
        yield from _named(m, "names", m.group("verb"), m.start("verb"), m.end())
    for m in _TOLD.finditer(sentence):
        source = _canonical(m.group("names"))
        if source and _is_outlet(source):
            cue = "interview with" if "interview" in m.group("verb").lower() else _norm(m.group("verb"))
            yield _Hit(m.start(), m.end(), "named", cue, source, m.span("names"))
    low = sentence.lower()  # cheap keyword checks skip patterns that cannot match
    for m in _POSSESSIVE.finditer(sentence) if "'" in low or "’" in low else ():
        yield from _named(m, "names", m.group("noun"), m.start(), m.end())
    for pattern in (_SPOKES_OF, _SPOKES_FOR) if "spokes" in low or "representative" in low else ():
        for m in pattern.finditer(sentence):
            cue = "representative" if m.group("noun").lower() == "representative" else "spokesperson"
            yield from _named(m, "names", cue, m.start(), m.end())
    for m in _IN_STATEMENT.finditer(sentence) if "in a" in low else ():
        yield from _named(m, "names", f"in a {_norm(m.group('noun'))}", m.start())
    for m in _EXPERT_AT.finditer(sentence):
        yield from _named(m, "names", _norm(f"{m.group('noun')} {m.group('prep')}"), m.start())
    for m in _ANON.finditer(sentence):
        cue = _ANON_CUES[m.group("qual").split()[0].lower()]
        start = _trim(sentence, m.start())
        yield _Hit(start, m.end(), "anonymous", cue, None, (start, m.end()))
    for m in _ANON_SAY.finditer(sentence):
        start = _trim(sentence, m.start())
        yield _Hit(start, m.end(), "anonymous", _norm(m.group("cue")), None, (start, m.end()))
    for m in _INSIDERS.finditer(sentence):
        yield _Hit(m.start(), m.end(), "anonymous", "insiders", None, m.span())
    for m in _EXPERT_SAY.finditer(sentence):
        noun = m.group("noun") or m.group("one")
        cue = f"{noun.lower()} {_norm(m.group('verb'))}"
        yield _Hit(m.start(), m.end(), "unnamed_expert", cue, None, m.span())
    for m in _EXPERT_BARE.finditer(sentence):
        yield _Hit(m.start(), m.end(), "unnamed_expert", _norm(m.group()), None, m.span())
    for m in _DOC_SAYS.finditer(sentence):
        cue = f"{_norm(m.group('noun'))} {m.group('verb').lower()}"
        if m.group("names"):
            yield from _named(m, "names", cue, m.start(), m.end())
        else:
            yield _Hit(m.start(), m.end(), "document", cue, None, m.span())


def _dedupe(hits: list[_Hit]) -> list[_Hit]:
    """Keep the longest of hits whose source-naming parts overlap (one source found twice).

    Hits are swept into clusters of overlapping keys first, so the pairwise check stays local.
    """
    kept: list[_Hit] = []
    cluster: list[_Hit] = []
    reach = -1
    for hit in sorted(hits, key=lambda h: h.key):
        if hit.key[0] >= reach:
            kept.extend(_longest(cluster))
            cluster, reach = [], hit.key[1]
        cluster.append(hit)
        reach = max(reach, hit.key[1])
    kept.extend(_longest(cluster))
    return sorted(kept, key=lambda h: (h.start, h.end))


def _longest(cluster: list[_Hit]) -> list[_Hit]:
    kept: list[_Hit] = []
    for hit in sorted(cluster, key=lambda h: (-(h.weight or h.end - h.start), h.start)):
        a, b = hit.key
        if not any((k.group != hit.group or k.group is None) and k.key[0] < b and a < k.key[1] for k in kept):
            kept.append(hit)
    return kept


def find_attributions(sentence: str, *, base: int = 0, context: str = "") -> tuple[Attribution, ...]:
    """Attributions in one sentence; spans are offsets into the document (`base` + index)."""
    hits = _dedupe(list(_hits(sentence)))
    found = [
        Attribution(Span(base + h.start, base + h.end), h.kind, h.cue, sentence[h.start : h.end], h.source)
        for h in hits
    ]
    if _ROLE_LINE.match(sentence) and (role := role_line_attribution(sentence, base=base)):
        found.append(role)
    return tuple(found)


# --- role lines ------------------------------------------------------------------------------

_ROLE_LINE = re.compile(r"^\s*(?P<body>(?P<dash>[-–—]{1,2})\s*(?P<role>[^\n]{1,120}?))[\s.]*$")
_ROLE_NOUNS = _words(
    """analyst economist expert researcher professor executive official observer strategist engineer
    investor consultant adviser advisor scientist lawyer attorney spokesperson spokesman spokeswoman
    director manager founder ceo cto cfo trader commentator journalist diplomat fellow lecturer partner
    officer specialist scholar academic historian regulator employee staffer veteran watcher critic"""
)
_ANON_ROLES = frozenset({"source", "insider"})  # "— Industry source" is anonymous, not an expert
_NAME_PARTICLES = frozenset({"de", "van", "von", "bin", "al", "la", "le", "du", "da", "di"})
_AT_ORG = re.compile(rf"\s(?:at|with|from|of|for)\s+(?:the\s+)?(?P<names>{_NAME})")
_ROLE_BAD = re.compile(r"[\d:;!?\[\]()]|\.\s")


def _role_noun(phrase: str) -> str | None:
    """The role a phrase names, from its head noun: "Tech policy analyst at X" -> "analyst"."""
    core = re.split(r"\s(?:at|with|from|of|for|in)\s", phrase, maxsplit=1)[0].split()
    head = core[-1].lower() if core else ""
    return head if head in _ROLE_NOUNS or head in _ANON_ROLES else None


def _person(words: list[str]) -> bool:
    caps = [w for w in words if w not in _NAME_PARTICLES]
    return (
        2 <= len(caps) <= 4
        and all(re.fullmatch(r"[A-Z][\w'’.-]*", w) for w in caps)
        and not any(w.lower() in _NOT_SOURCES or w.lower() in _ROLE_NOUNS for w in caps)
    )


def role_line_attribution(line: str, *, base: int = 0) -> Attribution | None:
    """A dash line under a quote: "– Tech policy analyst" (unnamed_expert), "— Jane Doe, analyst at
    X" (named "Jane Doe"), "– Analyst at Morgan Stanley" (named org), "— Industry source" (anonymous).

    The cue is the dash as found ("–"), so callers can tell a role line from prose cues. Anything
    else (a list item, a heading) gives None: the phrase must end in a role noun, be a person's
    name, or be a known outlet, in at most ten words without digits or brackets.
    """
    m = _ROLE_LINE.match(line)
    if not m or _ROLE_BAD.search(m.group("role")) or len(m.group("role").split()) > 10:
        return None
    head, _, _tail = (part.strip() for part in m.group("role").partition(","))
    span = Span(base + m.start("body"), base + m.end("body"))
    text, dash = line[m.start("body") : m.end("body")], m.group("dash")
    if _person(head.split()):
        return Attribution(span, "named", dash, text, head)
    noun = _role_noun(head)
    if noun is None:
        name = _canonical(head)
        return Attribution(span, "named", dash, text, name) if name and _is_outlet(name) else None
    if noun in _ANON_ROLES:
        return Attribution(span, "anonymous", dash, text)
    org = _AT_ORG.search(f" {m.group('role')}")
    if org and (name := _canonical(org.group("names"))):
        return Attribution(span, "named", dash, text, name)
    return Attribution(span, "unnamed_expert", dash, text)


# --- hedges ----------------------------------------------------------------------------------

_HEDGE = re.compile(
    r"\b(?:according\s+to\s+(?:(?:media|news|press|local|unconfirmed|multiple|several|some|other|recent"
    r"|earlier|published)\s+){0,2}reports"
    r"|sources\s+(?:say|said|says|claim|claimed|suggest|suggested|indicate|indicated)"
    r"|(?:is|are|was|were|be|been|being)\s+(?:widely\s+|also\s+|now\s+)?(?:said|believed|thought|understood"
    r"|reported|rumou?red|alleged|expected|purported)\s+to"
    r"|it\s+is\s+(?:widely\s+)?(?:understood|believed|thought|rumou?red|reported|alleged|said)"
    r"|it['’]s\s+(?:understood|believed|thought|rumou?red|reported|alleged|said)"
    r"|it\s+(?:appears|seems|appeared|seemed)"
    r"|(?:appears?|appeared|seems?|seemed)(?:\s+(?:to|that)\b|(?=\s+(?:set|poised|likely|unlikely|ready|\w+ed)\b))"
    r"|reportedly|allegedly|purportedly|supposedly|apparently|rumou?red|unconfirmed"
    r"|(?:may|might)\s+have(?!\s+to\b)|could\s+be)\b",
    _I,
)


def find_hedges(sentence: str, *, base: int = 0) -> tuple[Hedge, ...]:
    """Hedging cues ("reportedly", "is said to"), cue lower-cased with spaces collapsed."""
    return tuple(Hedge(Span(base + m.start(), base + m.end()), _norm(m.group())) for m in _HEDGE.finditer(sentence))
