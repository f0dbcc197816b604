"""Exit codes (precedence 2 > 3 > 1 > 0), and the one function that picks the code of a run.

0  every input read; no finding at or above the fail level
1  findings at or above the fail level (--fail-on, default error)
2  usage or configuration error, or no input could be read: nothing was checked
3  incomplete: some input could not be processed; everything else is still reported
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["EXIT_CLEAN", "EXIT_FINDINGS", "EXIT_INCOMPLETE", "EXIT_USAGE", "exit_code"]

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INCOMPLETE = 0, 1, 2, 3
_RANK = {"info": 0, "warning": 1, "error": 2}


def exit_code(findings: Sequence[object], problems: int, documents: int, fail_on: str) -> int:
    if problems and not documents:
        return EXIT_USAGE
    if problems:
        return EXIT_INCOMPLETE
    threshold = _RANK[fail_on]
    if any(_RANK[getattr(f, "severity", "info")] >= threshold for f in findings):
        return EXIT_FINDINGS
    return EXIT_CLEAN
