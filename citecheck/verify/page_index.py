"""One cited page, indexed once for `citecheck.verify.support`: word postings with IDF, stems,
word pairs, facts and names per sentence."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from attrs import frozen

from citecheck.extract.facts.extractor import extract_facts
from citecheck.model import Fact
from citecheck.verify.words import content_words, lemma_pairs

__all__ = ["STEM", "PageIndex"]

STEM = 6  # letters two words must share to earn half credit ("nominated" / "nomination")


@frozen(eq=False)
class PageIndex:
    """What `support_with_index` needs of one page, computed once: postings, IDF, facts, names."""

    sentences: tuple[str, ...]
    postings: Mapping[str, tuple[int, ...]]  # lemma -> sentences using it
    stems: Mapping[str, tuple[int, ...]]  # first STEM letters -> sentences using such a word
    bigrams: tuple[frozenset[tuple[str, str]], ...]
    facts: Mapping[str, tuple[tuple[int, Fact], ...]]  # kind -> (sentence, fact)
    names: frozenset[str]  # canonical entity names on the page

    @classmethod
    def build(cls, sentences: Sequence[str], *, doc_date: date | None = None) -> PageIndex:
        """Index one page. `doc_date` is the page's own date, used to give yearless dates a year;
        without it "May 7" stays yearless and matches May 7 of any year."""
        postings: dict[str, list[int]] = defaultdict(list)
        stems: dict[str, set[int]] = defaultdict(set)
        bigrams: list[frozenset[tuple[str, str]]] = []
        names: set[str] = set()
        facts: dict[str, list[tuple[int, Fact]]] = defaultdict(list)
        for i, sentence in enumerate(sentences):
            lemmas = [lemma for _, lemma in content_words(sentence)]
            bigrams.append(frozenset(lemma_pairs(lemmas)))
            for lemma in set(lemmas):
                postings[lemma].append(i)
                if len(lemma) >= STEM:
                    stems[lemma[:STEM]].add(i)
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
