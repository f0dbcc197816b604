"""SARIF 2.1.0 for code-scanning dashboards: the rule table as `tool.driver.rules`, one result per
finding, columns counted in Unicode code points (`columnKind`).

Artifact URIs are relative to a base (`uriBaseId` "SRCROOT"): the folder citecheck ran in, whose
absolute location the consumer supplies (a checkout's root, as code scanning does), or, when some
input lies outside it, the deepest folder holding every input, given as an absolute `file:` URI. A URI
never starts with `../`. The other statements a finding names become `relatedLocations`."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path, PurePath
from urllib.parse import quote

from citecheck.model import Report
from citecheck.render.escape import sarif_text
from citecheck.render.locations import Located, located_findings
from citecheck.rules import RULES
from citecheck.rules.describe import Place, Places
from citecheck.version import __version__

__all__ = ["render"]

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rules() -> list[dict]:
    return [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.doc},
            "help": {"text": r.doc},
            "defaultConfiguration": {"level": _LEVEL[r.severity]},
            "properties": {"tags": ["citations"], "needsNetwork": r.needs_network},
        }
        for r in RULES
    ]


BASE_ID = "SRCROOT"


def _is_file(path: str) -> bool:
    return path != "-" and not path.lower().startswith(("http://", "https://"))


def _base(paths: Iterable[str]) -> Path | None:
    """None when every file input lies under the current folder; else the folder holding them all."""
    cwd = Path.cwd().resolve()
    files = [Path(p).resolve() for p in paths if _is_file(p)]
    if all(f.is_relative_to(cwd) for f in files):
        return None
    return Path(os.path.commonpath([str(f.parent) for f in files]))


def _artifact(path: str, base: Path | None) -> dict:
    if not _is_file(path):  # a URL input is its own absolute URI; stdin has no file
        return {"uri": path if path != "-" else "stdin"}
    absolute = Path(path).resolve()
    relative = absolute.relative_to(base or Path.cwd().resolve())
    return {"uri": quote(PurePath(relative).as_posix(), safe="/"), "uriBaseId": BASE_ID}


def _base_ids(base: Path | None) -> dict:
    if base is None:
        return {BASE_ID: {"description": {"text": "the folder citecheck ran in"}}}
    return {BASE_ID: {"uri": base.as_uri() + "/", "description": {"text": "the folder holding every input"}}}


def _related(places: Places, ids: Iterable[str], base: Path | None) -> list[dict]:
    found = [p for p in (places.place(sid) for sid in ids) if p is not None]
    return [_related_location(i, place, base) for i, place in enumerate(found)]


def _related_location(i: int, place: Place, base: Path | None) -> dict:
    return {
        "id": i,
        "physicalLocation": {
            "artifactLocation": _artifact(place.path, base),
            "region": {"startLine": place.line, "startColumn": place.column},
        },
        "message": {"text": " ".join(place.text.split())[:300]},
    }


def _result(item: Located, index: dict[str, int], base: Path | None, places: Places) -> dict:
    f = item.finding
    fingerprint = hashlib.sha256("\x1f".join((f.code, f.path, f.statement or "", f.message)).encode()).hexdigest()[:32]
    message = f.message + (f" ({f.hint})" if f.hint else "")
    result = {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": _LEVEL[f.severity],
        "message": {"text": sarif_text(message)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(f.path, base),
                    "region": {
                        "startLine": item.line,
                        "startColumn": item.column,
                        "endLine": item.end_line,
                        "endColumn": max(item.end_column, item.column),
                    },
                }
            }
        ],
        "partialFingerprints": {"citecheck/v1": fingerprint},
    }
    related = _related(places, f.related, base)
    if related:
        result["relatedLocations"] = related
    return result


def render(report: Report, **_: object) -> str:
    rules = _rules()
    index = {r["id"]: i for i, r in enumerate(rules)}
    located = located_findings(report)
    places = Places((*report.articles, *report.evidence))
    base = _base([item.finding.path for item in located] + [a.document.source for a in report.evidence])
    run = {
        "tool": {
            "driver": {
                "name": "citecheck",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": "https://pypi.org/project/citecheck/",
                "rules": rules,
            }
        },
        "originalUriBaseIds": _base_ids(base),
        "columnKind": "unicodeCodePoints",
        "results": [_result(item, index, base, places) for item in located],
    }
    sarif = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
