"""citecheck.classify.wordpiece reproduces all-MiniLM-L6-v2's reference tokeniser (BertTokenizer, uncased).

The expected pieces below were produced by the reference tokeniser (transformers' AutoTokenizer on
the model's own files); scripts/train_checkworthy.py also compares every training sentence.
"""

from __future__ import annotations

import pytest

from citecheck.classify.checkworthy import load_model
from citecheck.classify.wordpiece import WordPiece

REFERENCE = [
    (
        "Nvidia's H200 chips sold 400,000 units.",
        ["n", "##vid", "##ia", "'", "s", "h", "##200", "chips", "sold", "400", ",", "000", "units", "."],
    ),
    ("unaffable", ["una", "##ffa", "##ble"]),
    ("Hello, world!", ["hello", ",", "world", "!"]),
    ("na\u00efve caf\u00e9", ["naive", "cafe"]),
    ("\u00dcn\u00efc\u00f6d\u00e9 fa\u00e7ade", ["unicode", "facade"]),
    ("\u03a3\u0391\u03a3", ["\u03c3", "##\u03b1", "##\u03c3"]),
    ("\u0130stanbul", ["istanbul"]),
    ("\u4e2d\u6587\u5b57 test", ["\u4e2d", "\u6587", "[UNK]", "test"]),
    ("\u200bzero\u200bwidth", ["zero", "##wi", "##dt", "##h"]),
    ("a\u0007b", ["ab"]),
    ("tab\tnew\nline", ["tab", "new", "line"]),
    ("don't", ["don", "'", "t"]),
    ("U.S.-China", ["u", ".", "s", ".", "-", "china"]),
    ("$12 billion", ["$", "12", "billion"]),
    ("e-mail@example.com", ["e", "-", "mail", "@", "example", ".", "com"]),
    ("  ", []),
    ("", []),
    ("x" * 101, ["[UNK]"]),
    (
        "supercalifragilisticexpialidocious",
        ["super", "##cal", "##if", "##rag", "##ilis", "##tic", "##ex", "##pia", "##lid", "##oc", "##ious"],
    ),
    ("\ufb01nance", ["\ufb01", "##nan", "##ce"]),
    ("\u201cquoted\u201d", ["\u201c", "quoted", "\u201d"]),
    ("12\u201324 months", ["12", "\u2013", "24", "months"]),
    ("\ue000icon", ["icon"]),
    ("Jan. 13, 2026", ["jan", ".", "13", ",", "202", "##6"]),
]


@pytest.fixture(scope="module")
def wordpiece() -> WordPiece:
    net = load_model().net
    assert net is not None
    return net.wordpiece


@pytest.mark.parametrize(("text", "pieces"), REFERENCE)
def test_matches_reference_tokeniser(wordpiece, text, pieces):
    vocab = {i: p for p, i in wordpiece.ids.items()}
    assert [vocab[i] for i in wordpiece.encode(text)] == pieces


def test_tiny_vocabulary():
    wp = WordPiece(["[UNK]", "un", "##aff", "##able", "a", "."])
    assert wp.encode("Unaffable.") == [1, 2, 3, 5]
    assert wp.encode("unknown") == [0]  # a word that cannot be covered is one [UNK]
    assert wp.encode("A a") == [4, 4]


def test_unknown_marker_must_exist():
    with pytest.raises(KeyError):
        WordPiece(["a", "b"])
