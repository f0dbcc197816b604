"""Does a cited page back the sentence that cites it? Lexical entailment, no model, pure Python.

    score = logistic(bias + sum of weight x feature), supported = score >= THRESHOLD

Features, each in [0, 1], computed against a `PageIndex` built once per page:
  cover    IDF-weighted share of the claim's content words found in the best 1-3 page sentences
           (greedy set cover; a word sharing a 6-letter stem earns half credit). IDF is computed
           over the page's own sentences, so a claim word the page never uses weighs the most.
  page     the same share over the whole page
  bigram   share of the claim's adjacent content-word pairs found in those best sentences
  names    share of the claim's named entities the page mentions (canonical name or most words)
  facts    share of the claim's checkable facts (numbers, money, percentages, ratios, dates,
           durations) that some page fact states with a compatible value (`facts.compatible`)
  absent   how many content words the page lacks entirely (0 none .. 1 eight or more)

Words are folded crudely (lower case, plural, -ed, -ing, final -e); a built-in stop list drops
function words and a light list halves very common content words. The weights are a tiny JSON,
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
from pathlib import Path

from attrs import evolve, frozen

from .facts import compatible, extract_facts
from .model import Fact

__all__ = ["FEATURES", "PRIOR", "THRESHOLD", "PageIndex", "SupportResult", "features", "support", "support_with_index"]

FEATURES = ("cover", "page", "bigram", "names", "facts", "absent")
# Written down before any fitting: "supported when ~3/4 of the claim's weighted content sits in a
# few sentences and every name and figure is on the page".
PRIOR: Mapping[str, float] = {"bias": -9.0, "cover": 8.0, "bigram": 1.0, "names": 2.0, "facts": 2.0}
PRIOR_THRESHOLD = 0.5
_WEIGHTS_FILE = Path(__file__).parent / "data" / "support_weights.json"
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
_LIGHT = frozenset(  # very common content words: present or absent, they say little
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
    widely within without work world year back called month following around again later also""".split()
)
_LIGHT_WEIGHT = 0.4
_STEM = 6  # letters two words must share to earn half credit ("nominated" / "nomination")


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
    return set(zip(lemmas, lemmas[1:]))


@frozen
class SupportResult:
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
class Analysis:
    """Feature values and the explanation behind them."""

    values: Mapping[str, float]
    missing: tuple[str, ...]
    evidence: tuple[int, ...]


def _claim_words(claim: str, index: PageIndex) -> list[_Word]:
    seen, out = set(), []
    for surface, lemma in _words(claim):
        if lemma in seen:
            continue
        seen.add(lemma)
        credit = dict.fromkeys(index.stems.get(lemma[:_STEM], ()) if len(lemma) >= _STEM else (), 0.5)
        credit.update(dict.fromkeys(index.postings.get(lemma, ()), 1.0))
        weight = index.idf(lemma) * (_LIGHT_WEIGHT if lemma in _LIGHT or surface.lower() in _LIGHT else 1.0)
        out.append(_Word(surface, lemma, weight, credit))
    return out


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


_CLAUSE = re.compile(r"[,;:()\"“”–—]|\s(?:and|but|which|who|while|where|when|after|before|with|including)\s")


def _worst_clause(claim: str, words: list[_Word], covered: Mapping[str, float]) -> float:
    """The lowest coverage of any clause with three or more content words (1.0 when none)."""
    weight = {w.lemma: w.weight for w in words}
    worst = 1.0
    for part in _CLAUSE.split(claim):
        lemmas = {lemma for _, lemma in _words(part)} & weight.keys()
        if len(lemmas) >= 3:
            total = sum(weight[x] for x in lemmas)
            worst = min(worst, sum(weight[x] * covered[x] for x in lemmas) / total)
    return worst


def _describe(fact: Fact) -> str:
    if fact.kind == "date":
        return f"the date {fact.value}"
    return f"the {_NOUN.get(fact.kind, 'figure')} {fact.text}"


def _loose(fact: Fact) -> Fact:
    return evolve(fact, subject=None, entities=())


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


def _find_fact(fact: Fact, index: PageIndex) -> tuple[int | None, Fact | None]:
    """(sentence stating it, None) when the page states the value; (None, other) when it states a
    different value for the same counted thing; (None, None) when it says nothing comparable."""
    conflict = None
    for i, other in index.facts.get(fact.kind, ()):
        same = compatible(fact, other)
        if same:
            return i, None
        if same is None and compatible(_loose(fact), _loose(other)):
            return i, None
        if same is False and conflict is None and fact.subject and fact.subject == other.subject:
            conflict = other
    found = _digits_on_page(fact, index)
    return (found, None) if found is not None else (None, conflict)


def _checkable(facts: Sequence[Fact]) -> list[Fact]:
    out = []
    for f in facts:
        if f.kind not in _CHECKABLE or (f.kind == "date" and not isinstance(f.value, str)):
            continue
        if f.kind == "quantity" and f.value == 1 and not f.unit:
            continue  # "one of the ..."
        out.append(f)
    return out


def _fact_check(facts: Sequence[Fact], index: PageIndex) -> tuple[float, list[str], list[int]]:
    checkable = _checkable(facts)
    missing, where = [], []
    for fact in checkable:
        i, other = _find_fact(fact, index)
        if i is not None:
            where.append(i)
        else:
            says = f" (the page says {other.text})" if other is not None else ""
            missing.append(_describe(fact) + says)
    share = 1.0 - len(missing) / len(checkable) if checkable else 1.0
    return share, missing, where


def _name_found(name: str, index: PageIndex) -> bool:
    if name in index.names:
        return True
    lemmas = [lemma for _, lemma in _words(name)]
    return bool(lemmas) and sum(lemma in index.postings for lemma in lemmas) * 2 >= len(lemmas)


def _name_check(facts: Sequence[Fact], index: PageIndex) -> tuple[float, list[str]]:
    singles = {str(f.value) for f in facts if f.kind == "entity" and f.subject != "list" and f.value}
    lost = {name for name in singles if not _name_found(name, index)}
    missing = []
    for f in facts:
        if f.kind == "entity" and f.subject == "list":
            members = [m for m in f.entities if m in lost]
            if members:
                missing.append(", ".join(members))
                lost.difference_update(members)
    missing += sorted(lost)
    share = 1.0 - len({n for n in singles if not _name_found(n, index)}) / len(singles) if singles else 1.0
    return share, missing


def features(
    claim: str, index: PageIndex, *, claim_facts: Sequence[Fact] | None = None, doc_date: date | None = None
) -> Analysis:
    """The feature values of one claim against one indexed page, with what the page lacks."""
    facts = tuple(claim_facts) if claim_facts is not None else extract_facts(claim, doc_date=doc_date)
    words = _claim_words(claim, index)
    chosen, covered = _best_sentences(words)
    total = sum(w.weight for w in words)
    cover = sum(w.weight * covered[w.lemma] for w in words) / total if total else 1.0
    page = sum(w.weight for w in words if w.credit) / total if total else 1.0
    pairs = _bigrams([w.lemma for w in words])
    found_pairs = set().union(*(index.bigrams[s] for s in chosen)) if chosen else set()
    bigram = len(pairs & found_pairs) / len(pairs) if pairs else 1.0
    fact_share, fact_missing, fact_where = _fact_check(facts, index)
    name_share, name_missing = _name_check(facts, index)
    absent = [w for w in words if not w.credit]
    clause = _worst_clause(claim, words, covered)
    values = {
        "clause": clause,
        "length": min(1.0, len(words) / 30),
        "heavy": min(1.0, sum(1 for w in absent if w.lemma not in _LIGHT and w.surface.lower() not in _LIGHT) / 5),
        "miss": min(1.0, sum(w.weight * (1 - covered[w.lemma]) for w in words) / (10 * index.idf("\x00"))),
        "cover": cover,
        "page": page,
        "bigram": bigram,
        "names": name_share,
        "facts": fact_share,
        "absent": min(1.0, len(absent) / 8),
    }
    heavy = sorted(absent, key=lambda w: -w.weight)[:5]
    words_missing = [f"the words {', '.join(w.surface for w in heavy)}"] if heavy else []
    evidence = tuple(dict.fromkeys([*chosen, *fact_where]))
    return Analysis(values, tuple(fact_missing + name_missing + words_missing), evidence)


def _load_weights() -> tuple[dict[str, float], float]:
    try:
        data = json.loads(_WEIGHTS_FILE.read_text(encoding="utf-8"))
        return {k: float(v) for k, v in data["weights"].items()}, float(data["threshold"])
    except (OSError, ValueError, KeyError):
        return dict(PRIOR), PRIOR_THRESHOLD


WEIGHTS, THRESHOLD = _load_weights()


def score(values: Mapping[str, float], weights: Mapping[str, float] = WEIGHTS) -> float:
    z = weights.get("bias", 0.0) + sum(weights.get(name, 0.0) * v for name, v in values.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def support_with_index(
    claim: str, index: PageIndex, *, claim_facts: Sequence[Fact] | None = None, doc_date: date | None = None
) -> SupportResult:
    """How well the indexed page backs `claim`."""
    analysis = features(claim, index, claim_facts=claim_facts, doc_date=doc_date)
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
