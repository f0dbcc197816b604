"""The citation graph: nodes and edges for documents, statements, references, sources and origins."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import FIXTURES

from citecheck.pipeline import analyze
from citecheck.render.graph import build_graph, export

STORY = sorted(str(p) for p in (FIXTURES / "corpora" / "story_echo").glob("0*"))


def test_graph_links_statements_references_sources_and_origins():
    report = analyze(STORY)
    graph = build_graph(report)
    types = {data["type"] for _, data in graph.nodes(data=True)}
    assert types == {"document", "statement", "reference", "source", "origin"}
    relations = {data["relation"] for _, _, data in graph.edges(data=True)}
    assert {"contains", "lists", "cites", "attributed_to", "supports", "published_by", "derives_from"} <= relations
    # the market-watch reference reports what Reuters reported: its source derives from Reuters
    assert any(b == "origin:Reuters" and data["relation"] == "derives_from" for a, b, data in graph.edges(data=True))


def test_exports_parse(tmp_path):
    graph = build_graph(analyze(STORY))
    data = json.loads(export(graph, "json"))
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert export(graph, "graphml").startswith("<?xml")
    dot = export(graph, "dot")
    assert dot.startswith("digraph citecheck {") and dot.rstrip().endswith("}")


def test_graph_command(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "citecheck", "graph", "--format", "json", *STORY],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["nodes"]
