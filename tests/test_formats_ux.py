"""Formats agree with the README (issue 15, item 4): Markdown code spans show exactly their text,
SARIF URIs are relative to a `uriBaseId` and validate against the 2.1.0 schema, the pre-commit hook
runs on drafts only."""

from __future__ import annotations

import html
import json
import os
import re

import pytest
import yaml
from conftest import ROOT, needs_shared
from markdown_it import MarkdownIt

from citecheck.pipeline import analyze, analyze_texts
from citecheck.render import render
from citecheck.render.markdown import code_span

TRICKY = ["drafts/my_file*.md:3:1", "a`b.md", "`x", "a|b.md", "<b>&amp;", "x\\_y", "a``b` c"]


@pytest.mark.parametrize("text", TRICKY)
def test_code_span_in_a_table_shows_exactly_its_text(text):
    table = f"| a | b |\n|---|---|\n| {code_span(text)} | z |\n"
    cell = MarkdownIt("commonmark").enable("table").render(table).split("<td>")[1].split("</td>")[0]
    code = re.fullmatch(r"<code>(.*)</code>", cell)
    assert code is not None, cell
    assert html.unescape(code.group(1)) == text


def test_markdown_report_locations_have_no_backslashes():
    report = analyze_texts({"drafts/my_draft_1.md": "Exports rose 12 percent to $4.1 billion in 2025.\n"})
    out = render(report, "markdown")
    assert "`drafts/my_draft_1.md:1:1`" in out
    assert "\\_" not in out.split("`drafts/", 1)[1].split("`", 1)[0]


def _sarif_validator():
    from jsonschema import Draft7Validator

    schema = json.loads(needs_shared("data", "sarif", "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return Draft7Validator(schema)


CONFLICT = "Tarsenia approved imports of {n} Kestrel buses, according to {who}.\n"


def _uris(run: dict) -> set[str]:
    found = set()
    for result in run["results"]:
        for where in (*result["locations"], *result.get("relatedLocations", ())):
            artifact = where["physicalLocation"]["artifactLocation"]
            assert artifact["uriBaseId"] == "SRCROOT"
            found.add(artifact["uri"])
    return found


def test_sarif_uris_are_relative_to_the_folder_citecheck_ran_in(tmp_path, monkeypatch):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a b.md").write_text(CONFLICT.format(n="400,000", who="a trade newsletter"))
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "b.md").write_text(CONFLICT.format(n="900,000", who="Bloomberg"))
    monkeypatch.chdir(tmp_path)
    data = json.loads(render(analyze(["drafts"], against=["./sources/b.md"]), "sarif"))
    errors = list(_sarif_validator().iter_errors(data))
    assert not errors, errors[0].message
    run = data["runs"][0]
    assert run["originalUriBaseIds"]["SRCROOT"].get("uri") is None  # the consumer knows its checkout
    assert _uris(run) == {"drafts/a%20b.md", "sources/b.md"}  # relatedLocations name the contradicting file
    conflict = next(r for r in run["results"] if r["ruleId"] == "CC301")
    assert conflict["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_sarif_inputs_outside_the_folder_get_an_absolute_base(tmp_path, monkeypatch):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text("Exports rose 12 percent to $4.1 billion in 2025.\n")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    data = json.loads(render(analyze(["../drafts/a.md", "../drafts/missing.md"]), "sarif"))
    assert not list(_sarif_validator().iter_errors(data))
    run = data["runs"][0]
    base = run["originalUriBaseIds"]["SRCROOT"]["uri"]
    assert base == (tmp_path / "drafts").resolve().as_uri() + "/"
    assert _uris(run) == {"a.md", "missing.md"}  # never ../


def test_sarif_of_the_fixture_corpus_validates():
    corpus = ROOT / "fixtures" / "corpora" / "story_echo"
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        report = analyze([str(p.relative_to(ROOT)) for p in sorted(corpus.iterdir()) if p.name[:1].isdigit()])
        data = json.loads(render(report, "sarif"))
    finally:
        os.chdir(cwd)
    assert not list(_sarif_validator().iter_errors(data))
    assert all(not uri.startswith("..") for uri in _uris(data["runs"][0]))


def test_pre_commit_hook_runs_on_drafts_only():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "citecheck")
    assert "types_or" not in hook and "text" not in hook.get("types", [])  # `text` matches every text file
    pattern = re.compile(hook["files"])
    for name in ("drafts/a.md", "b.markdown", "c.html", "d.htm", "notes/e.txt"):
        assert pattern.search(name), name
    for name in (".pre-commit-config.yaml", "pyproject.toml", "setup.py", "README.rst", "a.md.bak", "x.json"):
        assert not pattern.search(name), name


def test_readme_documents_the_files_override():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "files:" in readme.split("pre-commit hook", 1)[1][:800]


def test_hook_pattern_covers_every_suffix_the_reader_knows():
    from citecheck.read.files import FORMATS

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    pattern = re.compile(hooks[0]["files"])
    assert {s for s in FORMATS if pattern.search(f"a{s}")} == set(FORMATS)  # the hook and the reader agree
