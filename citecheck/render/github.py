"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding.

Drafts are untrusted: every value is escaped the way the Actions runner unescapes it (`%`, CR, LF
in the message; also `:` and `,` in properties), so no draft text can end the annotation early or
start a workflow command of its own (`::add-mask::`, `::stop-commands::`).
"""

from __future__ import annotations

from citecheck.model import Report
from citecheck.render.escape import github_data, github_property
from citecheck.render.locations import located_findings

__all__ = ["render", "escape_data", "escape_property"]

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


escape_data = github_data  # the names this module has always exported
escape_property = github_property


def render(report: Report, **_: object) -> str:
    lines = []
    for item in located_findings(report):
        f = item.finding
        props = ",".join(
            (
                f"file={escape_property(f.path)}",
                f"line={item.line}",
                f"col={item.column}",
                f"endLine={item.end_line}",
                f"endColumn={max(item.end_column, item.column)}",
                f"title={escape_property(f'{f.code} {f.rule}')}",
            )
        )
        message = f.message + (f" (hint: {f.hint})" if f.hint else "")
        lines.append(f"::{_LEVEL[f.severity]} {props}::{escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
