"""A report fit for a pull-request comment: a summary, the findings table, and per document its
claims by label. Untrusted text is escaped so it cannot break the table or inject HTML."""

from __future__ import annotations

import re
from collections import Counter

from citecheck.model import Article, Report
from citecheck.render.escape import visible
from citecheck.render.locations import located_findings

__all__ = ["render", "escape"]

_ICON = {"error": "🔴", "warning": "🟠", "info": "🔵"}
_LABEL_ORDER = ("contradicted", "disputed", "unsupported", "single_source", "corroborated")


def escape(text: str) -> str:
    text = visible(" ".join(text.split()))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]|#@~])", r"\\\1", text)


def render(report: Report, **_: object) -> str:
    located = located_findings(report)
    severities = Counter(item.finding.severity for item in located)
    out = ["## citecheck report", ""]
    out.append(
        f"{len(report.articles)} documents · "
        + " · ".join(f"{_ICON[s]} {severities.get(s, 0)} {s}" for s in ("error", "warning", "info"))
    )
    out += ["", "| | Location | Rule | Message |", "|---|---|---|---|"]
    for item in located:
        f = item.finding
        out.append(
            f"| {_ICON[f.severity]} | `{escape(f.path)}:{item.line}:{item.column}` | "
            f"{f.code} {f.rule} | {escape(f.message)} |"
        )
    if not located:
        out.append("| ✅ | | | no findings |")
    for article in report.articles:
        out += _claims(article)
    return "\n".join(out) + "\n"


def _claims(article: Article) -> list[str]:
    claims = [s for s in article.statements if s.corroboration and s.corroboration.label != "opinion"]
    labels = Counter(s.corroboration.label for s in claims)  # type: ignore[union-attr]
    summary = ", ".join(f"{labels[label]} {label.replace('_', ' ')}" for label in _LABEL_ORDER if labels[label])
    out = [
        "",
        "<details>",
        f"<summary>{escape(article.document.source)}: {summary or 'no claims'}</summary>",
        "",
    ]
    for label in _LABEL_ORDER:
        for s in (c for c in claims if c.corroboration.label == label):  # type: ignore[union-attr]
            line = article.document.locator.locate(s.span.start).line
            text = s.text if len(s.text) < 160 else s.text[:159] + "…"
            out.append(f"- **{label.replace('_', ' ')}** (line {line}): {escape(text)}")
    out += ["", "</details>"]
    return out
