"""Corpus scale benchmark (issue 13): time per stage, peak memory of every process, growth, the editor
path and throughput per core, on corpora from `benchmarks/corpus.py` (about 65 statements an article).

    python benchmarks/scale.py                  # 250 and 1,000 articles, 3 runs each
    python benchmarks/scale.py --with-10k       # and 10,000 articles (slow: minutes per run)
    python benchmarks/scale.py --sizes 1000 --runs 5 --jobs 2
    python benchmarks/scale.py --editor-only --runs 5   # the editor path alone (seconds, not minutes)

For each size and run:
* the CLI as a user runs it (`python -m citecheck report DIR --format json -o FILE --jobs J`): wall
  time; CPU time of the whole tree (RUSAGE_CHILDREN: the CLI and its workers); peak memory of all
  processes, as the largest sum of RSS over the process tree sampled every 50 ms from /proc, and as the
  sum of each process's own peak (VmHWM), an upper bound;
* the library in a fresh process, stage by stage: read (`read_all`, in the parent), extract + classify
  (the map step, in workers), corroborate, rules, render (the JSON, streamed to a file). Stage edges
  come from `Options.progress`, which the pipeline calls at each stage.
Then, once per run: the editor path (one seed-sized draft checked against four sources, wall time
including interpreter start, as `python -m citecheck check` does it) beside a bare `python -c pass`,
and a light regex pipeline (sentences, figures, markers, "said") over the same bytes as the corpus,
CPU time, for throughput per core.

Growth exponent between sizes a < b: log(t_b / t_a) / log(b / a) (1.0 is linear). Results go to
benchmarks/results/scale-<UTC time>.json and a Markdown table on stdout; the load average (`uptime`)
is recorded before and after every measurement, since the machine is shared.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import math
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import write_corpus  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
SEEDS = ROOT.parent / "shared" / "seeds"
STAGES = ("read", "extract_classify", "corroborate", "rules", "render")


# --- machine and load -------------------------------------------------------------------------


def machine() -> dict[str, object]:
    model = next(
        (ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in ln),
        platform.processor(),
    )
    mem = next(ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal"))
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)),
        "memory_gib": round(int(mem) / 2**20, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# --- process tree memory ----------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            out += [int(c) for c in (task / "children").read_text().split()]
    return out


def _status(pid: int) -> dict[str, int]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return {k: int(v.split()[0]) for k, v in (ln.split(":", 1) for ln in lines) if k in ("VmRSS", "VmHWM")}


class TreeMemory:
    """Samples the RSS of a process and all its descendants every 50 ms."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_kib, self.hwm = pid, 0, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            pids, total = [self.pid], 0
            while pids:
                pid = pids.pop()
                status = _status(pid)
                total += status.get("VmRSS", 0)
                self.hwm[pid] = max(self.hwm.get(pid, 0), status.get("VmHWM", 0))
                pids += _children(pid)
            self.peak_kib = max(self.peak_kib, total)
            time.sleep(0.05)

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        return {
            "peak_tree_mib": round(self.peak_kib / 1024, 1),
            "sum_of_process_peaks_mib": round(sum(self.hwm.values()) / 1024, 1),
            "processes": len(self.hwm),
        }


# --- measurements -----------------------------------------------------------------------------


def cli_run(folder: Path, jobs: int) -> dict[str, object]:
    out = Path(tempfile.mkstemp(suffix=".json")[1])
    before, load_before = resource.getrusage(resource.RUSAGE_CHILDREN), load()
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "citecheck", "report", str(folder), "--format", "json", "-o", str(out)]
    proc = subprocess.Popen([*cmd, "--jobs", str(jobs)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    memory = TreeMemory(proc.pid)
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    mem = memory.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    size = out.stat().st_size
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    out.unlink()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"citecheck exited {proc.returncode}: {err.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        **mem,
        "report_mib": round(size / 2**20, 1),
        "statements": summary["statements"],
        "findings": sum(summary["findings"].values()),
        "load_before": load_before,
        "load_after": load(),
    }


STAGED = r"""
import json, sys, time
from attrs import evolve
from citecheck.pipeline import Options, analyze_documents, read_all
from citecheck.render import write
folder, jobs, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
edges = {}
def progress(stage, done, total):
    edges.setdefault(stage, [time.perf_counter(), 0.0])[1] = time.perf_counter()
t0 = time.perf_counter()
docs, problems = read_all([folder], Options().read)
t1 = time.perf_counter()
report = analyze_documents(docs, [], Options(jobs=jobs, progress=progress), problems)
t2 = time.perf_counter()
with open(out, "w", encoding="utf-8") as stream:
    write(report, "json", stream)
t3 = time.perf_counter()
corr0, corr1 = edges["corroborating"]
print(json.dumps({
    "read": t1 - t0,
    "extract_classify": corr0 - t1,
    "corroborate": corr1 - corr0,
    "rules": t2 - corr1,
    "render": t3 - t2,
}))
"""


def staged_run(folder: Path, jobs: int) -> dict[str, object]:
    out = tempfile.mkstemp(suffix=".json")[1]
    load_before = load()
    proc = subprocess.run(
        [sys.executable, "-c", STAGED, str(folder), str(jobs), out], capture_output=True, text=True, check=True
    )
    os.unlink(out)
    stages = json.loads(proc.stdout.strip().splitlines()[-1])
    return {**{k: round(v, 3) for k, v in stages.items()}, "load_before": load_before, "load_after": load()}


def editor_inputs(scratch: Path) -> tuple[list[str], str]:
    """The five seed articles when ../shared is here (one draft, four sources); else five generated
    articles of one story. Read where they are, never copied into the repository."""
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if len(seeds) >= 5:
        return [str(p) for p in seeds[:5]], "seeds"
    paths = write_corpus(scratch / "editor", 5, seed=7)
    return [str(p) for p in paths], "generated"


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def editor_run(paths: list[str], repeats: int = 5) -> dict[str, object]:
    draft, sources = paths[0], paths[1:5]
    load_before = load()
    bare = [wall([sys.executable, "-c", "pass"]) for _ in range(repeats)]
    check = [wall([sys.executable, "-m", "citecheck", "check", draft, "--against", *sources]) for _ in range(repeats)]
    b, c = statistics.median(bare), statistics.median(check)
    return {
        "bare_python_s": round(b, 3),
        "editor_s": round(c, 3),
        "ratio": round(c / b, 1),
        "load_before": load_before,
        "load_after": load(),
    }


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_FIGURE = re.compile(r"[$€£]?\d[\d,]*(?:\.\d+)?\s*(?:%|percent|million|billion)?")
_MARKER = re.compile(r"\[(\d+(?:\s*[,-]\s*\d+)*)\]")
_SAID = re.compile(r"\b(?:said|told|according to|reported)\b")


def light_pipeline(folder: Path) -> dict[str, float]:
    """A light regex pipeline over the same bytes: read, split sentences, find figures, markers and
    attribution verbs. CPU time of this process."""
    start = time.process_time()
    size = counted = 0
    for path in sorted(folder.iterdir()):
        data = path.read_bytes()
        size += len(data)
        for sentence in _SENTENCE.split(data.decode("utf-8")):
            counted += len(_FIGURE.findall(sentence)) + len(_MARKER.findall(sentence)) + len(_SAID.findall(sentence))
    cpu = time.process_time() - start
    return {"cpu_s": round(cpu, 3), "mib": round(size / 2**20, 2), "mb_per_s_per_core": round(size / 1e6 / cpu, 2)}


# --- summary ----------------------------------------------------------------------------------


def spread(values: list[float]) -> dict[str, float]:
    return {"min": min(values), "median": round(statistics.median(values), 3), "max": max(values)}


def exponent(t_small: float, t_large: float, n_small: int, n_large: int) -> float | None:
    if t_small <= 0 or t_large <= 0:
        return None
    return round(math.log(t_large / t_small) / math.log(n_large / n_small), 2)


def summarise(sizes: dict[int, dict[str, list[dict[str, object]]]], bytes_of: dict[int, int]) -> dict[str, object]:
    out: dict[str, object] = {}
    for n, runs in sizes.items():
        cli, staged = runs["cli"], runs["staged"]
        row: dict[str, object] = {
            key: spread([float(r[key]) for r in cli])  # type: ignore[arg-type]
            for key in ("wall_s", "cpu_s", "peak_tree_mib", "sum_of_process_peaks_mib")
        }
        row["stages_s"] = {st: spread([float(r[st]) for r in staged]) for st in STAGES}  # type: ignore[arg-type]
        cpu = statistics.median([float(r["cpu_s"]) for r in cli])  # type: ignore[arg-type]
        row["mb_per_s_per_core"] = round(bytes_of[n] / 1e6 / cpu, 3)
        row["statements"] = cli[0]["statements"]
        row["corpus_mib"] = round(bytes_of[n] / 2**20, 2)
        out[str(n)] = row
    ordered = sorted(sizes)
    growth = {}
    for a, b in itertools.pairwise(ordered):
        ra, rb = out[str(a)], out[str(b)]
        g = {"overall_wall": exponent(ra["wall_s"]["median"], rb["wall_s"]["median"], a, b)}  # type: ignore[index]
        g["peak_memory"] = exponent(
            ra["peak_tree_mib"]["median"],  # type: ignore[index]
            rb["peak_tree_mib"]["median"],  # type: ignore[index]
            a,
            b,
        )
        for st in STAGES:
            g[st] = exponent(ra["stages_s"][st]["median"], rb["stages_s"][st]["median"], a, b)  # type: ignore[index]
        growth[f"{a}->{b}"] = g
    out["growth_exponents"] = growth
    return out


def table(result: dict[str, object]) -> str:
    rows = [
        "| articles | statements | wall s (min/med/max) | CPU s | peak MiB, all processes | "
        "read | extract+classify | corroborate | rules | render | MB/s per core |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, r in result["summary"].items():  # type: ignore[union-attr]
        if not n.isdigit():
            continue
        w, st = r["wall_s"], r["stages_s"]
        rows.append(
            f"| {int(n):,} | {r['statements']:,} | {w['min']:.1f} / {w['median']:.1f} / {w['max']:.1f} | "
            f"{r['cpu_s']['median']:.1f} | {r['peak_tree_mib']['median']:.0f} | "
            + " | ".join(f"{st[s]['median']:.2f}" for s in STAGES)
            + f" | {r['mb_per_s_per_core']:.3f} |"
        )
    return "\n".join(rows)


def editor_only(runs: int, scratch: Path) -> None:
    """The editor path alone, `runs` times (each the median of five), beside a bare `python -c pass`;
    written to benchmarks/results/editor-<UTC time>.json."""
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    uptime_before = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    paths, kind = editor_inputs(scratch)
    editor = [editor_run(paths) for _ in range(runs)]
    result = {
        "started": started,
        "machine": machine(),
        "uptime_before": uptime_before,
        "runs": runs,
        "editor": {"inputs": kind, "runs": editor, "ratio": spread([float(e["ratio"]) for e in editor])},
        "editor_s": spread([float(e["editor_s"]) for e in editor]),
        "bare_python_s": spread([float(e["bare_python_s"]) for e in editor]),
        "uptime_after": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"editor-{started.replace(':', '')}.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    ratio = spread([float(e["ratio"]) for e in editor])
    print(f"editor path: {result['editor_s']} s; bare python {result['bare_python_s']} s; ratio {ratio}")
    print(f"load: {result['uptime_before']} -> {result['uptime_after']}\nwritten to {path.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description="corpus scale benchmark (issue 13)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000])
    parser.add_argument("--with-10k", action="store_true", help="add 10,000 articles (minutes per run)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scratch", type=Path, default=Path(tempfile.gettempdir()) / "citecheck-scale")
    parser.add_argument("--editor-only", action="store_true", help="measure the editor path alone")
    args = parser.parse_args()
    if args.editor_only:
        editor_only(args.runs, args.scratch)
        return
    sizes = sorted(set(args.sizes + ([10_000] if args.with_10k else [])))
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    result: dict[str, object] = {
        "started": started,
        "machine": machine(),
        "uptime_before": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(),
        "jobs": args.jobs,
        "runs": args.runs,
        "seed": args.seed,
    }
    raw: dict[int, dict[str, list[dict[str, object]]]] = {}
    bytes_of: dict[int, int] = {}
    light: list[dict[str, float]] = []
    for n in sizes:
        folder = args.scratch / f"corpus-{n}-seed{args.seed}"
        if not folder.is_dir() or len(list(folder.iterdir())) != n:
            write_corpus(folder, n, args.seed)
        bytes_of[n] = sum(p.stat().st_size for p in folder.iterdir())
        raw[n] = {"cli": [], "staged": []}
        for run in range(args.runs):
            raw[n]["cli"].append(cli_run(folder, args.jobs))
            raw[n]["staged"].append(staged_run(folder, args.jobs))
            if n == max(sizes):
                light.append(light_pipeline(folder))
            print(f"{n} articles, run {run + 1}: {raw[n]['cli'][-1]} {raw[n]['staged'][-1]}", file=sys.stderr)
    paths, kind = editor_inputs(args.scratch)
    editor = [editor_run(paths) for _ in range(args.runs)]
    summary = summarise(raw, bytes_of)
    light_rate = statistics.median([x["mb_per_s_per_core"] for x in light])
    ours = summary[str(max(sizes))]["mb_per_s_per_core"]  # type: ignore[index]
    result.update(
        raw=raw,
        summary=summary,
        editor={"inputs": kind, "runs": editor, "ratio": spread([float(e["ratio"]) for e in editor])},  # type: ignore[arg-type]
        editor_s=spread([float(e["editor_s"]) for e in editor]),  # type: ignore[arg-type]
        bare_python_s=spread([float(e["bare_python_s"]) for e in editor]),  # type: ignore[arg-type]
        light_pipeline={"runs": light, "mb_per_s_per_core": light_rate},
        throughput_gap=round(light_rate / ours, 1),
        uptime_after=subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(),
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"scale-{started.replace(':', '')}.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(result))
    print(f"\ngrowth exponents: {json.dumps(summary['growth_exponents'])}")
    print(f"editor path: {result['editor_s']} s; bare python {result['bare_python_s']} s; ratio {result['editor']}")
    print(f"light regex pipeline {light_rate} MB/s per core; citecheck {ours}; gap {result['throughput_gap']}x")
    print(f"load: {result['uptime_before']} -> {result['uptime_after']}\nwritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
