"""Open an HTML report in headless Chromium and say whether its scripts ran cleanly.

Two bounded runs of the browser binary, each with a fresh profile in a temporary directory and
every background-network feature off:

1. ``--dump-dom``: the DOM after the page's scripts ran (the report's JS marks ``<html
   data-ready="1">`` when it finished and ``data-js-errors`` if anything threw), with the console
   logged to stderr (``--enable-logging=stderr``): every ``:CONSOLE`` line the page produced is
   collected (uncaught exceptions, CSP refusals of a network load, ``console.*`` calls).
2. ``--screenshot``: a PNG of the first ``--window-size`` pixels.

Used by tests/test_html_report.py; also a command line:

    python scripts/browser_check.py report.html [--screenshot out.png] [--fragment s-0-3]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--hide-scrollbars",
    "--mute-audio",
    "--virtual-time-budget=5000",
)
_CONSOLE = re.compile(r":CONSOLE(?:\(\d+\)|:\d+)?\]\s*(?P<message>.*)")


@dataclass(frozen=True)
class PageCheck:
    dom: str
    console: list[str] = field(default_factory=list)  # console lines the page produced
    screenshot: Path | None = None

    @property
    def ready(self) -> bool:
        return bool(re.search(r'<html[^>]*\bdata-ready="1"', self.dom))

    @property
    def js_errors(self) -> int:
        m = re.search(r'<html[^>]*\bdata-js-errors="(\d+)"', self.dom)
        return int(m.group(1)) if m else 0

    @property
    def problems(self) -> list[str]:
        out = [f"console: {line}" for line in self.console]
        if not self.ready:
            out.append('the page script did not finish (no <html data-ready="1"> in the DOM)')
        if self.js_errors:
            out.append(f"{self.js_errors} uncaught script error(s)")
        return out


def find_chromium() -> str | None:
    """The browser to use: $CITECHECK_CHROMIUM, else the first Chromium/Chrome on PATH."""
    explicit = os.environ.get("CITECHECK_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else shutil.which(explicit)
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def _run(binary: str, args: list[str], timeout: float) -> tuple[str, str]:
    """Run the browser in its own process group; on timeout kill that group (and only it)."""
    with tempfile.TemporaryDirectory(prefix="citecheck-chromium-") as profile:
        cmd = [binary, *FLAGS, f"--user-data-dir={profile}", *args]
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace", start_new_session=True
        )
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:  # kill the group we started (start_new_session), only it
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise TimeoutError(f"{binary} did not finish within {timeout:g}s: {' '.join(args)}") from None
    if proc.returncode != 0:
        raise RuntimeError(f"{binary} exited with {proc.returncode}: {err[-2000:]}")
    return out, err


def console_lines(stderr: str, page_url: str) -> list[str]:
    """Console messages logged by the page at `page_url` (Chromium's own noise is left out)."""
    base = page_url.split("#", 1)[0]
    found = []
    for line in stderr.splitlines():
        m = _CONSOLE.search(line)
        if m and (base in line or "source: " not in line):
            found.append(m.group("message").strip())
    return found


def check_page(
    path: Path,
    *,
    screenshot: Path | None = None,
    fragment: str = "",
    size: tuple[int, int] = (1400, 2000),
    timeout: float = 60.0,
    binary: str | None = None,
) -> PageCheck:
    binary = binary or find_chromium()
    if binary is None:
        raise FileNotFoundError("no chromium binary found (install Debian's `chromium` or set CITECHECK_CHROMIUM)")
    url = path.resolve().as_uri() + (f"#{fragment}" if fragment else "")
    window = f"--window-size={size[0]},{size[1]}"
    dom, err = _run(binary, ["--enable-logging=stderr", "--v=0", window, "--dump-dom", url], timeout)
    shot = None
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        if screenshot.exists():
            screenshot.unlink()
        _run(binary, [window, f"--screenshot={screenshot.resolve()}", url], timeout)
        shot = screenshot if screenshot.exists() else None
    return PageCheck(dom=dom, console=console_lines(err, url), screenshot=shot)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("--screenshot", type=Path)
    parser.add_argument("--fragment", default="", help="open the page at #FRAGMENT (e.g. a statement's id)")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args(argv)
    result = check_page(args.html, screenshot=args.screenshot, fragment=args.fragment, timeout=args.timeout)
    for problem in result.problems:
        print(problem)
    graph = re.search(r'<svg id="graph"[^>]*data-nodes="(\d+)"[^>]*data-edges="(\d+)"', result.dom)
    print(
        f"ready={result.ready} js_errors={result.js_errors} console={len(result.console)} "
        f"graph={'{} nodes, {} edges'.format(*graph.groups()) if graph else 'not drawn'} "
        f"screenshot={result.screenshot}"
    )
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main())
