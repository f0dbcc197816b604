"""Scale benchmark for the cross-document stage alone: `corroborate()` on 1,000 to 10,000 articles.

    python benchmarks/corroborate_scale.py                 # 1000 2000 5000 10000, results to stdout
    python benchmarks/corroborate_scale.py 1000 2000 --out benchmarks/results/corroborate_scale.json

The corpus is generated here from template sentences (nothing from ../shared): a few stories, each
article about 65 statements long, its figures varying per article as real coverage does (some
articles repeat the story's figure, most state their own), credited to one of a handful of outlets
or to nobody. Extraction is not what is measured, and it would take most of the run, so a pool of
`POOL` articles is rendered and extracted once; each of the N articles is then one of them with its
own document id, statement ids, document text and freshly drawn figures (each fact's value, range
and text), so corroboration sees N different articles with N sets of values.

Each size runs in a fresh subprocess: the time of one `corroborate()` call (CPU time of the process,
which other users of a shared machine hardly change, and wall time, which they do), the
growth of peak resident memory during it (ru_maxrss after the call minus the resident memory before
it, so the corpus is excluded), with `--trace` also the tracemalloc peak of memory allocated during it
(tracing slows the call 3-6x, so traced and untraced times are not compared), and the growth exponent
between consecutive sizes and from the smallest to the largest (log time ratio / log size ratio).
The load (`uptime`) is recorded beside the figures: the machine is shared.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import math
import os
import platform
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from attrs import evolve

from citecheck.model import Article, Fact

ROOT = Path(__file__).resolve().parents[1]
POOL = 200  # articles extracted once per run
STORIES = [  # names of one story, its base figures (each article varies them)
    {
        "agency": "Velmont Trade Office",
        "firm": "Orrin Semiconductor",
        "place": "Velmont",
        "chief": "Ada Kessler",
        "rival": "Tarsk Microdevices",
        "city": "Port Aubel",
        "n": 400_000,
        "money": 12.0,
        "jobs": 3_200,
        "plants": 14,
        "pct": 18,
    },
    {
        "agency": "Brakovia Labour Board",
        "firm": "Hollis Motor Works",
        "place": "Brakovia",
        "chief": "Jon Mereth",
        "rival": "Castellan Union",
        "city": "Dunmore",
        "n": 26_000,
        "money": 2.4,
        "jobs": 11_500,
        "plants": 9,
        "pct": 7,
    },
    {
        "agency": "Serran Geological Service",
        "firm": "Serran Red Cross",
        "place": "Serra Island",
        "chief": "Lia Amparo",
        "rival": "Coastal Relief Network",
        "city": "Puerto Calva",
        "n": 1_800,
        "money": 0.9,
        "jobs": 640,
        "plants": 31,
        "pct": 40,
    },
    {
        "agency": "Nordhavn Energy Ministry",
        "firm": "Fjell Wind",
        "place": "Nordhavn",
        "chief": "Erik Valde",
        "rival": "Baltor Grid",
        "city": "Skarholm",
        "n": 1_200,
        "money": 5.5,
        "jobs": 2_100,
        "plants": 6,
        "pct": 23,
    },
    {
        "agency": "Quenmark Transit Authority",
        "firm": "Railon Systems",
        "place": "Quenmark",
        "chief": "Mira Solbe",
        "rival": "Metro Quen Workers",
        "city": "Ostvale",
        "n": 48_000,
        "money": 3.1,
        "jobs": 7_400,
        "plants": 12,
        "pct": 11,
    },
]
# People each article of a story names (three of thirty): a story's articles are tied into one story
# (`stories.story_clusters`) by these, since its main names are in too many documents to tie anything
_FIRST = "Harl Ivo Rafa Sigrid Petra Bea Maja Cora Henk Dag Tomas Kurt Dio Frida Vera Ines Nela Luz Arne Emil".split()
_LAST = "Ostrin Quarrow Feld Marrow Brandt Lanner Orlen Calder Derrin Tolst Ambel Vorsk Hallam Crane Gvozd".split()
_NAMES = [f"{a} {b}" for a in _FIRST for b in _LAST]
random.Random(3).shuffle(_NAMES)
LOCALS = [_NAMES[30 * k : 30 * (k + 1)] for k in range(5)]  # names that belong to nobody
OUTLETS = ["Reuters", "Bloomberg", "the Associated Press", "the Financial Times", None, None]
FIGURES = [  # sentences with figures: {v0}.. are drawn per article around the story's base figures
    "The {agency} approved exports of {n} units to {firm} on Tuesday, {credit}.",
    "{firm} said it would build {plants} new plants in {place} over the next three years.",
    "The deal is worth ${money} billion, {credit}.",
    "{firm} employs {jobs} workers in {city}, {credit}.",
    "Sales rose {pct}% in the first quarter, {credit}.",
    "{chief} said the {agency} had cleared {n} units after a review that lasted months.",
    "About {jobs} employees walked out at the {city} site, {credit}.",
    "{rival} said {firm} had sold {n} units in {place} last year.",
    "Officials in {place} put the cost of the programme at ${money} billion.",
    "The {agency} counted {plants} plants that would need new permits.",
    "{firm} expects output to grow {pct}% once the plants in {city} open.",
    "{chief} told reporters that {jobs} jobs depend on the decision.",
    "The approval covers {n} units and runs until the end of the year, {credit}.",
]
PROSE = [  # sentences without figures: claims, attributions, opinion, background
    "{chief} said the decision reflected months of talks with {firm}.",
    "{firm} declined to comment on the report.",
    "The {agency} has not published the full text of its ruling.",
    "Critics say the move will hurt smaller rivals such as {rival}.",
    "It is a bold step, and one that many in {place} will welcome.",
    "{rival} called the decision unfair and said it would appeal.",
    "The talks began after {firm} opened an office in {city}.",
    "Analysts expect the {agency} to review the case again next spring.",
    "What happens next is unclear.",
    "The {agency} had been under pressure from {one} for weeks.",
    "Residents gathered outside the office of {two} in {city} on Friday.",
    "The {agency} asked {three} to lead a review of the case.",
    "{three} and {one} visited the {firm} site in {city}.",
    "{one} and {two} met officials of the {agency} on Friday.",
    "A letter from {two} to {one} about {firm} was published on Monday.",
    "{chief} met executives of {firm} in {city} on Monday.",
    "Residents of {city} have long complained about the traffic around the site.",
    "The ruling follows a similar decision in a neighbouring region.",
    "Shares of {firm} rose in early trading, {credit}.",
    "{rival} has asked the {agency} for a meeting.",
]


def _figure(base: float, rng: random.Random, *, money: bool = False) -> str:
    """The story's figure (40% of the time) or one of this article's own."""
    value = base if rng.random() < 0.4 else base * rng.uniform(0.5, 1.8)
    if money:
        return f"{value:.1f}"
    return f"{round(value):,}" if value >= 100 else str(max(2, round(value)))


def render(k: int, rng: random.Random) -> str:
    """One article of story `k`, about 65 sentences: each figure sentence twice, prose in between."""
    story = STORIES[k]
    one, two, three = rng.sample(LOCALS[k], 3)
    outlet = rng.choice(OUTLETS)
    credit = f"according to {outlet}" if outlet else "the company said"
    lines = []
    for template in FIGURES * 2 + PROSE * 2:
        values = {k: v for k, v in story.items() if isinstance(v, str)}
        values |= {
            "n": _figure(story["n"], rng),
            "money": _figure(story["money"], rng, money=True),
            "jobs": _figure(story["jobs"], rng),
            "plants": _figure(story["plants"], rng),
            "pct": _figure(story["pct"], rng),
            "credit": credit,
            "one": one,
            "two": two,
            "three": three,
        }
        lines.append(template.format(**values))
    rng.shuffle(lines)
    title = f"{story['firm']} and the {story['agency']}"
    return f"# {title}\n\n" + "\n\n".join(" ".join(lines[i : i + 4]) for i in range(0, len(lines), 4)) + "\n"


def _redraw(fact: Fact, rng: random.Random) -> Fact:
    """A fact with this article's own figure: the pool article's value moved as `_figure` moves one."""
    if not isinstance(fact.value, int | float) and fact.low is None and fact.high is None:
        return fact
    factor = 1.0 if rng.random() < 0.4 else rng.uniform(0.5, 1.8)
    scaled = {
        k: getattr(fact, k) * factor for k in ("value", "low", "high") if isinstance(getattr(fact, k), int | float)
    }
    if isinstance(fact.value, int) and "value" in scaled:
        scaled["value"] = round(scaled["value"])
    shown = scaled.get("value", scaled.get("low", 0))
    return evolve(fact, text=f"{shown:,.0f} {fact.unit or fact.subject or ''}".strip(), **scaled)


def corpus(size: int, seed: int = 7) -> list[Article]:
    """`size` articles: rendered from the templates, extracted in a pool, figures redrawn per article."""
    from citecheck.model import FIGURE_KINDS
    from citecheck.pipeline import analyze_document
    from citecheck.read.files import read_text

    rng = random.Random(seed)
    pool = []
    for k in range(POOL):
        text = render(k % len(STORIES), rng)
        pool.append(analyze_document(read_text(text, doc_id=f"pool{k:03d}", source=f"pool{k:03d}.md", fmt="markdown")))
    articles = []
    for n in range(size):
        base = pool[n % POOL]
        doc_id = f"a{n:06d}"
        text = render(n % POOL % len(STORIES), rng)  # its own words for the near-duplicate sketch
        statements = tuple(
            evolve(
                s,
                id=f"{doc_id}#{s.id.split('#', 1)[1]}",
                facts=tuple(_redraw(f, rng) if f.kind in FIGURE_KINDS else f for f in s.facts),
            )
            for s in base.statements
        )
        document = evolve(base.document, id=doc_id, source=f"{doc_id}.md", text=text)
        articles.append(evolve(base, document=document, statements=statements))
    return articles


def run_one(size: int, traced: bool) -> dict:
    from citecheck.corroborate.scoring import corroborate

    articles = corpus(size)
    statements = sum(len(a.statements) for a in articles)
    gc.collect()
    if traced:
        tracemalloc.start()
    rss = _rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    scored, _ = corroborate(articles)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - rss  # KiB on Linux
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if traced else None
    tracemalloc.stop()
    labels: dict[str, int] = {}
    for a in scored:
        for s in a.statements:
            if s.corroboration:
                labels[s.corroboration.label] = labels.get(s.corroboration.label, 0) + 1
    return {
        "articles": size,
        "statements": statements,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "rss_growth_mb": round(grown, 1),
        "tracemalloc_peak_mb": None if peak is None else round(peak, 1),
        "traced": traced,
        "labels": dict(sorted(labels.items())),
    }


def _rss_mb() -> float:
    """The resident memory now (MiB): the corpus, built before the call."""
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _exponent(a: dict, b: dict, key: str) -> float:
    return round(math.log(b[key] / a[key]) / math.log(b["articles"] / a["articles"]), 2)


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 2000, 5000, 10000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process: one size
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    parser.add_argument("--trace", action="store_true", help="also measure the tracemalloc peak (slows the run 3-6x)")
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.trace)))
        return 0
    rows = []
    for size in args.sizes:
        before = _uptime()
        command = [sys.executable, __file__, "--one", str(size), *(["--trace"] if args.trace else [])]
        done = subprocess.run(command, capture_output=True, text=True, check=True, env=os.environ)
        row = json.loads(done.stdout.strip().splitlines()[-1]) | {"load_before": before, "load_after": _uptime()}
        rows.append(row)
        print(json.dumps(row), flush=True)
    growth = {
        f"{a['articles']}->{b['articles']}": {
            "cpu": _exponent(a, b, "cpu_seconds"),
            "wall": _exponent(a, b, "seconds"),
            "memory": _exponent(a, b, "rss_growth_mb"),
        }
        for a, b in [*itertools.pairwise(rows), (rows[0], rows[-1])]
        if b["articles"] != a["articles"]
    }
    result = {
        "what": "corroborate() alone on generated articles (benchmarks/corroborate_scale.py)",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "rows": rows,
        "exponents": growth,
    }
    print(json.dumps(growth, indent=2))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
