"""The citation graph: documents, statements, references, sources and origins, and how they link.

Nodes carry a `type`; edges a `relation`: a document `contains` statements and `lists`
references; a statement `cites` a reference, is `attributed_to` a source, `supports` or
`contradicts` another statement; a reference is `published_by` a source; a source `derives_from`
an origin. Built on networkx; exported as node-link JSON, GraphML or Graphviz DOT.
"""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx

from citecheck.corroborate.origins import reference_origin
from citecheck.credibility.priors import attribution_source, run_priors
from citecheck.credibility.sources import Priors, source_for_reference
from citecheck.model import Article, Report

__all__ = ["build_graph", "export"]


def build_graph(report: Report) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    priors = run_priors(report.credibility)
    for article in report.articles:
        _add_article(graph, article, priors)
    for article in report.articles:
        for s in article.statements:
            c = s.corroboration
            for other in c.supporting if c else ():
                graph.add_edge(f"stmt:{s.id}", f"stmt:{other}", relation="supports")
            for other in c.contradicting if c else ():
                graph.add_edge(f"stmt:{s.id}", f"stmt:{other}", relation="contradicts")
    return graph


def _add_article(graph: nx.MultiDiGraph, article: Article, priors: Priors) -> None:
    doc = article.document
    node = f"doc:{doc.id}"
    graph.add_node(node, type="document", label=doc.meta.title or doc.id, source=doc.source)
    for ref in article.references:
        ref_node = f"ref:{doc.id}:{ref.key}"
        source = source_for_reference(ref, priors)
        graph.add_node(ref_node, type="reference", label=ref.title or ref.key, url=ref.url or "")
        graph.add_edge(node, ref_node, relation="lists")
        _add_source(graph, source.name, source.kind, source.credibility)
        graph.add_edge(ref_node, f"src:{source.name}", relation="published_by")
        origin = reference_origin(ref)
        if origin:
            graph.add_node(f"origin:{origin}", type="origin", label=origin)
            graph.add_edge(f"src:{source.name}", f"origin:{origin}", relation="derives_from")
    for s in article.statements:
        stmt = f"stmt:{s.id}"
        label = s.corroboration.label if s.corroboration else ""
        graph.add_node(stmt, type="statement", label=s.text[:80], kind=s.kind, verdict=label)
        graph.add_edge(node, stmt, relation="contains")
        for c in s.citations:
            if c.reference is not None:
                graph.add_edge(stmt, f"ref:{doc.id}:{c.reference}", relation="cites")
        for a in s.attributions:
            source = attribution_source(a, priors)
            _add_source(graph, source.name, source.kind, source.credibility)
            graph.add_edge(stmt, f"src:{source.name}", relation="attributed_to")


def _add_source(graph: nx.MultiDiGraph, name: str, kind: str, credibility: float | None) -> None:
    node = f"src:{name}"
    if node not in graph:
        graph.add_node(
            node,
            type="source",
            label=name,
            kind=kind,
            credibility=-1.0 if credibility is None else credibility,
        )


def export(graph: nx.MultiDiGraph, fmt: str) -> str:
    if fmt == "json":
        data = nx.node_link_data(graph, edges="links")
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml(graph, buffer)
        return buffer.getvalue().decode("utf-8")
    if fmt == "dot":
        return _dot(graph)
    raise ValueError(f"unknown graph format {fmt!r}")


def _quote(value: Any) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


_SHAPES = {
    "document": "folder",
    "statement": "box",
    "reference": "note",
    "source": "ellipse",
    "origin": "doubleoctagon",
}


def _dot(graph: nx.MultiDiGraph) -> str:
    lines = ["digraph citecheck {", "  rankdir=LR;"]
    for node, data in sorted(graph.nodes(data=True)):
        lines.append(
            f"  {_quote(node)} [label={_quote(data.get('label', node))}, shape={_SHAPES.get(data.get('type'), 'box')}];"
        )
    for a, b, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("relation", ""))):
        lines.append(f"  {_quote(a)} -> {_quote(b)} [label={_quote(data.get('relation', ''))}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
