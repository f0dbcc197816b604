"""Making the citation graph of the HTML report readable at a few hundred nodes.

- **Echoes collapse into their origin.** Two claims that "support" each other while both trace to the
  same single origin are one report repeated, not a confirmation: their `supports` edge is dropped
  and each links to the origin's node instead (`echoes`), so a story that ten articles copy from
  Reuters draws as a star around Reuters, not as a clique of 45 edges.
- **Grouped by document.** Statement and reference nodes carry their document (`group`); the page
  draws each document's nodes inside one shaded region and lays them out near it.
- **Origins are named for people** ("Reuters", "a.md's own reporting"), as in findings.
"""

from __future__ import annotations

from typing import Any

from citecheck.model import Report, document_of
from citecheck.rules.describe import Places

__all__ = ["collapse_echoes", "group_of", "origin_label"]


def _single_origin(report: Report) -> dict[str, str]:
    """Graph node id of each claim -> its one independent origin (claims with several are left out)."""
    out = {}
    for article in report.articles:
        for s in article.statements:
            c = s.corroboration
            if c is not None and len(c.independent_origins) == 1:
                out[f"stmt:{s.id}"] = c.independent_origins[0]
    return out


def collapse_echoes(graph: dict[str, Any], report: Report) -> dict[str, Any]:
    """The node-link graph with echo edges replaced by one edge from each echoing claim to its origin."""
    origin_of = _single_origin(report)
    nodes = list(graph["nodes"])
    known = {n["id"] for n in nodes}
    links, echoes, collapsed = [], set(), 0
    for link in graph["links"]:
        a, b = origin_of.get(link["source"]), origin_of.get(link["target"])
        if link.get("relation") == "supports" and a is not None and a == b:
            collapsed += 1
            echoes.update({(link["source"], a), (link["target"], a)})
            continue
        links.append(link)
    for stmt, origin in sorted(echoes):
        node = f"origin:{origin}"
        if node not in known:
            known.add(node)
            nodes.append({"id": node, "type": "origin", "label": origin})
        links.append({"source": stmt, "target": node, "relation": "echoes"})
    return {**graph, "nodes": nodes, "links": links, "collapsed": collapsed}


def group_of(node: dict[str, Any]) -> str | None:
    """The document a statement, reference or document node belongs to."""
    kind, _, rest = node["id"].partition(":")
    if kind == "stmt":
        return document_of(rest)
    if kind == "doc":
        return rest
    if kind == "ref":
        return rest.partition(":")[0]
    return None


def origin_label(places: Places, node: dict[str, Any]) -> str:
    label = str(node.get("label") or node["id"])
    return places.origin(label) if node.get("type") == "origin" else label
