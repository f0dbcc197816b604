"""Pathological drafts through `python -m citecheck check`: does any input make the run superlinear?

    python benchmarks/pathological.py                 # every case at 100 KB and 1 MB
    python benchmarks/pathological.py --sizes 20000,200000 --only digits-commas

Each case is a draft built from one hostile pattern (reliability.md A10/A11): runs of digits and
commas, brackets, quotes, dashes, list markers, a paragraph with no full stop, very long lines.
Every case runs in a fresh interpreter; the time is that child's CPU time (user + system). The
growth exponent is log(t_big / t_small) / log(size_big / size_small) after subtracting the CPU time
of the same command on an empty draft (start-up), so 1.0 is linear and 2.0 quadratic; it is left
out ("–") when the small run costs under 0.1 s more than start-up, where it would measure noise. The goal
(issue 14) is an exponent of at most 1.1 and no case over 10 s at 1 MB.

A case that runs into the per-case cap (--cap, default 120 s) is reported as "> cap". A run that
hits the CLI's 30 s per-document deadline (wall time: on a loaded machine it can come before 30 s of
CPU) is reported as "deadline": the document was skipped, so its CPU time measures nothing. With
--no-deadline each run is `citecheck.analyze` + the JSON renderer in a fresh interpreter, the work of
`check` without the CLI's deadline timer: for measuring on a loaded machine.
"""

from __future__ import annotations

import argparse
import math
import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _fill(unit: str, size: int, head: str = "", tail: str = "") -> str:
    """`unit` repeated to `size` characters (plus head and tail)."""
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


CASES: dict[str, tuple[str, Callable[[int], str]]] = {
    # name: (suffix, builder)
    "digits-commas": (".txt", lambda n: _fill("1,", n)),
    "digit-run": (".txt", lambda n: _fill("7", n)),
    "figures-no-stop": (".txt", lambda n: _fill("1,000,000 and ", n, "The port moved ")),
    "word-count-sentences": (".txt", lambda n: _fill("This is a 500-word piece. ", n)),
    "open-parens": (".txt", lambda n: _fill("(", n)),
    "open-brackets": (".md", lambda n: _fill("[", n)),
    "footnote-opens": (".md", lambda n: _fill("[^", n)),
    "numbered-markers": (".md", lambda n: _fill("[1, ", n)),
    "straight-quotes": (".txt", lambda n: _fill('"a ', n)),
    "curly-quotes": (".txt", lambda n: _fill("“a ‘b ", n)),
    "dashes": (".txt", lambda n: _fill("- ", n)),
    "en-dashes": (".txt", lambda n: _fill("1–", n)),
    "list-markers": (".md", lambda n: _fill("1. ", n, tail="x")),  # nested containers: one item, "x"
    # the same bytes in plain text, where each "1." is a sentence: 333,000 statements at 1 MB
    "list-markers-text": (".txt", lambda n: _fill("1. ", n, tail="x")),
    "bullets": (".md", lambda n: _fill("* ", n)),
    "blockquotes": (".md", lambda n: _fill(">", n)),
    "emphasis": (".md", lambda n: _fill("*_", n, "**_")),
    "no-full-stop": (".txt", lambda n: _fill("the port moved more containers than the year before and ", n)),
    "smith-and": (".txt", lambda n: _fill("Smith and ", n, "(")),
    "long-line": (".txt", lambda n: _fill("a", n)),
    "long-url": (".md", lambda n: _fill("a", n, "See https://")),
    "weekdays": (".txt", lambda n: _fill("Monday, ", n)),
    "html-divs": (".html", lambda n: _fill("<div>", n, tail="<p>Rents rose 12% [1].</p>")),
}


DEADLINE_HIT = -1.0  # the run's document was skipped at the per-document deadline
_LIBRARY = (
    "import sys; from citecheck import Options, analyze, render; "
    "sys.stdout.write(render(analyze([sys.argv[1]], options=Options()), 'json'))"
)


def cpu_seconds(path: Path, cap: float, deadline: bool = True) -> float | None:
    """CPU time of one `check` run on `path`; None when it ran past `cap` seconds of wall time,
    DEADLINE_HIT when the CLI skipped the document at its deadline."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = ["-m", "citecheck", "check", "--format", "json", str(path)] if deadline else ["-c", _LIBRARY, str(path)]
    try:
        run = subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, timeout=cap, check=False)
    except subprocess.TimeoutExpired:
        return None
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if b"E_TIMEOUT_EXTRACT" in run.stderr:
        return DEADLINE_HIT
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def shown(t: float | None, cap: float) -> str:
    return f"> {cap:g}" if t is None else "deadline" if t == DEADLINE_HIT else f"{t:.2f}"


def exponent(small: float | None, big: float | None, base: float, ratio: float) -> float | None:
    """None when a time is missing, or when the small run is within 0.1 s of start-up (noise, not growth)."""
    if small is None or big is None or DEADLINE_HIT in (small, big) or small - base < 0.1:
        return None
    return math.log(max(big - base, 1e-3) / (small - base)) / math.log(ratio)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000", help="two sizes in characters")
    parser.add_argument("--only", action="append", default=[], help="run only these cases")
    parser.add_argument("--cap", type=float, default=120.0, help="seconds of wall time per run")
    parser.add_argument(
        "--no-deadline", action="store_true", help="run the library (no 30 s per-document deadline): loaded machines"
    )
    args = parser.parse_args()
    small_n, big_n = (int(s) for s in args.sizes.split(","))
    names = args.only or list(CASES)
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp, "empty.txt")
        empty.write_text("", encoding="utf-8")
        base = min(cpu_seconds(empty, args.cap, not args.no_deadline) or 0.0 for _ in range(3))
        print(f"start-up (empty draft): {base:.2f} s CPU\n")
        print(f"| case | {small_n / 1000:g} KB (s) | {big_n / 1000:g} KB (s) | growth exponent |")
        print("|---|---:|---:|---:|")
        for name in names:
            suffix, build = CASES[name]
            times = []
            for n in (small_n, big_n):
                path = Path(tmp, f"{name}-{n}{suffix}")
                path.write_text(build(n), encoding="utf-8")
                times.append(cpu_seconds(path, args.cap, not args.no_deadline))
            k = exponent(times[0], times[1], base, big_n / small_n)
            cells = " | ".join(shown(t, args.cap) for t in times)
            print(f"| {name} | {cells} | {f'{k:.2f}' if k is not None else '–'} |", flush=True)


if __name__ == "__main__":
    main()
