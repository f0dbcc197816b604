"""Memory with many small inputs (reliability.md A12, F9; issue 14): peak resident memory of one
`python -m citecheck check` run over N small drafts, the main process and its workers together.

    python benchmarks/many_files.py                  # 10,000 files of about 1 KB
    python benchmarks/many_files.py --files 1000 --size 8000

The drafts are generated (each sentence its own figures, a reference list with two entries). The
whole process tree's resident memory (VmRSS of the process and every descendant, from /proc) is
sampled every 0.1 s; the peak of the sum is reported. Goal (issue 14): under 1 GB for 10,000 files.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def draft(i: int, size: int) -> str:
    head = f"# Harbour report {i}\n\n"
    sentences = [
        f"The port of Tarsenia moved {400 + (i + j) % 500},000 containers in {2000 + j % 25} [1]. "
        f"Rents in district {j} rose {(i * j) % 30}% in March, the ministry said [2]. "
        for j in range(1, 1 + size // 120)
    ]
    refs = (
        f'\n\n## Sources\n\n[1] Harbour News. "Port volumes {i}." March 3, 2025. https://news.example/{i}\n'
        f'[2] Wire Service. "Rents {i}." March 4, 2025. https://wire.example/{i}\n'
    )
    return head + "".join(sentences) + refs


def tree_rss_kib(pid: int) -> int:
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next(int(ln.split()[1]) for ln in status.splitlines() if ln.startswith("VmRSS:"))
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue  # the process ended between two reads
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=1000, help="characters per draft")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "drafts")
        folder.mkdir()
        for i in range(args.files):
            (folder / f"d{i:05}.md").write_text(draft(i, args.size), encoding="utf-8")
        start = time.perf_counter()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "citecheck",
                "check",
                str(folder),
                "--format",
                "json",
                "-o",
                str(Path(tmp, "r.json")),
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        peak = 0
        while proc.poll() is None:
            peak = max(peak, tree_rss_kib(proc.pid))
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        err = proc.stderr.read().decode() if proc.stderr else ""
    print(f"{args.files} files of ~{args.size} characters: exit {proc.returncode}, {seconds:.1f} s, "
          f"peak RSS of the process tree {peak / 1024:.0f} MiB")  # fmt: skip
    if err.strip():
        print(err.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
