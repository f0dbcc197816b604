"""Surface cues that decide whether a sentence is something an editor would ask to have sourced.

- `is_fragment`: a short line with no finite verb (a label, a price, a table row, a bullet such as
  "Longest battery life in its class"): it asserts nothing, so it is never a claim.
- `is_caption`: a photo caption or credit line ("CreditJane Roe for The Daily",
  "In this photo taken on Monday, ..."): it repeats or labels the story, it is not where a source goes.
- `is_furniture`: a table row, a comment count, the print-edition line, an author's bio line.
- `opens_inside_quote`: the sentence continues a quotation opened earlier in its paragraph, so it is
  the quoted speaker's, not the author's.
- `credits_someone`: a reporting verb with any subject ("his spokesman said", "the company claims",
  "officials divulged", "the paper has learned"): the sentence says who says so even where no name is
  recognised as a source.
- `is_speculation`: a modal verb carries the assertion ("could signal", "would have made"): a
  prediction or counterfactual, not a checkable fact.

The word lists were chosen on the `tune` pages of tests/data/cc201_labels.jsonl only
(docs/labelling-cc201.md); none of them is tied to a page of that set.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = [
    "CLOSE_QUOTE",
    "OPEN_QUOTE",
    "credits_someone",
    "is_caption",
    "is_fragment",
    "is_furniture",
    "is_speculation",
    "opens_inside_quote",
    "quote_open",
]

_FRAGMENT_MAX_WORDS = 12  # a longer verbless line is more likely a verb we do not list than a label
_UNSPACED_RANGES = r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
_UNSPACED_FIRST = "\u0e00"  # below it, no character of these scripts


@cache
def _unspaced_script() -> re.Pattern[str]:
    # compiled on first use: `re` builds a class of 40,000 code points one at a time (3 ms of every run's
    # start-up), and text without a character from U+0E00 up never needs it
    return re.compile(_UNSPACED_RANGES)


def _has_unspaced_script(text: str) -> bool:
    return not text.isascii() and max(text) >= _UNSPACED_FIRST and _unspaced_script().search(text) is not None


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_AUX = frozenset(
    """is are was were be been being am has have had do does did will would can could may might must shall
    should isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't can't
    couldn't""".split()
)
_IRREGULAR = frozenset(
    """said made took came went got gave found told became left felt brought began kept held stood heard let
    meant set met ran paid sat spoke led grew lost fell sent built drew broke spent cut rose drove bought wore
    chose sought threw caught won fought hit shut put sold thought knew saw wrote rang sang swam cost hurt quit
    spread split bet cast burst bid forecast upset""".split()  # the last line: past tenses spelled like the present
)
# "Analysts estimate …", "they expect …": a plural subject's verb carries no -s
_PLURAL_VERB = re.compile(
    r"\b(?:I|[Ww]e|[Yy]ou|[Tt]hey|[Pp]eople|\w{3,}s)\s+(?!(?:of|in|on|for|and|or|to|the|a|an|from|with|at|by|as|ever|over"
    r"|under|about|into|than|per|across|after|before|up|so|if|no|my)\b)[a-z]{2,}\b"
)
# after these a word is a noun ("on orders", "of titles"), whatever its ending
_NOUN_MARKERS = frozenset(
    "a an the of on in for with to from by at over under about all some many its their his her our your my".split()
)
_CONTRACTED = ("n't", "'re", "'ve", "'ll", "'d", "'m")
_NOT_VERB_S = ("ss", "us", "is", "ous", "ics")


def _may_be_verb(word: str) -> bool:
    low = word.lower().replace("’", "'")
    if low in _AUX or low in _IRREGULAR or low.endswith(_CONTRACTED):
        return True
    if len(low) > 3 and low.endswith("ed"):
        return True
    # a lower-case -s word may be a present-tense verb ("packs", "runs"); capitalised ones are names
    return word[0].islower() and len(low) > 3 and low.endswith("s") and not low.endswith(_NOT_VERB_S)


def is_fragment(text: str) -> bool:
    """True for a short line without anything that could be a finite verb (non-Latin scripts: never)."""
    if _has_unspaced_script(text):
        return False  # Chinese, Japanese, Thai: no spaces between words, so no judgement
    words = _WORD.findall(text)
    if len(words) > _FRAGMENT_MAX_WORDS:
        return False
    if len(words) <= 1:
        return True  # one word ("unclosed", "Photo") asserts nothing, whatever its ending
    after_noun_marker = [i > 0 and words[i - 1].lower() in _NOUN_MARKERS for i in range(len(words))]
    verbs = [w for w, marked in zip(words, after_noun_marker) if not marked and _may_be_verb(w)]
    return not verbs and not _PLURAL_VERB.search(text)


_CAPTION = re.compile(
    r"^\s*(?:(?:Photo|Image|Picture|Illustration|Caption)(?:\s*$|\s*[:|/©(-]|\s+(?:by|credit)\b)"
    r"|Credits?\s*(?::|(?=[A-Z]))"
    r"|(?i:in\s+this\s+(?:\w+\s+)?(?:photo|image|picture|frame\s+grab)\b)"
    r"|(?i:this\s+(?:\w+\s+)?(?:photo|image|picture)\s+(?:shows|taken|provided|released|made)\b))"
    r"|Credit(?=[A-Z])"  # NYT glues the credit to the caption: "…on Friday.CreditJane Roe"
)


# Where a caption points the reader: "Clockwise from left: …", "Above, the old pier; right, the new one"
_CAPTION_POINTER = re.compile(
    r"^\s*(?:(?:Clockwise|Counterclockwise)\s+from\s+\w+|(?:Above|Below|Left|Right|Top|Bottom|Pictured|Inset)\s*[,:])"
    r"|\((?:left|right|center|centre|top|bottom)\)",
    re.IGNORECASE,
)


def is_caption(text: str) -> bool:
    return bool(_CAPTION.search(text) or _CAPTION_POINTER.search(text))


# Page furniture that reads like prose: a table row ("Jane Roe | 41 | 12.5%"), a comment count, the
# print-edition line, an author's bio line ("Jane Roe has covered transport since 2019.").
_FURNITURE = re.compile(
    r"^[^|\n]*(?:\|[^|\n]*){2,}$"
    r"|^\s*Comments\s*\(\d+(?:\s+posted)?\)"
    r"|^\s*A\s+version\s+of\s+this\s+article\s+appears\s+in\s+print"
    r"|^\s*(?:[A-Z][\w.'’-]*\s+){1,4}(?i:has\s+covered\b|(?:is|was|has\s+been)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:reporter|correspondent|editor|writer|columnist|author|contributor|producer|journalist)\b)"
    # the credit line under a wire story, and the bio that opens with the author's beat
    r"|\bcontributed\s+(?:reporting|(?:reporting\s+)?to\s+this\s+(?:report|article|story))\b"
    r"|^\s*Since\s+joining\s+[^,]{2,40},\s+(?:he|she|they)\s+ha(?:s|ve)\s+(?:covered|reported|written)\b"
)

# "First published February 1, 2016: 1:28 AM ET", "Updated 18:45", "最終更新:3/9(木) 18:45": when the page was
# published or updated, a short line with a clock time that asserts nothing about the story
_STAMP = re.compile(r"(?i)\b(?:published|updated|posted|last\s+modified)\b|最終更新|更新日")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_STAMP_MAX_WORDS = 14


def is_furniture(text: str) -> bool:
    return bool(_FURNITURE.search(text)) or _is_time_stamp(text)


def _is_time_stamp(text: str) -> bool:
    return bool(_CLOCK.search(text) and _STAMP.search(text)) and len(text.split()) <= _STAMP_MAX_WORDS


OPEN_QUOTE, CLOSE_QUOTE = "“", "”"


def opens_inside_quote(before: str) -> bool:
    """`before` is the paragraph's text up to the sentence: is a quotation still open there?"""
    return quote_open(before.count(OPEN_QUOTE), before.count(CLOSE_QUOTE), before.count('"'))


def quote_open(opens: int, closes: int, straight: int) -> bool:
    """Is a quotation open after text with these counts of curly opening, curly closing and straight quotes?"""
    if opens or closes:
        return opens > closes
    return straight % 2 == 1  # straight quotes: an odd count leaves one open


_SPEECH = re.compile(
    r"\b(?:said|says|told|tells|admit(?:s|ted)|acknowledg(?:ed|es)|claimed|divulged|stated|insist(?:s|ed)"
    r"|warn(?:s|ed)|explained|argued|wrote|writes|tweeted|denied|denies|conceded|disclosed|revealed"
    r"|claims(?=\s+(?:that|it|its|the|to|he|she|they)\b|\s*[.,;:])|confirm(?:s|ed)(?!\s+(?:cases?|deaths?|infections?)\b)"
    r"|(?:added|adds|noted)(?=\s*[,.:;\"“”]|\s+that\b)"
    r"|declined\s+to\s+comment|ha(?:s|ve)\s+learned|we['’]re\s+told|according\s+to"
    r"|described\s+as\b[^.]{0,80}?\bby|quoted\s+as\s+saying|in\s+a\s+statement)\b",
    re.IGNORECASE,
)
# "is said to be split", "was told to halt", "are usually told that": a hedge or an instruction, not a source
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|get|got)\s+(?:\w+ly\s+)?"
    r"(?:said|told|claimed|denied|confirmed|stated|disclosed|revealed|warned|acknowledged|admitted|noted)\b",
    re.IGNORECASE,
)


def credits_someone(text: str) -> bool:
    """A reporting verb with a subject: "he said", "the company claims that", "officials divulged"."""
    return bool(_SPEECH.search(_PASSIVE.sub(" ", text)))


# "could signal", "would have made", "might well": the modal carries the assertion. "could be trapped"
# (a passive describing what something allows) is left alone.
_MODAL = re.compile(
    r"\b(?:could|would|might|(?-i:may))\s+(?:not\s+|well\s+|soon\s+|also\s+|even\s+)?(?!be\s+\w+ed\b)(?:have\s+)?\w+",
    re.IGNORECASE,
)


def is_speculation(text: str) -> bool:
    return bool(_MODAL.search(text))
