"""The JSON report is written a document at a time (issue 13, item 2): compact by default, `--indent N`
for people, and the same data either way as the one-piece `to_dict` the contract describes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from citecheck.pipeline import analyze_texts
from citecheck.render import render, write
from citecheck.render.json_format import chunks, to_dict

ROOT = Path(__file__).resolve().parents[1]
TEXTS = {
    "a.md": 'Exports rose 12% to $4.1 billion in 2025, the "ministry" said [1].\n\n## Sources\n\n'
    '[1] Trade Wire. "Exports." March 2, 2026. https://tradewire.example/x\n',
    "b.md": "Exports rose 15% in 2025, officials said. Ça va? Line\\nbreak and tab\there.\n",
}


@pytest.fixture(scope="module")
def report():
    return analyze_texts(TEXTS)


@pytest.mark.parametrize("indent", [None, 0, 1, 2, 4])
def test_streamed_json_is_what_json_dumps_gives_for_the_whole_report(report, indent):
    whole = to_dict(report)
    if indent is None:
        expected = json.dumps(whole, ensure_ascii=False, separators=(",", ":")) + "\n"
    else:
        expected = json.dumps(whole, ensure_ascii=False, indent=indent) + "\n"
    assert "".join(chunks(report, indent)) == expected
    assert render(report, "json", indent=indent) == expected


def test_compact_is_the_default_and_one_line(report):
    text = render(report, "json")
    assert text.count("\n") == 1 and text.endswith("}\n")
    assert json.loads(text) == json.loads(render(report, "json", indent=2))


def test_an_empty_report_streams_empty_arrays():
    empty = analyze_texts({})
    assert json.loads(render(empty, "json"))["documents"] == []
    assert '"documents": [],' in render(empty, "json", indent=2)


def test_write_sends_pieces_to_the_stream():
    """Pieces go out in batches as they are encoded: never the whole report as one string."""
    big = analyze_texts({"long.md": "".join(f"Exports rose {n}% in 2025, officials said. " for n in range(1500))})

    sizes: list[int] = []

    class Recording(io.StringIO):
        def write(self, s: str) -> int:
            sizes.append(len(s))
            return super().write(s)

    stream = Recording()
    write(big, "json", stream)
    whole = render(big, "json")
    assert stream.getvalue() == whole
    assert len(sizes) >= 3 and max(sizes) < len(whole) / 2


def test_cli_indent_flag(tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text(TEXTS["a.md"], encoding="utf-8")

    def run(*extra: str) -> str:
        cmd = [sys.executable, "-m", "citecheck", "report", str(draft), "--format", "json", *extra]
        return subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path).stdout

    compact, indented = run(), run("--indent", "2")
    assert compact.count("\n") == 1
    assert indented.startswith('{\n  "schema": "citecheck.report/1",\n')
    assert json.loads(compact) == json.loads(indented)
    bad = subprocess.run(
        [sys.executable, "-m", "citecheck", "report", str(draft), "--indent", "x"], capture_output=True, text=True
    )
    assert bad.returncode == 2 and "--indent" in bad.stderr
