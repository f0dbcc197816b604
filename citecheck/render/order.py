"""The order findings are shown in: by position, or errors first within each file (the default for people)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from citecheck.model import Finding

__all__ = ["SORTS", "Sort", "RANK", "ordered", "shown"]

Sort = Literal["severity", "position"]
SORTS: tuple[Sort, ...] = ("severity", "position")
RANK = {"error": 0, "warning": 1, "info": 2}


def _position(f: Finding) -> tuple[int, int, int]:
    start = f.span.start if f.span is not None else -1
    return (f.line or 0, f.column or 0, start)


def ordered(findings: Iterable[Finding], sort: str = "severity") -> list[Finding]:
    """Findings of one file in reading order, or grouped by severity (errors first) and then in reading order.

    Files keep the order they come in: sorting only ever happens within a file.
    """
    by_position = sorted(findings, key=_position)
    if sort == "position":
        return by_position
    if sort != "severity":
        raise ValueError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")
    return sorted(by_position, key=lambda f: RANK[f.severity])  # stable: position within each severity


def shown(findings: Iterable[Finding], quiet: bool = False) -> list[Finding]:
    """What `--quiet` leaves: only errors."""
    return [f for f in findings if not quiet or f.severity == "error"]
