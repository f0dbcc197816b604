"""The run on Dask: the local pipeline's functions as map, shuffle by key, reduce and join.

    read + extract + classify   map over inputs                       (`read_one`, `analyse_one`)
    stories                     map fingerprints, shuffle by entity,  (`story_entities`, `story_edges`)
                                union-find on the client over edges   (`story_roots`)
    near-duplicates             map sketches, shuffle by hash value,  (`sketch_buckets`, `bucket_pairs`)
                                resolve the few pairs on the client   (`resolve_duplicates`)
    frames                      map entity and word counts, count     (`entity_counts`, `word_counts`,
                                documents per entity and word, frame  `frame_of`, `event_groups`)
                                each; cluster events on the client
    matching                    map records, shuffle by blocking key, (`emit`, `relate`)
                                reduce per group
    judgement                   shuffle by statement (weights), join  (`support_weight`, `outvote_items`)
                                by statement, join by document        (`judge_article`)
    report                      on the client                         (`checked_report`)

The client holds, besides the report it writes: the inputs' names, each document's id and story
key, the near-duplicate pairs, how many documents name each entity and word, and every document's
frame (its entity weights and word vector) with its event group. No process holds every
article until the scored articles come back for the report.

dask and distributed are imported only here, and this module only when `--engine dask` asks.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

import dask.bag as db
from distributed import Client, LocalCluster, wait

from citecheck.corroborate.frames import Frame, event_groups
from citecheck.corroborate.origins import resolve_duplicates
from citecheck.corroborate.stories import story_limit, story_roots
from citecheck.credibility.defaults import CredibilitySettings
from citecheck.engines import steps
from citecheck.errors import CitecheckError
from citecheck.model import Article, Document, Problem, Report
from citecheck.pipeline import Options, checked_report
from citecheck.read.files import ReadOptions, discover
from citecheck.verify.pages import FetchStage

__all__ = ["run", "local_client", "PARTITIONS_PER_WORKER", "ARTICLES_PER_PARTITION"]

CONNECT_TIMEOUT = 10  # seconds to reach a --scheduler before giving up
PARTITIONS_PER_WORKER = 4  # enough to balance uneven documents, few enough that scheduling stays cheap
ARTICLES_PER_PARTITION = 500  # the most articles one partition (one task of the map) holds


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
    measure: dict[str, Any] | None = None,
) -> Report:
    """The report `pipeline.analyze` gives, computed on a Dask cluster: `client` if given, else the
    scheduler at `scheduler`, else a LocalCluster started here with one worker per `options.jobs`.
    `measure`, when given, receives the shuffle's size (benchmarks/dask_scale.py; costs one more pass)."""
    inputs = [(0, i, spec) for i, spec in enumerate(discover(paths))]
    inputs += [(1, i, spec) for i, spec in enumerate(discover(against))]
    for _, _, spec in inputs:
        if spec.source == "-" or spec.source.lower().startswith(("http://", "https://")):
            raise CitecheckError(f"{spec.source}: --engine dask reads files only (stdin and URLs: the local engine)")
    if options.fetch.enabled:
        raise CitecheckError("--engine dask does not fetch cited pages yet: use the local engine with --fetch")
    if client is not None:
        return _run(client, inputs, options, measure)
    if scheduler:
        try:
            remote = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, ValueError) as exc:  # unreachable, timed out, or not an address
            raise CitecheckError(f"--scheduler {scheduler}: cannot reach the scheduler ({exc})") from None
        with remote:
            return _run(remote, inputs, options, measure)
    with local_client(options.jobs) as local:
        return _run(local, inputs, options, measure)


def _partitions(client: Client, n: int) -> int:
    """Enough partitions to keep every worker busy, and small enough that one partition's articles
    stay near 200 MB in memory (about 0.45 MB per analysed article, docs/scale.md)."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    return max(1, min(n, max(workers * PARTITIONS_PER_WORKER, -(-n // ARTICLES_PER_PARTITION))))


def _run(
    client: Client, inputs: Sequence[tuple[int, int, Any]], options: Options, measure: dict[str, Any] | None
) -> Report:
    """Read and analyse as a map; the options' hooks (progress bar, timer, stop event) stay here."""
    started = time.perf_counter()
    parts = _partitions(client, len(inputs))
    read = db.from_sequence(inputs, npartitions=parts).map(_read, options.read).persist()
    problems = _problems(read.filter(_is_problem).compute())
    renames = _unique_ids(read.filter(_is_document).map(_name).compute())
    docs = read.filter(_is_document).map(_renamed, renames)
    analysed = docs.map(_analyse, options.verbose, options.deadline).persist()
    problems += _problems(analysed.filter(_failed).map(_problem_of).compute())
    articles = analysed.filter(_succeeded).map(_article_of).persist()
    del read, docs, analysed  # workers keep the articles only, not the documents and results they came from
    if measure is not None:
        wait(articles)
        measure["map_seconds"] = round(time.perf_counter() - started, 1)
    scored, evidence = _corroborate(client, articles, options.credibility_settings(), measure)
    if measure is not None:
        measure["to_scored_seconds"] = round(time.perf_counter() - started, 1)
    return checked_report(scored, evidence, FetchStage({}, {}, {}), options, problems)


def _read(t: tuple[int, int, Any], read_options: ReadOptions) -> tuple[int, int, Document | Problem]:
    return steps.read_one(t[0], t[1], t[2], read_options)


def _is_problem(t: tuple[int, int, object]) -> bool:
    return isinstance(t[2], Problem)


def _is_document(t: tuple[int, int, object]) -> bool:
    return isinstance(t[2], Document)


def _name(t: tuple[int, int, Document]) -> tuple[int, int, str]:
    return t[0], t[1], t[2].id


def _analyse(t: tuple[int, int, Document], verbose: bool, deadline: float) -> steps.Analysed:
    return steps.analyse_one(t[0], t[1], t[2], verbose, deadline)


def _failed(t: steps.Analysed) -> bool:
    return t[3] is not None


def _succeeded(t: steps.Analysed) -> bool:
    return t[2] is not None


def _problem_of(t: steps.Analysed) -> tuple[int, int, Problem | None]:
    return t[0], t[1], t[3]


def _article_of(t: steps.Analysed) -> tuple[int, int, Article | None]:
    return t[0], t[1], t[2]


def _problems(found: Iterable[tuple[int, int, Any]]) -> list[Problem]:
    return [p for _, _, p in sorted(found, key=lambda t: (t[0], t[1])) if isinstance(p, Problem)]


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


def _corroborate(
    client: Client, articles: db.Bag, settings: CredibilitySettings, measure: dict[str, Any] | None = None
) -> tuple[list[Article], list[Article]]:
    """`corroborate` as shuffles: returns the scored reported articles and the evidence articles."""
    prints = articles.map(_fingerprint).persist()
    doc_ids = prints.pluck(2).compute()
    documents = len(set(doc_ids))
    edges = prints.map(steps.story_pairs).flatten().groupby(itemgetter(0))
    stories = story_roots(doc_ids, edges.map(steps.edges_of, story_limit(documents)).flatten().compute())
    buckets = prints.map(steps.duplicate_buckets).flatten().groupby(itemgetter(0))
    copies = resolve_duplicates(buckets.map(steps.duplicate_pairs).flatten().compute())
    df = dict(prints.map(_entity_names).flatten().frequencies().compute())
    word_df = dict(prints.map(_word_names).flatten().frequencies().compute())
    frames = dict(prints.map(steps.frame_entry, df, word_df, documents).compute())
    # event groups cluster documents that share an entity, over every frame at once: on the client
    # (`docs/scale.md` says what that costs and how it would be split by component)
    events = event_groups(frames)
    del prints, edges, buckets
    fixed: dict[str, str] = {}
    # the tables every worker needs, sent once to each rather than once per task
    stories_f, frames_f, events_f = client.scatter([stories, frames, events], broadcast=True)
    records = articles.map(_records, stories_f, copies, fixed, frames_f, events_f).flatten()
    if measure is not None:
        _measure(records, measure)
        tables = [stories, frames, events, copies]
        measure.update(tables_bytes=_pickled_size(tables)[0], entities=len(df), copies=len(copies))
    found = records.groupby(itemgetter(0)).map(steps.relate_group).flatten()
    if measure is not None:  # the second shuffle: evidence by statement
        found = found.persist()
        measure["evidence"] = found.count().compute()
        measure["evidence_bytes"] = found.map_partitions(_pickled_size).sum().compute()
    weighed = found.groupby(itemgetter(0)).map(steps.weigh_statement, settings)
    answers = weighed.map(steps.weight_requests).flatten().groupby(itemgetter(0)).map(steps.answer_requests).flatten()
    joined = db.concat([weighed.map(_tag_state), answers.map(_tag_answer)])
    judged = joined.groupby(itemgetter(0)).map(_outvote_joined).map(_tag_judged)
    reported = articles.filter(_reported).map(_tag_article)
    # explanations name an article's own voice by its file: every worker gets the id -> path table once
    [paths] = client.scatter([dict(articles.map(_path_entry).compute())], broadcast=True)
    joined_docs = db.concat([reported, judged]).groupby(itemgetter(0))
    final = joined_docs.map(_judge_joined, copies, fixed, settings, paths).flatten()
    scored = [a for _, a in sorted(final.compute(), key=itemgetter(0))]
    evidence_bag = articles.filter(_is_evidence).map(_indexed)
    evidence = [a for _, a in sorted(evidence_bag.compute(), key=itemgetter(0))]
    return scored, evidence


def _measure(records: db.Bag, into: dict[str, Any]) -> None:
    """How many records the blocking-key shuffle moves, their pickled size, and the largest groups."""
    into["records"] = records.count().compute()
    into["record_bytes"] = records.map_partitions(_pickled_size).sum().compute()
    sizes = records.pluck(0).frequencies()
    into["groups"] = sizes.count().compute()
    into["largest_groups"] = [(repr(k), n) for k, n in sizes.topk(8, key=itemgetter(1)).compute()]


def _pickled_size(partition: Iterable[object]) -> list[int]:
    import pickle

    return [len(pickle.dumps(list(partition), protocol=5))]


def _fingerprint(t: tuple[int, int, Article]) -> steps.Fingerprint:
    return steps.fingerprint(*t)


def _entity_names(fp: steps.Fingerprint) -> list[str]:
    return list(fp[5])


def _word_names(fp: steps.Fingerprint) -> list[str]:
    return list(fp[6])


def _records(
    t: tuple[int, int, Article],
    stories: dict[str, str],
    copies: dict[str, str],
    fixed: dict[str, str],
    frames: dict[str, Frame],
    events: dict[str, str],
) -> list[tuple[tuple, steps.Tagged]]:
    doc = t[2].document.id
    return list(steps.keyed_records(t[0], t[1], t[2], stories[doc], copies, fixed, frames[doc], events))


def _tag_state(w: steps.Weighed) -> tuple[str, tuple[str, Any]]:
    return w[0], ("s", w)


def _tag_answer(a: tuple[str, tuple[str, float]]) -> tuple[str, tuple[str, Any]]:
    return a[0], ("a", a[1])


def _tag_judged(j: tuple[str, tuple[str, Any]]) -> tuple[str, tuple[str, Any]]:
    return j[0], ("e", j[1])


def _reported(t: tuple[int, int, Article]) -> bool:
    return t[0] == 0


def _is_evidence(t: tuple[int, int, Article]) -> bool:
    return t[0] == 1


def _tag_article(t: tuple[int, int, Article]) -> tuple[str, tuple[str, Any]]:
    return t[2].document.id, ("a", (t[1], t[2]))


def _indexed(t: tuple[int, int, Article]) -> tuple[int, Article]:
    return t[1], t[2]


def _outvote_joined(group: tuple[str, list[tuple[str, tuple[str, Any]]]]) -> tuple[str, tuple[str, list[Any]]]:
    tagged = [t for _, t in group[1]]
    state = next(v for tag, v in tagged if tag == "s")
    return steps.outvote_statement(state, [v for tag, v in tagged if tag == "a"])


def _judge_joined(
    group: tuple[str, list[tuple[str, tuple[str, Any]]]],
    copies: dict[str, str],
    fixed: dict[str, str],
    settings: CredibilitySettings,
    paths: dict[str, str],
) -> list[tuple[int, Article]]:
    tagged = [t for _, t in group[1]]
    found = dict(v for tag, v in tagged if tag == "e")
    return [(i, steps.judge_document(a, found, copies, fixed, settings, paths)) for tag, (i, a) in tagged if tag == "a"]


def _path_entry(t: tuple[int, int, Article]) -> tuple[str, str]:
    return t[2].document.id, t[2].document.source
