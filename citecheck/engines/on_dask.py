"""The run on Dask: the local pipeline's functions as map, shuffle by key, reduce and join.

    read + extract + classify   map over inputs                       (`read_one`, `analyse_one`)
    stories                     map fingerprints, shuffle by entity,  (`story_entities`, `story_edges`)
                                union-find on the client over edges   (`story_roots`)
    near-duplicates             map sketches, shuffle by hash value,  (`sketch_buckets`, `bucket_pairs`)
                                resolve the few pairs on the client   (`resolve_duplicates`)
    frames                      map entity counts, count documents    (`entity_counts`, `frame_of`)
                                per entity
    matching                    map records, shuffle by blocking key, (`emit`, `relate`)
                                reduce per group
    judgement                   shuffle by statement (weights), join  (`support_weight`, `outvote_items`)
                                by statement, join by document        (`judge_article`)
    report                      on the client                         (`checked_report`)

The client holds, besides the report it writes: the inputs' names, each document's id and story
key, the near-duplicate pairs, and how many documents name each entity. No process holds every
article until the scored articles come back for the report.

dask and distributed are imported only here, and this module only when `--engine dask` asks.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

import dask.bag as db
from distributed import Client, LocalCluster

from citecheck.corroborate.origins import resolve_duplicates
from citecheck.corroborate.stories import story_limit, story_roots
from citecheck.credibility.defaults import CredibilitySettings
from citecheck.engines import steps
from citecheck.errors import InputError
from citecheck.model import Article, Document, Problem, Report
from citecheck.pipeline import Options, checked_report
from citecheck.read.files import discover
from citecheck.verify.pages import FetchStage

__all__ = ["run", "local_client", "PARTITIONS_PER_WORKER"]

PARTITIONS_PER_WORKER = 4  # enough to balance uneven documents, few enough that scheduling stays cheap


@contextmanager
def local_client(workers: int = 0, processes: bool = True) -> Iterator[Client]:
    """A LocalCluster in this process's care: loopback only (worker processes over TCP on 127.0.0.1,
    threads over in-process transport), no dashboard, stopped on exit."""
    n = workers if workers > 0 else (os.cpu_count() or 1)
    where = {"host": "127.0.0.1"} if processes else {}
    with (
        LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
            silence_logs=40,
            **where,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def run(
    paths: Iterable[str],
    against: Iterable[str],
    options: Options,
    scheduler: str | None = None,
    client: Client | None = None,
) -> Report:
    """The report `pipeline.analyze` gives, computed on a Dask cluster: `client` if given, else the
    scheduler at `scheduler`, else a LocalCluster started here with one worker per `options.jobs`."""
    inputs = [(0, i, spec) for i, spec in enumerate(discover(paths))]
    inputs += [(1, i, spec) for i, spec in enumerate(discover(against))]
    for _, _, spec in inputs:
        if spec.source == "-" or spec.source.lower().startswith(("http://", "https://")):
            raise InputError(f"{spec.source}: --engine dask reads files only (stdin and URLs: the local engine)")
    if options.fetch.enabled:
        raise InputError("--engine dask does not fetch cited pages yet: use the local engine with --fetch")
    if client is not None:
        return _run(client, inputs, options)
    if scheduler:
        with Client(scheduler) as remote:
            return _run(remote, inputs, options)
    with local_client(options.jobs) as local:
        return _run(local, inputs, options)


def _partitions(client: Client, n: int) -> int:
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    return max(1, min(n, workers * PARTITIONS_PER_WORKER))


def _run(client: Client, inputs: Sequence[tuple[int, int, Any]], options: Options) -> Report:
    parts = _partitions(client, len(inputs))
    read = db.from_sequence(inputs, npartitions=parts).map(lambda t: steps.read_one(*t, options.read)).persist()
    problems = _problems(read.filter(lambda t: isinstance(t[2], Problem)).compute())
    names = read.filter(lambda t: isinstance(t[2], Document)).map(lambda t: (t[0], t[1], t[2].id)).compute()
    renames = _unique_ids(names)
    docs = read.filter(lambda t: isinstance(t[2], Document)).map(_renamed, renames)
    analysed = docs.map(lambda t: steps.analyse_one(*t, options.verbose, options.deadline)).persist()
    del read
    problems += _problems((r, i, p) for r, i, _, p in analysed.filter(lambda t: t[3] is not None).compute())
    articles = analysed.filter(lambda t: t[2] is not None).map(lambda t: (t[0], t[1], t[2])).persist()
    del analysed
    scored, evidence = _corroborate(articles, options)
    return checked_report(scored, evidence, FetchStage({}, {}, {}), options, problems)


def _problems(found: Iterable[tuple[int, int, Problem]]) -> list[Problem]:
    return [p for _, _, p in sorted(found, key=lambda t: (t[0], t[1]))]


def _unique_ids(names: Iterable[tuple[int, int, str]]) -> dict[tuple[int, int], str]:
    """Document ids made unique per role in input order, as `read_all` does: only the changed ones."""
    renames: dict[tuple[int, int], str] = {}
    seen: dict[int, set[str]] = {0: set(), 1: set()}
    for role, index, doc_id in sorted(names):
        candidate, n = doc_id, 1
        while candidate in seen[role]:
            n += 1
            candidate = f"{doc_id}-{n}"
        seen[role].add(candidate)
        if candidate != doc_id:
            renames[(role, index)] = candidate
    return renames


def _renamed(t: tuple[int, int, Document], renames: dict[tuple[int, int], str]) -> tuple[int, int, Document]:
    from attrs import evolve

    new = renames.get((t[0], t[1]))
    return (t[0], t[1], evolve(t[2], id=new)) if new else t


def _corroborate(articles: db.Bag, options: Options) -> tuple[list[Article], list[Article]]:
    """`corroborate` as shuffles: returns the scored reported articles and the evidence articles."""
    settings = options.credibility_settings()
    prints = articles.map(lambda t: steps.fingerprint(*t)).persist()
    doc_ids = prints.pluck(2).compute()
    documents = len(set(doc_ids))
    edges = prints.map(steps.story_pairs).flatten().groupby(itemgetter(0))
    stories = story_roots(doc_ids, edges.map(steps.edges_of, story_limit(documents)).flatten().compute())
    buckets = prints.map(steps.duplicate_buckets).flatten().groupby(itemgetter(0))
    copies = resolve_duplicates(buckets.map(steps.duplicate_pairs).flatten().compute())
    df = dict(prints.map(lambda fp: list(fp[5])).flatten().frequencies().compute())
    del prints
    fixed: dict[str, str] = {}
    records = articles.map(
        lambda t, stories, df: list(
            steps.keyed_records(t[0], t[1], t[2], stories[t[2].document.id], copies, fixed, df, documents)
        ),
        stories=stories,
        df=df,
    ).flatten()
    found = records.groupby(itemgetter(0)).map(steps.relate_group).flatten()
    weighed = found.groupby(itemgetter(0)).map(steps.weigh_statement, settings)
    answers = weighed.map(steps.weight_requests).flatten().groupby(itemgetter(0)).map(steps.answer_requests).flatten()
    joined = db.concat([weighed.map(lambda w: (w[0], ("s", w))), answers.map(lambda a: (a[0], ("a", a[1])))])
    judged = joined.groupby(itemgetter(0)).map(_outvote_joined).map(lambda j: (j[0], ("e", j[1])))
    reported = articles.filter(lambda t: t[0] == 0).map(lambda t: (t[2].document.id, ("a", (t[1], t[2]))))
    final = db.concat([reported, judged]).groupby(itemgetter(0)).map(_judge_joined, copies, fixed, settings).flatten()
    scored = [a for _, a in sorted(final.compute(), key=itemgetter(0))]
    evidence = [
        a
        for _, a in sorted(
            articles.filter(lambda t: t[0] == 1).map(lambda t: (t[1], t[2])).compute(), key=itemgetter(0)
        )
    ]
    return scored, evidence


def _outvote_joined(group: tuple[str, list[tuple[str, tuple[str, Any]]]]) -> tuple[str, tuple[str, list[Any]]]:
    tagged = [t for _, t in group[1]]
    state = next(v for tag, v in tagged if tag == "s")
    return steps.outvote_statement(state, [v for tag, v in tagged if tag == "a"])


def _judge_joined(
    group: tuple[str, list[tuple[str, tuple[str, Any]]]],
    copies: dict[str, str],
    fixed: dict[str, str],
    settings: CredibilitySettings,
) -> list[tuple[int, Article]]:
    tagged = [t for _, t in group[1]]
    found = dict(v for tag, v in tagged if tag == "e")
    return [(i, steps.judge_document(a, found, copies, fixed, settings)) for tag, (i, a) in tagged if tag == "a"]
