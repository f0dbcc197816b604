"""BERT-style uncased WordPiece tokenisation in pure Python.

The check-worthiness network looks words up in a vocabulary of 30,522 word pieces taken from
all-MiniLM-L6-v2 (see ``docs/checkworthy.md``). This module reproduces that model's tokeniser
(BertTokenizer, ``do_lower_case=True``), so that no tokenizer library is needed at run time:

1. clean: drop U+FFFD and every control, format, private-use or unassigned character; any whitespace becomes a space;
2. put spaces around CJK ideographs;
3. split on whitespace; lower-case, decompose (NFD) and drop combining marks;
4. split off every punctuation character (ASCII symbols count as punctuation);
5. greedy longest-match-first word pieces, continuation pieces prefixed ``##``; a word that cannot
   be covered, or is longer than 100 characters, becomes ``[UNK]``.

``scripts/train_checkworthy.py`` checks that this gives the same ids as the reference tokeniser on
every training sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

__all__ = ["WordPiece"]

_MAX_WORD = 100
_CJK_RANGES = (
    (0x4E00, 0x9FFF),
    (0x3400, 0x4DBF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F),
    (0x2B820, 0x2CEAF),
    (0xF900, 0xFAFF),
    (0x2F800, 0x2FA1F),
)


_CJK_FIRST = chr(min(lo for lo, _ in _CJK_RANGES))  # below it, no CJK ideograph


@lru_cache(maxsize=1)
def _cjk() -> re.Pattern[str]:
    # compiled on first use: `re` builds a class of 28,000 code points one at a time (6 ms of every run's
    # start-up), and text without a character from U+3400 up never needs it
    return re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _CJK_RANGES) + "]")


def _is_cjk(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in _CJK_RANGES)


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _clean_char(ch: str) -> str:
    """The character as the tokeniser sees it: '' (dropped), ' ' (whitespace) or itself."""
    if ch in " \t\n\r" or unicodedata.category(ch) == "Zs":
        return " "
    cp = ord(ch)
    if cp == 0xFFFD or unicodedata.category(ch).startswith("C"):
        return ""
    if _is_cjk(cp):
        return f" {ch} "
    return ch


def _basic_words(text: str) -> list[str]:
    """Whitespace- and punctuation-separated, lower-cased, accent-free words."""
    if text.isprintable() and "\ufffd" not in text:  # the usual case: nothing to drop, only spaces
        cleaned = text if text.isascii() or max(text) < _CJK_FIRST else _cjk().sub(r" \g<0> ", text)
    else:
        cleaned = "".join(map(_clean_char, text))
    words: list[str] = []
    for raw in cleaned.split():
        if raw.isascii():
            word = raw.lower()
        else:  # per character, as the reference does: no final-sigma rule
            word = "".join(c.lower() for c in raw)
            word = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
        words.extend(_split_punct(word))
    return words


# An ASCII word here is printable and has no space, so each of its characters is a letter, a digit or a
# punctuation mark by `_is_punct`'s ASCII ranges: one findall splits it as the loop below would, without
# looking every character up (most words that are not alphanumeric are ASCII: "3.5", "u.s.", "year's").
_ASCII_PIECES = re.compile(r"[a-z0-9]+|[^a-z0-9]", re.IGNORECASE)


def _split_punct(word: str) -> list[str]:
    if word.isalnum():
        return [word]
    if word.isascii():
        return _ASCII_PIECES.findall(word)
    out: list[str] = []
    start = 0
    for i, ch in enumerate(word):
        if _is_punct(ch):
            if start < i:
                out.append(word[start:i])
            out.append(ch)
            start = i + 1
    if start < len(word):
        out.append(word[start:])
    return out


class WordPiece:
    """A vocabulary (piece -> id) and the tokeniser over it."""

    def __init__(self, pieces: Sequence[str], unknown: str = "[UNK]") -> None:
        self.ids = {piece: i for i, piece in enumerate(pieces)}
        self.unknown_id = self.ids[unknown]
        self._word_ids = lru_cache(maxsize=65536)(self._word_ids_uncached)

    def encode(self, text: str) -> list[int]:
        """Word-piece ids of `text`, without the [CLS]/[SEP] markers."""
        ids: list[int] = []
        for word in _basic_words(text):
            ids.extend(self._word_ids(word))
        return ids

    def _word_ids_uncached(self, word: str) -> tuple[int, ...]:
        if len(word) > _MAX_WORD:
            return (self.unknown_id,)
        vocab = self.ids
        whole = vocab.get(word)
        if whole is not None:
            return (whole,)
        out: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            piece_id = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                piece_id = vocab.get(piece)
                if piece_id is not None:
                    break
                end -= 1
            if piece_id is None:
                return (self.unknown_id,)
            out.append(piece_id)
            start = end
        return tuple(out)
