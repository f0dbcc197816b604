"""A report fit for a pull-request comment: a summary, the findings table, and per document its
claims by label. Untrusted text is escaped so it cannot break the table or inject HTML."""

from __future__ import annotations

import re
from collections import Counter

from citecheck.model import Article, Label, Report
from citecheck.render.escape import visible
from citecheck.render.locations import located_findings

__all__ = ["render", "escape", "code_span"]

_ICON = {"error": "🔴", "warning": "🟠", "info": "🔵"}
_LABEL_ORDER: tuple[Label, ...] = ("contradicted", "disputed", "unsupported", "single_source", "corroborated")


def escape(text: str) -> str:
    text = visible(" ".join(text.split()))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]|#@~])", r"\\\1", text)


def code_span(text: str, in_table: bool = True) -> str:
    """`text` as a code span that shows exactly these characters.

    Inside a code span backslash escapes and entities are literal (CommonMark 6.1), so nothing is
    escaped except what ends the span: the fence is one backtick longer than the longest run inside,
    padded with a space when the text starts or ends with a backtick. In a table cell a pipe would end
    the cell even inside the span, so it is written `\\|` (GFM tables strip that backslash first).
    """
    text = " ".join(text.split())
    runs = [len(m) for m in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    if in_table:
        text = text.replace("|", "\\|")
    return f"{fence}{pad}{text}{pad}{fence}"


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
            f"| {_ICON[f.severity]} | {code_span(f'{f.path}:{item.line}:{item.column}')} | "
            f"{f.code} {f.rule} | {escape(f.message)} |"
        )
    if not located:
        out.append("| ✅ | | | no findings |")
    for article in report.articles:
        out += _claims(article)
    return "\n".join(out) + "\n"


def _claims(article: Article) -> list[str]:
    claims = [s for s in article.statements if s.corroboration and s.corroboration.label != "opinion"]
    labels = Counter(s.corroboration.label for s in claims if s.corroboration)
    summary = ", ".join(f"{labels[label]} {label.replace('_', ' ')}" for label in _LABEL_ORDER if labels[label])
    out = [
        "",
        "<details>",
        f"<summary>{escape(article.document.source)}: {summary or 'no claims'}</summary>",
        "",
    ]
    for label in _LABEL_ORDER:
        for s in (c for c in claims if c.corroboration and c.corroboration.label == label):
            line = article.document.locator.locate(s.span.start).line
            text = s.text if len(s.text) < 160 else s.text[:159] + "…"
            out.append(f"- **{label.replace('_', ' ')}** (line {line}): {escape(text)}")
    out += ["", "</details>"]
    return out
