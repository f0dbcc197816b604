"""Content words of a claim or page sentence, for `citecheck.verify.support`: tokens, a stop list, a list of
light (very common) content words, and a crude fold to lemmas."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

__all__ = ["LIGHT", "STOP", "TOKEN", "content_words", "fold", "lemma_pairs"]

TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?")
STOP = frozenset(
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
LIGHT = (
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
    - STOP
)


def fold(word: str) -> str:
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


def content_words(text: str) -> list[tuple[str, str]]:
    """(surface, lemma) of each content word, in order."""
    out = []
    for m in TOKEN.finditer(text):
        surface = m.group()
        low = surface.lower().replace("’", "'")
        if low in STOP or low.removesuffix("'s") in STOP or (len(low) == 1 and not low.isdigit()):
            continue
        out.append((surface, fold(surface)))
    return out


def lemma_pairs(lemmas: Sequence[str]) -> set[tuple[str, str]]:
    return set(pairwise(lemmas))
