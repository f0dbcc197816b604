"""Scale benchmark: build corpora of N articles from generated variations of the fixture articles,
analyse them end to end (read -> ... -> rules), and record wall time and peak memory per size.

    python benchmarks/corpus_scale.py            # 100, 1,000 and 10,000 articles
    python benchmarks/corpus_scale.py 100 1000   # chosen sizes

Each size runs in a fresh subprocess so that peak RSS (ru_maxrss) belongs to that size alone.
Variations: every story gets its own entity names and figures, so stories do not all match one
another; inside a story, articles repeat, round, or contradict each other's figures, as real
coverage of one event does. Results go to stdout as a Markdown table (copy it into the README).
"""

from __future__ import annotations

import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "fixtures" / "corpora").glob("*/*.[mt][dx]*")) + sorted(
    (ROOT / "fixtures" / "articles").glob("*.md")
)
NAMES = ["Alder", "Birch", "Cedar", "Dunmore", "Elm", "Fir", "Gorse", "Hazel", "Ivy", "Juniper", "Kestrel", "Larch"]
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\b")


def vary(text: str, story: int, variant: int, rng: random.Random) -> str:
    """A new article for `story`: its own names, its figures scaled per story, some nudged per variant."""
    scale = 1 + (story % 17) / 10

    def number(m: re.Match[str]) -> str:
        raw = m.group()
        value = float(raw.replace(",", ""))
        if 1900 <= value <= 2100 or value < 10:
            return raw  # years and small counts stay
        value *= scale * (1.5 if variant % 7 == 6 and rng.random() < 0.3 else 1)
        return f"{int(value):,}" if "," in raw or value >= 1000 else f"{value:g}"

    text = _NUMBER.sub(number, text)
    for i, name in enumerate(NAMES):
        text = text.replace(name, f"{NAMES[(i + story) % len(NAMES)]}{story}")
    return text


def corpus(size: int) -> dict[str, str]:
    rng = random.Random(size)
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    out = {}
    for n in range(size):
        story, variant = divmod(n, 5)
        base = texts[(story + variant) % len(texts)]
        out[f"s{story:05d}-v{variant}.md"] = vary(base, story, variant, rng)
    return out


def run_one(size: int) -> dict[str, float]:
    from citecheck.pipeline import Options, analyze_documents
    from citecheck.read.files import read_text

    texts = corpus(size)
    start = time.perf_counter()
    docs = [read_text(t, doc_id=name, source=name, fmt="markdown") for name, t in texts.items()]
    report = analyze_documents(docs, [], Options(), [])
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux -> MiB
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest worker process
    statements = sum(len(a.statements) for a in report.articles)
    labels: dict[str, int] = {}
    for a in report.articles:
        for s in a.statements:
            if s.corroboration:
                labels[s.corroboration.label] = labels.get(s.corroboration.label, 0) + 1
    return {
        "articles": size,
        "statements": statements,
        "seconds": round(seconds, 2),
        "peak_mib": round(peak),
        "worker_mib": round(worker),
        "findings": len(report.findings),
        "corroborated": labels.get("corroborated", 0),
    }


def main(sizes: list[int]) -> None:
    if len(sizes) == 1 and "--one" in sys.argv:
        print(json.dumps(run_one(sizes[0])))
        return
    rows = []
    for size in sizes:
        proc = subprocess.run(
            [sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True
        )
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(rows[-1], file=sys.stderr)
    print(
        "| articles | statements | seconds | peak RSS main (MiB) | peak RSS per worker (MiB) | µs per statement"
        " | findings | corroborated |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        per = r["seconds"] / max(1, r["statements"]) * 1e6
        print(
            f"| {r['articles']:,} | {r['statements']:,} | {r['seconds']} | {r['peak_mib']} | {r['worker_mib']} | "
            f"{per:.0f} | "
            f"{r['findings']:,} | {r['corroborated']:,} |"
        )


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:] if a.isdigit()]
    main(args or [100, 1000, 10000])
