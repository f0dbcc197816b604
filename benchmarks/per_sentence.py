"""Per-sentence cost of each analysis stage, in one warm process.

    python benchmarks/per_sentence.py

The stages are facts, attributions and hedges, and check-worthiness (its linear part and its context
network separately). Each runs over every sentence of the shared seed articles, or of the fixture
articles when the seeds are absent. The time is CPU time per sentence, the best of 5 passes. The
script prints a Markdown table to copy into the README.

These are the speed targets that used to sit in timed tests: a sentence's facts in well under 2 ms,
and its check-worthiness in well under 1 ms.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from citecheck import read_text
from citecheck.classify.checkworthy import checkworthiness, load_model
from citecheck.extract.attributions import find_attributions, find_hedges
from citecheck.extract.facts.extractor import extract_facts
from citecheck.pipeline import analyze_document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
FIXTURES = sorted((ROOT / "fixtures" / "articles").glob("*.*"))


def sentences(paths: list[Path]) -> list[str]:
    out = []
    for path in paths:
        doc = read_text(path.read_text(encoding="utf-8"), doc_id=path.stem, source=str(path))
        article = analyze_document(doc)
        out.extend(s.text for s in article.statements if s.kind not in ("heading", "meta"))
    return out


def per_call_us(texts: list[str], stage: Callable[[str], object], passes: int = 5) -> float:
    for text in texts:  # warm caches: the network's piece cache, regex compilation, lazy loads
        stage(text)
    best = float("inf")
    for _ in range(passes):
        start = time.process_time()
        for text in texts:
            stage(text)
        best = min(best, time.process_time() - start)
    return best / len(texts) * 1e6


def main() -> None:
    paths = SEEDS or FIXTURES
    texts = sentences(paths)
    model = load_model()
    net = model.net
    stages: list[tuple[str, Callable[[str], object]]] = [
        ("facts (`extract_facts`)", extract_facts),
        ("attributions + hedges", lambda t: (find_attributions(t), find_hedges(t))),
        ("check-worthiness, linear part", model.linear_margin),
        ("check-worthiness, context network", net.margin if net is not None else model.linear_margin),
        ("check-worthiness, whole (`checkworthiness`)", checkworthiness),
    ]
    source = "seed" if SEEDS else "fixture"
    mean = sum(map(len, texts)) / len(texts)
    print(f"{len(texts)} sentences from {len(paths)} {source} articles, mean {mean:.0f} characters")
    print()
    print("| stage | µs per sentence (CPU, best of 5) |")
    print("|---|---:|")
    for name, stage in stages:
        print(f"| {name} | {per_call_us(texts, stage):.0f} |")


if __name__ == "__main__":
    main()
