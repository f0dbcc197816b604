"""The findings table of the HTML report, for an editor: each row shows the sentence the finding is
about (linked to it in the article view) and the other statements it names (linked too), and the
table filters by severity, rule code and document. Every piece of report text is escaped here."""

from __future__ import annotations

from collections import Counter
from typing import Any

from citecheck.render.escape import html_text

__all__ = ["findings_section", "SENTENCE_MAX"]

SENTENCE_MAX = 240  # characters of the sentence shown in a row; the article view has the rest
_SEVERITIES = ("error", "warning", "info")


def _e(value: object) -> str:
    return html_text("" if value is None else str(value))


def _path(path: str) -> str:
    return _e(path).replace("/", "/<wbr>")


def _clip(text: str, limit: int = SENTENCE_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def findings_section(data: dict[str, Any], anchors: dict[str, str]) -> str:
    findings = data["findings"]
    if not findings:
        return '<section id="findings"><h2>Findings</h2><p class="empty">No findings.</p></section>'
    texts = {s["id"]: s["text"] for d in data["documents"] for s in d["statements"]}
    titles = {d["id"]: d["source"] for d in data["documents"]}
    rows = [_row(i, f, anchors, texts) for i, f in enumerate(findings)]
    return (
        f'<section id="findings"><h2>Findings <span class="count" id="findings-count">{len(findings)}</span></h2>'
        f'{_filters(findings, titles)}<table class="findings">'
        "<thead><tr><th>Location</th><th>Severity</th><th>Rule</th><th>Finding</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _filters(findings: list[dict[str, Any]], titles: dict[str, str]) -> str:
    severities = "".join(f'<label><input type="checkbox" data-severity="{x}" checked> {x}</label>' for x in _SEVERITIES)
    codes = Counter(f["code"] for f in findings)
    code_options = "".join(f'<option value="{_e(code)}">{_e(code)} ({n})</option>' for code, n in sorted(codes.items()))
    docs = Counter(f["document"] for f in findings)
    doc_options = "".join(
        f'<option value="{_e(doc)}">{_e(titles.get(doc, doc))} ({n})</option>' for doc, n in sorted(docs.items())
    )
    return (
        f'<p class="filters">{severities}'
        f'<label>rule <select data-filter="code"><option value="">all</option>{code_options}</select></label>'
        f'<label>document <select data-filter="document"><option value="">all</option>{doc_options}</select></label>'
        '<span class="shown" id="findings-shown"></span></p>'
    )


def _row(i: int, f: dict[str, Any], anchors: dict[str, str], texts: dict[str, str]) -> str:
    where = f"{f['path']}:{f['line']}:{f['column']}"
    target = anchors.get(f["statement"] or "")
    loc = f'<a href="#{target}" data-sid="{_e(f["statement"])}">{_path(where)}</a>' if target else _path(where)
    sentence = texts.get(f["statement"] or "")
    quoted = ""
    if sentence:
        text = f"“{_e(_clip(sentence))}”"
        link = f'<a href="#{target}" data-sid="{_e(f["statement"])}">{text}</a>' if target else text
        quoted = f'<div class="sentence">{link}</div>'
    hint = f'<div class="hint">hint: {_e(f["hint"])}</div>' if f["hint"] else ""
    return (
        f'<tr id="f-{i}" class="sev-{_e(f["severity"])}" data-severity="{_e(f["severity"])}" '
        f'data-code="{_e(f["code"])}" data-document="{_e(f["document"])}">'
        f'<td class="loc">{loc}</td>'
        f'<td><span class="sev sev-{_e(f["severity"])}">{_e(f["severity"])}</span></td>'
        f'<td class="rule"><span class="code">{_e(f["code"])}</span> {_e(f["rule"])}</td>'
        f'<td class="what">{quoted}<div class="message">{_e(f["message"])}</div>'
        f"{_related(f.get('related', []), anchors)}{hint}</td></tr>"
    )


def _related(related: list[dict[str, Any]], anchors: dict[str, str]) -> str:
    links = []
    for r in related[:6]:
        if r["path"] is None:
            continue
        label = _path(f"{r['path']}:{r['line']}")
        target = anchors.get(r["statement"])
        links.append(f'<a href="#{target}" data-sid="{_e(r["statement"])}">{label}</a>' if target else label)
    more = f" and {len(related) - 6} more" if len(related) > 6 else ""
    return f'<div class="related">see {", ".join(links)}{more}</div>' if links else ""
