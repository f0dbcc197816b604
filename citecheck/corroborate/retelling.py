"""Retellings: two sentences that state the same specific happening in other words, with no figure,
date, list or pair of actors in common to key them by.

"The fire at the Kelderby bakery is being treated by police as potentially suspicious" and "Police
said the blaze at the bakery in Kelderby was being treated as potentially suspicious" state one
fact; nothing the other keys match on (a figure's slot, a date, a list, two named actors) is shared
by them. What they share is most of their content words.

*Blocking.* Comparing every sentence with every other is quadratic, so sentences meet by
locality-sensitive hashing of their content-word sets (MinHash, Broder 1997; banding, Indyk and
Motwani 1998): each word gets `BANDS` x `ROWS` seeded hashes, a sentence's signature in band i is
the `ROWS` minima of its words under band i's hashes, and two sentences of one story meet in a group
when one band of their signatures is equal. Two word sets with overlap (Jaccard) J share a minimum
with probability J, so they meet with probability 1 - (1 - J^ROWS)^BANDS: with one row and four
bands 0.76 at J = 0.3 (the threshold below) and 0.94 at 0.5 (on the tuning split six bands reached a
pair coverage of 0.559 and four 0.554, for two thirds of the records). Each sentence emits `BANDS`
records, and a group compares at most `RETELL_CAP` members pairwise, so the cost grows linearly
with the corpus. Hashes are seeded digests (`blake2b`), the same in every process.

*Judgement.* Meeting is not agreeing: two sentences of different documents support each other only
when their documents are in one event group (`frames`), their content words overlap by at least
`TOLD_OVERLAP` (Jaccard) and number at least `TOLD_SHARED`, at least `TOLD_UNNAMED` of them besides
the names of people, places and organisations (naming the same people is not telling the same
thing), the sentences name no different years, and not both of them state figures: two sentences
with figures are compared by their figures, in their slots (`matching`), and their words would only
add a weaker match for the same pair ("ten people were killed" is not "three people were injured",
however alike the rest). Such support counts as the same event in other words (match 0.5).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "BANDS",
    "RETELL_CAP",
    "ROWS",
    "TOLD_OVERLAP",
    "TOLD_SHARED",
    "TOLD_UNNAMED",
    "bands",
    "retold",
]

BANDS = 4
ROWS = 1
# Chosen on the tuning split of ECB+ dev (even topics but 16; README, "Same event or no comparison"),
# by reading samples of the pairs they accept: from 0.3 up, 24 of 25 sampled pairs state one fact;
# between 0.25 and 0.3 about one in four is two facts of one story ("the gunman entered the party"
# / "the other guests got out safely"). Two words besides the names let "the customs administration
# declined to comment" back "the customs administration has not published the approval"; three do not.
TOLD_OVERLAP = 0.3
TOLD_SHARED = 3
TOLD_UNNAMED = 3
_PRIME = (1 << 31) - 1  # products of two values below it fit in 64 bits
# members of one band's group compared pairwise: on the tuning split 3 of 4,264 groups hold more (the
# largest 59), and comparing up to 64 added 0.001 of pair coverage there
RETELL_CAP = 32


def _coefficient(name: str) -> int:
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big") % (_PRIME - 1) + 1


# h_i(w) = (a_i * digest(w) + b_i) mod p: a universal family, one function per band row
_COEFFICIENTS = tuple((_coefficient(f"a{i}"), _coefficient(f"b{i}")) for i in range(BANDS * ROWS))


def _digest(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "big") % _PRIME


def bands(words: frozenset[str]) -> tuple[int, ...]:
    """The sentence's MinHash signature cut into `BANDS` bands of `ROWS` minima each, each band as
    one number (its minima in base p); () for fewer than `TOLD_SHARED` words (too short to be told
    the same by overlap alone)."""
    import numpy as np  # loaded only when sentences are matched, as `frames` does

    if len(words) < TOLD_SHARED:
        return ()
    digests = np.fromiter((_digest(w) for w in sorted(words)), dtype=np.int64, count=len(words))
    a, b = _arrays()
    minima = ((a[:, None] * digests[None, :] + b[:, None]) % _PRIME).min(axis=1).tolist()
    return tuple(_band(minima[i * ROWS : (i + 1) * ROWS]) for i in range(BANDS))


def _band(minima: list[int]) -> int:
    value = 0
    for m in minima:
        value = value * _PRIME + m
    return value


@cache
def _arrays() -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    a = np.array([c[0] for c in _COEFFICIENTS], dtype=np.int64)
    b = np.array([c[1] for c in _COEFFICIENTS], dtype=np.int64)
    return a, b


def retold(
    ours: frozenset[str], theirs: frozenset[str], our_names: Collection[str], their_names: Collection[str]
) -> bool:
    """Enough content words in common to be one statement in other words, `TOLD_UNNAMED` of them
    besides the names (`*_names`: the words of the sentence's named entities), so that naming the same
    people is not enough ("Lt. Scherlinck said there may have been a third target" is not
    "Lt. Scherlinck identified the victims"). The names, not the words besides them, are what a
    sentence keeps: a few words (a tuple), where the rest would be a second copy of most of its words."""
    common = ours & theirs
    if len(common) < TOLD_SHARED or len(common) / len(ours | theirs) < TOLD_OVERLAP:
        return False
    return len(common.difference(our_names, their_names)) >= TOLD_UNNAMED
