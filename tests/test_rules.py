"""Every rule's own examples: each `fires=True` draft yields the rule's code, each `fires=False` does not.

One parametrised test runs them all, and a golden file pins the rule table (codes are never reused).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.pipeline import analyze_texts
from citecheck.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
CASES = [(rule, i, ex) for rule in RULES for i, ex in enumerate(rule.examples)]


@pytest.mark.parametrize(("rule", "index", "example"), CASES, ids=[f"{r.code}-{i}" for r, i, _ in CASES])
def test_rule_example(rule, index, example):
    against = {f"evidence{i}.md": text for i, text in enumerate(example.against)}
    fetcher = fake_fetcher(example.pages) if example.pages else None
    report = analyze_texts({"draft.md": example.text}, against=against, fetcher=fetcher)
    codes = [f.code for f in report.findings]
    if example.fires:
        assert rule.code in codes, f"{rule.code} should fire on example {index}; got {codes}"
    else:
        assert rule.code not in codes, f"{rule.code} should stay quiet on example {index}; got {codes}"


def fake_fetcher(pages):
    """What `citecheck.fetch.client.fetch_all` would return, without a network: the rule logic is under test
    here; the fetcher's own behaviour is tested against a local server in test_fetch*.py."""
    from citecheck.fetch.client import FetchResult

    results = {
        url: FetchResult(
            url=url,
            final_url=url,
            status=status,
            reason_code=reason,
            http_status=200 if html else None,
            content_type="text/html" if html else None,
            text=html or None,
            redirects=(),
            address="203.0.113.7",
            detail="",
            from_cache=False,
        )
        for url, status, reason, html in pages
    }
    return lambda urls: {u: results[u] for u in urls if u in results}


def test_every_rule_has_pass_and_fail_examples():
    for rule in RULES:
        if rule.code == "CC903":  # unreadable input: exercised by tests/test_cli.py with real bad files
            continue
        assert any(e.fires for e in rule.examples), rule.code
        assert any(not e.fires for e in rule.examples), rule.code


def test_rule_table_is_pinned():
    table = "\n".join(f"{r.code} {r.name} {r.severity}" for r in RULES) + "\n"
    assert table == (ROOT / "tests" / "golden" / "rules.txt").read_text(encoding="utf-8")


def test_rules_are_well_formed():
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    for rule in RULES:
        assert rule.name == rule.name.lower() and " " not in rule.name
        assert rule.doc.startswith("What:") and "Why:" in rule.doc and "Example:" in rule.doc
