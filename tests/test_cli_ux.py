"""The terminal and CLI conventions of issue 15 (items 2 and 3): severity words, sort order, --quiet,
-v, colour switches, hidden-finding counts, --against with several paths, `check` on the current
folder, every config mistake at once, empty inputs, and --help."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from citecheck.cli.commands import color_wanted
from citecheck.cli.main import main
from citecheck.pipeline import analyze_texts
from citecheck.render import render
from citecheck.render.order import ordered

# An error (dangling marker, CC101) after a warning (unsupported figure, CC201) in reading order.
MIXED = (
    "Exports of the chips rose 12 percent to $4.1 billion in 2025.\n\n"
    "Regulators approved imports of 400,000 chips [7].\n"
)
CLAIM = "Tarsenia approved imports of {n} Kestrel buses, according to {who}.\n"


def run(args, cwd=None, env=None):
    proc = subprocess.run(
        [sys.executable, "-m", "citecheck", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def heads(out: str) -> list[str]:
    """The `path:line:col: severity CODE` head of each finding line."""
    return re.findall(r"^\S+:\d+:\d+: (?:error|warning|info) CC\d{3}", out, flags=re.M)


def test_each_finding_shows_its_severity_word_and_errors_come_first(tmp_path, capsys):
    (tmp_path / "a.md").write_text(MIXED)
    assert main(["check", str(tmp_path / "a.md"), "--no-color"]) == 1
    found = heads(capsys.readouterr().out)
    assert [h.split(": ", 1)[1] for h in found] == ["error CC101", "warning CC201"]
    assert main(["check", str(tmp_path / "a.md"), "--sort", "position"]) == 1
    found = heads(capsys.readouterr().out)
    assert [h.split(": ", 1)[1] for h in found] == ["warning CC201", "error CC101"]


def test_severity_sort_is_within_each_file():
    report = analyze_texts({"a.md": MIXED, "b.md": MIXED})
    text = render(report, "text", concise=True)
    paths = [h.split(":", 1)[0] for h in heads(text)]
    assert paths == ["a.md", "a.md", "b.md", "b.md"]  # files are not interleaved by severity
    with pytest.raises(ValueError, match="unknown sort"):
        ordered(report.findings, "alphabet")


def test_quiet_shows_only_errors_and_the_summary(tmp_path, capsys):
    (tmp_path / "a.md").write_text(MIXED)
    assert main(["check", str(tmp_path / "a.md"), "--quiet"]) == 1
    out = capsys.readouterr().out
    assert [h.split(": ", 1)[1] for h in heads(out)] == ["error CC101"]
    assert "findings: 1 error, 1 warning" in out  # the summary still counts what --quiet did not show
    assert main(["report", str(tmp_path / "a.md"), "-q"]) == 1
    out = capsys.readouterr().out
    assert "Claims (" not in out and len(heads(out)) == 1


def test_verbose_prints_the_other_statement_in_full(tmp_path, capsys):
    (tmp_path / "a.md").write_text(CLAIM.format(n="400,000", who="a trade newsletter"))
    (tmp_path / "b.md").write_text("Intro.\n\n" + CLAIM.format(n="900,000", who="Bloomberg"))
    args = ["check", str(tmp_path / "a.md"), "--against", str(tmp_path / "b.md"), "--select", "CC301"]
    assert main(args) == 1
    assert "= see" not in capsys.readouterr().out
    assert main([*args, "-v"]) == 1
    out = capsys.readouterr().out
    assert f"= see {tmp_path / 'b.md'}:3: Tarsenia approved imports of 900,000 Kestrel buses" in out


def test_against_takes_several_paths_and_repeats(tmp_path, capsys):
    (tmp_path / "a.md").write_text(CLAIM.format(n="400,000", who="Reuters"))
    for name, who in (("b.md", "Bloomberg"), ("c.md", "the Financial Times"), ("d.md", "CNBC")):
        (tmp_path / name).write_text(CLAIM.format(n="400,000", who=who))
    code = main(
        [
            "report",
            str(tmp_path / "a.md"),
            "--format",
            "json",
            "--against",
            str(tmp_path / "b.md"),
            str(tmp_path / "c.md"),
            "--against",
            str(tmp_path / "d.md"),
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["id"] for d in data["documents"]] == ["a"]  # evidence is not reported on
    claim = next(s for s in data["documents"][0]["statements"] if s["kind"] == "claim")
    docs = {sid.rpartition("#")[0] for sid in claim["corroboration"]["supporting"]}
    assert docs == {"b", "c", "d"}


@pytest.mark.parametrize(
    ("env", "no_color", "tty", "expected"),
    [
        ({}, False, False, False),
        ({}, False, True, True),
        ({"FORCE_COLOR": "1"}, False, False, True),
        ({"FORCE_COLOR": "0"}, False, False, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False, False),
        ({"NO_COLOR": "1"}, False, True, False),
        ({"FORCE_COLOR": "1"}, True, False, False),
        ({"TERM": "dumb"}, False, True, False),
    ],
)
def test_colour_switches(monkeypatch, env, no_color, tty, expected):
    for name in ("FORCE_COLOR", "NO_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    class Stream:
        def isatty(self) -> bool:
            return tty

    assert color_wanted(no_color, Stream()) is expected


def test_force_color_reaches_a_pipe(tmp_path):
    import os

    (tmp_path / "a.md").write_text(MIXED)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    assert "\x1b[" not in run(["check", str(tmp_path / "a.md")], env=env).stdout
    assert "\x1b[31m" in run(["check", str(tmp_path / "a.md")], env={**env, "FORCE_COLOR": "1"}).stdout


def test_summary_says_what_the_baseline_and_suppressions_hid(tmp_path, capsys):
    draft = tmp_path / "a.md"
    draft.write_text("<!-- citecheck: ignore[CC201] our own survey -->\n" + MIXED)
    baseline = tmp_path / "baseline.json"
    assert main(["check", str(draft), "--write-baseline", str(baseline)]) == 1
    out = capsys.readouterr().out
    assert "(1 hidden: 1 suppressed)" in out
    assert main(["check", str(draft), "--baseline", str(baseline)]) == 0
    out = capsys.readouterr().out
    assert "(2 hidden: 1 by the baseline, 1 suppressed)" in out
    assert main(["check", str(draft), "--baseline", str(baseline), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["hidden"] == {"baseline": 1, "suppressed": 1}


def test_check_without_paths_reads_the_current_folder(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(MIXED)
    (tmp_path / "drafts" / "b.txt").write_text(MIXED)
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.md").write_text(MIXED)
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "out.html").write_text("<p>" + MIXED + "</p>")
    (tmp_path / "notes.yaml").write_text("a: 1\n")
    (tmp_path / ".gitignore").write_text("build/\n")
    (tmp_path / "README.md").write_text("# About these drafts\n")
    proc = run(["check", "--format", "json"], cwd=tmp_path)
    paths = sorted({f["path"] for f in json.loads(proc.stdout)["findings"]})
    assert paths == ["archive/old.md", "drafts/a.md", "drafts/b.txt"]
    (tmp_path / "citecheck.toml").write_text('exclude = ["archive/"]\ninclude = ["*.md"]\n')
    proc = run(["check", "--format", "json"], cwd=tmp_path)
    assert sorted({f["path"] for f in json.loads(proc.stdout)["findings"]}) == ["drafts/a.md"]


def test_every_config_mistake_is_reported_at_once(tmp_path):
    (tmp_path / "a.md").write_text(MIXED)
    (tmp_path / "citecheck.toml").write_text(
        'selekt = ["CC1"]\nfail-on = "fatal"\nlow-credibility = 3\n\n[fetch]\nretries = 99\n'
    )
    proc = run(["check", "a.md"], cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 4, proc.stderr
    assert all(line.startswith("citecheck: error: ") and "citecheck.toml:" in line for line in lines)
    assert "'selekt'" in lines[0] and "did you mean 'select'" in lines[0]
    assert "'fail-on'" in lines[1] and "'low-credibility'" in lines[2] and "'fetch.retries'" in lines[3]


def test_empty_input_is_an_info_finding(tmp_path, capsys):
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "blank.txt").write_text("\n  \n")
    assert main(["check", str(tmp_path), "--format", "json"]) == 0  # info does not fail the run
    found = {f["path"].rsplit("/", 1)[-1]: f for f in json.loads(capsys.readouterr().out)["findings"]}
    assert {name: f["code"] for name, f in found.items()} == {"empty.md": "CC904", "blank.txt": "CC904"}
    assert found["empty.md"]["severity"] == "info"
    assert "the file is empty" in found["empty.md"]["message"]
    assert "only white space" in found["blank.txt"]["message"]
    assert main(["check", str(tmp_path), "--fail-on", "info"]) == 1


@pytest.mark.parametrize("command", ["report", "check", "graph", "rules"])
def test_help_lists_exit_codes_and_two_examples(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    examples = out.split("examples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(examples) == 2 and all(line.strip().startswith("citecheck ") for line in examples)
    for code in ("0", "1", "2", "3"):
        assert re.search(rf"^  {code}  \w", out, flags=re.M), code
