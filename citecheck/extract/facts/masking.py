"""Blanking what looks numeric but is no fact, before a sentence is scanned; offsets are kept.

This module owns `mask`: citation markers ("[5]", "[[5]]", "[^3]") become spaces; URLs, e-mail
addresses, hashtags and bare domains, phone numbers, clock times, version numbers, slashed numbers
("24/7"), a list number opening the sentence and reading-time furniture ("5 min read") become NUL
characters. `blank` blanks given spans the same way (`facts.py` blanks dates once found). The masked
text always has the length of the original, so every offset still points at the same character.
"""

from __future__ import annotations

import re

from citecheck.read.markers import MARKER

__all__ = ["blank", "mask"]

_MARKERS = re.compile(MARKER)
_LINKS = re.compile(r"(?:https?://|www\.)[^\s<>\"”]+|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|(?<![\w])[#@]\w+")
_TLD = re.compile(r"\.(?:com|org|net|gov|edu|io|co|uk|cn|de|ai|info|news)(?![\w\-])")
_DOMAINS = re.compile(
    r"(?<![\w@.\-])(?:[\w\-]+\.)+(?:com|org|net|gov|edu|io|co|uk|cn|de|ai|info|news)(?:/[^\s\"”]*)?(?![\w\-])"
)
_DIGIT_TRAP = re.compile(  # tried where a digit run starts (or at the "+", "(" or "v" before it)
    r"(?:\+\d{1,3}[\s.\-]?)?(?:\(\d{2,4}\)\s?|\d{3}[.\-])\d{3}[.\-\s]\d{4}(?!\d)"  # phone numbers
    r"|\+\d{1,3}(?:[\s.\-]\d{1,4}){2,5}(?!\d)"
    r"|(?<![\w:])\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?i:[ap]\.m\.|[ap]m(?![a-z])))?"  # clock times
    r"|(?<![\w.,])\d{1,2}\s?(?i:a\.m\.|p\.m\.|am(?![a-z])|pm(?![a-z]))"
    r"|(?<![\w.])v\d+(?:\.\d+)+[\w.\-]*|(?<![\w.])\d+\.\d+\.\d+(?:[.\-]\w+)*"  # version numbers
    r"|(?<![\w/])\d+(?:/\d+)+(?![\w/])"  # 24/7, 1/13/2026
    r"|(?<![\w])\d+\s*(?i:min(?:ute)?s?|m)\s+(?i:read)(?![\w])"  # "5 min read"
)
_LIST_NUMBER = re.compile(r"\s*(?:\d{1,3}[.)]|[a-z][.)]|\(?[ivx]{1,4}\))(?=\s|\Z)")


def _nul(m: re.Match[str]) -> str:
    return "\x00" * len(m.group())


def blank(text: str, spans: list[tuple[int, int]], fill: str = "\x00") -> str:
    parts, last = [], 0
    for start, end in spans:
        if start >= last:
            parts += [text[last:start], fill * (end - start)]
            last = end
    parts.append(text[last:])
    return "".join(parts)


def mask(text: str, runs: list[int]) -> str:
    """The sentence with every trap blanked: markers to spaces, the rest to NUL, offsets kept.
    Each pattern runs only where a cheap test says it can match."""
    if "[" in text:
        text = _MARKERS.sub(lambda m: " " * len(m.group()), text)
    if "://" in text or "www." in text or "@" in text or "#" in text:
        text = _LINKS.sub(_nul, text)
    if "." in text and _TLD.search(text):
        text = _DOMAINS.sub(_nul, text)
    spans = []
    head = _LIST_NUMBER.match(text)
    if head is not None:
        spans.append((head.start(), head.end()))
    for pos in runs:
        if (spans and pos < spans[-1][1]) or not text[pos].isdigit():
            continue
        at = pos - 1 if pos and text[pos - 1] in "+(v" else pos
        m = _DIGIT_TRAP.match(text, at)
        if m is not None:
            spans.append((m.start(), m.end()))
    return blank(text, spans) if spans else text
