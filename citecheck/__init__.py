"""citecheck: which statements in an article are backed, and which are not.

The public API is what `__all__` lists; everything else may change. Names load lazily so that
`python -m citecheck` starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from citecheck.version import __version__

_EXPORTS = {
    "analyze": "pipeline",
    "analyze_texts": "pipeline",
    "analyze_document": "pipeline",
    "Options": "pipeline",
    "read_input": "read.files",
    "read_text": "read.files",
    "InputSpec": "read.files",
    "ReadOptions": "read.files",
    "render": "render",
    "build_graph": "render.graph",
    "Report": "model",
    "Article": "model",
    "Document": "model",
    "Statement": "model",
    "Reference": "model",
    "Citation": "model",
    "Attribution": "model",
    "Fact": "model",
    "Source": "model",
    "Corroboration": "model",
    "Finding": "model",
    "Problem": "model",
    "Span": "text",
    "CitecheckError": "errors",
    "InputError": "errors",
    "ConfigError": "errors",
    "FetchError": "errors",
}
__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from citecheck.errors import CitecheckError, ConfigError, FetchError, InputError
    from citecheck.model import (
        Article,
        Attribution,
        Citation,
        Corroboration,
        Document,
        Fact,
        Finding,
        Problem,
        Reference,
        Report,
        Source,
        Statement,
    )
    from citecheck.pipeline import Options, analyze, analyze_document, analyze_texts
    from citecheck.read.files import InputSpec, ReadOptions, read_input, read_text
    from citecheck.render import render
    from citecheck.render.graph import build_graph
    from citecheck.text import Span


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'citecheck' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
