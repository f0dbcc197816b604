"""Hashed sparse features of a sentence for the check-worthiness linear model.

Word uni/bi-grams, character n-grams inside words, and hand-made cues for numbers, percents, money,
years, comparisons, capitalised names, first-person/opinion wording and questions, hashed with
crc32 (so they never depend on PYTHONHASHSEED). Pure Python; ``docs/checkworthy.md`` lists them.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from operator import mul
from typing import Any

__all__ = ["extract", "vectorise", "weighted_sum", "weighted_sum_reference"]

# ---------------------------------------------------------------------------------------------
# Text normalisation and tokenisation
# ---------------------------------------------------------------------------------------------

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2026": "...",
    }
)

# A token is a word (letters, with inner apostrophes/hyphens), a number (digits with inner
# separators), or one symbol we care about.
_TOKEN = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*|\d+(?:[.,:/]\d+)*|[%$€£¥?!]")
_DIGITS = re.compile(r"\d")
_YEAR = re.compile(r"(?:1[6-9]|20)\d\d\Z")
_DECADE_S = re.compile(r"\d0'?s\Z")


def _demojibake(text: str) -> str:
    # UTF-8 read as cp1252 (e.g. "youÃ¢â‚¬â„¢re"), sometimes twice: undo while it round-trips.
    for _ in range(3):
        if "Ã" not in text and "â€" not in text:
            break
        try:
            text = text.encode("cp1252").decode("utf-8")
        except UnicodeError:
            break
    return text


def _normalise(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", _demojibake(text)).translate(_TRANSLATE)
    return text


def _number_class(tok: str) -> str:
    if _YEAR.match(tok):
        return "<year>"
    if "." in tok and tok.replace(".", "").isdigit():
        return "<dec>"
    n = len(tok.replace(",", ""))
    if n == 1:
        return "<n1>"
    if n == 2:
        return "<n2>"
    if n <= 4:
        return "<n3>"
    return "<n5>"


# Lexical cue lists: each is counted as one "cue" feature (the n-grams see the words too, but a
# shared cue feature lets rare members borrow strength from common ones).
_CUES: dict[str, frozenset[str]] = {
    "magnitude": frozenset(
        "hundred hundreds thousand thousands million millions billion billions trillion trillions "
        "percent percentage per cent dozen dozens half third quarter twice double doubled tripled "
        "triple times".split()
    ),
    "money": frozenset("dollars dollar cents budget deficit debt tax taxes spending cost costs".split()),
    "change": frozenset(
        "increase increased increases increasing decrease decreased decreases rose risen rise rising "
        "fell fallen fall falling grew grown growth cut cuts cutting dropped drop declined decline "
        "doubled raised raise lowered lower higher highest lowest record reduced reduce "
        "created lost lose gained".split()
    ),
    "compare": frozenset(
        "more less fewer most least than larger largest smaller smallest biggest bigger better worse "
        "worst best only first every all none never always".split()
    ),
    "time": frozenset(
        "year years ago since today yesterday last decade decades century month months week weeks "
        "january february march april may june july august september october november december".split()
    ),
    "first_person": frozenset("i i'm i've i'll i'd me my mine myself".split()),
    "we": frozenset("we we're we've we'll we'd us our ours ourselves".split()),
    "you": frozenset("you you're you've you'll you'd your yours yourself".split()),
    "opinion": frozenset(
        "think believe feel hope guess suppose want wish like love hate agree disagree opinion "
        "should must ought need going gonna let let's please thank thanks".split()
    ),
    "future": frozenset("will won't shall going gonna would could might".split()),
    "hedge": frozenset("maybe perhaps probably possibly".split()),
    "wh": frozenset("what why how who whom whose which where when".split()),
    "negation": frozenset("not no never nothing n't don't didn't doesn't isn't wasn't aren't weren't".split()),
    "law": frozenset(
        "voted vote votes bill law laws legislation signed passed act congress senate supported "
        "opposed proposed".split()
    ),
}
_CUE_OF: dict[str, tuple[str, ...]] = {}
for _name, _words in _CUES.items():
    for _w in _words:
        _CUE_OF[_w] = (*_CUE_OF.get(_w, ()), _name)
del _name, _words, _w


def _bucket(n: int, edges: tuple[int, ...]) -> int:
    for i, e in enumerate(edges):
        if n <= e:
            return i
    return len(edges)


_LEN_EDGES = (2, 4, 6, 8, 11, 15, 20, 27, 35, 50)
_COUNT_EDGES = (0, 1, 2, 3, 5)


def extract(text: str, cfg: dict[str, Any]) -> dict[str, list[str]]:
    """The named feature groups of one text, as lists of feature strings (duplicates count).

    `cfg` is the feature configuration stored in the model file (so that training and inference
    use the same switches).
    """
    text = _normalise(text)
    lower = text.lower()
    raw_tokens = _TOKEN.findall(text)
    tokens: list[str] = []
    caps = 0
    n_numbers = 0
    for i, tok in enumerate(raw_tokens):
        c = tok[0]
        if c.isdigit():
            tokens.append(_number_class(tok))
            n_numbers += 1
        else:
            if i > 0 and c.isupper() and raw_tokens[i - 1] not in ("?", "!"):
                caps += 1
            tokens.append(tok.lower())

    words: list[str] = list(tokens)
    word_n = cfg.get("word_n", 2)
    if word_n >= 2:
        seq = ["<s>", *tokens, "</s>"]
        for n in range(2, word_n + 1):
            words.extend(" ".join(seq[i : i + n]) for i in range(len(seq) - n + 1))

    chars: list[str] = []
    cmin, cmax = cfg.get("char_n", (2, 5))
    if cmax > 0:
        for tok in tokens:
            if tok[0] == "<":  # number classes: already covered by the word features
                continue
            chars.extend(_char_grams(tok, cmin, cmax))

    cues: list[str] = []
    if cfg.get("cues", True):
        ntok = len(tokens)
        cues.append(f"len{_bucket(ntok, _LEN_EDGES)}")
        cues.append(f"caps{_bucket(caps, _COUNT_EDGES)}")
        cues.append(f"num{_bucket(n_numbers, _COUNT_EDGES)}")
        found: dict[str, int] = {}
        for tok in tokens:
            if tok[0] == "<":
                found[tok] = found.get(tok, 0) + 1
            for name in _CUE_OF.get(tok, ()):
                found[name] = found.get(name, 0) + 1
        for name, k in found.items():
            cues.append(f"{name}{min(k, 3)}")
        if "%" in lower or "percent" in lower or "per cent" in lower:
            cues.append("percent")
        if "$" in lower or "dollar" in lower or "€" in lower or "£" in lower:
            cues.append("money")
        stripped = lower.rstrip(" \"')")
        if stripped.endswith("?"):
            cues.append("ends_q")
        elif "?" in lower:
            cues.append("has_q")
        if stripped.endswith("!"):
            cues.append("ends_excl")
        if tokens:
            first = tokens[0]
            cues.append("first_" + (first if first in _CUE_OF or first in _FUNCTION_START else "other"))
        if _DECADE_S.search(lower):
            cues.append("decade")
        if not tokens:
            cues.append("empty")
    groups = {"w": words, "c": chars, "f": cues}
    pat_n = cfg.get("pattern_n", 0)
    if pat_n:
        shapes = ["<s>"]
        for i, tok in enumerate(tokens):
            shapes.append(_shape(tok, raw_tokens[i] if i else tok))
        shapes.append("</s>")
        pats: list[str] = []
        for n in range(2, pat_n + 1):
            pats.extend(" ".join(shapes[i : i + n]) for i in range(len(shapes) - n + 1))
        groups["p"] = pats
    return groups


_FUNCTION_WORDS = frozenset(
    """a an the this that these those there here it its it's he she him her his hers they them their
    theirs i me my we us our you your who whom whose which what when where why how whether if then
    than so as and or but nor not no yes because since while although though until unless of in on
    at by for from to with without about into over under after before during between against through
    up down out off again only just also even still already very too more most less least much many
    few some any all every each both either neither other another such same is are was were be been
    being am do does did done doing have has had having will would shall should can could may might
    must ought let let's going gonna get got think believe know say said says tell told want
    percent million billion trillion thousand hundred year years ago last first second one two three
    four five ten now today never ever always said voted vote cut increase increased""".split()
)
_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ing", "ed", "ly", "er", "est", "s")


def _shape(tok: str, raw: str) -> str:
    if tok[0] == "<" or tok in _FUNCTION_WORDS or not tok[0].isalpha():
        return tok
    if raw[0].isupper():
        return "<Cap>"
    for suf in _SUFFIXES:
        if tok.endswith(suf) and len(tok) > len(suf) + 2:
            return "<-" + suf + ">"
    return "<w>"


_FUNCTION_START = frozenset(
    "and but so well now the a this that it there he she they and or because if when thank yes no look let".split()
)


# Words and their n-grams repeat from sentence to sentence: computing each once is most of the speed.
@lru_cache(maxsize=1 << 14)
def _char_grams(tok: str, cmin: int, cmax: int) -> tuple[str, ...]:
    padded = f" {tok} "
    size = len(padded)
    return tuple(padded[i : i + n] for n in range(cmin, min(cmax, size) + 1) for i in range(size - n + 1))


@lru_cache(maxsize=1 << 16)
def _hash(namespace: str, feature: str, mask: int) -> int:
    return zlib.crc32(f"{namespace}\x1f{feature}".encode("utf-8", "surrogatepass")) & mask


def vectorise(text: str, cfg: dict[str, Any]) -> dict[int, float]:
    """Sparse feature vector {bucket: value}: per group, counts (sub-linear if configured) scaled
    to unit L2 norm and multiplied by the group's weight; colliding buckets add up."""
    mask = (1 << cfg["bits"]) - 1
    out: dict[int, float] = {}
    for ns, vals, scale in _scaled_groups(text, cfg):
        for f, v in vals.items():
            h = _hash(ns, f, mask)
            out[h] = out.get(h, 0.0) + v * scale
    return out


def weighted_sum(text: str, cfg: dict[str, Any], weights: Sequence[float]) -> float:
    """``sum(weights[h] * x for h, x in vectorise(text, cfg).items())`` without building the vector.

    The same floating-point operations in the same order as summing over `_scaled_groups`, so the
    same score to the last bit; each feature string's weight is looked up once per process in a
    plain dict (hashing it and indexing the weights was most of the time)."""
    mask = (1 << cfg["bits"]) - 1
    group_weight: dict[str, float] = cfg.get("group_weight", {})
    sublinear = cfg.get("sublinear", True)
    total = 0.0
    for ns, feats in extract(text, cfg).items():
        gw = group_weight.get(ns, 1.0)
        if not feats or gw == 0.0:
            continue
        counts = Counter(feats)
        vals = _values(counts.values(), sublinear)
        table = _weight_table(ns, mask, weights)
        missing = [f for f in counts if f not in table]
        if len(table) + len(missing) > _TABLE_MAX:
            table.clear()  # a bound on memory for long runs over ever-new words and figures
            missing = list(counts)
        for f in missing:
            table[f] = weights[_hash(ns, f, mask)]
        scale = gw / math.sqrt(sum(map(mul, vals, vals)))
        total += scale * sum(map(mul, map(table.__getitem__, counts), vals))
    return total


def _values(counts: Iterable[int], sublinear: bool) -> list[float]:
    if not sublinear:
        return [float(k) for k in counts]
    try:
        return list(map(_SUBLINEAR.__getitem__, counts))
    except IndexError:  # a feature repeated more than _SUBLINEAR holds: compute each
        return [1.0 + math.log(k) if k > 1 else 1.0 for k in counts]


# 1 + log(k) for counts below 1024, as `_scaled_groups` computes them (k = 1 gives exactly 1.0)
_SUBLINEAR = [0.0, 1.0, *(1.0 + math.log(k) for k in range(2, 1024))]
_TABLE_MAX = 1 << 18
_TABLES: dict[tuple[str, int, int], dict[str, float]] = {}


def _weight_table(ns: str, mask: int, weights: Sequence[float]) -> dict[str, float]:
    """{feature string: its weight} for one namespace of one model's weights."""
    return _TABLES.setdefault((ns, mask, id(weights)), {})


def _scaled_groups(text: str, cfg: dict[str, Any]) -> list[tuple[str, dict[str, float], float]]:
    """(group, {feature: value}, scale) per non-empty group: values are counts, sub-linear if
    configured; scale makes the group unit-length and applies its weight."""
    group_weight: dict[str, float] = cfg.get("group_weight", {})
    sublinear = cfg.get("sublinear", True)
    groups = []
    for ns, feats in extract(text, cfg).items():
        gw = group_weight.get(ns, 1.0)
        if not feats or gw == 0.0:
            continue
        counts = Counter(feats)
        if sublinear:
            vals = {f: 1.0 + math.log(k) if k > 1 else 1.0 for f, k in counts.items()}
        else:
            vals = {f: float(k) for f, k in counts.items()}
        groups.append((ns, vals, gw / math.sqrt(sum([v * v for v in vals.values()]))))
    return groups


def weighted_sum_reference(text: str, cfg: dict[str, Any], weights: Sequence[float]) -> float:
    """The plain form `weighted_sum` must equal (tests compare them)."""
    mask = (1 << cfg["bits"]) - 1
    total = 0.0
    for ns, vals, scale in _scaled_groups(text, cfg):
        total += scale * sum([weights[_hash(ns, f, mask)] * v for f, v in vals.items()])
    return total
