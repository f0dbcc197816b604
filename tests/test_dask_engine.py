"""`--engine dask` gives the report the local run gives: the fixture corpora run both ways on a small
in-process cluster (threads, in-process transport: no socket, quick), and the JSON reports must be the
same. The steps that put shuffled records back in order are checked without dask."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from citecheck.corroborate.frames import FrameCheck, document_frames, event_groups
from citecheck.corroborate.matching import emit, relate
from citecheck.corroborate.origins import bucket_pairs, document_sketch, resolve_duplicates, sketch_buckets
from citecheck.engines import steps
from citecheck.pipeline import Options, analyze, analyze_texts
from citecheck.render import render

ROOT = Path(__file__).resolve().parents[1]
CORPORA = sorted(p for p in (ROOT / "fixtures" / "corpora").iterdir() if p.is_dir())
ARTICLES = sorted(p for p in (ROOT / "fixtures" / "articles").iterdir() if p.is_file())


def _inputs(corpus: Path) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in sorted(corpus.iterdir()) if p.name[:1].isdigit()]


@pytest.fixture(scope="module")
def client():
    pytest.importorskip("dask.bag", reason="the dask extra is not installed (pip install 'citecheck[dask]')")
    pytest.importorskip("distributed", reason="the dask extra is not installed (pip install 'citecheck[dask]')")
    from citecheck.engines.on_dask import local_client

    with local_client(2, processes=False) as c:
        yield c


@pytest.fixture
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # relative paths in both reports, as a user in the repository sees them


def _both(client, paths, against=()):
    from citecheck.engines.on_dask import run

    local = json.loads(render(analyze(paths, against), "json"))
    distributed = json.loads(render(run(paths, against, Options(), client=client), "json"))
    return local, distributed


@pytest.mark.parametrize("corpus", CORPORA, ids=[p.name for p in CORPORA])
def test_the_corpus_report_is_the_same_on_dask(client, in_root, corpus, validate_report):
    local, distributed = _both(client, _inputs(corpus))
    validate_report(distributed)
    assert distributed == local
    statements = [s for d in local["documents"] for s in d["statements"] if s.get("corroboration")]
    assert any(s["corroboration"]["supporting"] for s in statements), "the corpus should corroborate across documents"


def test_articles_against_a_corpus_with_unreadable_inputs_is_the_same_on_dask(client, in_root):
    articles = [str(p.relative_to(ROOT)) for p in ARTICLES] + ["fixtures/bad"]
    local, distributed = _both(client, articles, _inputs(ROOT / "fixtures" / "corpora" / "story_echo"))
    assert any(f["code"] == "CC903" for f in local["findings"]), "the bad inputs should be unreadable-input findings"
    assert distributed == local


def test_the_cli_runs_on_a_given_scheduler(client, in_root, capsys):
    from citecheck.cli.main import main

    corpus = _inputs(ROOT / "fixtures" / "corpora" / "story_conflict")
    code = main(["report", "--format", "json", "--engine", "dask", "--scheduler", client.scheduler.address, *corpus])
    out = capsys.readouterr().out
    assert code == main(["report", "--format", "json", *corpus])
    assert json.loads(out) == json.loads(capsys.readouterr().out)


def test_stdin_is_refused_in_one_line(client, capsys):
    from citecheck.cli.main import main

    assert main(["report", "--engine", "dask", "--scheduler", client.scheduler.address, "-"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--engine dask reads files only" in err


def test_without_the_extra_the_engine_says_how_to_install_it(monkeypatch, capsys):
    from citecheck.cli.main import main

    monkeypatch.setitem(sys.modules, "citecheck.engines.on_dask", None)  # import fails as if dask were missing
    assert main(["report", "--engine", "dask", str(ARTICLES[0])]) == 2
    assert "pip install 'citecheck[dask]'" in capsys.readouterr().err


def test_the_command_line_does_not_import_dask():
    code = (
        "import sys, citecheck, citecheck.cli.main, citecheck.cli.commands, citecheck.pipeline;"
        "import citecheck.engines.steps;"
        "sys.exit(any(m.split('.')[0] in ('dask', 'distributed') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT)}).returncode == 0


# --- the re-ordering steps, without dask ----------------------------------------------------------------

TEXTS = {
    "a": "Regulators approved 400,000 chips for Norvale Systems in March, Reuters reported. "
    "Norvale Systems and Kestrel Labs signed the accord in Lisbon.",
    "b": "Regulators approved 400,000 chips for Norvale Systems, according to Reuters. "
    "Kestrel Labs and Norvale Systems signed the accord in Lisbon on Monday.",
    "c": "Regulators approved 250,000 chips for Norvale Systems, the Harbour Ledger said. "
    "Norvale Systems and Kestrel Labs signed an accord in Lisbon.",
}


def test_a_shuffled_group_relates_as_the_emitted_one():
    report = analyze_texts(TEXTS)
    articles = list(report.articles)
    frames = document_frames(articles)
    events = event_groups(frames)
    tagged = [
        (key, t)
        for i, a in enumerate(articles)
        for key, t in steps.keyed_records(0, i, a, "story:x", {}, {}, frames[a.document.id], events)
    ]
    by_key: dict = {}
    for key, t in tagged:
        by_key.setdefault(key, []).append((key, t))
    origin_of = {t[1].statement: t[2] for _, t in tagged}
    compared = 0
    for key, members in by_key.items():
        shuffled = members[:]
        random.Random(7).shuffle(shuffled)
        from_shuffle = [x[1][1] for x in steps.relate_group((key, shuffled))]
        in_order = list(relate([t[1] for _, t in members], origin_of, FrameCheck(frames)))
        assert [e.statement for e in from_shuffle] == [e.statement for e in in_order]
        assert [e.relation for e in from_shuffle] == [e.relation for e in in_order]
        compared += len(in_order)
    assert compared, "the texts should give some evidence"
    assert sum(1 for a in articles for _ in emit(a, "story:x")) == len(tagged)


def test_duplicate_pairs_resolve_the_same_in_any_order():
    report = analyze_texts({**TEXTS, "copy": TEXTS["a"], "copy2": TEXTS["a"] + " It rained."})
    sketches = [(i, a.document.id, document_sketch(a)) for i, a in enumerate(report.articles)]
    buckets: dict = {}
    for position, doc, sketch in sketches:
        for value, member in sketch_buckets(position, doc, sketch):
            buckets.setdefault(value, []).append(member)
    pairs = [p for members in buckets.values() for p in bucket_pairs(members)]
    shuffled = [p for members in buckets.values() for p in bucket_pairs(list(reversed(members)))]
    random.Random(3).shuffle(shuffled)
    assert resolve_duplicates(shuffled) == resolve_duplicates(pairs)
    assert resolve_duplicates(pairs).get("copy") == "a"


def test_a_scheduler_that_is_no_address_is_one_line(capsys):
    pytest.importorskip("distributed", reason="the dask extra is not installed (pip install 'citecheck[dask]')")
    from citecheck.cli.main import main

    assert main(["report", "--engine", "dask", "--scheduler", "nonsense", str(ARTICLES[0])]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--scheduler nonsense: cannot reach the scheduler" in err
