"""Start-up and per-document speed: how long `python -m citecheck` takes before it does anything,
and how long a report on the shared seed articles takes end to end.

    python benchmarks/startup.py

Prints a Markdown table (median of several runs, each a fresh interpreter) to copy into the README.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))


def timed(args: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    rows = [
        ("python -c pass (interpreter alone)", ["-c", "pass"], 10),
        ("python -m citecheck --version", ["-m", "citecheck", "--version"], 10),
        ("import citecheck", ["-c", "import citecheck"], 10),
        ("python -m citecheck rules", ["-m", "citecheck", "rules"], 5),
    ]
    if SEEDS:
        rows.append((f"report on the {len(SEEDS)} seed articles", ["-m", "citecheck", "report", *map(str, SEEDS)], 3))
        rows.append(
            ("check on the seed articles, JSON", ["-m", "citecheck", "check", "--format", "json", *map(str, SEEDS)], 3)
        )
    print("| command | median wall time (ms) |")
    print("|---|---:|")
    for label, args, runs in rows:
        print(f"| `{label}` | {timed(args, runs) * 1000:.0f} |")


if __name__ == "__main__":
    main()
