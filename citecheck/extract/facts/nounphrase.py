"""The counted noun around an amount: "more than 400,000 *units*", "a *bandwidth* of 4.8 TB/s".

This module owns the small noun-phrase helpers the fact scanners share: `head_after` (the noun
phrase right after an amount, up to four words), `noun_before` ("<noun> of" before one), `singular`,
and product names with digits (`PRODUCT`, `product_name`: "H200s" -> "H200"). No model: a stop list,
a few irregular plurals and regular expressions.
"""

from __future__ import annotations

import re

from attrs import frozen

__all__ = ["PRODUCT", "Head", "counted_kind", "head_after", "noun_before", "product_name", "singular"]

_STOP = frozenset(
    """the a an of to in on at for by with from and or but nor that which who whom whose this these
    those is are was were be been being has have had will would could should may might must can do
    does did not no as than then so such it its they them their he she his her we our you your i
    still also only just already each per more less most least some any all both into onto over
    under about after before since until while when where why how what if because though although
    despite during between among against via worth ago later earlier now yet even too very there
    here across through within without including like plus versus vs""".split()
)
_IRREGULAR = dict(
    pair.split(":")
    for pair in """people:person children:child men:man women:woman staff:staff personnel:personnel
    police:police data:data media:media feet:foot teeth:tooth mice:mouse geese:goose cattle:cattle
    series:series species:species""".split()
)
PRODUCT = re.compile(r"^(?=[\w\-‑]*[A-Za-z])(?=[\w\-‑]*\d)[A-Za-z0-9][\w\-‑]*$")
_CHIP = re.compile(r"^(?:(?:[ABHLV]|GB|MI)\d{2,4}[A-Z]?|\d{3}[A-Z])$")
_WORD = re.compile(r"\s+([A-Za-z0-9][\w’'\-‑]*)")
_OF = re.compile(r"\s+(?:of|in)(?:\s+(?:the|its|their|these|those|them|all))?(?![\w])", re.I)
_DET = re.compile(r"\s+(?:the|its|their|a|an)(?![\w])", re.I)
_ACRONYM_PLURAL = re.compile(r"[A-Z][A-Z0-9]+s$")
_BEFORE = re.compile(r"([A-Za-z][\w\-‑]*)\s+of\s*$")


_US_PLURALS = frozenset("buses campuses bonuses statuses viruses censuses surpluses minibuses trolleybuses".split())


def singular(word: str) -> str:
    """Lower-case singular of a plural noun: "companies" -> "company", "H200s" -> "H200"."""
    if PRODUCT.match(word):
        return word[:-1] if word.endswith("s") and (word[-2].isdigit() or word[-2].isupper()) else word
    low = word.lower().replace("’", "'")
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low in _US_PLURALS:  # "buses" -> "bus", but "houses" -> "house"
        return low[:-2]
    if _ACRONYM_PLURAL.match(word):  # "GPUs" -> "gpu"
        return low[:-1]
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("ches", "shes", "sses", "xes", "zzes")):
        return low[:-2]
    if low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


# Counted nouns that reporters use for the same things: "three firms" and "three companies" count one
# kind of thing. Facts keep the word the article used; comparison goes through `counted_kind`.
_SAME_KIND = dict(
    pair.split(":")
    for pair in """firm:company business:company corporation:company enterprise:company gpu:chip
    accelerator:chip processor:chip microchip:chip semiconductor:chip worker:employee staffer:employee
    nation:country individual:person kid:child automobile:car""".split()
)


def counted_kind(noun: str | None) -> str | None:
    """The word two facts are compared on: "firm" -> "company", "GPU" -> "chip", others unchanged."""
    if noun is None:
        return None
    low = noun.lower()
    return _SAME_KIND.get(low, low)


def _is_plural(word: str) -> bool:
    low = word.lower()
    if low in _IRREGULAR:
        return True
    if PRODUCT.match(word):
        return word.endswith("s") and (word[-2].isdigit() or word[-2].isupper())
    if _ACRONYM_PLURAL.match(word):
        return True
    return len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is", "ous", "'s", "’s"))


def product_name(word: str) -> str | None:
    """Canonical product name of a token with letters and digits ("H200s" -> "H200"), else None."""
    return singular(word) if PRODUCT.match(word) else None


@frozen
class Head:
    """The counted noun after an amount: its singular `subject`, where it ends, product names seen."""

    subject: str | None
    end: int
    entities: tuple[str, ...] = ()


def _product_head(products: list[str]) -> str:
    return "chip" if _CHIP.match(products[-1]) else products[-1]


def head_after(text: str, pos: int, *, plural: bool = True, of: bool = True, det: bool = False) -> Head | None:
    """The noun phrase right after `pos`: up to four words, stopping at a function word.

    `plural`: the head is the first plural noun (what a count counts: "three major tech companies");
    otherwise the last common noun before a stop ("a 25 percent cut", "seed funding"). `of` skips
    "of (the)" / "in" first, `det` a determiner ("six times the performance"). Product names
    ("H200") are collected as entities; a plural one ("H200s") is its own head ("chip" for GPU
    model numbers).
    """
    m = (_OF.match(text, pos) if of else None) or (_DET.match(text, pos) if det else None)
    end = m.end() if m else pos
    products: list[str] = []
    found: Head | None = None
    last = end
    for _ in range(6 if plural else 4):
        w = _WORD.match(text, end)
        if w is not None and plural and w.group(1).lower() == "and" and _modifier_follows(text, w.end()):
            w = _WORD.match(text, w.end())  # "internet and technology companies": one noun phrase
        if w is None or w.group(1).lower() in _STOP:
            break
        word, end = w.group(1), w.end()
        name = product_name(word)
        if name is not None:
            products.append(name)
            last = end
            if _is_plural(word):
                return Head(_product_head(products), end, tuple(products))
        elif plural and _is_plural(word):
            return Head(singular(word), end, tuple(products))
        elif not plural and not word[0].isupper():
            if found is not None and word.endswith("ed"):
                break  # "a $12 billion deal collapsed"
            found = Head(singular(word) if _is_plural(word) else word.lower(), end, ())
    if found is not None:
        return Head(found.subject, found.end, tuple(products))
    if products:
        return Head(_product_head(products), last, tuple(products))
    return None


def _modifier_follows(text: str, pos: int) -> bool:
    """After "and": a lower-case content word that is not yet the counted noun itself."""
    w = _WORD.match(text, pos)
    return w is not None and w.group(1).islower() and w.group(1) not in _STOP and not _is_plural(w.group(1))


def noun_before(text: str, pos: int) -> str | None:
    """The noun of "<noun> of" right before `pos` ("a bandwidth of 4.8 TB/s" -> "bandwidth")."""
    m = _BEFORE.search(text, max(0, pos - 40), pos)
    if m is None or m.group(1).lower() in _STOP:
        return None
    return singular(m.group(1))
