"""Check-worthiness: how much a sentence asserts a checkable fact, as a number in 0..1.

`checkworthiness(sentence)` returns a calibrated probability that the sentence is worth
fact-checking (CLEF CheckThat! sense: it states something factual that could be verified, as
opposed to an opinion, a promise, a greeting or a question). `THRESHOLD` is the decision point
chosen on held-out data: ``checkworthiness(s) >= THRESHOLD`` means "Yes".

Two models vote, and their margins are added before a logistic link:

* a sparse linear model over hashed features (`citecheck.classify.checkworthy_features`), pure Python;
* a small convolution over word-piece vectors distilled from all-MiniLM-L6-v2
  (`citecheck.classify.contextnet`, numpy), which knows what unseen words resemble.

Both are loaded lazily on first use and cached. ``scripts/train_checkworthy.py`` builds
``data/checkworthy.bin`` and ``data/checkworthy-net.npz``; see ``docs/checkworthy.md``.
"""

from __future__ import annotations

import json
import math
import threading
import zlib
from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citecheck.classify.checkworthy_features import extract, vectorise, weighted_sum
from citecheck.datafiles import DATA_DIR

if TYPE_CHECKING:
    from citecheck.classify.contextnet import ContextNet

__all__ = [
    "THRESHOLD",
    "checkworthiness",
    "extract",
    "is_checkworthy",
    "load_model",
    "Model",
    "MODEL_PATH",
    "prepare",
    "vectorise",
]

MODEL_PATH = DATA_DIR / "checkworthy.bin"

#: Decision threshold on `checkworthiness` (>= means check-worthy). Chosen at training time on
#: held-out train/dev predictions, never on dev-test; equal to the threshold stored in the model
#: file (scripts/train_checkworthy.py prints it, tests/test_checkworthy.py checks they agree).
THRESHOLD: float = 0.275
_MAGIC = b"CWM1"


class Model:
    """score = sigmoid(a * (u * linear_margin + v * net_margin) + c), or the linear part alone."""

    __slots__ = ("bias", "calib_a", "calib_b", "config", "meta", "mix", "net", "scale", "threshold", "weights")

    def __init__(
        self,
        config: dict[str, Any],
        weights: array,
        scale: float,
        bias: float,
        calib_a: float = 1.0,
        calib_b: float = 0.0,
        threshold: float = 0.5,
        meta: dict[str, Any] | None = None,
        mix: dict[str, Any] | None = None,
        net: ContextNet | None = None,
    ) -> None:
        self.config = config
        self.weights = weights  # int16 quantised, real weight = q * scale
        self.scale = scale
        self.bias = bias
        self.calib_a = calib_a
        self.calib_b = calib_b
        self.threshold = threshold
        self.meta = meta or {}
        self.mix = mix  # {"linear": u, "net": v, "net_file": name}: how the two margins are added
        if mix is not None and net is None:
            raise ValueError("this model adds a context network's margin; load it with load_model()")
        self.net = net

    def linear_margin(self, text: str) -> float:
        return weighted_sum(text, self.config, self.weights) * self.scale + self.bias

    def margin(self, text: str) -> float:
        linear = self.linear_margin(text)
        if self.mix is None or self.net is None:
            return linear
        return self.mix["linear"] * linear + self.mix["net"] * self.net.margin(text)

    def probability(self, text: str) -> float:
        z = self.calib_a * self.margin(text) + self.calib_b
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def to_bytes(self) -> bytes:
        header = {
            "config": self.config,
            "scale": self.scale,
            "bias": self.bias,
            "calib_a": self.calib_a,
            "calib_b": self.calib_b,
            "threshold": self.threshold,
            "meta": self.meta,
            "mix": self.mix,
        }
        w = array("h", self.weights)
        if w.itemsize != 2:  # pragma: no cover - every CPython platform has a 2-byte short
            raise RuntimeError("array('h') is not 16-bit here")
        if _BIG_ENDIAN:
            w.byteswap()
        head = json.dumps(header, sort_keys=True).encode("utf-8")
        return _MAGIC + len(head).to_bytes(4, "little") + head + zlib.compress(w.tobytes(), 9)

    @classmethod
    def from_bytes(cls, data: bytes, net_dir: Path | None = None) -> Model:
        """The model in `data`; its context network, if it has one, is read from `net_dir`."""
        header, weights = _parse(data)
        cfg = header["config"]
        cfg["char_n"] = tuple(cfg.get("char_n", (2, 5)))
        mix = header.get("mix")
        net = None
        if mix is not None:
            from citecheck.classify.contextnet import ContextNet  # numpy: paid only when sentences are scored

            net = ContextNet.load((net_dir or MODEL_PATH.parent) / mix["net_file"])
        return cls(
            cfg,
            weights,
            header["scale"],
            header["bias"],
            header.get("calib_a", 1.0),
            header.get("calib_b", 0.0),
            header.get("threshold", 0.5),
            header.get("meta", {}),
            mix,
            net,
        )


def _parse(data: bytes) -> tuple[dict[str, Any], array]:
    if data[:4] != _MAGIC:
        raise ValueError("not a citecheck check-worthiness model file")
    n = int.from_bytes(data[4:8], "little")
    header = json.loads(data[8 : 8 + n].decode("utf-8"))
    weights = array("h")
    weights.frombytes(zlib.decompress(data[8 + n :]))
    if _BIG_ENDIAN:
        weights.byteswap()
    if len(weights) != 1 << header["config"]["bits"]:
        raise ValueError("model file is corrupt: weight count does not match its config")
    return header, weights


_BIG_ENDIAN = array("h", [1]).tobytes()[0] == 0

_lock = threading.Lock()
_model: Model | None = None


def load_model(path: Path | None = None) -> Model:
    """The shipped model (loaded once and cached), or the model at `path` (not cached)."""
    global _model
    if path is not None:
        path = Path(path)
        return Model.from_bytes(path.read_bytes(), path.parent)
    if _model is None:
        with _lock:
            if _model is None:
                _model = Model.from_bytes(MODEL_PATH.read_bytes())
    return _model


def checkworthiness(sentence: str) -> float:
    """Probability-like score in 0..1 that `sentence` asserts a fact worth checking."""
    if not isinstance(sentence, str):
        raise TypeError(f"checkworthiness() wants a str, not {type(sentence).__name__}")
    return load_model().probability(sentence)


def prepare(sentences: Iterable[str]) -> None:
    """Make ready to score `sentences` (a document's, say) in one batch where that is cheaper than one
    at a time: the context network projects all their new word pieces in one product. Optional; the
    scores are the same with or without it."""
    model = load_model()
    if model.net is not None:
        model.net.prepare(sentences)


def is_checkworthy(sentence: str) -> bool:
    """``checkworthiness(sentence) >= THRESHOLD``."""
    return checkworthiness(sentence) >= THRESHOLD
