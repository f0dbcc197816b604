"""Rows of reliability.md that had no test (issue 14, item 9): A12 (many inputs), A13 (an article
given as a URL obeys the fetch policy), D14 (a low open-file limit lowers concurrency) and F9 (a soak
of hostile fixtures in one run under a 1 GiB address-space limit)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from fetchserver import LOOPBACK_ONLY, FixtureServer, Page

from citecheck.cli import main
from citecheck.fetch.client import FetchPolicy
from citecheck.pipeline import Options, analyze
from citecheck.verify.pages import FetchOptions, fit_to_open_files

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.block_network(allowed_hosts=LOOPBACK_ONLY)
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "2130706433"])
def test_a13_article_given_as_url_obeys_the_fetch_policy(host: str) -> None:
    """Reliability A13: an input URL on a loopback address is refused at connect time like a cited
    URL (the server sees no connection); it becomes a problem naming the URL, not a crash."""
    with FixtureServer({"/a": Page("<p>Rents rose 12% in 2025.</p>")}) as srv:
        url = f"http://{host}:{srv.port}/a"
        options = Options(fetch=FetchOptions(enabled=True, use_cache=False, policy={"retries": 0}))
        report = analyze([url], options=options)
        connections = srv.connections
    assert connections == 0
    assert report.articles == ()
    assert [p.source for p in report.problems] == [url]
    assert report.problems[0].code in {"BLOCKED_ADDRESS", "BLOCKED_PORT", "E_BAD_URL", "BLOCKED_SCHEME"}


def test_d14_low_open_file_limit_lowers_concurrency_with_a_message() -> None:
    """Reliability D14: with RLIMIT_NOFILE 64 the fetcher runs 8 requests at a time and says so."""
    fitted, message = fit_to_open_files(FetchPolicy(), 64)
    assert (fitted.concurrency, fitted.per_host) == (8, 4)
    assert message == "open-file limit is 64: fetching 8 URLs at a time instead of 16"
    assert fit_to_open_files(FetchPolicy(), 4096) == (FetchPolicy(), None)
    assert fit_to_open_files(FetchPolicy(), None)[1] is None


D14_SCRIPT = """
import resource, sys
sys.path.insert(0, {tests!r})
resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
from fetchserver import FakeResolver, FixtureServer, Page
from citecheck.fetch.client import FetchPolicy, fetch_all
from citecheck.verify.pages import fit_to_open_files, open_file_limit
routes = {{f"/p{{i}}": Page("<p>ok</p>", delay=0.05) for i in range(60)}}
with FixtureServer(routes) as srv:
    policy = FetchPolicy(allowed_ports=(srv.port,), allow_hosts=("news.test",), host_interval=0.0, retries=0,
                         per_host=16)
    policy, message = fit_to_open_files(policy, open_file_limit())
    print(message)
    urls = [srv.url(f"/p{{i}}") for i in range(60)]
    results = fetch_all(urls, policy=policy, resolver=FakeResolver({{"news.test": "127.0.0.1"}}))
    print(sorted({{r.reason_code for r in results.values()}}), srv.max_in_flight)
"""


@pytest.mark.block_network(allowed_hosts=LOOPBACK_ONLY)
def test_d14_sixty_urls_under_rlimit_nofile_64_all_succeed() -> None:
    """Reliability D14, in a subprocess with RLIMIT_NOFILE=64: 60 URLs, no EMFILE storm, every one ok,
    at most 8 in flight."""
    script = D14_SCRIPT.format(tests=str(ROOT / "tests"))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    message, outcome = proc.stdout.strip().splitlines()
    assert message == "open-file limit is 64: fetching 8 URLs at a time instead of 16"
    codes, in_flight = outcome.rsplit(" ", 1)
    assert codes == "['OK']" and int(in_flight) <= 8


def test_a12_many_input_files_all_processed(tmp_path, capsys) -> None:
    """Reliability A12: 2,000 small files in one run (the map step goes to worker processes) are all
    reported; 10,000 are measured by benchmarks/many_files.py."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    for i in range(2000):
        (folder / f"d{i:05}.txt").write_text(f"Note {i}.\n")
    assert main(["check", str(folder), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["documents"] == 2000


def _hostile_fixtures(folder: Path) -> None:
    n = 100_000
    fixtures = {
        "digits.txt": "1," * (n // 2),
        "brackets.md": "[" * n,
        "footnotes.md": "[^" * (n // 2),
        "markers.md": "1. " * (n // 3) + "x",
        "quotes.md": '"a “b ' * (n // 6),
        "emphasis.md": "**_" + "*_" * (n // 2),
        "blockquote.md": ">" * 5000 + " text",
        "nostop.txt": "the port moved more containers " * (n // 31),
        "url.md": "See https://" + "a" * n,
        "divs.html": "<div>" * (n // 5) + "<p>Rents rose 12% [1].</p>",
        "table.html": "<table><tr><td>" * 3000 + "x",
        "empty.md": "",
        "ansi.md": "Rents rose 12% [^a\x1b[2Jb].\n",
        "ipv6.md": "Rents rose [1].\n\n## Sources\n\n[1] Resolver. http://[2606:4700::1111]/page\n",
    }
    for name, text in fixtures.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 100)
    (folder / "badutf8.md").write_bytes(b"ok\n\xff\xfe bad\n")
    (folder / "x\n::warning::name.md").write_bytes(b"fine\n")


SOAK = """
import resource, runpy, sys
resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))
sys.argv = ["citecheck", "check", {folder!r}, "--format", "json", "-o", {out!r}]
runpy.run_module("citecheck", run_name="__main__")
"""


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
def test_f9_hostile_fixture_soak_under_one_gib(tmp_path) -> None:
    """Reliability F9: every hostile input fixture of this file in one run under RLIMIT_AS = 1 GiB and a
    5-minute cap: it completes, exits 3 (binary and bad UTF-8 inputs), and the report accounts for
    every input, with no traceback."""
    folder = tmp_path / "soak"
    folder.mkdir()
    _hostile_fixtures(folder)
    out = tmp_path / "report.json"
    script = SOAK.format(folder=str(folder), out=str(out))
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, timeout=300, env=env
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode == 3, proc.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    inputs = len(list(folder.iterdir()))
    unreadable = {f["path"] for f in report["findings"] if f["code"] == "CC903"}
    assert report["summary"]["documents"] + len(unreadable) == inputs
    assert {Path(p).name for p in unreadable} == {"binary.txt", "badutf8.md"}
