"""citecheck.classify.contextnet: the shipped network file, and inference that matches a plain convolution."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from citecheck.classify.checkworthy import load_model
from citecheck.classify.contextnet import MAX_PIECES, NET_PATH, ContextNet


@pytest.fixture(scope="module")
def net() -> ContextNet:
    model = load_model()
    assert model.net is not None
    return model.net


def plain_margin(net: ContextNet, ids: list[int]) -> float:
    """The textbook computation: zero-padded width-3 convolution as one matrix product."""
    x = net.vectors(ids)
    pad = np.zeros((1, x.shape[1]), dtype=np.float32)
    context = np.hstack([np.vstack([pad, x[:-1]]), x, np.vstack([x[1:], pad])])
    h = np.maximum(context @ net.conv_w + net.conv_b, 0.0)
    return float(np.concatenate([h.max(axis=0), h.mean(axis=0)]) @ net.out_w) + net.out_b


@pytest.mark.parametrize(
    "text",
    [
        "Unemployment fell to 3.5 percent in 2019.",
        "Thank you.",
        "x",
        "Nvidia sold more than 400,000 H200 chips to ByteDance, Alibaba and Tencent last year.",
    ],
)
def test_cached_projection_equals_plain_convolution(net, text):
    ids = net.wordpiece.encode(text)
    assert net.margin(text) == pytest.approx(plain_margin(net, ids), abs=1e-4)


def test_file_shape_and_size(net):
    assert NET_PATH.stat().st_size < 4 * 1024 * 1024
    assert net.codes.dtype == np.uint8
    assert net.codes.shape[0] == len(net.wordpiece.ids) == 30522
    assert net.dim == 384


@pytest.mark.parametrize("text", ["", "   ", "\x00", "中文", "🔥"])
def test_empty_or_unknown_text_still_scores(net, text):
    assert np.isfinite(net.margin(text))


def test_long_input_is_read_in_windows(net):
    sentence = "Unemployment fell to 3.5 percent in 2019. "
    ids = net.wordpiece.encode(sentence * 40)
    assert len(ids) > 2 * MAX_PIECES
    windows = [ids[i : i + MAX_PIECES] for i in range(0, len(ids), MAX_PIECES)]
    assert net.margin(sentence * 40) == pytest.approx(max(plain_margin(net, w) for w in windows), abs=1e-4)


def test_threads_agree(net):
    texts = [f"The budget rose by {n} percent in {1990 + n}." for n in range(40)]
    expected = [plain_margin(net, net.wordpiece.encode(t)) for t in texts]
    results: dict[int, float] = {}

    def work(k: int) -> None:
        for i in range(k, len(texts), 4):
            results[i] = net.margin(texts[i])

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [results[i] for i in range(len(texts))] == pytest.approx(expected, abs=1e-4)


def test_bad_file_is_refused(tmp_path):
    path = tmp_path / "net.npz"
    np.savez(path, vocab=np.zeros(3, dtype=np.uint8))
    with pytest.raises(ValueError, match="missing"):
        ContextNet.load(path)


@pytest.mark.parametrize("at_once", [4096, 7])
def test_preparing_a_document_changes_no_margin(monkeypatch, at_once):
    """`prepare` projects a document's new pieces in one product (or several of `at_once` pieces): every
    margin must come out exactly as when each sentence projects its own pieces."""
    import citecheck.classify.contextnet as contextnet

    monkeypatch.setattr(contextnet, "_PROJECT_AT_ONCE", at_once)
    texts = [
        "Unemployment fell to 3.5 percent in 2019, the lowest since 1969.",
        "Nvidia sold more than 400,000 H200 chips to ByteDance, Alibaba and Tencent last year.",
        "The ministry said the quarterly deficit had narrowed, though economists were sceptical.",
        "Thank you.",
    ]
    one_by_one, prepared = ContextNet.load(), ContextNet.load()
    prepared.prepare(texts)
    assert len(prepared._known) > 7  # more pieces than one chunk of 7: the chunked path ran
    assert [prepared.margin(t) for t in texts] == [one_by_one.margin(t) for t in texts]
