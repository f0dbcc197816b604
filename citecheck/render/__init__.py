"""Renderers: pure functions of a `Report` (and display options) to text, one module per format."""

from __future__ import annotations

from importlib import import_module

from citecheck.model import Report

__all__ = ["FORMATS", "render"]

FORMATS = ("text", "json", "markdown", "html", "sarif", "github")


def render(report: Report, fmt: str, **options: object) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module = import_module(f".{fmt}_format" if fmt in ("json", "html") else f".{fmt}", __name__)
    return module.render(report, **options)
