"""The TF-IDF + logistic-regression baseline under the shipped model's own protocol (issue 12).

The shipped check-worthiness model is chosen by 5-fold cross-validation on train+dev grouped by debate
(sentence ids in blocks of 1000, since one debate's ids are contiguous) and scored once on dev-test.
Comparing it with a baseline fit on train and cut at 0.5 is not a fair race, so this script gives the
baseline the same treatment:

1. the same folds over train+dev, grouped by debate;
2. C (LR regularisation) and class weighting chosen by the pooled out-of-debate F1, each at its own
   best threshold on a 0.005 grid (the baseline gets every advantage the shipped model had);
3. refit on train+dev with the chosen setting and score dev-test once, at the threshold from step 2.

The shipped model's figures under the same protocol are read from its model file (recorded at
training time) and dev-test is scored here, so both rows come from one run.

    python scripts/checkworthy_baseline_cv.py [--data DIR] [--out FILE]

Needs scikit-learn (the `train` extra); exits 2 without it or without the data.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from eval_checkworthy import DEFAULT_DATA, PREFIX, evaluate, load, prf  # noqa: E402

FOLDS = 5
BLOCK = 1000  # sentence ids of one debate are contiguous
GRID = [i / 200 for i in range(1, 200)]
SETTINGS = [(c, w) for c in (0.25, 1.0, 4.0, 16.0) for w in (None, "balanced")]


def load_ids(data: Path, split: str) -> list[int]:
    import csv

    with open(data / f"{PREFIX}{split}.tsv", encoding="utf-8", newline="") as fh:
        return [int(r["Sentence_id"]) for r in csv.DictReader(fh, delimiter="\t")]


def folds(ids: list[int]) -> list[int]:
    """Fold of each row: debate blocks dealt round-robin, so each fold holds whole debates."""
    blocks = sorted({i // BLOCK for i in ids})
    fold_of = {b: n % FOLDS for n, b in enumerate(blocks)}
    return [fold_of[i // BLOCK] for i in ids]


def out_of_debate(texts: list[str], gold: list[bool], fold: list[int], c: float, weight: str | None) -> list[float]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    probs = [0.0] * len(texts)
    for k in range(FOLDS):
        train = [i for i, f in enumerate(fold) if f != k]
        test = [i for i, f in enumerate(fold) if f == k]
        vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
        x = vec.fit_transform([texts[i] for i in train])
        clf = LogisticRegression(C=c, max_iter=3000, class_weight=weight).fit(x, [gold[i] for i in train])
        for i, p in zip(test, clf.predict_proba(vec.transform([texts[i] for i in test]))[:, 1]):
            probs[i] = float(p)
    return probs


def best_threshold(gold: list[bool], probs: list[float]) -> tuple[float, float]:
    scored = [(prf(gold, [p >= t for p in probs])["f1"], t) for t in GRID]
    f1, t = max(scored)
    return t, f1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "checkworthy_baseline_cv.json")
    args = ap.parse_args(argv)
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        print("checkworthy_baseline_cv: scikit-learn is not installed (pip install -e '.[train]')", file=sys.stderr)
        return 2
    if not args.data.is_dir():
        print(f"checkworthy_baseline_cv: {args.data}: data directory not found", file=sys.stderr)
        return 2
    texts, gold = (a + b for a, b in zip(load(args.data, "train"), load(args.data, "dev")))
    fold = folds(load_ids(args.data, "train") + load_ids(args.data, "dev"))
    trials = []
    for c, weight in SETTINGS:
        t, f1 = best_threshold(gold, out_of_debate(texts, gold, fold, c, weight))
        trials.append({"C": c, "class_weight": weight or "none", "threshold": t, "grouped_cv_f1": round(f1, 4)})
        print(f"  C {c:<5} {weight or 'none':<8} grouped-CV F1 {f1:.4f} at {t:.3f}", flush=True)
    chosen = max(trials, key=lambda r: r["grouped_cv_f1"])
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    weight = None if chosen["class_weight"] == "none" else chosen["class_weight"]
    clf = LogisticRegression(C=chosen["C"], max_iter=3000, class_weight=weight).fit(vec.fit_transform(texts), gold)
    test_texts, test_gold = load(args.data, "dev-test")
    probs = clf.predict_proba(vec.transform(test_texts))[:, 1]
    baseline_test = prf(test_gold, [p >= chosen["threshold"] for p in probs])
    shipped_test = evaluate(test_texts, test_gold)
    from citecheck.classify import checkworthy

    held = checkworthy.load_model().meta.get("held_out", {})
    shipped_cv = next((v.get("f1") for k, v in held.items() if k.startswith("train+dev grouped")), None)
    result = {
        "protocol": f"{FOLDS}-fold CV on train+dev grouped by debate (id blocks of {BLOCK}); dev-test scored once",
        "baseline_trials": trials,
        "baseline_chosen": chosen,
        "baseline_dev_test": {k: round(v, 4) for k, v in baseline_test.items()},
        "shipped_grouped_cv_f1": shipped_cv,
        "shipped_dev_test": {k: round(v, 4) for k, v in shipped_test.items()},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"baseline  grouped-CV F1 {chosen['grouped_cv_f1']:.4f}  dev-test F1 {baseline_test['f1']:.4f}")
    print(f"shipped   grouped-CV F1 {shipped_cv}  dev-test F1 {shipped_test['f1']:.4f}")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
