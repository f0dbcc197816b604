"""Inputs -> `Document`: finding the files, reading bytes safely, decoding, and dispatching by format.

Plain text and Markdown keep the decoded source as the document text (so offsets are source
offsets, CRLF included); HTML goes through `citecheck.read.webpage`, which keeps a map back to the source.
Every failure is an `InputError` with a stable code naming one file, so the caller can report it
and carry on with the other inputs.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from attrs import frozen

from citecheck.errors import InputError
from citecheck.model import Document, Format
from citecheck.read.layout import layout_markdown, layout_text
from citecheck.read.sections import classify_sections
from citecheck.text import LineIndex

__all__ = ["ReadOptions", "InputSpec", "discover", "read_input", "read_text", "decode", "FORMATS", "is_draft_name"]

FORMATS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
DEFAULT_MAX_BYTES = 10 * 2**20
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@frozen
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    input_format: Format | None = None  # overrides the suffix
    decode_errors: str = "strict"  # "replace" to read invalid UTF-8 with U+FFFD


@frozen
class InputSpec:
    """One input to read: a file path, `-` for stdin, or a URL (read through the fetcher)."""

    source: str
    explicit: bool = True  # named on the command line (vs. found inside a directory)


def discover(paths: Iterable[str]) -> Iterator[InputSpec]:
    """Expand directories recursively to the files with a known suffix, in sorted order."""
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            yield from (InputSpec(str(p), explicit=False) for p in _walk(path))
        else:
            yield InputSpec(raw)


# A drafts folder's own README or licence is not an article; named explicitly, it is read like any file.
_PROJECT_FILE = re.compile(r"(?i)^(readme|license|licence|changelog|contributing|code_of_conduct)(\.|$)")


def is_draft_name(name: str) -> bool:
    """A file name a folder walk reads: a known suffix, not hidden, not the folder's README or licence."""
    return Path(name).suffix.lower() in FORMATS and not name.startswith(".") and not _PROJECT_FILE.match(name)


def _walk(root: Path) -> Iterator[Path]:
    # os.walk without followlinks cannot loop through a symlinked directory
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if is_draft_name(name):
                yield Path(folder, name)


def format_of(source: str, options: ReadOptions) -> Format:
    if options.input_format:
        return options.input_format
    suffix = Path(source.split("?")[0]).suffix.lower()
    return FORMATS.get(suffix, "text")


def document_id(source: str) -> str:
    if source == "-":
        return "stdin"
    if re.match(r"(?i)https?://", source):
        return re.sub(r"[^A-Za-z0-9]+", "-", source.split("://", 1)[1]).strip("-")[:80]
    return Path(source).stem or Path(source).name


def read_input(spec: InputSpec, options: ReadOptions = ReadOptions()) -> Document:
    """Read one file or stdin into a Document; raises InputError naming the file on any problem."""
    data = _read_bytes(spec.source, options.max_bytes)
    text = decode(data, spec.source, errors=options.decode_errors)
    return read_text(text, doc_id=document_id(spec.source), source=spec.source, fmt=format_of(spec.source, options))


def read_text(text: str, *, doc_id: str, source: str, fmt: Format = "text") -> Document:
    """Build a Document from already-decoded text of the given format."""
    if fmt == "html":
        from citecheck.read.webpage import extract_html  # bs4 is imported only when HTML is read

        return classify_sections(extract_html(text, doc_id=doc_id, origin=source))
    return (layout_markdown if fmt == "markdown" else layout_text)(text, doc_id=doc_id, source=source)


def _read_bytes(source: str, limit: int) -> bytes:
    if source == "-":
        return _read_stdin(source, limit)
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > limit:
            raise _too_large(source, size, limit)
        with path.open("rb") as handle:
            return _read_limited(handle, source, limit)
    except FileNotFoundError:
        raise InputError(source, "no such file or directory", code="E_NOT_FOUND") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory", code="E_READ") from None
    except PermissionError:
        raise InputError(source, "permission denied", code="E_READ") from None
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}", code="E_READ") from None


def _read_stdin(source: str, limit: int) -> bytes:
    """`-` with stdin closed (`<&-`): Python sets sys.stdin to None, or reading fails with EBADF."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(source, "stdin is closed", code="E_READ")
    try:
        return _read_limited(stream, source, limit)
    except (OSError, ValueError) as exc:
        raise InputError(source, f"stdin is closed or unreadable: {exc}", code="E_READ") from None


def _read_limited(handle: BinaryIO, source: str, limit: int) -> bytes:
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise _too_large(source, None, limit)
    return data


def _too_large(source: str, size: int | None, limit: int) -> InputError:
    what = f"{size / 2**20:.1f} MiB" if size is not None else "larger than the limit"
    return InputError(source, f"input is {what} > --max-input-size {limit / 2**20:g} MiB", code="E_INPUT_TOO_LARGE")


def decode(data: bytes, source: str, *, errors: str = "strict") -> str:
    """Decode by BOM (UTF-8/16/32), else strict UTF-8; NUL bytes without a BOM mean binary."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with(data[len(bom) :], encoding, source, errors)
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (NUL bytes), not an article", code="E_BINARY_INPUT")
    return _decode_with(data, "utf-8", source, errors)


def _decode_with(data: bytes, encoding: str, source: str, errors: str) -> str:
    try:
        return data.decode(encoding, errors=errors)
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode(encoding, errors="replace")
        where = LineIndex.of(good).locate(len(good))
        raise InputError(
            source,
            f"invalid {encoding.upper()} at byte {exc.start} (line {where.line}, column {where.column});"
            " use --decode-errors replace to read it anyway",
            code="E_DECODE",
        ) from None
