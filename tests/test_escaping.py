"""Every byte that leaves the program is escaped for where it goes (issue 14 gaps 2 and 3;
reliability.md F8): GitHub annotations (data and properties), stderr lines, terminal text, SARIF and
HTML, one function per destination (`citecheck.render.escape`), each tested with one table of
hostile names and titles, and end to end through the CLI.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

HOSTILE = [
    "x\n::stop-commands::tok\n.md",
    "a\r::error::forged",
    "::add-mask::secret",
    "%0A::warning::encoded",
    "title \x1b[31mred\x1b[0m",
    "link \x1b]8;;http://evil.example\x07click\x1b]8;;\x07",
    "bell\x07 backspace\x08 nul\x00 del\x7f",
    "c1 \x9b31m csi",
    "line\u2028separator\u2029para\x85nel",
    "bidi \u202eevil\u202c \u2066iso\u2069",
    "<script>alert(1)</script> & \"q\" 'a'",
    "tab\there, comma, colon: ok",
]
IDS = [f"h{i}" for i in range(len(HOSTILE))]
C0_C1 = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
INVISIBLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape():
    from citecheck.render import escape  # the per-destination escaping functions (issue 14)

    return escape


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_f8_github_data_and_property_cannot_break_out(text: str) -> None:
    """Reliability F8: the runner unescapes %25 %0D %0A (and %3A %2C in properties); after escaping no
    line break, no control character and, in a property, no `:` or `,` survives."""
    esc = _escape()
    data, prop = esc.github_data(text), esc.github_property(text)
    assert not INVISIBLE.search(data) and not INVISIBLE.search(prop)
    assert ":" not in prop and "," not in prop
    unescaped = data.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
    assert "\n" not in unescaped.replace("\n", "") and not C0_C1.search(unescaped.replace("\r", "").replace("\n", ""))


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_f8_stderr_line_is_one_line_without_controls(text: str) -> None:
    """Reliability F8: a stderr diagnostic is one line that cannot start a workflow command."""
    line = _escape().stderr_line(text)
    assert not INVISIBLE.search(line)
    assert "\n" not in line and "\r" not in line
    assert not line.startswith("::")


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_f8_terminal_text_shows_controls_visibly(text: str) -> None:
    """Reliability F8: terminal text shows control and bidi characters visibly instead of obeying them."""
    shown = _escape().terminal(text)
    assert not INVISIBLE.search(shown)
    if C0_C1.search(text.replace("\t", "")):
        assert shown != text  # something was made visible, not silently dropped
        assert re.search(r"\\(x[0-9a-f]{2}|u[0-9a-f]{4}|r|n)", shown)


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_f8_sarif_and_html_text(text: str) -> None:
    """Reliability F8: SARIF message text carries no control characters (JSON would keep ESC as
    \\u001b, which viewers then print); HTML text has no raw markup or control characters."""
    esc = _escape()
    sarif, html = esc.sarif_text(text), esc.html_text(text)
    assert not C0_C1.search(sarif.replace("\n", "")) and not C0_C1.search(html.replace("\n", ""))
    assert "<script" not in html and '"' not in html.replace("&quot;", "")
    assert json.loads(json.dumps(sarif)) == sarif


# --- end to end -------------------------------------------------------------------------------


def _run(args: list[str], cwd) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "citecheck", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.mark.parametrize("fmt", ["github", "text", "json", "sarif"])
def test_f8_hostile_file_name_cannot_inject_a_workflow_command(tmp_path, fmt: str) -> None:
    """Reliability F8 / issue gap 2: a file named `x<LF>::stop-commands::tok<LF>.md` with bad bytes is
    reported on one stderr line in every format; no line of any output starts a workflow command
    other than citecheck's own annotations."""
    (tmp_path / "x\n::stop-commands::tok\n.md").write_bytes(b"bad \xff bytes\n")
    proc = _run(["check", ".", "--format", fmt], tmp_path)
    assert proc.returncode in (2, 3)
    err_lines = proc.stderr.splitlines()
    assert all(ln.startswith("citecheck: ") for ln in err_lines), err_lines
    assert len([ln for ln in err_lines if "E_DECODE" in ln]) == 1
    own = re.compile(r"::(error|warning|notice) file=")
    assert all(not ln.startswith("::") or own.match(ln) for ln in proc.stdout.splitlines())


ANSI_DRAFT = (
    "# Port\n\nRents rose 12% in 2025 [^a\x1b[2Jb\x07] and [1].\n\n## Sources\n\n"
    '[1] Harbour \x1b]8;;http://evil.example\x07News\x1b]8;;\x07. "Title \x1b[31mred." https://news.example/a\n'
)


@pytest.mark.parametrize("fmt", ["github", "text", "markdown", "html", "sarif", "json"])
def test_f8_escape_sequences_in_titles_and_keys_never_reach_the_output(tmp_path, fmt: str) -> None:
    """Reliability F8 / issue gap 3: ANSI CSI, OSC 8 and BEL in a marker key and a reference title do
    not leave the program raw, in any format (JSON escapes them as \\u001b, which is safe)."""
    (tmp_path / "ansi.md").write_text(ANSI_DRAFT, encoding="utf-8")
    proc = _run(["report", "ansi.md", "--format", fmt], tmp_path)
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout
    assert "\x1b" not in proc.stderr
