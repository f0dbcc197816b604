"""Renderers: pure functions of a `Report` (and display options) to text, one module per format."""

from __future__ import annotations

from importlib import import_module
from typing import TextIO

from citecheck.model import Report

__all__ = ["FORMATS", "render", "write"]

FORMATS = ("text", "json", "markdown", "html", "sarif", "github")


def render(report: Report, fmt: str, **options: object) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module = import_module(f".{fmt}_format" if fmt in ("json", "html") else f".{fmt}", __name__)
    return module.render(report, **options)


def write(report: Report, fmt: str, stream: TextIO, **options: object) -> None:
    """Render onto `stream`; JSON goes out a document at a time instead of as one string."""
    if fmt == "json":
        from citecheck.render.json_format import chunks

        indent = options.get("indent")
        pending: list[str] = []  # a few hundred pieces per write: one call per statement cost more than the writing
        for piece in chunks(report, indent if isinstance(indent, int) else None):
            pending.append(piece)
            if len(pending) >= 512:
                stream.write("".join(pending))
                pending.clear()
        stream.write("".join(pending))
        return
    stream.write(render(report, fmt, **options))
