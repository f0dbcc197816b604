"""The `html` format: one self-contained page an editor opens in a browser, offline.

The page holds, in this order: a summary (documents × labels, findings by severity), the findings
table (`html_findings`: each row shows its sentence, linked to it in the article view, and the other
statements it names; filters by severity, rule and document), every document's text with
each statement wrapped in a `<span>` coloured by its label, the sources table, and the citation
graph drawn by a small force-directed layout in vanilla JS (`html_graph`: echoes collapse into their
origin, each document's nodes share a region; in a large graph only documents are labelled until
zoomed in, any node on hover; cross-document edges are faint). Clicking a statement shows its
evidence (label, score, explanation, origins, supporting and contradicting statements, citations
with their reference entries, attributions, hedges, facts, findings) in the side panel.

The data is the `citecheck.report/1` contract (`json_format.to_dict`) plus the graph's node-link
JSON, embedded in `<script type="application/json">` blocks made safe for that context; CSS and JS
are inlined from `report.css`/`report.js` beside this module. The text view is built on the
server side from statement offsets into `Document.text`, every piece of untrusted text escaped with
`render.escape.html_text`. A Content-Security-Policy forbids any network load. Pure: same report, same bytes.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from importlib import resources
from typing import Any

from citecheck.model import Article, Report, Statement
from citecheck.render.escape import html_text
from citecheck.render.graph import build_graph, export
from citecheck.render.html_findings import findings_section
from citecheck.render.html_graph import collapse_echoes, group_of, origin_label
from citecheck.render.json_format import LABELS, to_dict
from citecheck.rules.describe import Places

__all__ = ["render", "script_json"]

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
_SCRIPT_UNSAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)
_HTTP_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f]+$", re.IGNORECASE)
_GRAPH_RANK = {"document": 0, "origin": 1, "source": 2, "reference": 3, "statement": 4}
_SEVERITIES = ("error", "warning", "info")
_LABEL_NAMES = {"single_source": "single source"}
# Column heads of the summary table: short enough that eleven numbers fit beside the evidence panel
# at 1280 px; the full name is the tooltip.
_SHORT = {
    "corroborated": "corr.",
    "single_source": "single",
    "unsupported": "unsup.",
    "contradicted": "contra.",
    "disputed": "disp.",
    "opinion": "opin.",
    "error": "err.",
    "warning": "warn.",
    "info": "info",
}
DEFAULT_TITLE = "citecheck report"


def _e(value: object) -> str:
    return html_text("" if value is None else str(value))


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def script_json(data: object) -> str:
    """JSON that cannot end or comment out the `<script>` element holding it (`</`, `<!--`),
    nor break a JS line (U+2028/2029): every `<`, `>` and `&` becomes a `\\u` escape."""
    return json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":")).translate(_SCRIPT_UNSAFE)


def render(
    report: Report, *, title: str | None = None, graph: bool = True, max_graph_nodes: int = 600, **_: object
) -> str:
    data = to_dict(report)
    anchors: dict[str, str] = {
        s.id: f"s-{d}-{n}" for d, a in enumerate(report.articles) for n, s in enumerate(a.statements)
    }
    title = title or DEFAULT_TITLE
    payload = {"report": data, "anchors": anchors, "external": _external(report, anchors)}
    body = [
        _header(title, data),
        _summary(data),
        findings_section(data, anchors),
        *(_document(i, a, d, anchors) for i, (a, d) in enumerate(zip(report.articles, data["documents"]))),
        _sources(data["sources"]),
        _graph_section(report, max_graph_nodes) if graph else "",
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="citecheck">',
            f"<title>{_e(title)}</title>",
            f"<style>\n{_asset('report.css')}</style>",
            "</head>",
            "<body>",
            '<div class="layout"><main>',
            *body,
            "</main>",
            _panel(),
            "</div>",
            f'<script type="application/json" id="cc-data">{script_json(payload)}</script>',
            f"<script>\n{_asset('report.js')}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _external(report: Report, anchors: dict[str, str]) -> dict[str, dict[str, str]]:
    """Statements cited as support/contradiction that live outside the reported documents
    (`--against` evidence): their text and source, so the panel can show what they say."""
    wanted = {
        x
        for a in report.articles
        for s in a.statements
        if s.corroboration
        for x in (*s.corroboration.supporting, *s.corroboration.contradicting)
    } - anchors.keys()
    return {
        s.id: {"text": s.text, "source": a.document.source, "title": a.document.meta.title or a.document.id}
        for a in report.evidence
        for s in a.statements
        if s.id in wanted
    }


def _path(path: str) -> str:
    """An escaped path that may wrap after each `/`."""
    return _e(path).replace("/", "/<wbr>")


def _label(label: str) -> str:
    return _LABEL_NAMES.get(label, label)


def _header(title: str, data: dict[str, Any]) -> str:
    s = data["summary"]
    chips = "".join(
        f'<span class="chip label-{label}">{_e(_label(label))} <b>{s["labels"][label]}</b></span>' for label in LABELS
    )
    tool = data["tool"]
    return (
        f'<header class="top"><h1>{_e(title)}</h1>'
        f'<p class="meta">{s["documents"]} documents · {s["statements"]} statements · {s["claims"]} claims · '
        f"{s['findings']['error']} errors · {s['findings']['warning']} warnings · {s['findings']['info']} info"
        f" · {_e(tool['name'])} {_e(tool['version'])}</p>"
        f'<p class="legend">{chips}</p>'
        '<nav><a href="#summary">Summary</a><a href="#findings">Findings</a><a href="#documents">Documents</a>'
        '<a href="#sources">Sources</a><a href="#graph-section">Citation graph</a></nav></header>'
    )


def _summary(data: dict[str, Any]) -> str:
    found = Counter((f["document"], f["severity"]) for f in data["findings"])
    head = "".join(f'<th class="num label-{x}" title="{_e(_label(x))}">{_SHORT[x]}</th>' for x in LABELS)
    head += "".join(f'<th class="num sev-{x}" title="{x}">{_SHORT[x]}</th>' for x in _SEVERITIES)
    rows = []
    for i, doc in enumerate(data["documents"]):
        labels = Counter(s["corroboration"]["label"] for s in doc["statements"] if "corroboration" in s)
        claims = sum(1 for s in doc["statements"] if s["kind"] == "claim")
        cells = "".join(_count(labels[x]) for x in LABELS) + "".join(_count(found[doc["id"], x]) for x in _SEVERITIES)
        rows.append(
            f'<tr><td><a href="#doc-{i}">{_e(doc["title"] or doc["id"])}</a>'
            f'<div class="path">{_path(doc["source"])}</div></td>'
            f'<td class="num">{len(doc["statements"])}</td><td class="num">{claims}</td>{cells}</tr>'
        )
    s = data["summary"]
    total = "".join(_count(s["labels"][x]) for x in LABELS) + "".join(_count(s["findings"][x]) for x in _SEVERITIES)
    return (
        '<section id="summary"><h2>Summary</h2><div class="scroll"><table class="summary">'
        '<thead><tr><th>Document</th><th class="num" title="statements">stmts</th><th class="num">claims</th>'
        f'{head}</tr></thead><tbody>{"".join(rows)}</tbody><tfoot><tr><th>Total</th><td class="num">'
        f'{s["statements"]}</td><td class="num">{s["claims"]}</td>{total}</tr></tfoot></table></div></section>'
    )


def _count(n: int) -> str:
    return f'<td class="num{" zero" if not n else ""}">{n}</td>'


def _document(index: int, article: Article, doc: dict[str, Any], anchors: dict[str, str]) -> str:
    about = " · ".join(_e(x) for x in (doc["author"], doc["publisher"], doc["published"]) if x)
    warnings = "".join(f"<li>{_e(w)}</li>" for w in doc["warnings"])
    heading = '<h2 id="documents">Documents</h2>' if index == 0 else ""
    return (
        f'{heading}<section class="document" id="doc-{index}" data-doc="{_e(doc["id"])}">'
        f"<h3>{_e(doc['title'] or doc['id'])}</h3>"
        f'<p class="meta"><span class="path">{_e(doc["source"])}</span>{" · " + about if about else ""}'
        f" · {_e(doc['format'])}</p>"
        f"{_bar(doc)}"
        f"{f'<ul class=warnings>{warnings}</ul>' if warnings else ''}"
        f'<div class="text">{_text_view(article, anchors)}</div>'
        f"{_references(doc['references'])}</section>"
    )


def _bar(doc: dict[str, Any]) -> str:
    labels = Counter(
        s["corroboration"]["label"] for s in doc["statements"] if s["kind"] == "claim" and "corroboration" in s
    )
    total = sum(labels.values())
    if not total:
        return ""
    parts = "".join(
        f'<span class="label-{x}" style="flex-grow:{labels[x]}" title="{_e(_label(x))}: {labels[x]}"></span>'
        for x in LABELS
        if labels[x]
    )
    return f'<div class="bar" aria-label="claims by label">{parts}</div>'


def _text_view(article: Article, anchors: dict[str, str]) -> str:
    """The document text; each statement a span between escaped gaps. Offsets, never searching."""
    text, pos, out = article.document.text, 0, []
    for s in sorted(article.statements, key=lambda s: (s.span.start, s.span.end)):
        start, end = max(s.span.start, pos), min(s.span.end, len(text))
        if end <= start:
            continue
        out += [_e(text[pos:start]), _statement(s, text, start, end, anchors[s.id])]
        pos = end
    out.append(_e(text[pos:]))
    return "".join(out)


def _statement(s: Statement, text: str, start: int, end: int, dom_id: str) -> str:
    c = s.corroboration
    label = c.label if c else "none"
    score = f" {c.score:.2f}" if c and c.score is not None else ""
    tip = f"{_label(label)}{score}" + (f" — {c.explanation}" if c and c.explanation else "") + " (click for evidence)"
    kind = "claim" if s.kind == "claim" else "stmt"
    return (
        f'<span id="{dom_id}" class="{kind} label-{label} kind-{s.kind}" data-sid="{_e(s.id)}" tabindex="0" '
        f'title="{_e(tip)}">{_marked(s, text, start, end)}</span>'
    )


def _marked(s: Statement, text: str, start: int, end: int) -> str:
    """Statement text with its citation markers and numeric facts marked, overlapping marks dropped."""
    marks = [(c.span.start, c.span.end, "cite") for c in s.citations]
    marks += [(f.span.start, f.span.end, "fact") for f in s.facts if f.kind != "entity"]
    out, pos = [], start
    for a, b, cls in sorted(marks):
        if a < pos or b > end or b <= a:
            continue
        out += [_e(text[pos:a]), f'<span class="{cls}">{_e(text[a:b])}</span>']
        pos = b
    out.append(_e(text[pos:end]))
    return "".join(out)


def _references(refs: list[dict[str, Any]]) -> str:
    if not refs:
        return '<p class="refs-none">No references listed.</p>'
    items = "".join(f"<li>{_reference(r)}</li>" for r in refs)
    return f'<details class="refs"><summary>References ({len(refs)})</summary><ul>{items}</ul></details>'


def _reference(r: dict[str, Any]) -> str:
    parts = [f'<span class="key">[{_e(r["key"])}]</span>']
    parts += [_e(x) for x in (r["publisher"], r["title"] and f"“{r['title']}”", r["date"]) if x]
    if r["url"]:
        parts.append(_link(r["url"]))
    return " ".join(parts)


def _link(url: str) -> str:
    if _HTTP_URL.match(url):
        return f'<a class="url" href="{_e(url)}" rel="noopener noreferrer nofollow" target="_blank">{_e(url)}</a>'
    return f'<span class="url">{_e(url)}</span>'


def _sources(sources: list[dict[str, Any]]) -> str:
    if not sources:
        return '<section id="sources"><h2>Sources</h2><p class="empty">No sources.</p></section>'
    rows = "".join(
        f"<tr><td>{_e(s['name'])}</td><td>{_e(s['domain'] or '')}</td><td>{_e(s['kind'])}</td>"
        f'<td class="num">{_credibility(s["credibility"])}</td>'
        f'<td class="basis">{_e(s["basis"])}</td><td class="num">{len(s["cited_by"])}</td></tr>'
        for s in sources
    )
    return (
        f'<section id="sources"><h2>Sources <span class="count">{len(sources)}</span></h2><div class="scroll">'
        '<table class="sources"><thead><tr><th>Source</th><th>Domain</th><th>Kind</th>'
        '<th class="num">Credibility</th><th>Basis</th><th class="num">Cited by</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div></section>"
    )


def _credibility(value: float | None) -> str:
    return "–" if value is None or value < 0 else f"{value:.2f}"


def _graph_section(report: Report, limit: int) -> str:
    data = _graph_data(report, limit)
    shown, total = len(data["nodes"]), data["total"]
    note = f" (showing {shown} of {total} nodes)" if shown < total else ""
    legend = "".join(f'<span class="gl gl-{t}">{t}</span>' for t in ("document", "reference", "source", "origin"))
    legend += "".join(f'<span class="gl gl-claim label-{x}">{_e(_label(x))} claim</span>' for x in LABELS)
    return (
        '<section id="graph-section"><h2>Citation graph</h2>'
        f'<p class="meta">Documents, their claims, references, sources and origins{_e(note)}. '
        "Drag to pan, use the buttons to zoom, click a claim to see its evidence.</p>"
        f'<p class="legend">{legend}</p>'
        '<div class="graph-tools"><button type="button" data-zoom="1.25">+</button>'
        '<button type="button" data-zoom="0.8">−</button><button type="button" data-zoom="0">reset</button></div>'
        '<svg id="graph" role="img" aria-label="citation graph"></svg>'
        f'<script type="application/json" id="cc-graph">{script_json(data)}</script></section>'
    )


def _graph_data(report: Report, limit: int) -> dict[str, Any]:
    """The graph's node-link JSON, reduced to what stays readable: no non-claim statements, at most
    `limit` nodes (documents first, claims last), short labels, only edges between kept nodes."""
    full = collapse_echoes(json.loads(export(build_graph(report), "json")), report)
    places = Places((*report.articles, *report.evidence))
    nodes = [n for n in full["nodes"] if n.get("type", "statement") != "statement" or n.get("kind", "claim") == "claim"]
    total = len(nodes)
    nodes = sorted(nodes, key=lambda n: _GRAPH_RANK.get(n.get("type", "statement"), 5))[: max(limit, 0)]
    kept = {n["id"] for n in nodes}
    return {
        "total": total,
        "collapsed": full["collapsed"],
        "nodes": [_graph_node(n, places) for n in nodes],
        "links": _graph_links(full["links"], kept),
    }


def _graph_node(n: dict[str, Any], places: Places) -> dict[str, Any]:
    label = origin_label(places, n)
    out = {"id": n["id"], "type": n.get("type", "statement"), "label": label[:80]}
    group = group_of(n)
    if group is not None:
        out["group"] = group
    if out["type"] == "statement":
        out["verdict"] = n.get("verdict") or "none"
    if out["type"] == "source":
        out["kind"] = n.get("kind", "")
    return out


def _graph_links(links: Iterable[dict[str, Any]], kept: set[str]) -> list[dict[str, str]]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for link in links:
        key = (link["source"], link["target"], link.get("relation", ""))
        if key[0] in kept and key[1] in kept and key not in seen:
            seen.add(key)
            out.append({"source": key[0], "target": key[1], "relation": key[2]})
    return out


def _panel() -> str:
    return (
        '<aside id="evidence" aria-live="polite"><div class="panel-inner">'
        '<h2>Evidence</h2><p class="empty">Click a highlighted sentence (or a finding’s location) to see '
        "its label, score, origins, supporting and contradicting statements, citations and facts.</p>"
        "</div></aside>"
    )
