"""The drafts of a folder when `check` is given no path: every file a folder walk reads, minus what
`.gitignore` files and the config's `exclude` patterns leave out, limited to the config's `include`
patterns when it has any, and never an HTML report citecheck itself wrote (`--format html --output
report.html` in the drafts folder must not make the next run check the report). Patterns are
gitignore-style (pathspec), matched against the path relative to `base` (the config file's folder) or
to the folder a `.gitignore` sits in."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pathspec

from citecheck.read.files import is_draft_name

__all__ = ["workspace_inputs", "SKIPPED_FOLDERS"]

# Folders no one keeps drafts in, skipped even without a .gitignore (hidden folders are skipped too).
SKIPPED_FOLDERS = frozenset({"node_modules", "venv", "__pycache__", "site-packages"})
# what render/html_format.py writes in the <head> of every report
_GENERATED = re.compile(rb'<meta\s+name="generator"\s+content="citecheck"', re.I)


def _our_report(path: Path) -> bool:
    if path.suffix.lower() not in (".html", ".htm"):
        return False
    try:
        with path.open("rb") as handle:
            return bool(_GENERATED.search(handle.read(4096)))
    except OSError:
        return False  # unreadable: left in, so the run reports it


def _spec(lines: Sequence[str]) -> pathspec.PathSpec:
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _gitignore(folder: Path) -> pathspec.PathSpec | None:
    try:
        lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return _spec(lines)


def _ignored(path: Path, ignores: list[tuple[Path, pathspec.PathSpec]], is_dir: bool) -> bool:
    for folder, spec in ignores:
        relative = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
        if spec.match_file(relative):
            return True
    return False


def workspace_inputs(
    root: Path, include: Sequence[str] = (), exclude: Sequence[str] = (), base: Path | None = None
) -> list[str]:
    """Files under `root` to check, sorted, as paths relative to `root` when it is the current folder."""
    base = (base or root).resolve()
    root = root.resolve()
    wanted = _spec(include) if include else None
    unwanted = _spec(exclude) if exclude else None
    found = []
    for path in _walk(root, []):
        relative = path.relative_to(base).as_posix() if path.is_relative_to(base) else path.as_posix()
        if unwanted is not None and unwanted.match_file(relative):
            continue
        if wanted is not None and not wanted.match_file(relative):
            continue
        found.append(path)
    cwd = Path.cwd().resolve()
    return [str(p.relative_to(cwd)) if p.is_relative_to(cwd) else str(p) for p in sorted(found)]


def _walk(folder: Path, ignores: list[tuple[Path, pathspec.PathSpec]]) -> Iterator[Path]:
    spec = _gitignore(folder)
    ignores = [*ignores, (folder, spec)] if spec is not None else ignores
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            if entry.name.startswith(".") or entry.name in SKIPPED_FOLDERS or _ignored(path, ignores, True):
                continue
            yield from _walk(path, ignores)
        elif entry.is_file() and is_draft_name(entry.name) and not _ignored(path, ignores, False):
            yield from () if _our_report(path) else (path,)
