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
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

from attrs import evolve, frozen

from citecheck.datafiles import DATA_DIR
from citecheck.extract.facts.extractor import extract_facts
from citecheck.model import Fact
from citecheck.verify.page_index import STEM, PageIndex
from citecheck.verify.support_facts import check_facts
from citecheck.verify.words import LIGHT, content_words, lemma_pairs

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
WEIGHTS_FILE = DATA_DIR / "support_weights.json"
_LIGHT_WEIGHT = 0.4
_UNCOVERED_SCALE = 10  # "uncovered" is 1.0 at ten rare words' worth of weight the best sentences lack


@frozen
class SupportResult:
    """`score` in [0, 1]; `supported` iff score >= THRESHOLD; `missing` names what the page lacks,
    facts first; `evidence` indexes the page sentences that best back the claim, best first."""

    score: float
    supported: bool
    missing: tuple[str, ...] = ()
    evidence: tuple[int, ...] = ()


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


def _claim_words(claim: str, index: PageIndex, found: Mapping[str, int]) -> list[_Word]:
    """The claim's content words with their page credit; a word of a fact the page states (in
    whatever format: "Jan." for "January") is credited to the sentence stating it."""
    seen, out = set(), []
    for surface, lemma in content_words(claim):
        if lemma in seen:
            continue
        seen.add(lemma)
        credit = dict.fromkeys(index.stems.get(lemma[:STEM], ()) if len(lemma) >= STEM else (), 0.5)
        credit.update(dict.fromkeys(index.postings.get(lemma, ()), 1.0))
        if lemma in found:
            credit[found[lemma]] = 1.0
        word = _Word(surface, lemma, index.idf(lemma), credit)
        out.append(evolve(word, weight=word.weight * _LIGHT_WEIGHT) if _light(word) else word)
    return out


def _capitals(claim: str, words: list[_Word]) -> float:
    """Share of the claim's capitalised words (past its first word) the page uses."""
    caps = {lemma for surface, lemma in content_words(claim)[1:] if surface[:1].isupper()}
    return sum(1 for w in words if w.lemma in caps and w.credit) / len(caps) if caps else 1.0


def _light(word: _Word) -> bool:
    return word.lemma in LIGHT or word.surface.lower() in LIGHT


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


# ------------------------------------------------------------------------------------- scoring


def features(
    claim: str, index: PageIndex, *, claim_facts: Sequence[Fact] | None = None, doc_date: date | None = None
) -> Analysis:
    """The feature values of one claim against one indexed page, with what the page lacks."""
    facts = tuple(claim_facts) if claim_facts is not None else extract_facts(claim, doc_date=doc_date)
    checked = check_facts(facts, index)
    words = _claim_words(claim, index, checked.found)
    chosen, covered = _best_sentences(words)
    total = sum(w.weight for w in words)
    uncovered = sum(w.weight * (1.0 - covered[w.lemma]) for w in words)
    pairs = lemma_pairs([w.lemma for w in words])
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
    if not index.sentences or not (content_words(claim) or claim_facts):
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
