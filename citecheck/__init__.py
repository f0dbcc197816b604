"""citecheck: which statements in an article are backed, and which are not.

The public API is what `__all__` lists; everything else may change. Names load lazily so that
`python -m citecheck` starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_EXPORTS = {
    "analyze": "pipeline",
    "analyze_texts": "pipeline",
    "analyze_document": "pipeline",
    "Options": "pipeline",
    "read_input": "ingest",
    "read_text": "ingest",
    "InputSpec": "ingest",
    "ReadOptions": "ingest",
    "render": "render",
    "build_graph": "graph",
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
    from .errors import CitecheckError, ConfigError, FetchError, InputError
    from .graph import build_graph
    from .ingest import InputSpec, ReadOptions, read_input, read_text
    from .model import (
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
    from .pipeline import Options, analyze, analyze_document, analyze_texts
    from .render import render
    from .text import Span


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'citecheck' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
