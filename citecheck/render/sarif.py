"""SARIF 2.1.0 for code-scanning dashboards: the rule table as `tool.driver.rules`, one result per
finding, columns counted in Unicode code points (`columnKind`)."""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePath
from urllib.parse import quote

from citecheck.model import Report
from citecheck.render.escape import sarif_text
from citecheck.render.locations import Located, located_findings
from citecheck.version import __version__

__all__ = ["render"]

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rules() -> list[dict]:
    from citecheck.rules import RULES

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


def _uri(path: str) -> str:
    return quote(PurePath(path).as_posix(), safe="/:")


def _result(item: Located, index: dict[str, int]) -> dict:
    f = item.finding
    fingerprint = hashlib.sha256("\x1f".join((f.code, f.path, f.statement or "", f.message)).encode()).hexdigest()[:32]
    message = f.message + (f" ({f.hint})" if f.hint else "")
    return {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": _LEVEL[f.severity],
        "message": {"text": sarif_text(message)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path)},
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


def render(report: Report, **_: object) -> str:
    rules = _rules()
    index = {r["id"]: i for i, r in enumerate(rules)}
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
        "columnKind": "unicodeCodePoints",
        "results": [_result(item, index) for item in located_findings(report)],
    }
    sarif = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
