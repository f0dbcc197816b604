"""Train the check-worthiness model shipped as citecheck/data/checkworthy.bin.

Offline only: needs numpy, scipy and scikit-learn (``pip install numpy scipy scikit-learn``), which
are *not* runtime dependencies of citecheck. Features come from ``citecheck.checkworthy.vectorise``
itself, so training and inference cannot drift apart.

Recipe (see docs/checkworthy.md):

1. Hashed sparse features (2**BITS buckets): word 1-2-grams, character 2-5-grams inside words,
   hand-made cues; each group L2-normalised, sub-linear counts.
2. Two class-balanced linear models: logistic regression (liblinear, C=4) and a linear SVM
   (C=0.3). Their margins, each divided by its standard deviation on the training rows, are added:
   the sum is one linear model, so inference is a single sparse dot product.
3. Held-out estimates: (a) fit on train, score dev; (b) 5-fold cross-validation over train+dev
   grouped by debate (sentence ids in blocks of 1000), i.e. scored on debates the fold never saw;
   (c) forward-chaining ("later debates") validation: fit on the id blocks before k, score the next
   FORWARD_SPAN blocks, for each k in FORWARD_STARTS.
4. Platt calibration (sigmoid of a*margin+b) fit on the out-of-debate predictions of (3b).
5. Threshold: maximise the mean of the grouped-CV F1 (3b) and the mean forward F1 (3c) over a grid
   of probabilities. Dev (3a) is reported but not used: it is in-debate and rewards topic
   memorising, so it pushes the threshold up. Dev-test is never used.
6. Final weights: the same recipe refit on train+dev, quantised to int16.

Usage: python scripts/train_checkworthy.py [--data DIR] [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import GroupKFold
from sklearn.svm import LinearSVC

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citecheck.checkworthy import MODEL_PATH, THRESHOLD, Model, vectorise  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval-data" / "clef2024-checkworthy"
PREFIX = "CT24_checkworthy_english_"

CONFIG = {
    "bits": 19,
    "word_n": 2,
    "char_n": [2, 5],
    "cues": True,
    "sublinear": True,
    "group_weight": {"w": 1.0, "c": 1.0, "f": 1.0},
}
LR_C = 4.0
SVM_C = 0.3
GROUP_SIZE = 1000  # sentence ids of one debate are contiguous; blocks of 1000 ~ one debate
N_FOLDS = 5
FORWARD_STARTS = (11, 15, 19, 23, 27, 31)  # id blocks; each forward fold scores blocks k..k+3
FORWARD_SPAN = 4


def load(data: Path, split: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    with open(data / f"{PREFIX}{split}.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    texts = [r["Text"] for r in rows]
    y = np.array([r["class_label"].strip() == "Yes" for r in rows], dtype=int)
    ids = np.array([int(r["Sentence_id"]) for r in rows])
    return texts, y, ids


def matrix(texts: list[str], cfg: dict) -> sp.csr_matrix:
    ind: list[int] = []
    val: list[float] = []
    ptr = [0]
    for t in texts:
        v = vectorise(t, cfg)
        ind.extend(v.keys())
        val.extend(v.values())
        ptr.append(len(ind))
    m = sp.csr_matrix((np.array(val), np.array(ind), np.array(ptr)), shape=(len(texts), 1 << cfg["bits"]))
    m.sum_duplicates()
    return m


def fit(x: sp.csr_matrix, y: np.ndarray) -> tuple[np.ndarray, float]:
    """The combined linear model (weights, bias) of the balanced LR + balanced SVM."""
    w = np.zeros(x.shape[1])
    b = 0.0
    for model in (
        LogisticRegression(C=LR_C, solver="liblinear", class_weight="balanced", random_state=0),
        LinearSVC(C=SVM_C, class_weight="balanced", random_state=0, max_iter=5000),
    ):
        model.fit(x, y)
        s = float(np.std(model.decision_function(x)))
        w += model.coef_.ravel() / s
        b += float(model.intercept_[0]) / s
    return w, b


def platt(margin: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    lr = LogisticRegression(C=1e6, solver="lbfgs").fit(margin.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def scores(y: np.ndarray, p: np.ndarray, t: float) -> dict:
    pred = p >= t
    return {
        "precision": round(float(precision_score(y, pred, zero_division=0)), 4),
        "recall": round(float(recall_score(y, pred)), 4),
        "f1": round(float(f1_score(y, pred)), 4),
        "accuracy": round(float(np.mean(pred == y)), 4),
    }


def quantise(w: np.ndarray) -> tuple[np.ndarray, float]:
    scale = float(np.max(np.abs(w))) / 32767.0 or 1.0
    q = np.clip(np.rint(w / scale), -32767, 32767).astype(np.int16)
    return q, scale


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args(argv)
    t0 = time.time()

    xt, yt, it = load(args.data, "train")
    xd, yd, idd = load(args.data, "dev")
    texts = xt + xd
    y = np.r_[yt, yd]
    groups = np.r_[it, idd] // GROUP_SIZE
    x = matrix(texts, CONFIG)
    ntr = len(xt)
    print(f"features: {x.shape[0]} rows, {x.nnz / x.shape[0]:.0f} nnz/row ({time.time() - t0:.0f}s)")

    # (3a) train -> dev
    w, b = fit(x[:ntr], yt)
    dev_margin = x[ntr:] @ w + b
    # (3b) out-of-debate predictions over train+dev
    oof = np.zeros(len(y))
    for tr, te in GroupKFold(N_FOLDS).split(x, y, groups):
        wf, bf = fit(x[tr], y[tr])
        oof[te] = x[te] @ wf + bf
    # (3c) forward chaining: fit on earlier debates, score the next ones
    forward: list[tuple[np.ndarray, np.ndarray]] = []
    for start in FORWARD_STARTS:
        tr = np.where(groups < start)[0]
        te = np.where((groups >= start) & (groups < start + FORWARD_SPAN))[0]
        wf, bf = fit(x[tr], y[tr])
        forward.append((y[te], x[te] @ wf + bf))
    print(f"held-out margins done ({time.time() - t0:.0f}s)")

    # (4) calibration on out-of-debate predictions; (5) threshold
    a, c = platt(oof, y)
    p_dev = sigmoid(a * dev_margin + c)
    p_oof = sigmoid(a * oof + c)
    grid = np.round(np.arange(0.10, 0.701, 0.005), 3)
    f_dev = np.array([f1_score(yd, p_dev >= t) for t in grid])
    f_oof = np.array([f1_score(y, p_oof >= t) for t in grid])
    f_fwd = np.array([np.mean([f1_score(yf, sigmoid(a * mf + c) >= t) for yf, mf in forward]) for t in grid])
    objective = (f_oof + f_fwd) / 2
    k = int(np.argmax(objective))
    threshold = float(grid[k])
    print(f"calibration a={a:.4f} c={c:.4f}; threshold {threshold:.3f}")
    print(f"  dev-only best threshold {grid[int(np.argmax(f_dev))]:.3f} (F1 {f_dev.max():.4f}) [not used]")
    print(f"  grouped-CV best threshold {grid[int(np.argmax(f_oof))]:.3f} (F1 {f_oof.max():.4f})")
    print(f"  forward best threshold {grid[int(np.argmax(f_fwd))]:.3f} (mean F1 {f_fwd.max():.4f})")
    held_out = {
        "dev (model fit on train)": scores(yd, p_dev, threshold),
        "train+dev grouped 5-fold CV": scores(y, p_oof, threshold),
        "forward-chaining (later debates), mean F1": {"f1": round(float(f_fwd[k]), 4)},
    }
    for name, s in held_out.items():
        print(f"  {name}: {s}")

    # (6) final model on train+dev
    w, b = fit(x, y)
    q, scale = quantise(w)
    meta = {
        "trained_on": "CLEF2024 CheckThat! Task 1 English train+dev",
        "n_train": len(y),
        "recipe": f"balanced LR(C={LR_C}) + balanced linear SVM(C={SVM_C}), margins std-normalised and summed",
        "held_out": held_out,
        "nonzero_weights": int(np.count_nonzero(q)),
    }
    model = Model(CONFIG, q.tolist(), scale, b, a, c, threshold, meta)
    blob = model.to_bytes()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(blob)

    # sanity: pure-Python inference reproduces numpy on a few rows
    loaded = Model.from_bytes(blob)
    for i in range(0, len(texts), max(1, len(texts) // 50)):
        ref = float(sigmoid(a * (x[i] @ (q.astype(float) * scale) + b) + c)[0])
        got = loaded.probability(texts[i])
        if abs(ref - got) > 1e-6:
            raise SystemExit(f"inference mismatch on row {i}: {ref} vs {got}")
    print(f"wrote {args.out} ({len(blob) / 1024:.0f} KiB, {meta['nonzero_weights']} non-zero weights)")
    print(json.dumps({"threshold": threshold}))
    if threshold != THRESHOLD:
        print(f"NOTE: set THRESHOLD = {threshold} in citecheck/checkworthy.py (it is {THRESHOLD} now)")
    print(f"done in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
