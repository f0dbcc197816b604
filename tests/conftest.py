"""Shared test helpers: paths to fixtures and to ../shared (skipped with a reason when absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
# ../shared beside the checkout; a git worktree under <checkout-parent>/wt/<name> finds it one level further up
SHARED = next(
    (p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared"
)
SCHEMA = json.loads((ROOT / "citecheck" / "schema" / "report-1.json").read_text(encoding="utf-8"))


def needs_shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not here: the shared evaluation data sits beside the repo only in CI and dev sessions")
    return path


@pytest.fixture
def validate_report():
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(SCHEMA)

    def check(data: dict) -> dict:
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
        return data

    return check
