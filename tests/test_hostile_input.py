"""Hostile drafts: pathological text must cost time linear in its size, every stage runs under the
per-document deadline, and a closed stdin is a clear error (issue 14 gaps 1 and 4; reliability.md
A1, A10, A11, A12, F4).

Time bounds are growth checks: the CPU time of the whole pipeline (read -> ... -> rules) at sizes
n and 4n, best of three runs each; four times the input must cost less than 6 times the time (a
doubling ratio under 2.45, reliability A11's "~2.5x"). Quadratic code gives 16x once its quadratic
term dominates; nothing here asserts wall time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable

import pytest

from citecheck.cli import main
from citecheck.pipeline import analyze_texts


def _fill(unit: str, size: int, head: str = "", tail: str = "") -> str:
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


def _cpu(text: str, fmt: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        analyze_texts({"draft": text}, fmt=fmt)
        best = min(best, time.process_time() - start)
    return best


def _growth(build: Callable[[int], str], fmt: str, n: int) -> float:
    """t(4n) / t(n): 4 when linear, 16 when quadratic. The floor keeps timer noise on tiny inputs out."""
    small, big = (max(_cpu(build(size), fmt), 0.02) for size in (n, 4 * n))
    return round(big / small, 2)


N = 4000  # large enough for a quadratic term to show, small enough to keep the suite fast

A11_CASES = [
    pytest.param("digits-commas", "text", lambda n: _fill("1,", n), N),
    pytest.param("word-count-sentences", "text", lambda n: _fill("This is a 500-word piece. ", n), N),
    pytest.param("one-long-line", "text", lambda n: _fill("a", n), N),
    pytest.param("open-parens", "text", lambda n: _fill("(", n), N),
    pytest.param("smith-and-no-year", "text", lambda n: _fill("Smith and ", n, "("), N),
    pytest.param("long-url", "markdown", lambda n: _fill("a", n, "See https://"), N),
    pytest.param("open-brackets", "markdown", lambda n: _fill("[", n), N),
    pytest.param("unclosed-footnotes", "markdown", lambda n: _fill("[^", n), N),
    pytest.param("figures-no-full-stop", "text", lambda n: _fill("1,000,000 and ", n, "The port moved "), N),
    pytest.param("quotes", "text", lambda n: _fill('"a “b ', n), N),
    pytest.param("dashes", "text", lambda n: _fill("1–", n), N),
]


@pytest.mark.parametrize(("name", "fmt", "build", "n"), A11_CASES, ids=[p.values[0] for p in A11_CASES])
def test_a11_citation_regex_pathologies_grow_linearly(name: str, fmt: str, build: Callable, n: int) -> None:
    """Reliability A11: four times a pathological draft costs less than six times the CPU time."""
    ratio = _growth(build, fmt, n)
    assert ratio < 6, f"{name}: 4x the input took {ratio}x the time"


A10_CASES = [
    pytest.param("blockquotes", lambda n: _fill(">", n), N),
    pytest.param("ordered-list-markers", lambda n: _fill("1. ", n, tail="x"), N),
    pytest.param("bullets", lambda n: _fill("* ", n), N),
    pytest.param("quote-list-alternating", lambda n: _fill("> - ", n), N),
    pytest.param("empty-definition", lambda n: "[]:0" + " " * n + "0", N),
    pytest.param("unmatched-backticks", lambda n: _fill("` a ", n), N),
    pytest.param("emphasis", lambda n: _fill("*_", n, "**_"), N),
    pytest.param("unclosed-html-attributes", lambda n: _fill('<p m="1"', n), N),
    pytest.param("spaces-then-dollar", lambda n: " " * n + "$", N),
]


@pytest.mark.parametrize(("name", "build", "n"), A10_CASES, ids=[p.values[0] for p in A10_CASES])
def test_a10_markdown_pathologies_finish_linearly_without_recursion_error(name: str, build: Callable, n: int) -> None:
    """Reliability A10: no RecursionError (analyze_texts raises nothing) and linear growth."""
    ratio = _growth(build, "markdown", n)
    assert ratio < 6, f"{name}: 4x the input took {ratio}x the time"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1. " * 60 + "Rents rose 5% in 2024.", ["Rents rose 5% in 2024."]),
        ("> " * 60 + "Rents rose 5% in 2024. Prices fell.", ["Rents rose 5% in 2024.", "Prices fell."]),
        ("- " * 30 + "2) " * 30 + "x", ["x"]),
        ("1. " * 60 + "1.", []),
    ],
)
def test_a10_containers_past_the_nesting_cap_are_markup_not_sentences(line: str, expected: list[str]) -> None:
    """Past markdown-it's nesting cap the line is read as text, but its leading `>` and list markers are
    still CommonMark containers: the item's words are the statements, not each "1." on its own."""
    article = analyze_texts({"deep.md": line + "\n\nA second paragraph here.\n"}, fmt="markdown").articles[0]
    assert [s.text for s in article.statements] == [*expected, "A second paragraph here."]


def test_a11_every_stage_runs_under_the_per_document_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reliability A11: a document whose rules stage stalls is stopped by the deadline (E_TIMEOUT_EXTRACT);
    the other document keeps its findings. The deadline is the CLI's SIGALRM timer, handed in."""
    import citecheck.corroborate.consistency as consistency
    from citecheck.cli.terminal import alarm_time_limit
    from citecheck.pipeline import Options

    real = consistency.inconsistencies

    def stall(article):  # a stand-in for any slow per-document check
        if article.document.source == "slow.md":
            end = time.process_time() + 5
            while time.process_time() < end:
                pass
        return real(article)

    monkeypatch.setattr(consistency, "inconsistencies", stall)
    monkeypatch.setattr("citecheck.rules.corroboration.inconsistencies", stall, raising=False)
    dangling = "Rents rose 12% in 2025 [7].\n"
    report = analyze_texts(
        {"slow.md": dangling, "fast.md": dangling}, options=Options(deadline=0.5, time_limit=alarm_time_limit)
    )
    assert [(p.source, p.code) for p in report.problems] == [("slow.md", "E_TIMEOUT_EXTRACT")]
    assert {f.path for f in report.findings if f.code == "CC101"} == {"fast.md"}


def _closed_stdin() -> None:
    os.close(0)


def _run_closed_stdin(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "citecheck", "check", *args],
        capture_output=True,
        text=True,
        preexec_fn=_closed_stdin,
        timeout=120,
    )


def test_a1_closed_stdin_is_a_clear_error_not_a_traceback() -> None:
    """Reliability A1: `citecheck check - <&-` names stdin in one line; nothing was checked, so exit 2."""
    proc = _run_closed_stdin("-")
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 2, proc.stderr
    assert "citecheck: -: E_READ: stdin is closed" in proc.stderr


def test_a1_closed_stdin_beside_a_good_file_exits_3(tmp_path) -> None:
    """Reliability A1/§4: one unreadable input among readable ones: the rest is reported, exit 3."""
    good = tmp_path / "good.md"
    good.write_text("Rents rose in 2025.\n")
    proc = _run_closed_stdin("-", str(good), "--format", "json")
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 3, proc.stderr
    assert json.loads(proc.stdout)["summary"]["documents"] == 1


def test_a1_empty_and_whitespace_files_are_clean(tmp_path, capsys) -> None:
    """Reliability A1: an empty file and a whitespace-only file: nothing found, exit 0."""
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "blank.txt").write_text("  \n\t\n\n")
    assert main(["check", str(tmp_path / "empty.md"), str(tmp_path / "blank.txt")]) == 0
    assert "2 documents" in capsys.readouterr().out


def test_f4_internal_error_in_one_file_is_reported_and_the_others_checked(tmp_path, monkeypatch, capsys) -> None:
    """Reliability F4: an exception injected into the extractor for one file: E_INTERNAL naming that
    file in one line (no traceback without -v), the other file still checked, exit 3 (never 0)."""
    import citecheck.pipeline as pipeline

    real = pipeline.find_citations

    def explode(doc, refs):
        if doc.source.endswith("boom.md"):
            raise ValueError("injected fault")
        return real(doc, refs)

    monkeypatch.setattr(pipeline, "find_citations", explode)
    (tmp_path / "boom.md").write_text("Rents rose 12% in 2025 [1].\n")
    (tmp_path / "fine.md").write_text("Rents rose 12% in 2025 [7].\n")
    assert main(["check", str(tmp_path), "--format", "json"]) == 3
    captured = capsys.readouterr()
    lines = [ln for ln in captured.err.splitlines() if "E_INTERNAL" in ln]
    assert len(lines) == 1 and "boom.md" in lines[0] and "ValueError: injected fault" in lines[0]
    assert "Traceback" not in captured.err
    assert "CC101" in {f["code"] for f in json.loads(captured.out)["findings"]}  # fine.md was still checked
    assert main(["check", str(tmp_path), "--format", "json", "-v"]) == 3
    assert "Traceback" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads chmod 000 files")
def test_a12_unreadable_file_and_folder_and_symlink_loop(tmp_path, capsys) -> None:
    """Reliability A12: an unreadable file -> E_READ and exit 3, an unreadable folder does not stop the
    walk, a symlink loop terminates, and the readable file is still checked."""
    (tmp_path / "fine.md").write_text("Rents rose 12% in 2025 [7].\n")
    locked = tmp_path / "locked.md"
    locked.write_text("secret\n")
    locked.chmod(0)
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "inner.md").write_text("x\n")
    closed.chmod(0)
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    try:
        assert main(["check", str(tmp_path), "--format", "json"]) == 3
    finally:
        locked.chmod(0o600)
        closed.chmod(0o700)
    captured = capsys.readouterr()
    assert f"citecheck: {locked}: E_READ: permission denied" in captured.err
    assert "CC101" in {f["code"] for f in json.loads(captured.out)["findings"]}


def test_a12_nonexistent_explicit_path_exits_2(tmp_path, capsys) -> None:
    """Reliability A12: a missing path named on the command line, and nothing else: exit 2."""
    assert main(["check", str(tmp_path / "missing.md")]) == 2
    assert "missing.md" in capsys.readouterr().err
