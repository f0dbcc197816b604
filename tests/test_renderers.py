"""Renderers are pure functions of the report: SARIF validates, annotations cannot be injected."""

from __future__ import annotations

import json

import pytest
from conftest import needs_shared

from citecheck.pipeline import analyze_texts
from citecheck.render import render
from citecheck.render.github import escape_data, escape_property

HOSTILE = "Sales rose 9 percent [7].\n\nShares fell \x1b[31m 4 percent ::add-mask::secret%0A::error::pwned [8].\n"


@pytest.fixture(scope="module")
def report():
    return analyze_texts({"drafts/a b.md": HOSTILE, "c.md": "Exports rose 12 percent to $4.1 billion in 2025.\n"})


def test_sarif_validates_against_the_official_schema(report):
    from jsonschema import Draft7Validator

    schema = json.loads(needs_shared("data", "sarif", "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    data = json.loads(render(report, "sarif"))
    errors = list(Draft7Validator(schema).iter_errors(data))
    assert not errors, errors[0].message
    run = data["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {"CC101", "CC201", "CC903"}
    assert run["results"] and all(
        r["ruleId"] == run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] for r in run["results"]
    )
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("c.md") or any(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "drafts/a%20b.md" for r in run["results"]
    )


def test_github_annotations_cannot_start_commands(report):
    out = render(report, "github")
    assert out
    for line in out.splitlines():
        assert line.startswith(("::error ", "::warning ", "::notice "))
        assert line.count("::") == 2  # the command's own two, nothing injected
    assert "%0A::error::pwned" not in out.replace("%250A", "")


def test_github_escaping_rules():
    assert escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert escape_property("x:y,z") == "x%3Ay%2Cz"


def test_text_output_strips_terminal_escapes(report):
    out = render(report, "text")
    assert "\x1b" not in out
    assert "\r" not in out


def test_markdown_escapes_tables_and_html(report):
    out = render(report, "markdown")
    assert "| 🔴 |" in out or "| 🟠 |" in out
    assert "<script" not in out


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif", "github"])
def test_renderers_are_deterministic_and_ignore_input_order(fmt):
    texts = {"a.md": HOSTILE, "b.md": "Exports rose 12 percent to $4.1 billion in 2025.\n"}
    one = render(analyze_texts(texts), fmt)
    assert one == render(analyze_texts(texts), fmt)
    reordered = render(analyze_texts(dict(reversed(list(texts.items())))), fmt)
    if fmt in ("sarif", "github", "markdown"):
        assert sorted(one.splitlines()) == sorted(reordered.splitlines())
