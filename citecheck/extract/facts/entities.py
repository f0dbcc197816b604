"""Named entities and entity lists, with canonical names.

No model: capitalised-token runs, split at possessives, titles ("CEO"), product names and known
names; a small gazetteer of places and well-known organisations gives canonical forms
("U.S." -> "United States", "NVIDIA" -> "Nvidia") and kind hints. An entity fact is
``Fact(kind="entity", value=<canonical>, unit=<"org"|"person"|"product"|"place"|None>,
entities=(<canonical>,))``; a person introduced by a title carries it as `subject` ("ceo") and the
organisation before the title as a second entity. A list ("ByteDance, Alibaba, and Tencent") is an
extra fact spanning the whole list: value "Alibaba; ByteDance; Tencent", subject "list",
entities sorted; its members are also reported one by one. The gazetteer and word lists live in
`citecheck.extract.facts.entity_words`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from citecheck.extract.facts.entity_words import (
    ACRONYM_STOP,
    CAP_STOP,
    DEMONYMS,
    OF_LEADERS,
    ORG_WORDS,
    STRIP_SUFFIX,
    TITLES,
    lookup,
)
from citecheck.extract.facts.nounphrase import PRODUCT, product_name
from citecheck.extract.facts.quantities import Scan
from citecheck.model import Fact

__all__ = ["entities_compatible", "entity_facts"]

_TITLE_TEXT = (
    r"(?:chief\s+executive(?:\s+officer)?|ceo|cfo|cto|president|vice\s+president|founder|co-?founder"
    r"|chairman|chairwoman|chair|spokes(?:person|man|woman)|minister|prime\s+minister|secretary"
    r"|director|head|boss|analyst|governor|senator)"
)
_TITLE_GAP = re.compile(rf"(?:['’]s?)?\s+(?:the\s+)?(?:company's\s+)?({_TITLE_TEXT})\s*,?\s*$", re.I)
_TITLE_BEFORE = re.compile(rf"(?<![\w])({_TITLE_TEXT})\s*,?\s+$", re.I)
_SAID = re.compile(r"\s+(?:said|says|told|added|wrote|noted|argued|stated|announced)(?![\w])")
_LIST_COMMA = re.compile(r"\s*,\s*$")
_LIST_AND = re.compile(r"\s*,?\s+(?:and|&)\s+$")
_INITIAL = re.compile(r"[\x00\s\"“‘'(\[\-–—•*#\d.]*$")
_SMALL_WORDS = frozenset("a an the of and or in on at to for by with from vs as".split())
_LOWER_WORD = re.compile(r"[A-Za-z][\w’'\-]*")

# ------------------------------------------------------------------------------------ tokenising

# Every alternative starts with a capital, so the regex engine skips ahead to capitals quickly;
# lower-case prefixes ("iPhone", "eBay", "xAI") and numbers after a name ("Llama 3") are added
# in Python.
_TOKEN = re.compile(r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w]*(?:[&\-‑][A-Za-z0-9]+|['’][A-Z][a-z]+)*)(?P<p>['’]s?(?![\w]))?")
_NUMBER_TOKEN = re.compile(r" (\d{2,4}[A-Z]\w*|\d{1,4}(?:\.\d+)?(?![\w,]|\.\d))(['’]s?(?![\w]))?")
_LOWER_PREFIX = re.compile(r"(?<![\w’'])[a-z]{1,3}$")
_AFTER_NUMBER = re.compile(
    r"\s*(?:%|(?i:percent|per\s?cent|hundred|thousand|million|billion|trillion|times|bn|mn)(?![a-z]))"
)
_HYPHEN_LOWER = re.compile(r"[\-‑](?=[a-z])")
# A quoted title-case phrase is one name, whatever its small words and numbers: “Made in China 2025”.
_QUOTED_NAME = re.compile(
    r"[“\"]((?:[A-Z][\w’'\-]*|\d{1,4})(?:\s+(?:[A-Z][\w’'\-]*|\d{1,4}|of|in|for|the|and|on|to)){1,5})[”\"]"
)
_MAX_GROUP = 12  # a longer run of capitals is a heading or noise, not one name
_JOIN_SPACE = re.compile(r"^[ \u00a0]+$")
_JOIN_AMP = re.compile(r"^[ \u00a0]*&[ \u00a0]*$")
_JOIN_OF = re.compile(r"^ of $")
_JOIN_AND = re.compile(r"^ and $")


class _Tok(NamedTuple):
    start: int
    end: int
    text: str
    number: bool
    possessive: bool


class _Seg(NamedTuple):
    start: int
    end: int
    name: str
    kind: str | None
    title: str | None = None
    known: bool = False


def _word(masked: str, m: re.Match[str]) -> _Tok | None:
    start, word = m.start(), m.group().removesuffix(m.group("p") or "")
    possessive = m.group("p") is not None
    if start and masked[start - 1].isalnum():
        prefix = _LOWER_PREFIX.search(masked, max(0, start - 4), start)
        if prefix is None:
            return None  # a capital inside a word
        start, word = prefix.start(), prefix.group() + word
    cut = _HYPHEN_LOWER.search(word)
    if cut:  # "China-compliant" -> "China", "Nvidia-backed" -> "Nvidia"
        word, possessive = word[: cut.start()], False
    elif word.endswith(".") and word.count(".") == 1:
        word = word[:-1]  # "Inc." keeps its letters, the full stop is punctuation
    return _Tok(start, start + len(word), word, False, possessive)


def _tokens(masked: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(masked):
        tok = _word(masked, m)
        if tok is None:
            continue
        out.append(tok)
        if not tok.possessive and tok.end == m.end():
            n = _NUMBER_TOKEN.match(masked, tok.end)
            if n is not None:
                out.append(_Tok(n.start(1), n.end(1), n.group(1), True, n.group(2) is not None))
    return out


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _groups(masked: str, toks: list[_Tok]) -> list[list[_Tok | str]]:
    """Consecutive tokens joined by spaces, "&", or (after "Bureau", "Ministry"...) "of"/"and"."""
    groups: list[list[_Tok | str]] = []
    has_of = False
    for tok in toks:
        if groups and len(groups[-1]) < _MAX_GROUP:
            group = groups[-1]
            prev = group[-1]
            assert isinstance(prev, _Tok)
            gap = masked[prev.end : tok.start]
            if not prev.possessive and (_JOIN_SPACE.match(gap) or _JOIN_AMP.match(gap)):
                group.append(tok)
                continue
            if not tok.number and not prev.possessive:
                if _JOIN_OF.match(gap) and prev.text in OF_LEADERS:
                    group += ["of", tok]
                    has_of = True
                    continue
                if _JOIN_AND.match(gap) and has_of and lookup(tok.text) is None:
                    group += ["and", tok]
                    continue
        if not tok.number:
            groups.append([tok])
            has_of = False
    return groups


# ------------------------------------------------------------------------------------ segmenting


def _norm_title(title: str) -> str:
    title = " ".join(title.lower().replace(",", " ").split())
    return "ceo" if title.startswith("chief executive") else title


def _identify(name: str, toks: list[_Tok], title: str | None) -> tuple[str, str | None]:
    """Canonical name and kind hint of a segment."""
    hit = lookup(name)
    if hit is not None:
        return hit
    words = name.split(" ")
    if len(words) > 1 and words[-1] in STRIP_SUFFIX:
        base = " ".join(words[:-1])
        hit = lookup(base)
        return (hit[0] if hit else base), "org"
    if title is not None:
        return name, "person"
    if len(toks) == 1 and product_name(name):
        return product_name(name) or name, "product"
    if any(t.number or PRODUCT.match(t.text) for t in toks):
        return name, "product"
    if words[-1] in ORG_WORDS or (len(words) > 2 and words[0] in OF_LEADERS and words[1] == "of"):
        return name, "org"
    if len(toks) == 1 and _is_acronym(name):
        return name, "org"
    return name, None


class _Segmenter:
    """Splits the token groups of one sentence into entity segments."""

    def __init__(self, masked: str, title_mode: bool) -> None:
        self.masked = masked
        self.title_mode = title_mode  # a headline in Title Case: only names we can vouch for
        self.segs: list[_Seg] = []
        self.cur: list[_Tok | str] = []
        self.title: str | None = None

    def flush(self) -> None:
        toks = [t for t in self.cur if isinstance(t, _Tok)]
        title, self.cur, self.title = self.title, [], None
        if not toks:
            return
        start, end = toks[0].start, toks[-1].end
        name = " ".join(self.masked[start:end].replace("’", "'").split())
        if all(t.text in DEMONYMS or t.text in ACRONYM_STOP for t in toks) or len(name) == 1:
            return
        canonical, kind = _identify(name, toks, title)
        known = lookup(name) is not None or kind is not None
        said = _SAID.match(self.masked, end) is not None
        if kind is None and said and 2 <= len(toks) <= 3 and all(t.text.isalpha() for t in toks):
            kind = "person"
        if self.title_mode and kind is None:
            return
        initial = _INITIAL.match(self.masked, 0, start) or self.masked[start - 1 : start] in '“"‘('
        if len(toks) == 1 and not known and initial and not (toks[0].possessive or said):
            return
        self.segs.append(_Seg(start, end, canonical, kind, _norm_title(title) if title else None, known))

    def _opens(self, tok: _Tok) -> bool:
        """An unknown word opening the sentence ("Currently", "Following"): not a name."""
        return lookup(tok.text) is None and _INITIAL.match(self.masked, 0, tok.start) is not None

    def _known(self) -> bool:
        toks = [t for t in self.cur if isinstance(t, _Tok)]
        if not toks or len(toks) > 4:
            return False
        name = " ".join(t.text for t in toks)
        return lookup(name) is not None or (len(toks) == 1 and _is_acronym(name))

    def add(self, tok: _Tok, after: str) -> None:
        last = self.cur[-1] if self.cur else None
        if tok.number:
            plain = tok.text[-1].isdigit()
            ok = isinstance(last, _Tok) and not last.number and last.text not in TITLES
            if ok and (not plain or not (self.title_mode or _AFTER_NUMBER.match(after))):
                self.cur.append(tok)
            else:
                self.flush()
            return
        text = tok.text
        if text in TITLES:
            if self.cur:
                self.flush()
            self.title = f"{self.title} {text}" if self.title else text
            return
        if text in CAP_STOP or (text.endswith(("ly", "ing")) and not self.cur and self._opens(tok)):
            self.flush()
            return
        if text in ACRONYM_STOP:  # "AI" ends "Nvidia", may open "AI Act"
            self.flush()
            self.cur = [tok]
            return
        if isinstance(last, _Tok):
            product = PRODUCT.match(text) is not None
            if (
                (product and self._known())
                or (not product and (last.number or PRODUCT.match(last.text)))
                or ((text in OF_LEADERS or text in ORG_WORDS) and self._known() and lookup(last.text) is not None)
            ):
                self.flush()
        self.cur.append(tok)
        if tok.possessive:
            self.flush()

    def run(self, groups: list[list[_Tok | str]]) -> list[_Seg]:
        for group in groups:
            for item in group:
                if isinstance(item, str):
                    self.cur.append(item)
                else:
                    self.add(item, self.masked[item.end : item.end + 12])
            self.flush()
        return self.segs


def _title_mode(masked: str) -> bool:
    """A headline in Title Case ("Why the H200 Matters: A Technical Powerhouse")."""
    words = [w for w in _LOWER_WORD.findall(masked) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _with_titles(masked: str, segs: list[_Seg]) -> list[tuple[_Seg, str | None]]:
    """Each segment with the organisation its person works for, when a title links them."""
    out: list[tuple[_Seg, str | None]] = []
    prev: _Seg | None = None
    for seg in segs:
        org = None
        gap = _TITLE_GAP.match(masked, prev.end, seg.start) if prev is not None else None
        if seg.kind is None and not seg.known:
            before = _TITLE_BEFORE.search(masked, max(0, seg.start - 40), seg.start)
            if before is not None:
                seg = _Seg(seg.start, seg.end, seg.name, "person", _norm_title(before.group(1)))
        if seg.kind == "person" and prev is not None and gap is not None and prev.kind != "person":
            org = prev.name
            if seg.title is None:
                seg = _Seg(seg.start, seg.end, seg.name, "person", _norm_title(gap.group(1)))
        out.append((seg, org))
        prev = seg
    return out


def _lists(masked: str, segs: list[_Seg]) -> list[list[_Seg]]:
    """Runs of entities joined by commas and a final "and": "ByteDance, Alibaba, and Tencent"."""
    lists: list[list[_Seg]] = []
    chain: list[_Seg] = []
    for seg in segs:
        if chain and _LIST_COMMA.match(masked, chain[-1].end, seg.start):
            chain.append(seg)
        elif chain and _LIST_AND.match(masked, chain[-1].end, seg.start):
            chain.append(seg)
            target = seg.kind  # "In Beijing, Alibaba and Tencent": the place is not listed
            first = next(i for i, s in enumerate(chain) if not (target and s.kind and s.kind != target))
            chain = chain[first:]
            if len({s.name for s in chain}) >= 2:
                lists.append(chain)
            chain = []
        else:
            chain = [seg]
    return lists


def _expand(long: _Seg, short: _Seg) -> _Seg:
    """ "Bureau of Industry and Security (BIS)": the acronym names the long form."""
    initials = "".join(w[0] for w in long.name.split(" ") if w[0].isupper())
    if initials != short.name.replace(".", ""):
        return short
    return _Seg(short.start, short.end, long.name, long.kind, None, True)


def _with_quoted_names(masked: str, segs: list[_Seg]) -> list[_Seg]:
    """`segs` with each quoted name (“Made in China 2025”) as one segment in place of its parts."""
    quoted = [m for m in _QUOTED_NAME.finditer(masked) if m.group(1).rsplit(None, 1)[-1] not in _SMALL_WORDS]
    if not quoted:
        return segs
    spans = [(m.start(1), m.end(1)) for m in quoted]
    kept = [seg for seg in segs if not any(a <= seg.start and seg.end <= b for a, b in spans)]
    kept += [_Seg(m.start(1), m.end(1), m.group(1), None, None, True) for m in quoted]
    return sorted(kept, key=lambda seg: seg.start)


def entity_facts(scan: Scan) -> list[Fact]:
    """Entity facts of one sentence, members and lists, in text order."""
    masked = scan.masked
    toks = _tokens(masked)
    if not toks:
        return []
    segs = _with_quoted_names(
        masked, _Segmenter(masked, len(toks) >= 2 and _title_mode(masked)).run(_groups(masked, toks))
    )
    facts = []
    for i, (seg, org) in enumerate(_with_titles(masked, segs)):
        if i and _is_acronym(seg.name) and masked[seg.start - 1 : seg.start] == "(":
            seg = _expand(segs[i - 1], seg)
        names: tuple[str, ...] = (seg.name, org) if org else (seg.name,)
        facts.append(
            scan.fact("entity", seg.start, seg.end, seg.name, unit=seg.kind, subject=seg.title, entities=names)
        )
    for chain in _lists(masked, segs):
        names = tuple(sorted({s.name for s in chain}))
        kinds = {s.kind for s in chain}
        unit = kinds.pop() if len(kinds) == 1 else None
        fact = scan.fact(
            "entity", chain[0].start, chain[-1].end, "; ".join(names), unit=unit, subject="list", entities=names
        )
        facts.append(fact)
    facts.sort(key=lambda f: (f.span.start, -f.span.end))
    return facts


def entities_compatible(a: Fact, b: Fact) -> bool | None:
    """Two lists agree when they name the same set; two names when they are the same canonical
    name. A list and a single name, or names of different kinds (an org and a person), are not
    comparable (None)."""
    if (a.subject == "list") != (b.subject == "list"):
        return None
    if a.subject == "list":
        return set(a.entities) == set(b.entities)
    if a.unit and b.unit and a.unit != b.unit:
        return None
    return a.value == b.value
