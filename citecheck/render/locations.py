"""Small helpers the renderers share: where a finding is, in line/column terms."""

from __future__ import annotations

from attrs import frozen

from citecheck.model import Document, Finding, Report

__all__ = ["Located", "located_findings"]


@frozen
class Located:
    finding: Finding
    line: int
    column: int
    end_line: int
    end_column: int


def located_findings(report: Report) -> list[Located]:
    """Every finding with its position, in report order."""
    docs: dict[str, Document] = {a.document.id: a.document for a in report.articles}
    out = []
    for f in report.findings:
        doc = docs.get(f.document)
        if doc is not None and f.span is not None:
            start, end = doc.locator.locate(f.span.start), doc.locator.locate(max(f.span.start, f.span.end))
            out.append(Located(f, start.line, start.column, end.line, end.column))
        else:
            line, column = f.line or 1, f.column or 1
            out.append(Located(f, line, column, line, column))
    return out
