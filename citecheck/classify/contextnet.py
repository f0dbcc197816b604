"""The context half of check-worthiness: a small convolution over word-piece embeddings.

The hashed linear model in `citecheck.classify.checkworthy` sees words and character n-grams; it cannot
tell that "tripled" is like "doubled" unless training showed both. This network reads the sentence
as word pieces whose vectors come from all-MiniLM-L6-v2 (each piece run through that model on its
own, as in Model2Vec), so it knows what words it never saw in training resemble. One 1-D
convolution (width 3) with ReLU, max- and mean-pooled, feeds one linear output: its margin is added
to the linear model's before calibration.

The piece vectors are product-quantised (one byte per 4 dimensions), and the network was trained
on the decoded vectors, so the shipped file reproduces training exactly. Inference is a handful of
numpy operations per sentence. ``scripts/train_checkworthy.py`` writes the file; see
``docs/checkworthy.md``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from citecheck.classify.wordpiece import WordPiece
from citecheck.datafiles import DATA_DIR

__all__ = ["NET_PATH", "ContextNet"]

NET_PATH = DATA_DIR / "checkworthy-net.npz"

#: Longest sentence, in word pieces, that is read in full; longer input is read in windows of this
#: size, so cost stays linear and no window is longer than anything seen in training.
MAX_PIECES = 128
#: Most pieces projected in one product: bounds the float64 temporaries (about 6 KiB a piece) when a
#: long document brings thousands of new pieces at once.
_PROJECT_AT_ONCE = 4096
_ARRAYS = ("vocab", "codes", "codebooks", "conv_w", "conv_b", "out_w", "out_b")


class ContextNet:
    """Word pieces -> PQ-decoded vectors -> conv(3) + ReLU -> [max, mean] pooling -> margin."""

    __slots__ = (
        "_known",
        "_lock",
        "_projected",
        "_w_by_offset",
        "_w_by_offset64",
        "codebooks",
        "codes",
        "conv_b",
        "conv_w",
        "out_b",
        "out_w",
        "wordpiece",
    )

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        pieces = bytes(arrays["vocab"]).decode("utf-8").split("\n")
        self.wordpiece = WordPiece(pieces)
        self.codes = arrays["codes"]  # (pieces, subspaces) uint8
        self.codebooks = arrays["codebooks"].astype(np.float32)  # (subspaces, 256, sub_dim)
        self.conv_w = arrays["conv_w"].astype(np.float32)  # (3 * dim, channels): [prev | this | next]
        self.conv_b = arrays["conv_b"].astype(np.float32)
        self.out_w = arrays["out_w"].astype(np.float32)  # (2 * channels,): [max | mean]
        self.out_b = float(arrays["out_b"])
        if self.codes.shape[0] != len(pieces) or self.conv_w.shape[0] != 3 * self.dim:
            raise ValueError("check-worthiness network file is corrupt: shapes do not agree")
        # The convolution is linear in each piece's vector, so each piece's contribution at the three
        # offsets is computed once and kept: a sentence then costs additions, not a matrix product.
        d = self.dim
        self._w_by_offset = np.hstack([self.conv_w[:d], self.conv_w[d : 2 * d], self.conv_w[2 * d :]])
        self._w_by_offset64 = self._w_by_offset.astype(np.float64)
        # rows filled on first use (np.zeros is calloc: untouched rows take no memory), so a sentence's
        # rows come out in one indexing operation
        self._projected = np.zeros((self.codes.shape[0], self._w_by_offset.shape[1]), dtype=np.float32)
        self._known: set[int] = set()  # ids whose row is filled: a set, since a sentence asks about a few dozen
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path: Path = NET_PATH) -> ContextNet:
        with np.load(path, allow_pickle=False) as data:
            missing = [k for k in _ARRAYS if k not in data.files]
            if missing:
                raise ValueError(f"{path}: not a check-worthiness network file (missing {', '.join(missing)})")
            return cls({k: data[k] for k in _ARRAYS})

    @property
    def dim(self) -> int:
        return int(self.codebooks.shape[0] * self.codebooks.shape[2])

    def vectors(self, ids: list[int] | np.ndarray) -> np.ndarray:
        """The decoded piece vectors, one row per id."""
        codes = self.codes[ids]  # (n, subspaces)
        parts = self.codebooks[np.arange(codes.shape[1]), codes]  # (n, subspaces, sub_dim)
        return parts.reshape(len(ids), -1)

    def margin(self, text: str) -> float:
        ids = self.wordpiece.encode(text) or [self.wordpiece.unknown_id]
        windows = [ids[i : i + MAX_PIECES] for i in range(0, len(ids), MAX_PIECES)]
        return max(self._window_margin(w) for w in windows)

    def _window_margin(self, ids: list[int]) -> float:
        rows = self._piece_rows(ids)
        ch = self.conv_b.shape[0]
        h = rows[:, ch : 2 * ch] + self.conv_b  # each piece's own offset
        h[1:] += rows[:-1, :ch]  # the piece before it
        h[:-1] += rows[1:, 2 * ch :]  # the piece after it
        np.maximum(h, 0.0, out=h)
        pooled = np.concatenate([h.max(axis=0), h.mean(axis=0)])
        return float(pooled @ self.out_w) + self.out_b

    def prepare(self, texts: Iterable[str]) -> None:
        """Project every word piece of `texts` not met before, in one product: a document's sentences
        then cost one matrix product rather than one each (a third of the network's time on the editor
        path). Scores do not change: a row is the same whatever batch it is computed in."""
        ids: set[int] = set()
        for text in texts:
            ids.update(self.wordpiece.encode(text))
        self._project(ids)

    def _piece_rows(self, ids: list[int]) -> np.ndarray:
        """(n, 3 * channels): each piece's vector times the kernel at offsets -1, 0, +1."""
        self._project(ids)
        return self._projected[ids]

    def _project(self, ids: Iterable[int]) -> None:
        """Fill the rows of the pieces in `ids` that are not filled yet."""
        # sorted and distinct, as np.unique gave them, from a set: np.unique imports numpy.ma (10 ms of
        # the editor path's start-up) and, like a boolean array, costs more than a set for a few dozen ids
        new = sorted(set(ids).difference(self._known))
        for start in range(0, len(new), _PROJECT_AT_ONCE):
            missing = new[start : start + _PROJECT_AT_ONCE]
            # float32 products differ in their last bits with the number of rows multiplied at once, so a
            # score would depend on which sentences a process met first (--jobs, --engine dask): in float64
            # the batch-size noise sits far below float32's precision and rounds away
            projected = (self.vectors(missing).astype(np.float64) @ self._w_by_offset64).astype(np.float32)
            with self._lock:
                self._projected[missing] = projected
                self._known.update(missing)  # after the rows: a reader never sees an id without its row
