"""The command line as a user meets it: exit codes, one clear line per bad input, valid JSON."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from citecheck.cli.main import main

GOOD = (
    "Regulators approved imports of 400,000 chips [1].\n\n## Sources\n\n"
    '- [1] Reuters. "Chips approved." January 28, 2026. https://www.reuters.com/a\n'
)
DANGLING = "Regulators approved imports of 400,000 chips [7].\n"


def run(args, cwd=None, stdin=None):
    proc = subprocess.run(
        [sys.executable, "-m", "citecheck", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        timeout=120,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture
def drafts(tmp_path):
    (tmp_path / "good.md").write_text(GOOD)
    (tmp_path / "dangling.md").write_text(DANGLING)
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "bad.txt").write_bytes(b"fine line\nbad \xff byte\n")
    return tmp_path


def test_clean_input_exits_0(drafts, capsys):
    assert main(["check", str(drafts / "good.md"), "--ignore", "CC2,CC4"]) == 0


def test_findings_exit_1(drafts, capsys):
    assert main(["check", str(drafts / "dangling.md")]) == 1
    out = capsys.readouterr().out
    assert f"{drafts / 'dangling.md'}:1:46: error CC101 dangling-citation" in out
    assert "^^^" in out


def test_fail_on_warning_changes_the_exit(drafts, capsys):
    unused = 'Regulators approved imports.\n\n## Sources\n\n- [1] Reuters. "T." January 28, 2026. https://r.com/a\n'
    (drafts / "unused.md").write_text(unused)
    assert main(["check", str(drafts / "unused.md"), "--select", "CC102"]) == 0
    assert main(["check", str(drafts / "unused.md"), "--select", "CC102", "--fail-on", "warning"]) == 1


def test_bad_inputs_exit_3_and_the_rest_is_reported(drafts):
    """Reliability A3, A4, §4."""
    proc = run(["report", "--format", "json", str(drafts)])
    assert proc.returncode == 3
    lines = [ln for ln in proc.stderr.splitlines() if ln]
    assert len(lines) == 2
    assert any("binary.txt: E_BINARY_INPUT" in ln for ln in lines)
    assert any("bad.txt: E_DECODE: invalid UTF-8 at byte 14 (line 2, column 5)" in ln for ln in lines)
    data = json.loads(proc.stdout)
    assert sorted(d["id"] for d in data["documents"]) == ["dangling", "good"]
    assert sorted(f["path"].rsplit("/", 1)[-1] for f in data["findings"] if f["code"] == "CC903") == [
        "bad.txt",
        "binary.txt",
    ]


def test_nothing_readable_exits_2(tmp_path):
    proc = run(["check", str(tmp_path / "missing.md")])
    assert proc.returncode == 2
    assert "missing.md: E_NOT_FOUND" in proc.stderr


def test_usage_errors_exit_2(drafts, tmp_path_factory):
    """Reliability F1, F6."""
    empty = tmp_path_factory.mktemp("nothing")
    proc = run(["check"], cwd=empty)  # no path: the current folder, which holds no draft
    assert proc.returncode == 2 and "no drafts" in proc.stderr
    assert run(["report"], cwd=empty).returncode == 2  # only `check` defaults to the current folder
    assert run(["check", str(drafts / "good.md"), "--select", "CC999"]).returncode == 2
    assert run(["frobnicate"]).returncode == 2
    proc = run(["check", str(drafts / "good.md"), "--output", str(drafts / "no" / "such" / "dir" / "x.json")])
    assert proc.returncode == 2 and "cannot write there" in proc.stderr


def test_stdin_and_input_format(drafts):
    proc = run(["report", "--format", "json", "--input-format", "markdown", "-"], stdin=GOOD)
    data = json.loads(proc.stdout)
    assert data["documents"][0]["id"] == "stdin"
    assert data["documents"][0]["format"] == "markdown"


def test_json_report_validates(drafts, validate_report):
    """Reliability F5."""
    proc = run(["report", "--format", "json", str(drafts / "good.md"), str(drafts / "dangling.md")])
    validate_report(json.loads(proc.stdout))


def test_output_is_deterministic(drafts):
    """Reliability F7."""
    a = run(["report", "--format", "json", str(drafts)]).stdout
    b = run(["report", "--format", "json", str(drafts)]).stdout
    assert a == b


def test_rules_command(capsys):
    assert main(["rules"]) == 0
    assert "CC201  unsupported-claim" in capsys.readouterr().out
    assert main(["rules", "unsupported-claim"]) == 0
    assert "Fires on" in capsys.readouterr().out
    assert main(["rules", "CC000"]) == 2


def test_config_error_exits_2_with_location(drafts):
    """Reliability F1."""
    (drafts / "citecheck.toml").write_text('fail-on = "error"\ntimout = 3\n')
    proc = run(["check", "good.md"], cwd=drafts)
    assert proc.returncode == 2
    assert "citecheck.toml:2:1: unknown key 'timout'" in proc.stderr


def test_baseline_is_created_on_first_use(drafts):
    base = drafts / "new-baseline.json"
    proc = run(["check", "--baseline", str(base), str(drafts / "dangling.md")])
    assert proc.returncode == 0 and base.exists()
    assert "baseline" in proc.stderr and "written with 1 finding" in proc.stderr


def test_baseline_fails_only_on_new_findings(drafts):
    base = drafts / "baseline.json"
    assert run(["check", "--write-baseline", str(base), str(drafts / "dangling.md")]).returncode == 1
    assert run(["check", "--baseline", str(base), str(drafts / "dangling.md")]).returncode == 0
    (drafts / "dangling.md").write_text("A new first line.\n\n" + DANGLING)  # the finding moves down
    assert run(["check", "--baseline", str(base), str(drafts / "dangling.md")]).returncode == 0
    (drafts / "dangling.md").write_text(DANGLING + "\nAnother claim of 20 percent growth [8].\n")
    assert run(["check", "--baseline", str(base), str(drafts / "dangling.md")]).returncode == 1


class _Tty:
    def isatty(self):
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    """Reliability F5."""
    from citecheck.cli.commands import color_wanted

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert color_wanted(False, _Tty())
    assert not color_wanted(False, object())  # a pipe or a file
    assert not color_wanted(True, _Tty())  # --no-color
    monkeypatch.setenv("NO_COLOR", "1")
    assert not color_wanted(False, _Tty())


def test_a_document_over_the_deadline_is_skipped_and_reported(monkeypatch):
    """Reliability A11."""
    import time

    from citecheck import pipeline
    from citecheck.cli.terminal import alarm_time_limit
    from citecheck.read.files import read_text
    from citecheck.workers import map_documents

    slow = read_text("Sales rose 5 percent.\n", doc_id="slow", source="slow.md", fmt="markdown")
    fine = read_text("Sales fell 3 percent.\n", doc_id="fine", source="fine.md", fmt="markdown")
    real = pipeline.analyze_document
    monkeypatch.setattr(pipeline, "analyze_document", lambda d: time.sleep(5) if d.id == "slow" else real(d))
    started = time.monotonic()
    (slow_article, slow_problem), (fine_article, fine_problem) = [
        next(map_documents([d], pipeline.analyze_document, time_limit=alarm_time_limit, deadline=0.2))
        for d in (slow, fine)
    ]
    assert slow_article is None and slow_problem.code == "E_TIMEOUT_EXTRACT"
    assert fine_article is not None and fine_problem is None
    assert time.monotonic() - started < 4  # the 5-second document was cut off, not waited for


def test_one_config_gives_one_credibility_in_report_check_and_graph(tmp_path):
    """[tool.citecheck.credibility] and [outlets] reach every command (issue 10, item 5)."""
    (tmp_path / "draft.md").write_text(
        "Harbour cranes were idle for 9 days, the Bulletin reported [1].\n\n## Sources\n\n"
        '- [1] Reuters. "Port idle." January 28, 2026. https://www.reuters.com/a\n'
    )
    (tmp_path / "pyproject.toml").write_text(
        '[tool.citecheck.credibility]\n"Reuters" = 0.35\n"Harbour Bulletin" = 0.65\n\n'
        '[tool.citecheck.outlets."Harbour Bulletin"]\ndomain = "harbourbulletin.example"\naliases = "the Bulletin"\n'
    )

    def report(command):
        proc = run([command, "--format", "json", "draft.md"], cwd=tmp_path)
        return {s["name"]: s["credibility"] for s in json.loads(proc.stdout)["sources"]}

    graph = json.loads(run(["graph", "--format", "json", "draft.md"], cwd=tmp_path).stdout)
    in_graph = {n["label"]: n["credibility"] for n in graph["nodes"] if n["type"] == "source"}
    assert report("report")["Reuters"] == report("check")["Reuters"] == in_graph["Reuters"] == 0.35
    assert report("report")["Harbour Bulletin"] == in_graph["Harbour Bulletin"] == 0.65


def test_the_library_installs_no_signal_handler_and_prints_nothing(capsys):
    """Deadlines need SIGALRM, so the CLI arms them; a library call leaves the process's handlers alone."""
    import signal

    from citecheck import analyze_texts

    before = signal.getsignal(signal.SIGALRM)
    report = analyze_texts({"a.md": "Sales rose 5 percent in 2025.\n", "b.md": "Sales rose 5 percent in 2025.\n"})
    assert report.articles and signal.getsignal(signal.SIGALRM) is before
    assert capsys.readouterr() == ("", "")
