"""Baselines: record today's findings, then fail only on new ones.

A finding is matched by rule code, document path and the text of its statement (or its message
when it has no statement), never by line number, so edits above a finding do not revive it.
Matching counts multiplicity: two identical findings need two baseline entries.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from citecheck.errors import ConfigError
from citecheck.model import Finding, Report

__all__ = ["fingerprint", "write_baseline", "read_baseline", "filter_new"]


def fingerprint(finding: Finding, report: Report) -> str:
    text = finding.message
    if finding.statement:
        for article in report.articles:
            found = next((s.text for s in article.statements if s.id == finding.statement), None)
            if found is not None:
                text = " ".join(found.split())
                break
    raw = "\x1f".join((finding.code, finding.path, text))
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def write_baseline(path: str, report: Report) -> None:
    entries = sorted(
        ({"code": f.code, "path": f.path, "fingerprint": fingerprint(f, report)} for f in report.findings),
        key=lambda e: (e["path"], e["code"], e["fingerprint"]),
    )
    Path(path).write_text(
        json.dumps({"schema": "citecheck.baseline/1", "findings": entries}, indent=2) + "\n", encoding="utf-8"
    )


def read_baseline(path: str) -> Counter[str]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return Counter(e["fingerprint"] for e in data["findings"])
    except FileNotFoundError:
        raise ConfigError(f"--baseline {path}: no such file (create it with --write-baseline)") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"--baseline {path}: not a citecheck baseline ({exc})") from None


def filter_new(report: Report, known: Counter[str]) -> tuple[Finding, ...]:
    remaining = Counter(known)
    new = []
    for f in report.findings:
        key = fingerprint(f, report)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            new.append(f)
    return tuple(new)
