"""Score the shipped check-worthiness model on CLEF 2024 CheckThat! Task 1 English.

Prints, per split (dev, dev-test): n, precision, recall, F1 of the Yes class, accuracy, and the
mean per-sentence latency of ``checkworthiness()`` (time.perf_counter over repeated passes). Also
prints the cold import+load time (measured in a fresh interpreter) and, if scikit-learn is
importable, the TF-IDF + logistic-regression baseline trained on train.

The shipped model was trained on train+dev, so its dev row is in-sample; the held-out dev
estimate stored in the model file (model fit on train only) is printed beside it.

Usage: python scripts/eval_checkworthy.py [--data DIR] [--min-f1 X] [--no-baseline]
Exits 1 if --min-f1 is given and dev-test F1 is below it.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citecheck.classify import checkworthy  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval-data" / "clef2024-checkworthy"
PREFIX = "CT24_checkworthy_english_"
SPLITS = ("dev", "dev-test")
_HELD_KEYS = (("precision", "P"), ("recall", "R"), ("f1", "F1"), ("accuracy", "acc"))


def load(data: Path, split: str) -> tuple[list[str], list[bool]]:
    with open(data / f"{PREFIX}{split}.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [r["Text"] for r in rows], [r["class_label"].strip() == "Yes" for r in rows]


def prf(gold: list[bool], pred: list[bool]) -> dict[str, float]:
    tp = sum(g and p for g, p in zip(gold, pred))
    fp = sum(p and not g for g, p in zip(gold, pred))
    fn = sum(g and not p for g, p in zip(gold, pred))
    correct = sum(g == p for g, p in zip(gold, pred))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": correct / len(gold)}


def evaluate(texts: list[str], gold: list[bool], threshold: float | None = None) -> dict[str, float]:
    """Scores of the shipped model on one split (used by the tests too)."""
    t = checkworthy.THRESHOLD if threshold is None else threshold
    return prf(gold, [checkworthy.checkworthiness(s) >= t for s in texts])


def latency_us(texts: list[str], min_seconds: float = 1.0) -> float:
    """Mean microseconds per checkworthiness() call, repeating passes over `texts`."""
    checkworthy.checkworthiness("warm up")
    f = checkworthy.checkworthiness
    calls = 0
    start = time.perf_counter()
    while True:
        for s in texts:
            f(s)
        calls += len(texts)
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return elapsed / calls * 1e6


def cold_load_ms(repeats: int = 5) -> float:
    """Best-of-N wall time of `import citecheck.classify.checkworthy` + loading the weights, fresh process."""
    code = (
        "import time; t=time.perf_counter(); import citecheck.classify.checkworthy as m; m.load_model(); "
        "print((time.perf_counter()-t)*1000)"
    )
    times = []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
        times.append(float(out.strip()))
    return min(times)


def baseline(data: Path) -> dict[str, dict[str, float]] | None:
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        return None
    xt, yt = load(data, "train")
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    xv = vec.fit_transform(xt)
    out = {}
    for weight in (None, "balanced"):
        clf = LogisticRegression(max_iter=2000, class_weight=weight).fit(xv, yt)
        for split in SPLITS:
            x, y = load(data, split)
            out[f"{split} ({weight or 'unweighted'})"] = prf(y, [bool(p) for p in clf.predict(vec.transform(x))])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--min-f1", type=float, default=None, help="exit 1 if dev-test F1 is below this")
    ap.add_argument("--no-baseline", action="store_true", help="skip the TF-IDF+LR baseline")
    ap.add_argument("--latency-seconds", type=float, default=1.0)
    args = ap.parse_args(argv)

    if not args.data.is_dir():
        print(f"data directory not found: {args.data}", file=sys.stderr)
        return 2
    model = checkworthy.load_model()
    print(f"model: {checkworthy.MODEL_PATH.name} ({checkworthy.MODEL_PATH.stat().st_size / 1024:.0f} KiB), ", end="")
    print(f"threshold {checkworthy.THRESHOLD:.3f}")
    print(f"cold import + load: {cold_load_ms():.1f} ms (best of 5, fresh interpreter)")
    print()
    header = f"{'split':<10} {'n':>5} {'precision':>9} {'recall':>7} {'F1(Yes)':>8} {'accuracy':>8} {'µs/sent':>8}"
    print(header)
    print("-" * len(header))
    results = {}
    for split in SPLITS:
        texts, gold = load(args.data, split)
        r = evaluate(texts, gold)
        results[split] = r
        us = latency_us(texts, args.latency_seconds)
        name = "dev*" if split == "dev" else split
        print(
            f"{name:<10} {len(texts):>5} {r['precision']:>9.4f} {r['recall']:>7.4f} {r['f1']:>8.4f} "
            f"{r['accuracy']:>8.4f} {us:>8.1f}"
        )
    held = model.meta.get("held_out", {})
    print("\n* the shipped model was trained on train+dev: its dev row is in-sample. Held-out estimates")
    print("  recorded at training time:")
    for name, s in held.items():
        parts = [f"{label} {s[key]:.4f}" for key, label in _HELD_KEYS if key in s]
        print(f"    {name}: " + " ".join(parts))

    if not args.no_baseline:
        base = baseline(args.data)
        if base is None:
            print("\nbaseline: scikit-learn not importable, skipped")
        else:
            print("\nbaseline TF-IDF word 1-2-grams + logistic regression (fit on train, threshold 0.5):")
            for split, r in base.items():
                print(f"    {split:<24} P {r['precision']:.4f} R {r['recall']:.4f} F1 {r['f1']:.4f}")

    if args.min_f1 is not None and results["dev-test"]["f1"] < args.min_f1:
        print(f"\nFAIL: dev-test F1 {results['dev-test']['f1']:.4f} < {args.min_f1}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
