"""Tests of citecheck.classify.checkworthy: the API contract, edge inputs, and the pinned CLEF score."""

from __future__ import annotations

import importlib.util
import math
import shutil
from pathlib import Path

import pytest

from citecheck.classify import checkworthy
from citecheck.classify.checkworthy import Model, checkworthiness, extract, load_model, vectorise

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parents[2] / "shared" / "eval-data" / "clef2024-checkworthy"

# dev-test F1 (Yes) of the shipped model when it was trained; the floor allows for float noise only.
DEV_TEST_F1 = 0.8195
DEV_TEST_FLOOR = DEV_TEST_F1 - 0.005

CHECKABLE = [
    "Unemployment fell to 3.5 percent in 2019.",
    "The state spent $4 billion on roads last year, twice as much as in 2010.",
    "Crime has gone up 20 percent since the new mayor took office.",
    "He voted against the bill three times in the Senate.",
    "We have lost 700,000 manufacturing jobs over the past four years.",
]
NOT_CHECKABLE = [
    "Thank you all for coming.",
    "I think we should do better.",
    "What are you going to do about it?",
    "Let me finish my answer.",
    "Good evening, everyone.",
]


def test_model_file_loads():
    model = load_model()
    assert isinstance(model, Model)
    assert len(model.weights) == 1 << model.config["bits"]
    assert model is load_model()  # cached
    assert checkworthy.MODEL_PATH.stat().st_size < 1024 * 1024
    assert model.net is not None and model.mix is not None


def test_threshold_is_a_probability():
    t = checkworthy.THRESHOLD
    assert isinstance(t, float)
    assert 0.0 < t < 1.0
    assert t == load_model().threshold  # the constant must follow the shipped model file


@pytest.mark.parametrize("sentence", CHECKABLE)
def test_checkable_sentences_score_high(sentence):
    assert checkworthiness(sentence) >= checkworthy.THRESHOLD


@pytest.mark.parametrize("sentence", NOT_CHECKABLE)
def test_non_checkable_sentences_score_low(sentence):
    assert checkworthiness(sentence) < checkworthy.THRESHOLD


def test_obvious_pair_ordering():
    assert checkworthiness("Unemployment fell to 3.5 percent in 2019.") > 0.8
    assert checkworthiness("Thank you all for coming.") < 0.2


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\t",
        "?",
        "...",
        "2019",
        "💥🔥 !!!",
        "Ünïcödé façade — “quoted” ‘text’ naïve café",
        "日本の失業率は2019年に2.4%だった。",
        "\x00\ud800 lone surrogate",
        "youÃ¢â‚¬â„¢re",
        "A" * 10_000,
    ],
)
def test_any_string_gives_a_probability(text):
    p = checkworthiness(text)
    assert isinstance(p, float)
    assert 0.0 <= p <= 1.0
    assert not math.isnan(p)


def test_deterministic():
    s = "The deficit tripled to $1.4 trillion under this administration."
    first = checkworthiness(s)
    assert all(checkworthiness(s) == first for _ in range(5))
    # the feature hashing must not depend on PYTHONHASHSEED: crc32-based, so fixed vectors
    assert vectorise(s, load_model().config) == vectorise(s, load_model().config)


def test_long_input_is_handled():
    sentence = "Unemployment fell to 3.5 percent in 2019. "
    long = sentence * (100_000 // len(sentence) + 1)
    assert len(long) > 100_000
    p = checkworthiness(long)
    assert 0.0 <= p <= 1.0


def test_non_string_is_rejected():
    with pytest.raises(TypeError):
        checkworthiness(None)  # type: ignore[arg-type]


def test_feature_groups():
    groups = extract("Unemployment fell to 3.5 percent in 2019.", load_model().config)
    assert "<year>" in groups["w"]
    assert "<dec> percent" in groups["w"]
    assert "percent" in groups["f"]
    assert any(f.startswith(("time", "magnitude")) or f == "<year>" for f in groups["f"])


def test_model_round_trip(tmp_path):
    model = load_model()
    path = tmp_path / "m.bin"
    path.write_bytes(model.to_bytes())
    with pytest.raises(FileNotFoundError):  # the context network travels beside the linear model
        load_model(path)
    shutil.copy(checkworthy.MODEL_PATH.with_name(model.mix["net_file"]), tmp_path)
    again = load_model(path)
    s = "Taxes went up by 12 percent."
    assert again.probability(s) == pytest.approx(model.probability(s), rel=1e-6)  # float32 sums: order may vary
    assert again.threshold == model.threshold


def test_bad_model_file_is_refused():
    with pytest.raises(ValueError):
        Model.from_bytes(b"not a model")


@pytest.mark.skipif(not DATA.is_dir(), reason=f"CLEF 2024 check-worthiness data not present at {DATA}")
def test_dev_test_f1_floor():
    spec = importlib.util.spec_from_file_location("eval_checkworthy", ROOT / "scripts" / "eval_checkworthy.py")
    assert spec is not None and spec.loader is not None
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    texts, gold = ev.load(DATA, "dev-test")
    assert len(texts) == 318
    r = ev.evaluate(texts, gold)
    assert r["f1"] >= DEV_TEST_FLOOR, r


def test_is_checkworthy_uses_threshold():
    assert checkworthy.is_checkworthy("Unemployment fell to 3.5 percent in 2019.")
    assert not checkworthy.is_checkworthy("Thank you all for coming.")


def test_no_heavy_runtime_imports():
    import subprocess
    import sys

    code = (
        "import sys, citecheck.classify.checkworthy as m; m.checkworthiness('x'); "
        "print(sorted(k for k in ('scipy', 'sklearn', 'torch', 'transformers') if k in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"  # numpy is the only numeric library used at run time


def test_numpy_is_imported_only_to_score():
    import subprocess
    import sys

    code = "import sys, citecheck, citecheck.classify.checkworthy, citecheck.cli.main; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_piece_rows_do_not_depend_on_the_batch_they_were_projected_in():
    """A score must not depend on which sentences a process met first (--jobs, --engine dask): a word
    piece's projected row is the same whether it was computed alone or with 400 others."""
    np = pytest.importorskip("numpy")
    from citecheck.classify.contextnet import ContextNet

    batched, alone = ContextNet.load(), ContextNet.load()
    ids = list(range(1000, 1400))
    together = batched._piece_rows(ids)
    one_by_one = np.vstack([alone._piece_rows([i]) for i in ids])
    assert (together == one_by_one).all()
