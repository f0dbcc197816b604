"""The `citecheck.report/1` JSON contract (see citecheck/schema/report-1.json)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from citecheck.model import (
    Article,
    Attribution,
    Citation,
    Corroboration,
    Document,
    Fact,
    Finding,
    Label,
    Reference,
    Report,
    Source,
    Statement,
)
from citecheck.rules.describe import Places
from citecheck.version import __version__

__all__ = ["render", "chunks", "to_dict", "SCHEMA", "LABELS"]

SCHEMA = "citecheck.report/1"
LABELS: tuple[Label, ...] = ("corroborated", "single_source", "unsupported", "contradicted", "disputed", "opinion")


def render(report: Report, indent: int | None = None, **_: object) -> str:
    """The report as one string: compact, or indented by `indent` spaces for people to read."""
    return "".join(chunks(report, indent))


def to_dict(report: Report) -> dict[str, Any]:
    findings = _findings(report)
    return {
        "schema": SCHEMA,
        "tool": {"name": "citecheck", "version": __version__},
        "documents": [_document(a) for a in report.articles],
        "sources": [_source(s) for s in report.sources],
        "findings": findings,
        "summary": _summary(report, findings),
    }


def chunks(report: Report, indent: int | None = None) -> Iterator[str]:
    """The same JSON as `json.dumps(to_dict(report), indent=indent)`, a statement at a time, so that a
    large report is written as it is encoded and never held whole (a draft of 300,000 one-word
    statements once held 3 million live objects, and the garbage collector kept walking them). Each
    piece goes through the C encoder when compact (`indent=None`); an indented piece is shifted to its
    depth."""
    findings = _findings(report)
    shared: dict[int, dict[str, Any]] = {}
    top: list[tuple[str, Any]] = [
        ("schema", SCHEMA),
        ("tool", {"name": "citecheck", "version": __version__}),
        ("documents", _Streamed(_object(_document_fields(a, shared, True), indent, 2) for a in report.articles)),
        ("sources", [_source(s) for s in report.sources]),
        ("findings", _Streamed(findings)),
        ("summary", _summary(report, findings)),
    ]
    yield from _object(top, indent, 0)
    yield "\n"


class _Streamed:
    """An array written item by item; an item is a value to encode or the pieces of a streamed object."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def _object(fields: list[tuple[str, Any]], indent: int | None, level: int) -> Iterator[str]:
    newline, colon = ("\n", ": ") if indent is not None else ("", ":")
    yield "{"
    for i, (key, value) in enumerate(fields):
        yield ("," if i else "") + newline + _pad(indent, level + 1) + json.dumps(key) + colon
        if isinstance(value, _Streamed):
            yield from _array(value.items, indent, level + 1)
        else:
            yield _dump(value, indent, level + 1)
    yield (newline + _pad(indent, level) + "}") if fields else "}"


def _array(items: Iterable[Any], indent: int | None, level: int) -> Iterator[str]:
    newline = "\n" if indent is not None else ""
    empty = True
    for item in items:
        opening = ("[" if empty else ",") + newline + _pad(indent, level + 1)
        if isinstance(item, Iterator):
            yield opening
            yield from item
        else:
            yield opening + _dump(item, indent, level + 1)
        empty = False
    yield "[]" if empty else newline + _pad(indent, level) + "]"


def _pad(indent: int | None, level: int) -> str:
    return " " * (indent * level) if indent is not None else ""


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # one encoder, not one per statement


def _dump(value: Any, indent: int | None, level: int) -> str:
    if indent is None:
        return _COMPACT.encode(value)
    # strings hold no raw newline (JSON escapes it), so every newline here is indentation
    return json.dumps(value, ensure_ascii=False, indent=indent).replace("\n", "\n" + _pad(indent, level))


def _findings(report: Report) -> list[dict[str, Any]]:
    docs = {a.document.id: a.document for a in report.articles}
    places = Places((*report.articles, *report.evidence))
    findings = [_finding(f, docs.get(f.document), places) for f in report.findings]
    findings.sort(key=lambda f: (f["path"], f["line"], f["column"], f["code"], f["message"]))
    return findings


def _document(article: Article) -> dict[str, Any]:
    return dict(_document_fields(article, {}, streamed=False))


def _document_fields(article: Article, shared: dict[int, dict[str, Any]], streamed: bool) -> list[tuple[str, Any]]:
    """A document's fields in contract order; `streamed` leaves its statements to be encoded one by one."""
    doc = article.document
    statements = (_statement(s, doc, shared) for s in article.statements)
    return [
        ("id", doc.id),
        ("source", doc.source),
        ("format", doc.format),
        ("title", doc.meta.title),
        ("author", doc.meta.author),
        ("publisher", doc.meta.publisher),
        ("published", doc.meta.published),
        ("references", [_reference(r, doc) for r in article.references]),
        ("statements", _Streamed(statements) if streamed else list(statements)),
        ("warnings", list(doc.warnings)),
    ]


def _at(doc: Document, offset: int) -> dict[str, int]:
    where = doc.locator.locate(offset)
    return {"line": where.line, "column": where.column}


def _reference(ref: Reference, doc: Document) -> dict[str, Any]:
    return {
        "key": ref.key,
        "text": ref.text,
        "publisher": ref.publisher,
        "title": ref.title,
        "date": ref.date,
        "url": ref.url,
        "origin": ref.origin,
        **_at(doc, ref.span.start),
    }


def _statement(s: Statement, doc: Document, shared: dict[int, dict[str, Any]]) -> dict[str, Any]:
    out = {
        "id": s.id,
        "text": s.text,
        "start": s.span.start,
        "end": s.span.end,
        **_at(doc, s.span.start),
        "kind": s.kind,
        "checkworthy": s.checkworthy,
        "block": s.block,
        "facts": [_fact(f) for f in s.facts],
        "citations": [_citation(c) for c in s.citations],
        "attributions": [_attribution(a) for a in s.attributions],
        "hedges": [h.cue for h in s.hedges],
    }
    c = s.corroboration
    if c is not None and c.label == "opinion":
        # statements that are not claims share one value per kind: built once, not once per statement
        out["corroboration"] = shared.get(id(c)) or shared.setdefault(id(c), _corroboration(c))
    elif c is not None:
        out["corroboration"] = _corroboration(c)
    return out


def _fact(f: Fact) -> dict[str, Any]:
    out = {
        "kind": f.kind,
        "text": f.text,
        "value": f.value,
        "unit": f.unit,
        "qualifier": f.qualifier,
        "entities": list(f.entities),
        "subject": f.subject,
        "start": f.span.start,
        "end": f.span.end,
    }
    if f.low is not None or f.high is not None:
        out.update(low=f.low, high=f.high)
    return out


def _citation(c: Citation) -> dict[str, Any]:
    return {
        "marker": c.marker,
        "key": c.key,
        "reference": c.reference,
        "kind": c.kind,
        "url": c.url,
        "start": c.span.start,
        "end": c.span.end,
    }


def _attribution(a: Attribution) -> dict[str, Any]:
    return {
        "source": a.source,
        "kind": a.kind,
        "cue": a.cue,
        "text": a.text,
        "start": a.span.start,
        "end": a.span.end,
    }


def _corroboration(c: Corroboration) -> dict[str, Any]:
    return {
        "label": c.label,
        "score": c.score,
        "supporting": list(c.supporting),
        "contradicting": list(c.contradicting),
        "independent_origins": list(c.independent_origins),
        "explanation": c.explanation,
        "terms": [{"term": name, "weight": weight} for name, weight in c.terms],
        # added fields (the contract allows them): the statements the claim outweighs, and what the
        # bounded evidence lists leave out
        "dissenting": list(c.dissenting),
        "supporting_unlisted": c.supporting_unlisted,
        "contradicting_unlisted": c.contradicting_unlisted,
        "values_not_compared": c.values_not_compared,
    }


def _source(s: Source) -> dict[str, Any]:
    return {
        "name": s.name,
        "domain": s.domain,
        "kind": s.kind,
        "credibility": s.credibility,
        "basis": s.basis,
        "cited_by": list(s.cited_by),
    }


def _finding(f: Finding, doc: Document | None, places: Places) -> dict[str, Any]:
    where = (
        _at(doc, f.span.start)
        if doc is not None and f.span is not None
        else {"line": f.line or 1, "column": f.column or 1}
    )
    return {
        "code": f.code,
        "rule": f.rule,
        "severity": f.severity,
        "document": f.document,
        "path": f.path,
        **where,
        "statement": f.statement,
        "message": f.message,
        "hint": f.hint,
        "related": [_related(sid, places) for sid in f.related],
    }


def _related(statement: str, places: Places) -> dict[str, Any]:
    """Another statement the message names: its id for machines, its place for people."""
    place = places.place(statement)
    if place is None:
        return {"statement": statement, "path": None, "line": None, "column": None}
    return {"statement": statement, "path": place.path, "line": place.line, "column": place.column}


def _summary(report: Report, findings: list[dict[str, Any]]) -> dict[str, Any]:
    statements = [s for a in report.articles for s in a.statements]
    labels = Counter(s.corroboration.label for s in statements if s.corroboration is not None)
    severities = Counter(f["severity"] for f in findings)
    return {
        "documents": len(report.articles),
        "statements": len(statements),
        "claims": sum(1 for s in statements if s.kind == "claim"),
        "labels": {label: labels.get(label, 0) for label in LABELS},
        "findings": {sev: severities.get(sev, 0) for sev in ("error", "warning", "info")},
        "unreadable": len(report.problems),
        "hidden": {"baseline": report.baselined, "suppressed": report.suppressed},
        "incomplete": bool(report.problems),
    }
