"""What the language server analyses: the open buffer as it stands (unsaved text included), beside the
other drafts of its workspace folder (as `citecheck check FOLDER` would read them, open buffers as the
editor holds them) and the configured `against` sources as evidence. Options come from the config found
from the draft's folder upward, built as the command line builds them, except that the editor never fetches:
a keystroke must not open a socket.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from attrs import evolve, frozen

from citecheck.cli.config import load_config
from citecheck.cli.options import config_options
from citecheck.errors import InputError
from citecheck.model import Article, Document, Finding, Format
from citecheck.pipeline import Options, analyze_documents
from citecheck.read.files import FORMATS, InputSpec, ReadOptions, discover, read_input, read_text

__all__ = ["Analysis", "DraftCache", "analyse_buffer", "draft_format", "MAX_WORKSPACE_FILES"]

# A workspace that is a whole repository can hold thousands of Markdown files; past this many the
# rest are left out of corroboration (sorted order), so one save stays interactive.
MAX_WORKSPACE_FILES = 200
# editors name languages differently: VS Code says "plaintext", Neovim sends its filetype, "text"
_LANGUAGES: dict[str, Format] = {"markdown": "markdown", "html": "html", "plaintext": "text", "text": "text"}


@frozen
class Analysis:
    document: Document
    article: Article | None  # None when the analysis of this buffer failed (see `problems`)
    findings: tuple[Finding, ...]
    problems: tuple[str, ...] = ()


def draft_format(path: str, language_id: str | None) -> Format | None:
    """The draft format of an editor buffer, or None for a file citecheck does not read."""
    suffix = Path(path).suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    return _LANGUAGES.get(language_id or "")


class DraftCache:
    """Documents read from disk, kept while the file's size and modification time stay the same."""

    def __init__(self) -> None:
        self._docs: dict[tuple[str, str], tuple[tuple[int, int], Document]] = {}

    def read(self, path: Path, name: str, options: ReadOptions) -> Document | None:
        try:
            stat = path.stat()
        except OSError:
            return None
        stamp = (stat.st_mtime_ns, stat.st_size)
        held = self._docs.get((str(path), name))
        if held and held[0] == stamp:
            return held[1]
        try:
            doc = evolve(read_input(InputSpec(str(path)), options), id=name, source=name)
        except InputError:  # an unreadable neighbour is not this buffer's problem: it is left out
            return None
        self._docs[(str(path), name)] = (stamp, doc)
        return doc


def analyse_buffer(
    path: Path,
    text: str,
    fmt: Format,
    folder: Path | None,
    open_buffers: Mapping[Path, str],
    cache: DraftCache,
) -> Analysis:
    """Findings for the buffer at `path` (its unsaved `text`), corroborated against its folder's drafts.

    Raises ConfigError for a broken config file: the caller tells the user; nothing is checked."""
    config = load_config(start=path.parent)  # the config nearest the draft, as ruff and Vale pick theirs
    options = evolve(config_options(config), jobs=1)
    options = evolve(options, fetch=evolve(options.fetch, enabled=False))
    against = tuple(Path(p).resolve() for p in config.against)
    name = _name(path, folder)
    current = read_text(text, doc_id=name, source=name, fmt=fmt)
    others = _neighbours(path, folder, against, open_buffers, cache, options) if folder else []
    evidence = [d for d in (_read(p, folder, open_buffers, cache, options) for p in _files(against)) if d]
    problems: list = []
    report = analyze_documents([current, *others], evidence, options, problems)
    article = next((a for a in report.articles if a.document.id == name), None)
    findings = tuple(f for f in report.findings if f.document == name)
    told = tuple(f"{p.source}: {p.code}: {p.message}" for p in problems)
    return Analysis(current, article, findings, told)


def _name(path: Path, folder: Path | None) -> str:
    """How findings and messages name a draft: its path in the workspace folder."""
    if folder is not None and path.is_relative_to(folder):
        return path.relative_to(folder).as_posix()
    return path.name


def _files(roots: tuple[Path, ...]) -> list[Path]:
    return [Path(spec.source).resolve() for spec in discover(str(r) for r in roots)] if roots else []


def _neighbours(
    path: Path,
    folder: Path,
    against: tuple[Path, ...],
    open_buffers: Mapping[Path, str],
    cache: DraftCache,
    options: Options,
) -> list[Document]:
    files = [
        p
        for p in _files((folder,))
        if p != path and not any(p == a or p.is_relative_to(a) for a in against)  # evidence is not a draft
    ]
    docs = (_read(p, folder, open_buffers, cache, options) for p in files[:MAX_WORKSPACE_FILES])
    return [d for d in docs if d is not None]


def _read(
    path: Path, folder: Path | None, open_buffers: Mapping[Path, str], cache: DraftCache, options: Options
) -> Document | None:
    name = _name(path, folder) if folder and path.is_relative_to(folder) else os.fspath(path)
    if path in open_buffers:  # what the editor shows, not what was last saved
        fmt = draft_format(str(path), None) or "text"
        return read_text(open_buffers[path], doc_id=name, source=name, fmt=fmt)
    return cache.read(path, name, options.read)
