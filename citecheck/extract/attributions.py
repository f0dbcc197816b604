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

All patterns are precompiled (in `citecheck.extract.attribution_cues`); names are matched with bounded,
possessive repetition, so the running time grows linearly with the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from attrs import frozen

from citecheck.extract.attribution_cues import (
    ALIASES,
    ANON,
    ANON_CUES,
    ANON_ROLES,
    ANON_SAY,
    AT_ORG,
    BY,
    DOC_SAYS,
    EXPERT_AT,
    EXPERT_BARE,
    EXPERT_SAY,
    GENERIC,
    HEDGE,
    IN_STATEMENT,
    INSIDERS,
    INTRO,
    INVERTED,
    LEADING_NOISE,
    NAME_PARTICLES,
    NOISE_HEAD,
    NOT_SOURCES,
    OBJ_ANON,
    OBJ_DOC,
    OBJ_DOC_BY,
    OBJ_DOC_NAMED,
    OBJ_EXPERT,
    OBJ_NAMES,
    OBJ_REPORTS,
    OUTLET_SUFFIXES,
    OUTLETS,
    PER_BOUNDARY,
    POSSESSIVE,
    ROLE_BAD,
    ROLE_LINE,
    ROLE_NOUNS,
    SPLIT_AND,
    SPLIT_LIST,
    SPOKES_FOR,
    SPOKES_OF,
    SUBJECT,
    THE_OUTLETS,
    TITLES,
    TOLD,
)
from citecheck.model import Attribution, AttributionKind, Hedge
from citecheck.text import Span

__all__ = ["find_attributions", "find_hedges", "role_line_attribution"]

# --- names -----------------------------------------------------------------------------------


def _trim(sentence: str, start: int) -> int:
    """Skip sentence adverbs ("Meanwhile sources say") that a capitalised-prefix pattern took in."""
    m = NOISE_HEAD.match(sentence, start)
    return m.end() if m else start


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _strip_title(tokens: list[str]) -> list[str]:
    titled = [i for i, t in enumerate(tokens) if t in TITLES or t.rstrip(".") + "." in TITLES]
    if not titled:
        return tokens
    last = titled[-1]
    if last < len(tokens) - 1:
        rest = tokens[last + 1 :]
        while rest and (rest[0].islower() or rest[0] in {"Of", "For", "The", "And"}):
            rest = rest[1:]
        return rest
    return [t for t in tokens[:last] if t not in TITLES]


def _canonical(raw: str) -> str | None:
    """Canonical source name for a matched capitalised sequence, or None when it is no source."""
    tokens = re.sub(r"['’]s?$", "", raw.strip()).split()
    while tokens and (tokens[0] in LEADING_NOISE or tokens[0].islower()):
        tokens = tokens[1:]
    joined = " ".join(tokens)
    if the := THE_OUTLETS.get(joined.lower()) or THE_OUTLETS.get(f"the {joined}".lower()):
        return the
    if tokens and tokens[0] in {"The", "A", "An"}:
        tokens = tokens[1:]
    tokens = _strip_title(tokens)
    if not tokens or (len(tokens) == 1 and tokens[0].lower() in NOT_SOURCES):
        return None
    if tokens[0].lower() in GENERIC or any(c.isdigit() for t in tokens for c in t):
        return None
    joined = " ".join(tokens)
    return ALIASES.get(joined, joined)


def _is_outlet(name: str) -> bool:
    return name in OUTLETS or name in THE_OUTLETS.values() or name.split()[-1] in OUTLET_SUFFIXES


def _pieces(text: str, offset: int) -> list[tuple[int, int]]:
    """Split a matched name list ("Reuters, Bloomberg and CNBC") into name spans.

    Commas only separate names when the list ends in "and NAME"; otherwise the first name stands
    alone ("according to Reuters, Nvidia ..."). "and" inside a name with "of" is kept ("Bureau of
    Industry and Security").
    """
    parts, pos = [], 0
    for sep in SPLIT_LIST.finditer(text):
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
        for sep in SPLIT_AND.finditer(chunk):
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


def _object(m: re.Match[str], strict: bool) -> Iterator[_Hit]:
    """Hits for the object of an introducer ("according to", "citing", "per") matched by `m`."""
    text, pos, start, cue = m.string, m.end(), m.start(), _norm(m.group("cue"))
    if o := EXPERT_AT.match(text, pos):
        yield from _named(o, "names", cue, start)
    elif o := OBJ_ANON.match(text, pos):
        yield _Hit(start, o.end(), "anonymous", cue, None, (pos, o.end()))
    elif o := OBJ_EXPERT.match(text, pos):
        yield _Hit(start, o.end(), "unnamed_expert", cue, None, (pos, o.end()))
    elif o := SPOKES_FOR.match(text, pos) or SPOKES_OF.match(text, pos):
        yield from _named(o, "names", cue, start, o.end())
    elif o := OBJ_DOC_BY.match(text, pos) or OBJ_DOC_NAMED.match(text, pos):
        yield from _named(o, "names", cue, start, o.end() if o.re is OBJ_DOC_NAMED else None)
    elif o := OBJ_REPORTS.match(text, pos) or OBJ_DOC.match(text, pos):
        yield _Hit(start, o.end(), "document", cue, None, (pos, o.end()))
    elif o := OBJ_NAMES.match(text, pos):
        if strict:
            name = _canonical(o.group("names"))
            if not name or not (_is_outlet(name) or PER_BOUNDARY.match(text, o.end())):
                return
        yield from _named(o, "names", cue, start, o.end())


# Words without which a pattern cannot match (each pattern needs one of them, in any case): a
# substring test on the lowered sentence skips the pattern. Only for ASCII sentences, where
# lowering agrees with the patterns' IGNORECASE matching (elsewhere "ſ" matches "s").
_ANON_WORDS = ("familiar", "knowledge", "briefed", "close", "who", "anonymity", "involved", "aware", "privy", "know")
_EXPERT_WORDS = (
    "analyst", "expert", "economist", "observer", "critic", "commentator", "strategist", "researcher", "scholar",
    "academic", "pundit", "watcher", "specialist", "skeptic", "sceptic", "professor",
)  # fmt: skip


_LETTER = re.compile(r"[^\W\d_]")


def _may(low: str, sentence: str, words: tuple[str, ...]) -> bool:
    return not sentence.isascii() or any(w in low for w in words)


def _hits(sentence: str) -> Iterator[_Hit]:
    for m in INTRO.finditer(sentence):
        yield from _object(m, strict=m.group("cue").lower() == "per")
    for m in BY.finditer(sentence):
        yield from _named(m, "names", f"{m.group('verb')} by", m.start())
    for m in SUBJECT.finditer(sentence):
        for s, e in _pieces(m.group("names"), m.start("names")):
            if source := _canonical(sentence[s:e]):
                cue = m.group("verb").lower()
                batch = (id(m.re), m.start(), m.start())
                yield _Hit(s, m.end(), "named", cue, source, (s, e), batch, m.end() - m.start())
    for m in INVERTED.finditer(sentence):
        yield from _named(m, "names", m.group("verb"), m.start("verb"), m.end())
    for m in TOLD.finditer(sentence):
        source = _canonical(m.group("names"))
        if source and _is_outlet(source):
            cue = "interview with" if "interview" in m.group("verb").lower() else _norm(m.group("verb"))
            yield _Hit(m.start(), m.end(), "named", cue, source, m.span("names"))
    low = sentence.lower()  # cheap keyword checks skip patterns that cannot match
    for m in POSSESSIVE.finditer(sentence) if "'" in low or "’" in low else ():
        yield from _named(m, "names", m.group("noun"), m.start(), m.end())
    for pattern in (SPOKES_OF, SPOKES_FOR) if "spokes" in low or "representative" in low else ():
        for m in pattern.finditer(sentence):
            cue = "representative" if m.group("noun").lower() == "representative" else "spokesperson"
            yield from _named(m, "names", cue, m.start(), m.end())
    for m in IN_STATEMENT.finditer(sentence) if "in a" in low else ():
        yield from _named(m, "names", f"in a {_norm(m.group('noun'))}", m.start())
    for m in EXPERT_AT.finditer(sentence):
        yield from _named(m, "names", _norm(f"{m.group('noun')} {m.group('prep')}"), m.start())
    for m in ANON.finditer(sentence) if _may(low, sentence, _ANON_WORDS) else ():
        cue = ANON_CUES[m.group("qual").split()[0].lower()]
        start = _trim(sentence, m.start())
        yield _Hit(start, m.end(), "anonymous", cue, None, (start, m.end()))
    for m in ANON_SAY.finditer(sentence) if _may(low, sentence, ("source", "official")) else ():
        start = _trim(sentence, m.start())
        yield _Hit(start, m.end(), "anonymous", _norm(m.group("cue")), None, (start, m.end()))
    for m in INSIDERS.finditer(sentence) if _may(low, sentence, ("insiders",)) else ():
        yield _Hit(m.start(), m.end(), "anonymous", "insiders", None, m.span())
    for m in EXPERT_SAY.finditer(sentence) if _may(low, sentence, _EXPERT_WORDS) else ():
        noun = m.group("noun") or m.group("one")
        cue = f"{noun.lower()} {_norm(m.group('verb'))}"
        yield _Hit(m.start(), m.end(), "unnamed_expert", cue, None, m.span())
    for m in EXPERT_BARE.finditer(sentence) if _may(low, sentence, _EXPERT_WORDS) else ():
        yield _Hit(m.start(), m.end(), "unnamed_expert", _norm(m.group()), None, m.span())
    for m in DOC_SAYS.finditer(sentence):
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
    if not _LETTER.search(sentence):
        return ()  # every cue is a word: "1." or "—" credits no one, and a list of them is long (issue 14)
    hits = _dedupe(list(_hits(sentence)))
    found = [
        Attribution(Span(base + h.start, base + h.end), h.kind, h.cue, sentence[h.start : h.end], h.source)
        for h in hits
    ]
    if ROLE_LINE.match(sentence) and (role := role_line_attribution(sentence, base=base)):
        found.append(role)
    return tuple(found)


# --- role lines ------------------------------------------------------------------------------


def _role_noun(phrase: str) -> str | None:
    """The role a phrase names, from its head noun: "Tech policy analyst at X" -> "analyst"."""
    core = re.split(r"\s(?:at|with|from|of|for|in)\s", phrase, maxsplit=1)[0].split()
    head = core[-1].lower() if core else ""
    return head if head in ROLE_NOUNS or head in ANON_ROLES else None


def _person(words: list[str]) -> bool:
    caps = [w for w in words if w not in NAME_PARTICLES]
    return (
        2 <= len(caps) <= 4
        and all(re.fullmatch(r"[A-Z][\w'’.-]*", w) for w in caps)
        and not any(w.lower() in NOT_SOURCES or w.lower() in ROLE_NOUNS for w in caps)
    )


def role_line_attribution(line: str, *, base: int = 0) -> Attribution | None:
    """A dash line under a quote: "– Tech policy analyst" (unnamed_expert), "— Jane Doe, analyst at
    X" (named "Jane Doe"), "– Analyst at Morgan Stanley" (named org), "— Industry source" (anonymous).

    The cue is the dash as found ("–"), so callers can tell a role line from prose cues. Anything
    else (a list item, a heading) gives None: the phrase must end in a role noun, be a person's
    name, or be a known outlet, in at most ten words without digits or brackets.
    """
    m = ROLE_LINE.match(line)
    if not m or ROLE_BAD.search(m.group("role")) or len(m.group("role").split()) > 10:
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
    if noun in ANON_ROLES:
        return Attribution(span, "anonymous", dash, text)
    org = AT_ORG.search(f" {m.group('role')}")
    if org and (name := _canonical(org.group("names"))):
        return Attribution(span, "named", dash, text, name)
    return Attribution(span, "unnamed_expert", dash, text)


# --- hedges ----------------------------------------------------------------------------------


def find_hedges(sentence: str, *, base: int = 0) -> tuple[Hedge, ...]:
    """Hedging cues ("reportedly", "is said to"), cue lower-cased with spaces collapsed."""
    return tuple(Hedge(Span(base + m.start(), base + m.end()), _norm(m.group())) for m in HEDGE.finditer(sentence))
