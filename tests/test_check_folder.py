"""`check` with no path in a drafts folder, as a new user runs it: the configured `against` sources are
evidence, not drafts, and an HTML report citecheck wrote there is not read back as a draft."""

from __future__ import annotations

import json
import subprocess
import sys

DRAFT = (
    "# Port strike ends\n\nTruck drivers at the Port of Lindhaven voted on Friday to end a 12-day strike"
    ", the union said.\n\nThe port handled 9,000 containers a day before the strike.\n"
)
WIRE = "LINDHAVEN (Wire) - Truck drivers at the Port of Lindhaven voted on Friday to end a 12-day strike.\n"


def check(args, cwd):
    proc = subprocess.run(
        [sys.executable, "-m", "citecheck", "check", *args], capture_output=True, text=True, cwd=cwd, timeout=180
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_against_sources_and_our_own_report_are_not_drafts(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "strike.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "wire.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "citecheck.toml").write_text('against = ["sources"]\n', encoding="utf-8")

    first = check(["--format", "json"], tmp_path)
    data = json.loads(first.stdout)
    assert [d["source"] for d in data["documents"]] == ["drafts/strike.md"]  # the wire copy is evidence only
    assert {f["path"] for f in data["findings"]} <= {"drafts/strike.md"}

    # the same with the sources named on the command line instead of in the config
    (tmp_path / "citecheck.toml").write_text("", encoding="utf-8")
    data = json.loads(check(["--against", "sources", "--format", "json"], tmp_path).stdout)
    assert [d["source"] for d in data["documents"]] == ["drafts/strike.md"]

    # an HTML report written into the folder is left out of the next run; an ordinary HTML draft is not
    check(["--against", "sources", "--format", "html", "--output", "report.html"], tmp_path)
    assert "citecheck" in (tmp_path / "report.html").read_text(encoding="utf-8")[:1000]
    (tmp_path / "drafts" / "page.html").write_text("<p>The port handled 9,000 containers a day.</p>\n")
    data = json.loads(check(["--against", "sources", "--format", "json"], tmp_path).stdout)
    assert sorted(d["source"] for d in data["documents"]) == ["drafts/page.html", "drafts/strike.md"]
    # named explicitly, the report is read like any file
    data = json.loads(check(["report.html", "--format", "json"], tmp_path).stdout)
    assert [d["source"] for d in data["documents"]] == ["report.html"]
