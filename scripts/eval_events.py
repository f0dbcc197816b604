"""Does citecheck compare only statements about the same event? Measured on ECB+ (dev half).

ECB+ (Cybulska and Vossen 2014) groups news articles into topics; each topic holds two sub-topics,
two similar but different real events of one kind (two actresses entering rehab, two earthquakes).
The file `../shared/eval-data/ecbplus-dev/ecbplus_dev_docs.jsonl` gives each article's topic,
sub-topic and sentences (read at run time; no text is stored in the project).

Each topic's articles are analysed together in one `citecheck.analyze_texts` call, so links across
topics cannot happen by construction: only the hard case, two similar events side by side, is
measured. An article is given to citecheck as plain text, one sentence per line. The links are read
from the report: every claim's `corroboration.supporting` / `.contradicting` lists statements of
other documents (capped at 20 per claim by the report). A link is an unordered pair of statements;
it is *within one event* when both articles have the same sub-topic.

  precision      support links within one event / all support links
  cross share    contradiction links across events / all contradiction links
  coverage       same-event article pairs joined by at least one support link / all same-event
                 article pairs (pairs of different articles of one sub-topic, summed over topics)
  article cover  articles with a support link to another article of their own event / all articles

A figure with no links at all is reported as NaN (precision of nothing is undefined), never as 1.0.

    python scripts/eval_events.py [DOCS_JSONL] [--topics 1,2,3] [--json]
        [--min-precision P] [--max-cross C] [--min-coverage V]

The three `--min/--max` options exit 1 when a figure misses its bound (the accuracy gate uses them).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from itertools import combinations
from pathlib import Path

import citecheck


def _shared() -> Path:
    """../shared beside the checkout, or beside the directory holding worktrees."""
    here = Path(__file__).resolve().parents[1]
    for base in (here.parent, here.parent.parent):
        if (base / "shared").is_dir():
            return base / "shared"
    return here.parent / "shared"


DEFAULT = _shared() / "eval-data" / "ecbplus-dev" / "ecbplus_dev_docs.jsonl"


@dataclass(frozen=True)
class Doc:
    topic: int
    subtopic: str
    name: str  # document id as citecheck names it (the XML file's stem)
    sentences: tuple[str, ...]


@dataclass
class Tally:
    support_within: int = 0
    support_across: int = 0
    contra_within: int = 0
    contra_across: int = 0
    pairs_total: int = 0
    pairs_linked: int = 0
    articles: int = 0
    articles_linked: int = 0

    def add(self, other: Tally) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)


@dataclass(frozen=True)
class Figures:
    topics: int
    articles: int
    support_links: int
    contradiction_links: int
    precision: float
    cross_contradiction_share: float
    coverage: float
    article_coverage: float
    seconds: float


def load(path: Path) -> list[Doc]:
    docs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            docs.append(Doc(int(row["topic"]), str(row["subtopic"]), Path(row["doc"]).stem, tuple(row["sentences"])))
        except (ValueError, KeyError, TypeError) as exc:
            raise SystemExit(f"{path}:{number}: not an ECB+ article row ({exc})") from None
    return docs


def links(report: citecheck.Report) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """Unordered statement pairs the report links by support and by contradiction."""
    support: set[frozenset[str]] = set()
    contra: set[frozenset[str]] = set()
    for article in report.articles:
        for s in article.statements:
            c = s.corroboration
            if c is None:
                continue
            support.update(frozenset((s.id, o)) for o in c.supporting if o != s.id)
            contra.update(frozenset((s.id, o)) for o in c.contradicting if o != s.id)
    return support, contra


def _doc(statement_id: str) -> str:
    return statement_id.split("#")[0]


def score_topic(docs: Sequence[Doc]) -> Tally:
    """Analyse one topic's articles in one run and count its links."""
    texts = {f"{d.name}.txt": "\n".join(d.sentences) + "\n" for d in docs}
    report = citecheck.analyze_texts(texts, fmt="text")
    event = {d.name: d.subtopic for d in docs}
    support, contra = links(report)
    tally = Tally()
    linked_docs: set[frozenset[str]] = set()
    for pair in support:
        a, b = (_doc(x) for x in pair)
        if event.get(a) == event.get(b):
            tally.support_within += 1
            linked_docs.add(frozenset((a, b)))
        else:
            tally.support_across += 1
    for pair in contra:
        a, b = (_doc(x) for x in pair)
        if event.get(a) == event.get(b):
            tally.contra_within += 1
        else:
            tally.contra_across += 1
    by_event: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        by_event[d.subtopic].append(d.name)
    for names in by_event.values():
        for a, b in combinations(names, 2):
            tally.pairs_total += 1
            tally.pairs_linked += frozenset((a, b)) in linked_docs
    touched = {n for pair in linked_docs for n in pair}
    tally.articles = len(docs)
    tally.articles_linked = len(touched)
    return tally


def _ratio(num: int, den: int) -> float:
    return num / den if den else math.nan


def evaluate(docs: Iterable[Doc], topics: set[int] | None = None) -> tuple[Figures, dict[int, Tally]]:
    by_topic: dict[int, list[Doc]] = defaultdict(list)
    for d in docs:
        if topics is None or d.topic in topics:
            by_topic[d.topic].append(d)
    started = time.perf_counter()
    per_topic = {t: score_topic(by_topic[t]) for t in sorted(by_topic)}
    total = Tally()
    for tally in per_topic.values():
        total.add(tally)
    support = total.support_within + total.support_across
    contra = total.contra_within + total.contra_across
    figures = Figures(
        topics=len(per_topic),
        articles=total.articles,
        support_links=support,
        contradiction_links=contra,
        precision=_ratio(total.support_within, support),
        cross_contradiction_share=_ratio(total.contra_across, contra),
        coverage=_ratio(total.pairs_linked, total.pairs_total),
        article_coverage=_ratio(total.articles_linked, total.articles),
        seconds=round(time.perf_counter() - started, 1),
    )
    return figures, per_topic


def _table(figures: Figures, per_topic: dict[int, Tally]) -> str:
    lines = [
        f"{'topic':>5} {'support in/out':>15} {'contra in/out':>14} {'pairs linked':>13} {'articles':>9}",
    ]
    for topic, t in per_topic.items():
        lines.append(
            f"{topic:>5} {t.support_within:>7}/{t.support_across:<7} {t.contra_within:>6}/{t.contra_across:<7}"
            f" {t.pairs_linked:>6}/{t.pairs_total:<6} {t.articles_linked:>4}/{t.articles:<4}"
        )
    lines += [
        "",
        f"topics {figures.topics}, articles {figures.articles}, {figures.seconds} s",
        f"support-link precision (same event)      {figures.precision:.3f}  of {figures.support_links} links",
        f"cross-event share of contradiction links {figures.cross_contradiction_share:.3f}"
        f"  of {figures.contradiction_links} links",
        f"same-event pair coverage                 {figures.coverage:.3f}",
        f"same-event article coverage              {figures.article_coverage:.3f}",
    ]
    return "\n".join(lines)


def _failures(figures: Figures, args: argparse.Namespace) -> list[str]:
    """Bounds missed; NaN (no links at all) passes a precision/cross bound but never a coverage floor."""
    failed = []
    if args.min_precision is not None and figures.precision < args.min_precision:
        failed.append(f"precision {figures.precision:.3f} < {args.min_precision}")
    if args.max_cross is not None and figures.cross_contradiction_share > args.max_cross:
        failed.append(f"cross-event contradiction share {figures.cross_contradiction_share:.3f} > {args.max_cross}")
    if args.min_coverage is not None and not figures.coverage >= args.min_coverage:
        failed.append(f"coverage {figures.coverage:.3f} < {args.min_coverage}")
    return failed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docs", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--topics", help="comma-separated topic numbers (default: all)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--min-precision", type=float)
    parser.add_argument("--max-cross", type=float)
    parser.add_argument("--min-coverage", type=float)
    args = parser.parse_args(argv)
    if not args.docs.is_file():
        print(f"{args.docs}: not found (the ECB+ dev file sits in ../shared/eval-data/ecbplus-dev/)", file=sys.stderr)
        return 2
    try:
        topics = {int(t) for t in args.topics.split(",")} if args.topics else None
    except ValueError:
        print(f"--topics {args.topics!r}: expected comma-separated topic numbers", file=sys.stderr)
        return 2
    figures, per_topic = evaluate(load(args.docs), topics)
    if args.json:
        print(json.dumps({**asdict(figures), "per_topic": {t: asdict(v) for t, v in per_topic.items()}}, indent=2))
    else:
        print(_table(figures, per_topic))
    failed = _failures(figures, args)
    for line in failed:
        print(f"FAIL: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
