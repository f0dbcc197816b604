"""Reading and decoding HTTP bodies under a byte cap (reliability.md §0.4, §6.3).

This module owns what comes back from a server once a response is open: `read_body` decompresses
`aiter_raw()` itself (gzip, zlib and raw deflate, at most three layers) in 64 KiB steps, so a gzip bomb
stops at the decoded cap; `is_text_type` says whether a body is read at all, and `decode_text` turns
the bytes into text (BOM > Content-Type charset > ``<meta>`` charset > UTF-8). `clean` makes server
text safe for one line of a report or log.
"""

from __future__ import annotations

import codecs
import re
import zlib
from collections.abc import Iterator

import httpx

__all__ = ["BodyTooLarge", "UnsupportedEncoding", "clean", "decode_text", "is_text_type", "read_body"]

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([^\s;\"']{1,40})", re.I)
_META_RE = re.compile(rb"<meta[^>]{0,512}?charset\s*=\s*[\"']?\s*([a-z0-9_.:-]{1,40})", re.I)
_TEXT_TYPES = frozenset({"application/xhtml+xml", "application/xml", "application/json"})
_BAD_CODECS = frozenset({"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined", "utf-7"})


class BodyTooLarge(Exception):
    """The decoded (or raw) body passed the byte cap."""


class UnsupportedEncoding(Exception):
    """A Content-Encoding that citecheck does not decode (it advertises gzip and deflate only)."""


_CHUNK = 64 * 1024


class _Inflate:
    """Streaming gzip/zlib/raw-deflate decoder that never yields more than `_CHUNK` bytes at once."""

    def __init__(self, name: str) -> None:
        self.name, self.started = name, False
        self.zobj = zlib.decompressobj(zlib.MAX_WBITS | 32)

    def feed(self, data: bytes) -> Iterator[bytes]:
        while not self.zobj.eof:
            try:
                out = self.zobj.decompress(data, _CHUNK)
            except zlib.error:
                if self.name != "deflate" or self.started:
                    raise
                self.zobj, self.started = zlib.decompressobj(-zlib.MAX_WBITS), True  # raw deflate
                continue
            self.started = True
            if out:
                yield out
            data = self.zobj.unconsumed_tail
            if not data and len(out) < _CHUNK:
                return


def _decoders(header: str) -> list[_Inflate]:
    names = [n.strip().lower() for n in header.split(",") if n.strip().lower() not in ("", "identity")]
    if len(names) > 3 or any(n not in ("gzip", "x-gzip", "deflate") for n in names):
        raise UnsupportedEncoding(f"content-encoding {clean(header, 40)!r} is not decoded")
    return [_Inflate(n) for n in reversed(names)]


def _through(decoders: list[_Inflate], data: bytes) -> Iterator[bytes]:
    if not decoders:
        yield data
        return
    for piece in decoders[0].feed(data):
        yield from _through(decoders[1:], piece)


async def read_body(response: httpx.Response, limit: int, *, soft: bool = False) -> bytes:
    """Read `aiter_raw()` and decode it here, stopping once raw or decoded bytes pass `limit`.

    Raises `BodyTooLarge`, `UnsupportedEncoding` or `httpx.DecodingError`; with `soft=True` it returns
    what it has instead (used to peek at error pages)."""
    try:
        decoders = _decoders(response.headers.get("content-encoding", ""))
    except UnsupportedEncoding:
        if soft:
            return b""
        raise
    declared = response.headers.get("content-length", "")
    if not soft and not decoders and declared.isdigit() and int(declared[:18]) > limit:
        raise BodyTooLarge(f"Content-Length {declared[:18]} exceeds the {limit}-byte cap")
    out, raw = bytearray(), 0
    try:
        async for chunk in response.aiter_raw():
            raw += len(chunk)
            for piece in _through(decoders, chunk):
                out += piece
                if len(out) > limit:
                    break
            if len(out) > limit or raw > limit:
                if soft:
                    return bytes(out[:limit])
                raise BodyTooLarge(f"body exceeds the {limit}-byte cap (after decoding)")
    except zlib.error as exc:
        if soft:
            return bytes(out)
        raise httpx.DecodingError(f"invalid compressed body: {exc}") from None
    if not soft and raw and not all(d.zobj.eof for d in decoders):
        raise httpx.DecodingError("truncated compressed body")
    return bytes(out)


def clean(text: str, limit: int = 300) -> str:
    """One printable line of at most `limit` characters (server text ends up in reports and logs)."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_text_type(content_type: str | None) -> bool:
    """Whether a body of this Content-Type is read (a missing type counts as text)."""
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    return not mime or mime.startswith("text/") or mime in _TEXT_TYPES or mime.endswith(("+xml", "+json"))


def decode_text(body: bytes, content_type: str | None) -> tuple[str, str]:
    """Decode with precedence BOM > Content-Type charset > <meta> charset > UTF-8, replacing invalid
    bytes. Returns the text and a note saying which encoding was used and why."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return _decode(body[len(bom) :], name, "BOM")
    match = _CHARSET_RE.search(content_type or "")
    if codec := _codec(match.group(1) if match else None):
        return _decode(body, codec, "Content-Type header")
    meta = _META_RE.search(body[:4096])
    if codec := _codec(meta.group(1).decode("ascii") if meta else None):
        return _decode(body, "utf-8" if codec.startswith("utf-16") else codec, "meta charset")
    return _decode(body, "utf-8", "default")


def _decode(body: bytes, codec: str, source: str) -> tuple[str, str]:
    text = body.decode(codec, errors="replace")
    replaced = text.count("\ufffd") > body.count(b"\xef\xbf\xbd")
    return text, f"decoded as {codec} ({source})" + ("; invalid bytes replaced" if replaced else "")


def _codec(label: str | None) -> str | None:
    try:
        info = codecs.lookup((label or "").strip().strip("'\"").lower())
    except LookupError:
        return None
    if not info._is_text_encoding or info.name in _BAD_CODECS:
        return None
    return "cp1252" if info.name in ("iso8859-1", "ascii") else info.name  # as browsers do (WHATWG)
