"""Does a cited page back the sentence that cites it? Lexical entailment, no model, pure Python.

    score = logistic(bias + sum of weight x feature - CONFLICT_PENALTY x conflict)
    supported = score >= THRESHOLD

Features, each in [0, 1], computed against a `PageIndex` built once per page:
  cover      IDF-weighted share of the claim's content words found in the best 1-3 page sentences
             (greedy set cover; a word sharing a 6-letter stem earns half credit). IDF is computed
             over the page's own sentences, so a claim word the page never uses weighs the most.
  uncovered  the weight those sentences leave uncovered, in rare words (1.0 at ten or more)
  bigram     share of the claim's adjacent content-word pairs found in those sentences
  names      share of the claim's capitalised words (past the first) the page uses
  facts      share of the claim's checkable facts (numbers, money, percentages, ratios, dates,
             durations) that some page fact establishes: a compatible value (`facts.compatible`)
             stated at least as definitely ("over 250,000" does not back "over 400,000", nor
             "2026" back "January 13, 2026"), or, across kinds and formats, the same digits
  conflict   1 when the page states a different value for the same counted thing (not fitted)

Words are folded crudely (lower case, plural, -ed, -ing, final -e); a built-in stop list drops
function words and a light list weighs very common content words at 0.4. The weights are a tiny JSON,
`data/support_weights.json`, fitted offline by ``scripts/eval_support.py --fit`` (the prior below
is used when it is absent). `missing` names what the page lacks: facts ("the figure 400,000
chips", "the date 2026-01-13", with what the page says instead when it states a different value),
entities ("Alibaba, Tencent"), then the heaviest absent words.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from attrs import evolve, frozen

from .facts import compatible, extract_facts
from .model import Fact

__all__ = [
    "CONFLICT_PENALTY",
    "FEATURES",
    "PRIOR",
    "PRIOR_THRESHOLD",
    "THRESHOLD",
    "WEIGHTS",
    "WEIGHTS_FILE",
    "Analysis",
    "PageIndex",
    "SupportResult",
    "features",
    "load_weights",
    "score",
    "support",
    "support_with_index",
]

FEATURES = ("cover", "uncovered", "bigram", "names", "facts")
# Written down before any fitting: "supported when ~3/4 of the claim's weighted content sits in a
# few sentences and every name and figure is on the page".
PRIOR: Mapping[str, float] = {"bias": -9.0, "cover": 8.0, "bigram": 1.0, "names": 2.0, "facts": 2.0}
PRIOR_THRESHOLD = 0.5
# Fixed, not fitted (WiCE dev has five such claims): a page stating a different value for the same
# counted thing ("91 stores" for "93 stores") is strong evidence against, about a 50x drop in odds.
CONFLICT_PENALTY = 4.0
WEIGHTS_FILE = Path(__file__).parent / "data" / "support_weights.json"
_CHECKABLE = frozenset({"quantity", "money", "percent", "ratio", "date", "duration"})
_NOUN = {"quantity": "figure", "money": "amount", "percent": "percentage", "ratio": "ratio", "duration": "duration"}
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?")
_STOP = frozenset(
    """a about above after again against all almost also although am among an and another any are around as at
    be became because become becomes been before being below between both but by can could did do does doing
    done down during each either else even ever every few for from further had has have having he her here hers
    herself him himself his how however i if in into is it its itself just me might mine more most much must my
    myself neither no nor not now of off on once one only or other others our ours ourselves out over own per
    rather same she should since so some such than that the their theirs them themselves then there these they
    this those though through thus to too under until up upon us very via was we were what whatever when where
    whether which while who whom whose why will with within without would yet you your yours s t
    also mr mrs ms dr st jr""".split()
)
_LIGHT = (
    frozenset(  # very common content words: present or absent, they say little
        """able accord across act action actual add addition again age ago ahead already although announce area
    around away back base became become began begin behind best better big bring brought call came can't
    case certain change clear close come common complete consider continue could current currently day
    decide despite different do during early either end enough entire especially even eventually ever
    every fact far feel final finally find first follow following form former found full further gave
    general get give given go going good got great group half hand happen has have head held help high
    hold home however include including instead keep kept kind know known large last late later lead
    least leave led left less let life like likely little live long look lot low made main major make
    making many may mean meanwhile member mention more move much name named near nearly need never new
    next note now number occur offer often old once open order original other part particular people
    period person place play point possible present previous previously probably provide put rather
    reach read ready real really reason receive recent recently refer regard remain remained report
    reported result return right run said same saw say see seem seen set several short show side
    significant similar since small so soon start state still such support sure take taken term than
    thing think though thought three through throughout time today together told took top toward
    towards try turn two type under until upon use used usual usually various way week well went whole
    widely within without work world year back called month following""".split()
    )
    - _STOP
)
_LIGHT_WEIGHT = 0.4
_STEM = 6  # letters two words must share to earn half credit ("nominated" / "nomination")
_UNCOVERED_SCALE = 10  # "uncovered" is 1.0 at ten rare words' worth of weight the best sentences lack


def _fold(word: str) -> str:
    """Crude lemma: lower case, possessive, plural, -ed/-ing, a doubled consonant, a final e."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w[:1].isdigit():
        return w.replace(",", "")
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            w = w[: -len(suffix)]
            if w.endswith("i"):
                w = w[:-1] + "y"
            elif len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    return w[:-1] if len(w) > 4 and w.endswith("e") else w


def _words(text: str) -> list[tuple[str, str]]:
    """(surface, lemma) of each content word, in order."""
    out = []
    for m in _TOKEN.finditer(text):
        surface = m.group()
        low = surface.lower().replace("’", "'")
        if low in _STOP or low.removesuffix("'s") in _STOP or (len(low) == 1 and not low.isdigit()):
            continue
        out.append((surface, _fold(surface)))
    return out


def _bigrams(lemmas: Sequence[str]) -> set[tuple[str, str]]:
    return set(pairwise(lemmas))


@frozen
class SupportResult:
    """`score` in [0, 1]; `supported` iff score >= THRESHOLD; `missing` names what the page lacks,
    facts first; `evidence` indexes the page sentences that best back the claim, best first."""

    score: float
    supported: bool
    missing: tuple[str, ...] = ()
    evidence: tuple[int, ...] = ()


@frozen(eq=False)
class PageIndex:
    """What `support_with_index` needs of one page, computed once: postings, IDF, facts, names."""

    sentences: tuple[str, ...]
    postings: Mapping[str, tuple[int, ...]]  # lemma -> sentences using it
    stems: Mapping[str, tuple[int, ...]]  # first _STEM letters -> sentences using such a word
    bigrams: tuple[frozenset[tuple[str, str]], ...]
    facts: Mapping[str, tuple[tuple[int, Fact], ...]]  # kind -> (sentence, fact)
    names: frozenset[str]  # canonical entity names on the page

    @classmethod
    def build(cls, sentences: Sequence[str], *, doc_date: date | None = None) -> PageIndex:
        """Index one page. `doc_date` is the page's own date, used to give yearless dates a year;
        without it "May 7" stays yearless and matches May 7 of any year."""
        postings: dict[str, list[int]] = defaultdict(list)
        stems: dict[str, set[int]] = defaultdict(set)
        bigrams, names = [], set()
        facts: dict[str, list[tuple[int, Fact]]] = defaultdict(list)
        for i, sentence in enumerate(sentences):
            lemmas = [lemma for _, lemma in _words(sentence)]
            bigrams.append(frozenset(_bigrams(lemmas)))
            for lemma in set(lemmas):
                postings[lemma].append(i)
                if len(lemma) >= _STEM:
                    stems[lemma[:_STEM]].add(i)
            for fact in extract_facts(sentence, doc_date=doc_date):
                facts[fact.kind].append((i, fact))
                names.update(fact.entities if fact.kind == "entity" else ())
        return cls(
            tuple(sentences),
            {k: tuple(v) for k, v in postings.items()},
            {k: tuple(sorted(v)) for k, v in stems.items()},
            tuple(bigrams),
            {k: tuple(v) for k, v in facts.items()},
            frozenset(names),
        )

    def idf(self, lemma: str) -> float:
        n = len(self.sentences)
        return math.log((n + 1) / (len(self.postings.get(lemma, ())) + 1)) + 1.0


@frozen
class _Word:
    surface: str
    lemma: str
    weight: float
    credit: Mapping[int, float]  # sentence -> 1.0 (the word) or 0.5 (a word of the same stem)


@frozen
class _Checked:
    """The claim's facts and entities against the page: share of facts found, what is missing, where."""

    facts: float
    missing: tuple[str, ...]
    found: Mapping[str, int]  # lemma of a word inside a found fact -> sentence stating the fact
    reported: frozenset[str]  # lemmas already named in `missing`
    conflicts: int  # facts the page states with a different value


@frozen
class Analysis:
    """Feature values and the explanation behind them."""

    values: Mapping[str, float]
    missing: tuple[str, ...]
    evidence: tuple[int, ...]


def _claim_words(claim: str, index: PageIndex, found: Mapping[str, int]) -> list[_Word]:
    """The claim's content words with their page credit; a word of a fact the page states (in
    whatever format: "Jan." for "January") is credited to the sentence stating it."""
    seen, out = set(), []
    for surface, lemma in _words(claim):
        if lemma in seen:
            continue
        seen.add(lemma)
        credit = dict.fromkeys(index.stems.get(lemma[:_STEM], ()) if len(lemma) >= _STEM else (), 0.5)
        credit.update(dict.fromkeys(index.postings.get(lemma, ()), 1.0))
        if lemma in found:
            credit[found[lemma]] = 1.0
        word = _Word(surface, lemma, index.idf(lemma), credit)
        out.append(evolve(word, weight=word.weight * _LIGHT_WEIGHT) if _light(word) else word)
    return out


def _capitals(claim: str, words: list[_Word]) -> float:
    """Share of the claim's capitalised words (past its first word) the page uses."""
    caps = {lemma for surface, lemma in _words(claim)[1:] if surface[:1].isupper()}
    return sum(1 for w in words if w.lemma in caps and w.credit) / len(caps) if caps else 1.0


def _light(word: _Word) -> bool:
    return word.lemma in _LIGHT or word.surface.lower() in _LIGHT


def _best_sentences(words: list[_Word], k: int = 3) -> tuple[list[int], dict[str, float]]:
    """Greedy cover: up to `k` sentences, each adding the most not-yet-covered weight."""
    covered = {w.lemma: 0.0 for w in words}
    by_sentence: dict[int, list[_Word]] = defaultdict(list)
    for w in words:
        for s in w.credit:
            by_sentence[s].append(w)
    chosen: list[int] = []
    for _ in range(k):
        best, gain = -1, 1e-9
        for s, ws in by_sentence.items():
            g = sum(w.weight * max(0.0, w.credit[s] - covered[w.lemma]) for w in ws)
            if g > gain:
                best, gain = s, g
        if best < 0:
            break
        chosen.append(best)
        for w in by_sentence.pop(best):
            covered[w.lemma] = max(covered[w.lemma], w.credit[best])
    return chosen, covered


# ------------------------------------------------------------------------------ facts and names


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
        if same is False and conflict is None and fact.subject and fact.subject == other.subject:
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
        if f.kind not in _CHECKABLE or (f.kind == "date" and not isinstance(f.value, str)):
            continue
        if f.kind == "quantity" and f.value == 1 and not f.unit:
            continue  # "one of the ..."
        out.append(f)
    return out


def _name_found(name: str, index: PageIndex) -> bool:
    if name in index.names:
        return True
    lemmas = [lemma for _, lemma in _words(name)]
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


def _check(facts: Sequence[Fact], index: PageIndex) -> _Checked:
    checkable = _checkable(facts)
    missing, found, reported, conflicts = [], {}, set(), 0
    for fact in checkable:
        i, other = _find_fact(fact, index)
        lemmas = [lemma for _, lemma in _words(fact.text)]
        if i is not None:
            found.update(dict.fromkeys(lemmas, i))
        else:
            missing.append(_describe(fact) + (f" (the page says {other.text})" if other is not None else ""))
            reported.update(lemmas)
            conflicts += other is not None
    lost = _lost_names(facts, index)
    reported.update(lemma for name in lost for _, lemma in _words(name))
    share = 1.0 - len(missing) / len(checkable) if checkable else 1.0
    return _Checked(share, tuple(missing + lost), found, frozenset(reported), conflicts)


# ------------------------------------------------------------------------------------- scoring


def features(
    claim: str, index: PageIndex, *, claim_facts: Sequence[Fact] | None = None, doc_date: date | None = None
) -> Analysis:
    """The feature values of one claim against one indexed page, with what the page lacks."""
    facts = tuple(claim_facts) if claim_facts is not None else extract_facts(claim, doc_date=doc_date)
    checked = _check(facts, index)
    words = _claim_words(claim, index, checked.found)
    chosen, covered = _best_sentences(words)
    total = sum(w.weight for w in words)
    uncovered = sum(w.weight * (1.0 - covered[w.lemma]) for w in words)
    pairs = _bigrams([w.lemma for w in words])
    found_pairs = set().union(*(index.bigrams[s] for s in chosen)) if chosen else set()
    values = {
        "cover": 1.0 - uncovered / total if total else 1.0,
        "uncovered": min(1.0, uncovered / (_UNCOVERED_SCALE * index.idf(""))),
        "bigram": len(pairs & found_pairs) / len(pairs) if pairs else 1.0,
        "names": _capitals(claim, words),
        "facts": checked.facts,
        "conflict": min(1.0, checked.conflicts),
    }
    absent = [w for w in words if not w.credit and not _light(w) and w.lemma not in checked.reported]
    absent = sorted(absent, key=lambda w: -w.weight)[:5]
    words_missing = (f"the words {', '.join(w.surface for w in absent)}",) if absent else ()
    evidence = tuple(dict.fromkeys([*chosen, *sorted(set(checked.found.values()))]))
    return Analysis(values, checked.missing + words_missing, evidence)


def load_weights(path: Path = WEIGHTS_FILE) -> tuple[dict[str, float], float]:
    """The fitted weights and threshold, or the prior when the file is absent or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {k: float(v) for k, v in data["weights"].items()}, float(data["threshold"])
    except (OSError, ValueError, KeyError):
        return dict(PRIOR), PRIOR_THRESHOLD


WEIGHTS, THRESHOLD = load_weights()


def score(values: Mapping[str, float], weights: Mapping[str, float] = WEIGHTS) -> float:
    """logistic(bias + sum of weight x feature - CONFLICT_PENALTY when the page states another value)."""
    z = weights.get("bias", 0.0) + sum(weights.get(name, 0.0) * values[name] for name in FEATURES)
    z -= CONFLICT_PENALTY * values.get("conflict", 0.0)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def support_with_index(
    claim: str, index: PageIndex, *, claim_facts: Sequence[Fact] | None = None, doc_date: date | None = None
) -> SupportResult:
    """How well the indexed page backs `claim`. An empty page backs nothing (score 0), and neither
    does anything back a claim without a content word or fact (nothing to check: score 0)."""
    analysis = features(claim, index, claim_facts=claim_facts, doc_date=doc_date)
    if not index.sentences or not (_words(claim) or claim_facts):
        return SupportResult(0.0, False, analysis.missing, ())
    value = score(analysis.values)
    return SupportResult(round(value, 4), value >= THRESHOLD, analysis.missing, analysis.evidence)


@lru_cache(maxsize=32)
def _cached_index(sentences: tuple[str, ...]) -> PageIndex:
    return PageIndex.build(sentences)


def support(
    claim: str,
    page_sentences: Sequence[str],
    *,
    claim_facts: Sequence[Fact] | None = None,
    doc_date: date | None = None,
) -> SupportResult:
    """How well a page (its sentences) backs `claim`; the page index is cached across calls."""
    index = _cached_index(tuple(page_sentences))
    return support_with_index(claim, index, claim_facts=claim_facts, doc_date=doc_date)
