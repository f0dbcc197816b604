"""Parallelism the user controls (issue 13, item 5): `--jobs N`, workers that read their own files,
and a progress display with counts and the time left. Interruption of the parallel path is in
tests/test_interrupt.py."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from citecheck.cli.terminal import ProgressBar
from citecheck.pipeline import FileJob, Options, analyze, analyze_input
from citecheck.read.files import InputSpec, ReadOptions
from citecheck.workers import PARALLEL_FROM, map_documents, worker_count

DRAFT = (
    "The depot in Orlenby stored {n},000 tonnes of grain in 2024, the cooperative said [1]. Prices rose "
    '{p}% in May.\n\n## Sources\n\n[1] Grain Courier. "Depot stocks." May 2, 2024. https://grain.example/{n}\n'
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Enough drafts for the map step to use workers, two of which cannot be read."""
    root = tmp_path_factory.mktemp("drafts")
    for i in range(PARALLEL_FROM + 10):
        (root / f"d{i:03}.md").write_text(DRAFT.format(n=300 + i % 7, p=2 + i % 3), encoding="utf-8")
    (root / "bad.txt").write_bytes(b"fine\nbad \xff byte\n")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return root


def test_worker_count_follows_jobs_and_stays_serial_for_few_inputs():
    assert worker_count(3, PARALLEL_FROM) == 3
    assert worker_count(1, 10 * PARALLEL_FROM) == 1
    assert worker_count(4, PARALLEL_FROM - 1) == 1
    assert worker_count(0, PARALLEL_FROM) >= 1  # one per CPU this process may use


def test_workers_and_one_process_give_the_same_report(folder):
    """Workers read their own files: every document, every problem and every finding is the same as
    when one process reads and analyses everything."""
    serial = analyze([str(folder)], options=Options(jobs=1))
    parallel = analyze([str(folder)], options=Options(jobs=2))
    assert [a.document.id for a in parallel.articles] == [a.document.id for a in serial.articles]
    assert parallel.articles == serial.articles
    assert parallel.findings == serial.findings
    assert set(parallel.problems) == set(serial.problems)
    assert len(parallel.problems) == 2


def test_in_the_parallel_path_the_parent_reads_no_file(folder, monkeypatch):
    """The parent hands workers file names, not texts: reading in the parent would fail here."""
    from citecheck import pipeline

    def no_reading(*args, **kwargs):
        raise AssertionError("the parent read a file")

    monkeypatch.setattr(pipeline, "read_input", no_reading)
    jobs = pipeline._gather([InputSpec(str(folder / "d000.md"))], ReadOptions(), None, None, in_workers=True)
    assert jobs == ([FileJob(InputSpec(str(folder / "d000.md")), "d000", ReadOptions())], [])


def test_a_file_job_that_cannot_be_read_becomes_that_file_s_problem(folder):
    job = FileJob(InputSpec(str(folder / "bad.txt")), "bad", ReadOptions())
    ((article, problem),) = list(map_documents([job], analyze_input))
    assert article is None and problem is not None
    assert problem.source == str(folder / "bad.txt") and problem.code == "E_DECODE"


def test_file_jobs_keep_the_ids_the_parent_gave(folder):
    job = FileJob(InputSpec(str(folder / "d001.md")), "d001-2", ReadOptions())
    assert analyze_input(job).document.id == "d001-2"


def test_jobs_flag_is_checked(tmp_path):
    (tmp_path / "a.md").write_text("Rents rose in 2025.\n")
    for bad in ("0", "two"):
        proc = subprocess.run(
            [sys.executable, "-m", "citecheck", "check", str(tmp_path), "--jobs", bad], capture_output=True, text=True
        )
        assert proc.returncode == 2 and "--jobs" in proc.stderr and "Traceback" not in proc.stderr
    ok = subprocess.run([sys.executable, "-m", "citecheck", "check", str(tmp_path), "-j", "2"], capture_output=True)
    assert ok.returncode == 0


def test_help_documents_jobs_and_progress():
    out = subprocess.run([sys.executable, "-m", "citecheck", "report", "--help"], capture_output=True, text=True).stdout
    assert "--jobs N" in out and "--progress" in out


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_forced_progress_writes_counts_and_time_left_in_a_log():
    """Not a terminal, `--progress`: plain lines (no carriage returns), at most one every 2 s, with
    the time left at the rate so far, and the last line with the time taken."""
    stream, clock = io.StringIO(), _Clock()
    bar = ProgressBar(stream, force=True, clock=clock)
    for done in range(101):
        bar("analysing", done, 100)
        clock.now += 0.5  # 2 documents a second
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue()
    assert lines[0] == "citecheck: analysing 0/100"
    assert lines[2] == "citecheck: analysing 8/100, about 46 s left"  # 4 s for 8: 92 more take 46 s
    assert lines[-1] == "citecheck: analysing 100/100, 50 s"
    assert len(lines) == 26  # at 0, 4, 8, ..., 100: one every 4 calls (2 s)


def test_progress_stays_silent_in_a_log_without_the_flag():
    stream = io.StringIO()
    bar = ProgressBar(stream)
    for done in range(1, 101):
        bar("analysing", done, 100)
    assert stream.getvalue() == ""


def test_cli_progress_goes_to_stderr_and_leaves_the_report_alone(folder, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "citecheck", "check", str(folder), "--progress", "--format", "json", "-j", "2"],
        capture_output=True,
        text=True,
    )
    assert "citecheck: analysing 212/212" in proc.stderr
    assert "citecheck: checking 210/210" in proc.stderr
    assert proc.stdout.startswith("{")


def test_the_cli_pins_blas_to_one_thread_before_numpy_loads():
    """Small matrix products per sentence: one BLAS thread; a value the user set is kept."""
    probe = (
        "import os, sys; from citecheck.cli.main import main; "
        "sys.argv = ['citecheck', 'rules', 'CC201']; "
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(sys.argv[1:])\n"
        "print(os.environ['OPENBLAS_NUM_THREADS'], os.environ['OMP_NUM_THREADS'], 'numpy' in sys.modules)"
    )
    env = {k: v for k, v in __import__("os").environ.items() if not k.endswith("_NUM_THREADS")}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env).stdout.split()
    assert out == ["1", "1", "False"]
    env["OMP_NUM_THREADS"] = "3"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env).stdout.split()
    assert out == ["1", "3", "False"]


class _Item:
    def __init__(self, source: str) -> None:
        self.source = source


def _die_on_seven(item: _Item):
    import os

    if item.source == "doc-7":
        os._exit(1)  # a worker killed mid-document (out of memory, say)
    raise ValueError("not analysed here")  # every other document: an ordinary per-document error


def test_a_worker_that_dies_costs_its_documents_not_the_run():
    items = [_Item(f"doc-{i}") for i in range(PARALLEL_FROM)]
    outcomes = list(map_documents(items, _die_on_seven, jobs=2))
    assert len(outcomes) == len(items)  # every document accounted for, in order
    problems = [p for _, p in outcomes]
    assert all(p is not None for p in problems)
    assert [p.source for p in problems] == [i.source for i in items]
    lost = [p for p in problems if "worker process died" in p.message]
    assert any(p.source == "doc-7" for p in lost)
    assert all(p.code == "E_INTERNAL" for p in problems)
