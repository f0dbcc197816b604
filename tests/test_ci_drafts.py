"""End to end, as a newsroom's CI runs it: `python -m citecheck check` in a drafts repository with a
config file, suppression comments and a baseline; exit codes and annotations."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "drafts"


def check(repo: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "citecheck", "check", "drafts/", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture
def repo(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "drafts-repo")
    return tmp_path / "drafts-repo"


def test_expected_output_of_the_example(repo):
    proc = check(repo)
    assert proc.returncode == 1  # the config makes CC201 an error
    assert proc.stdout == (EXAMPLE / "expected-check.txt").read_text(encoding="utf-8")


def test_config_and_suppressions_are_honoured(repo):
    out = check(repo).stdout
    assert "CC104" not in out and "CC105" not in out  # ignored in citecheck.toml
    assert "cargo worth about $210 million" not in out  # ignore[CC201] with a reason, in the draft
    assert "CC901 unused-suppression suppression 'ignore[CC101]'" in out
    assert "CC402" not in out  # the Harbour Bulletin is rated in the config's [credibility] table


def test_github_annotations_point_at_lines(repo):
    lines = check(repo, "--format", "github").stdout.splitlines()
    assert lines and all(
        line.startswith(("::error file=drafts/", "::warning file=drafts/", "::notice file=drafts/")) for line in lines
    )
    assert any(line.startswith("::error file=drafts/port-strike.md,line=12,col=1,") for line in lines)


def test_baseline_adoption(repo):
    assert check(repo, "--write-baseline", "baseline.json").returncode == 1
    assert check(repo, "--baseline", "baseline.json").returncode == 0
    draft = repo / "drafts" / "port-strike.md"
    text = draft.read_text().replace("## Sources", "The port handled 2.1 million containers last year.\n\n## Sources")
    draft.write_text(text)
    proc = check(repo, "--baseline", "baseline.json")
    assert proc.returncode == 1
    assert "2.1 million containers" in proc.stdout and "14 vessels" not in proc.stdout


def test_sarif_output_file(repo):
    proc = check(repo, "--format", "sarif", "--output", "out.sarif")
    assert proc.returncode == 1 and proc.stdout == ""
    sarif = json.loads((repo / "out.sarif").read_text())
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]


def test_fail_on_and_exit_codes(repo):
    assert check(repo, "--select", "CC1").returncode == 0  # nothing in CC1 fires
    assert check(repo, "--select", "CC9", "--fail-on", "warning").returncode == 1  # CC901 is a warning
    (repo / "drafts" / "broken.md").write_bytes(b"bad \xff bytes\n")
    proc = check(repo, "--select", "CC1")
    assert proc.returncode == 3 and "broken.md: E_DECODE" in proc.stderr
    (repo / "citecheck.toml").write_text('fail-on = "sometimes"\n')
    assert check(repo).returncode == 2
