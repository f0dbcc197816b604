"""The same corpus run locally and on a 2-worker Dask LocalCluster (`--engine dask`), side by side.

    python benchmarks/dask_scale.py             # 1,000 articles
    python benchmarks/dask_scale.py 1000 3000   # chosen sizes

The corpus is generated here: stories of five articles each, about 65 statements per article, every
story with its own invented names, every article with its own figures (story figures restated,
rounded, sometimes contradicted; local figures of its own). Each run happens in a fresh subprocess so
that peak memory belongs to it: the local run with `jobs=2` (two worker processes for the map step),
the Dask run on `LocalCluster(n_workers=2, threads_per_worker=1)` on 127.0.0.1. Both reports are
rendered as JSON and hashed: the hashes must match. Results go to stdout as a Markdown table, with
the load (`uptime`) before each run; docs/scale.md quotes them.
"""

from __future__ import annotations

import hashlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SYLLABLES = "ka lo mi ren tas vor qui del sab nor pel zan tiv mor gal hes dun bri cal fen".split()
OUTLETS = ["Reuters", "Bloomberg", "the Harbour Ledger", "the Valley Courier", "Meridian Wire", "the Coastline Post"]
KINDS = ["Systems", "Freight", "Energy", "Labs", "Holdings"]


def _name(n: int, salt: int) -> str:
    """A made-up proper name, different for every (story, salt): base-20 digits spelled as syllables,
    so that no two stories share a name by chance (shared names would merge their stories)."""
    value, parts = n * 8 + salt, []
    for _ in range(4):
        value, digit = divmod(value, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    return "".join(parts).capitalize()


def story(n: int) -> dict[str, object]:
    """One event: who, where, and its true figures."""
    rng = random.Random(n)
    return {
        "company": f"{_name(n, 1)} {rng.choice(KINDS)}",
        "agency": f"the {_name(n, 2)} Transport Authority",
        "city": _name(n, 3),
        "chief": f"{_name(n, 4)} {_name(n, 5)}",
        "rival": f"{_name(n, 6)} {rng.choice(KINDS)}",
        "units": rng.randrange(20, 900) * 1000,
        "workers": rng.randrange(120, 4000),
        "money": rng.randrange(12, 900),
        "stations": rng.randrange(14, 400),
        "year": rng.choice([2024, 2025, 2026]),
    }


def article(n: int, variant: int, rng: random.Random) -> str:
    """About 65 statements: the story's figures as this outlet tells them, and figures of its own."""
    s = story(n)
    outlet = OUTLETS[(n + variant) % len(OUTLETS)]
    units = s["units"] * (3 if variant == 4 and n % 3 == 0 else 1)  # one outlet in three stories gets it wrong
    said = f"{outlet} reported" if variant % 2 else f"according to {outlet}"
    lines = [
        f"{s['company']} wins approval for {s['city']} charging network",
        "",
        f"{'T' + str(s['agency'])[1:]} approved {units:,} charging units for {s['company']} in {s['year']}, {said}.",
        f"The network will cost ${s['money']} million, {s['chief']} said on Tuesday.",
        f"{s['company']} employs {s['workers']:,} workers in {s['city']}.",
        f"The company plans {s['stations']} fast-charging stations along the {s['city']} ring road.",
        f"{s['chief']} and {s['agency']} signed the agreement in {s['city']}.",
        f"{s['rival']} had bid for the same contract and lost.",
        f"More than {s['units'] // 1000 * 900:,} units would be installed before the end of {s['year']}.",
        "The decision was welcomed by drivers' groups.",
        "Some critics said the timetable was ambitious.",
    ]
    for i in range(54):  # figures of this article alone: each outlet adds its own detail
        k = rng.randrange(3, 95)
        m = rng.randrange(2, 60)
        year = s["year"]
        lines.append(
            rng.choice(
                [
                    f"In district {i + 1}, {k} depots will open, {outlet} said.",
                    f"The {s['city']} depot number {i + 1} employs {k * 10} staff.",
                    f"Local officials counted {k * 100:,} vehicles a day on route {i + 1} in {year}.",
                    f"A pilot site cost ${m} million to build, {s['chief']} told reporters.",
                    f"Residents of ward {i + 1} filed {k} complaints about noise last month.",
                    f"Cable run {i + 1} will need {m} transformers, the engineers estimate.",
                    f"Some {k} percent of the drivers surveyed on road {i + 1} welcomed the plan.",
                ]
            )
        )
    return "\n".join(lines[:2]) + "\n" + " ".join(lines[2:]) + "\n"


def write_corpus(size: int, folder: Path) -> list[str]:
    rng = random.Random(size)
    paths = []
    for i in range(size):
        n, variant = divmod(i, 5)
        path = folder / f"s{n:05d}-v{variant}.txt"
        path.write_text(article(n, variant, rng), encoding="utf-8")
        paths.append(str(path))
    return paths


def _load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip().split("load average:")[-1].strip()


def _hashes(text: str) -> dict[str, str]:
    """The JSON report's hash, and its hash without the check-worthiness scores: those can differ in
    the last rounded digit between processes (docs/scale.md, "Known difference")."""
    data = json.loads(text)
    for doc in data.get("documents", []):
        for statement in doc.get("statements", []):
            statement.pop("checkworthy", None)
    rest = json.dumps(data, sort_keys=True)
    digest = hashlib.sha256
    return {"sha": digest(text.encode()).hexdigest()[:16], "sha_wo_cw": digest(rest.encode()).hexdigest()[:16]}


def run_local(folder: str) -> dict[str, object]:
    from citecheck.pipeline import Options, analyze
    from citecheck.render import render

    start = time.perf_counter()
    report = analyze([folder], (), Options(jobs=2))
    seconds = time.perf_counter() - start
    return {
        "seconds": round(seconds, 1),
        "client_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "worker_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "statements": sum(len(a.statements) for a in report.articles),
        **_hashes(render(report, "json")),
    }


def run_dask(folder: str) -> dict[str, object]:
    from citecheck.engines.on_dask import local_client, run
    from citecheck.pipeline import Options
    from citecheck.render import render

    measure: dict[str, object] = {}
    with local_client(2, processes=True) as client:
        start = time.perf_counter()
        report = run([folder], (), Options(jobs=2), client=client)
        seconds = time.perf_counter() - start
        workers = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        run([folder], (), Options(jobs=2), client=client, measure=measure)  # a second pass, measured
    return {
        "seconds": round(seconds, 1),
        "client_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "worker_mib": round(max(workers.values())),
        "statements": sum(len(a.statements) for a in report.articles),
        **_hashes(render(report, "json")),
        **measure,
    }


def main(sizes: list[int]) -> None:
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            write_corpus(size, Path(tmp))
            for engine in ("local", "dask"):
                load = _load()
                proc = subprocess.run(
                    [sys.executable, __file__, f"--{engine}", tmp], capture_output=True, text=True, check=True
                )
                row = {"articles": size, "engine": engine, "load_before": load, "load_after": _load()}
                row.update(json.loads(proc.stdout.strip().splitlines()[-1]))
                rows.append(row)
                print(json.dumps(row), file=sys.stderr)
    print("| articles | engine | statements | seconds | peak RSS client (MiB) | peak RSS per worker (MiB) | load |")
    print("|---:|---|---:|---:|---:|---:|---|")
    for r in rows:
        print(
            f"| {r['articles']:,} | {r['engine']} | {r['statements']:,} | {r['seconds']} | {r['client_mib']} | "
            f"{r['worker_mib']} | {r['load_before']} -> {r['load_after']} |"
        )
    for r in rows:
        if r["engine"] == "dask":
            print(f"\n{r['articles']:,} articles, Dask shuffle by blocking key: {json.dumps(r)}")
    same = all(a["sha"] == b["sha"] for a, b in zip(rows[::2], rows[1::2]))
    rest = all(a["sha_wo_cw"] == b["sha_wo_cw"] for a, b in zip(rows[::2], rows[1::2]))
    print(f"\nreports identical (JSON sha256): {same}; identical apart from check-worthiness scores: {rest}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] in ("--local", "--dask"):
        result = run_local(sys.argv[2]) if sys.argv[1] == "--local" else run_dask(sys.argv[2])
        print(json.dumps(result))
    else:
        main([int(a) for a in sys.argv[1:] if a.isdigit()] or [1000])
