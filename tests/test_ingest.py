"""Reading inputs: encodings, line ends, limits, and one clear error per bad file."""

from __future__ import annotations

import codecs

import pytest

from citecheck.errors import InputError
from citecheck.read.files import InputSpec, ReadOptions, decode, discover, read_input


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + "Zoë [[1]]\r\nSão Paulo\r\n".encode(), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + "Zoë [[1]]\r\nSão Paulo\r\n".encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + "Zoë [[1]]\r\nSão Paulo\r\n".encode("utf-16-be"), "utf-16-be"),
        ("Zoë [[1]]\rSão Paulo\r".encode(), "utf-8"),
    ],
)
def test_boms_and_line_ends_give_correct_positions(tmp_path, data, encoding):
    """Reliability A5."""
    doc = read_input(InputSpec(write(tmp_path, "a.txt", data)))
    assert not doc.text.startswith("\ufeff")
    where = doc.locator.locate(doc.text.index("Paulo"))
    assert (where.line, where.column) == (2, 5)
    assert doc.locator.locate(doc.text.index("[[1]]")).column == 5


@pytest.mark.parametrize(
    ("data", "code", "words"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "E_BINARY_INPUT", "binary"),
        (b"line one\nline \xff\xfe two\n", "E_DECODE", "byte 14 (line 2, column 6)"),
        (b"ends badly \xe2\x82", "E_DECODE", "invalid UTF-8"),
    ],
)
def test_bad_bytes_are_one_clear_error(tmp_path, data, code, words):
    """Reliability A3, A4."""
    path = write(tmp_path, "bad.txt", data)
    with pytest.raises(InputError) as info:
        read_input(InputSpec(path))
    assert info.value.code == code
    assert words in str(info.value)
    assert path in str(info.value)


def test_replace_reads_invalid_utf8_anyway(tmp_path):
    """Reliability A4."""
    doc = read_input(InputSpec(write(tmp_path, "bad.txt", b"a \xff b")), ReadOptions(decode_errors="replace"))
    assert doc.text == "a \ufffd b"


def test_size_limit_refuses_before_reading(tmp_path):
    """Reliability A2."""
    path = tmp_path / "big.md"
    with path.open("wb") as handle:
        handle.truncate(200 * 2**20)  # sparse: 200 MiB on paper, nothing on disk
    with pytest.raises(InputError) as info:
        read_input(InputSpec(str(path)))
    assert info.value.code == "E_INPUT_TOO_LARGE"
    assert "200.0 MiB > --max-input-size 10 MiB" in str(info.value)


def test_missing_path(tmp_path):
    """Reliability A12."""
    with pytest.raises(InputError) as info:
        read_input(InputSpec(str(tmp_path / "nope.md")))
    assert info.value.code == "E_NOT_FOUND"


def test_discover_walks_directories_in_order_and_skips_other_suffixes(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/z.md", "a.txt", "b/a.html", "notes.pdf", ".hidden.md"):
        (tmp_path / name).write_text("x")
    (tmp_path / "b" / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = [s.source.removeprefix(str(tmp_path) + "/") for s in discover([str(tmp_path)])]
    assert found == ["a.txt", "b/a.html", "b/z.md"]


def test_empty_input_is_an_empty_document(tmp_path):
    """Reliability A1."""
    doc = read_input(InputSpec(write(tmp_path, "empty.txt", b"")))
    assert doc.text == ""
    assert doc.blocks == ()


def test_decode_prefers_bom_over_nul_check():
    assert decode(codecs.BOM_UTF16_LE + "hi".encode("utf-16-le"), "x") == "hi"
