"""What an editor reads in a terminal: per document its references, its claims with their labels,
and each finding as `path:line:col: severity CODE name message` with the sentence and a caret under the
span. Within each file errors come first (`sort="position"` keeps reading order); `quiet` shows only
errors and the summary; `verbose` adds the other statements a finding names, in full."""

from __future__ import annotations

from collections import Counter

from citecheck.model import Article, Fact, Finding, Report, Statement
from citecheck.render.escape import terminal
from citecheck.render.order import ordered, shown
from citecheck.rules.describe import Places
from citecheck.text import Position, Span

__all__ = ["render", "clean", "snippet"]

_COLORS = {
    "error": "31",
    "warning": "33",
    "info": "36",
    "corroborated": "32",
    "single_source": "36",
    "unsupported": "33",
    "contradicted": "31",
    "disputed": "35",
    "opinion": "2",
    "bold": "1",
    "dim": "2",
}
WIDTH = 110


def clean(text: str) -> str:
    """Untrusted text made safe for a terminal: no escapes, no carriage returns, one line."""
    return terminal(text.replace("\r\n", " ").replace("\n", " "))


def _paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{_COLORS[style]}m{text}\x1b[0m" if color and style in _COLORS else text


def snippet(text: str, context: Span, span: Span, width: int = WIDTH) -> tuple[str, str]:
    """The context line clipped around `span`, and a caret line under it."""
    line = clean(context.slice(text))
    start = max(0, span.start - context.start)
    end = max(start + 1, min(len(line), span.end - context.start))
    left = max(0, min(start - 30, len(line) - width))
    shown = line[left : left + width]
    prefix = "…" if left > 0 else ""
    suffix = "…" if left + width < len(line) else ""
    caret = " " * (len(prefix) + start - left) + "^" * max(1, min(end - start, width - (start - left)))
    return prefix + shown + suffix, caret


def render(
    report: Report,
    *,
    color: bool = False,
    show_facts: bool = False,
    concise: bool = False,
    sort: str = "severity",
    quiet: bool = False,
    verbose: bool = False,
    **_: object,
) -> str:
    """The full report; `concise` (the `check` command) and `quiet` print only the findings, ruff-style."""
    out: list[str] = []
    by_doc: dict[str, list[Finding]] = {}
    for f in shown(report.findings, quiet):
        by_doc.setdefault(f.document, []).append(f)
    places = Places((*report.articles, *report.evidence)) if verbose else None
    named = places or (None if concise or quiet else Places((*report.articles, *report.evidence)))  # claims' dissent
    for article in report.articles:
        found = ordered(by_doc.get(article.document.id, []), sort)
        if concise or quiet:
            out += [line for f in found for line in _finding(article, f, color, places)]
        else:
            out += _document(article, found, color, show_facts, places, named)
    known = {a.document.id for a in report.articles}
    for f in shown(report.findings, quiet):
        if f.document not in known:  # an unreadable input: no text to quote
            out.append(f"{clean(f.path)}: {_paint(f.severity, f.severity, color)} {f.code} {f.rule} {clean(f.message)}")
    out.append(_summary(report, color))
    return "\n".join(out) + "\n"


def _document(
    article: Article,
    findings: list[Finding],
    color: bool,
    show_facts: bool,
    places: Places | None,
    named: Places | None = None,
) -> list[str]:
    doc = article.document
    meta = doc.meta
    about = ", ".join(x for x in (meta.author, meta.publisher, meta.published) if x)
    head = f"{clean(doc.source)} — {clean(meta.title or '(untitled)')}" + (f" ({clean(about)})" if about else "")
    lines = ["", _paint(head, "bold", color)]
    listed = [r for r in article.references if r.origin != "link"]
    lines.append(f"  References ({len(listed)})" if listed else "  References: none listed")
    for ref in listed:
        parts = [
            clean(ref.publisher or "?"),
            f"“{clean(ref.title or '?')}”",
            ref.date or "no date",
            ref.url or "no URL",
        ]
        lines.append(f"    [{clean(ref.key)}] " + " · ".join(parts))
    claims = [s for s in article.statements if s.kind == "claim"]
    lines.append(f"  Claims ({len(claims)} of {len(article.statements)} statements)")
    for s in claims:
        lines += _claim(article, s, color, show_facts, named)
    if findings:
        lines.append(f"  Findings ({len(findings)})")
    for f in findings:
        lines += _finding(article, f, color, places)
    return lines


def _claim(article: Article, s: Statement, color: bool, show_facts: bool, places: Places | None = None) -> list[str]:
    where = article.document.locator.locate(s.span.start)
    c = s.corroboration
    label = c.label if c else "claim"
    score = f"{c.score:.2f}" if c and c.score is not None else "  - "
    text = clean(s.text)
    text = text if len(text) <= 90 else text[:89] + "…"
    lines = [f"    {where.line:>4}:{where.column:<4} {_paint(f'{label:<13}', label, color)} {score}  {text}"]
    if c and c.explanation and label not in ("opinion",):
        lines.append(_paint(f"{'':16}↳ {clean(c.explanation)}", "dim", color))
    if c and c.dissenting and places is not None:
        lines.append(_paint(f"{'':16}↳ disagreeing: {clean(places.names(c.dissenting, quote=False))}", "dim", color))
    if show_facts and s.facts:
        lines.append(f"{'':16}facts: " + "; ".join(_fact(f) for f in s.facts))
    return lines


def _fact(f: Fact) -> str:
    if f.low is not None or f.high is not None:
        value = f"{_num(f.low)}–{_num(f.high)}"
    else:
        value = _num(f.value) if isinstance(f.value, int | float) else str(f.value)
    qualifier = "" if f.qualifier == "=" else f.qualifier
    about = f" {f.unit}" if f.unit else ""
    about += f" of {f.subject}" if f.subject and f.kind not in ("entity",) else ""
    if f.kind == "entity" and f.entities:
        value = ", ".join(f.entities)
    return clean(f"{f.kind} {qualifier}{value}{about}")


def _num(value: object) -> str:
    if value is None:
        return "?"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:g}" if isinstance(value, float) else str(value)


def _finding(article: Article, f: Finding, color: bool, places: Places | None = None) -> list[str]:
    doc = article.document
    span = f.span or Span(0, 0)
    # a place in the source only (an HTML suppression comment, which the text leaves out): no quote
    where = doc.locator.locate(span.start) if f.span or f.line is None else Position(f.line, f.column or 1)
    head = (
        f"{clean(f.path)}:{where.line}:{where.column}: {_paint(f.severity, f.severity, color)}"
        f" {_paint(f.code, 'bold', color)} {f.rule} {clean(f.message)}"
    )
    context = next((s.span for s in article.statements if s.span.contains(span)), None) or _line_around(doc.text, span)
    shown, caret = snippet(doc.text, context, span)
    lines = [head]
    if shown.strip() and (f.span or f.line is None):  # an empty input has no sentence to quote
        lines += [f"       | {shown}", f"       | {_paint(caret, f.severity, color)}"]
    if f.hint:
        lines.append(f"       = hint: {clean(f.hint)}")
    if places is not None:  # verbose: the other statements in full, so nothing needs looking up
        for sid in f.related:
            place = places.place(sid)
            if place is not None:
                lines.append(f"       = see {clean(place.path)}:{place.line}: {clean(place.text)}")
    return lines


def _line_around(text: str, span: Span) -> Span:
    start = max(text.rfind("\n", 0, span.start) + 1, text.rfind("\r", 0, span.start) + 1)
    ends = [i for i in (text.find("\n", span.start), text.find("\r", span.start)) if i != -1]
    return Span(start, min(ends) if ends else len(text))


def _summary(report: Report, color: bool) -> str:
    statements = [s for a in report.articles for s in a.statements]
    labels = Counter(s.corroboration.label for s in statements if s.corroboration)
    severities = Counter(f.severity for f in report.findings)
    claims = sum(1 for s in statements if s.kind == "claim")
    label_text = ", ".join(
        f"{n} {label.replace('_', '-')}" for label, n in sorted(labels.items()) if label != "opinion"
    )
    found = ", ".join(
        f"{severities[s]} {s}{'s' if s != 'info' and severities[s] != 1 else ''}" for s in ("error", "warning", "info")
    )
    return "\n" + _paint(
        f"{_count(len(report.articles), 'document')}, {_count(len(statements), 'statement')}, "
        f"{_count(claims, 'claim')}"
        f"{': ' + label_text if label_text else ''} · findings: {found}{hidden(report)}"
        f"{f' · {len(report.problems)} unreadable' if report.problems else ''}",
        "bold",
        color,
    )


def hidden(report: Report) -> str:
    """How many findings the reader is not shown, and why: " (12 hidden: 10 by the baseline, 2 suppressed)"."""
    parts = [f"{report.baselined} by the baseline"] * bool(report.baselined)
    parts += [f"{report.suppressed} suppressed"] * bool(report.suppressed)
    total = report.baselined + report.suppressed
    return f" ({total} hidden: {', '.join(parts)})" if total else ""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
