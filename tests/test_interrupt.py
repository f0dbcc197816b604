"""Interrupted and over-budget runs keep what they finished (issue 14 gaps 5 and 8; reliability.md
F2, F3): SIGTERM or SIGINT finishes the document in hand, writes the report of everything finished
so far to the chosen output, lists the documents not analysed, and exits 3. A whole-run budget
(`--max-total-time`) stops fetching new URLs and reports the rest as not checked, exit 3.
Signal handlers belong to the CLI: the library installs none.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest
from fetchserver import LOOPBACK_ONLY, FakeResolver, FixtureServer, Page

from citecheck.cli import main
from citecheck.pipeline import analyze_texts

DRAFT = (
    "The port of Tarsenia moved 400,000 containers in 2025, the authority said [1]. Rents rose 12% in "
    "March, and wages fell 3% over the year, according to the ministry. Three new berths opened on "
    'January 13, 2025.\n\n## Sources\n\n[1] Harbour News. "Port volumes." March 3, 2025. https://news.example/a\n'
)
FILES = 1500


PARAGRAPHS = 8  # about 25 s for the whole run on a quiet 2-core machine, so a signal at 3 s lands mid-run


def _drafts(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    body, sources = DRAFT.split("\n\n## Sources")
    for i in range(FILES):
        paragraphs = (
            body.replace("400,000", f"{400 + i + k},000").replace("12%", f"{k + 2}%") for k in range(PARAGRAPHS)
        )
        (folder / f"d{i:04}.md").write_text("\n\n".join(paragraphs) + "\n\n## Sources" + sources)
    return folder


@pytest.mark.parametrize(
    ("sig", "jobs"),
    [(signal.SIGTERM, 2), (signal.SIGINT, 2), (signal.SIGTERM, 1)],
    ids=["SIGTERM-workers", "SIGINT-workers", "SIGTERM-one-process"],
)
def test_f2_signal_mid_run_writes_the_partial_report_and_exits_3(tmp_path, sig: int, jobs: int) -> None:
    """Reliability F2: a signal after the run has started; the JSON report at -o is valid, holds the
    documents finished, lists every other one as not analysed (CC903), and the exit code is 3 (even
    when the signal came before any document was finished). With workers (which read their own files)
    and in one process."""
    folder = _drafts(tmp_path)
    out = tmp_path / "report.json"
    command = ["check", str(folder), "--format", "json", "-o", str(out), "--jobs", str(jobs)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "citecheck", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(3)  # into the run (reading or analysing); the whole run takes far longer
    assert proc.poll() is None, "the run finished before it could be interrupted: make it longer"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err
    assert proc.returncode == 3, err
    report = json.loads(out.read_text(encoding="utf-8"))
    analysed = {d["source"] for d in report["documents"]}
    skipped = {f["path"] for f in report["findings"] if f["code"] == "CC903" and "E_INTERRUPTED" in f["message"]}
    assert skipped, "nothing was listed as not analysed"
    assert analysed.isdisjoint(skipped)
    assert len(analysed) + len(skipped) == FILES
    assert report["summary"]["incomplete"] is True


def test_f2_library_installs_no_signal_handlers() -> None:
    """Signal handlers are the CLI's business: analysing leaves SIGINT and SIGTERM as they were."""
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    analyze_texts({"d.md": DRAFT})
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before


def test_f3_max_total_time_is_accepted_and_a_quick_run_is_unaffected(tmp_path, capsys) -> None:
    (tmp_path / "d.md").write_text("Rents rose in 2025.\n")
    assert main(["check", str(tmp_path / "d.md"), "--max-total-time", "600"]) == 0


@pytest.mark.block_network(allowed_hosts=LOOPBACK_ONLY)
def test_f3_budget_stops_scheduling_urls_and_reports_them_not_checked() -> None:
    """Reliability F3: 12 URLs on a server that answers each after 1 s, one at a time, with a 2.5 s
    budget: fetching stops, the server never sees most of them, the unfinished ones are reported as
    not checked (CC505 NOT_CHECKED), the run is incomplete (a problem per the budget, so exit 3), and
    the findings of the draft still stand."""
    from citecheck.fetch.client import FetchPolicy, fetch_all

    routes = {f"/slow{i}": Page("<html><body><p>Rents rose.</p></body></html>", delay=1.0) for i in range(12)}
    with FixtureServer(routes) as srv:
        resolver = FakeResolver({"news.test": "127.0.0.1"})
        policy = FetchPolicy(
            allowed_ports=(80, 443, srv.port),
            allow_hosts=("news.test",),
            host_interval=0.0,
            retries=0,
            deadline=5,
            concurrency=1,
            per_host=1,
            max_total_time=2.5,
        )
        body = (
            " ".join(f"Rents rose {i}% in 2025 [{i + 1}]." for i in range(12)) + " Wages fell [99].\n\n## Sources\n\n"
        )
        refs = "".join(f"[{i + 1}] Harbour News. {srv.url(f'/slow{i}')}\n\n" for i in range(12))
        report = analyze_texts(
            {"d.md": body + refs}, fetcher=lambda urls: fetch_all(urls, policy=policy, resolver=resolver)
        )
        served = sum(srv.hits.values())
    assert served < 12
    not_checked = [f for f in report.findings if f.code == "CC505" and "NOT_CHECKED" in f.message]
    assert len(not_checked) >= 12 - served - 1
    assert any(p.code == "E_BUDGET" for p in report.problems)
    assert any(f.code == "CC101" for f in report.findings)  # the rest of the report stands
