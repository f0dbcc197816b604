"""What each CLI command does, once its arguments are parsed: options from flags and config,
the analysis, the baseline, rendering, and the exit code."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import evolve

from citecheck.cli.config import Config, load_config
from citecheck.cli.exits import EXIT_CLEAN, EXIT_INCOMPLETE, EXIT_USAGE, exit_code
from citecheck.errors import ConfigError
from citecheck.model import Report
from citecheck.read.files import ReadOptions
from citecheck.render.escape import stderr_line
from citecheck.verify.pages import FetchOptions

if TYPE_CHECKING:  # the pipeline pulls in every analysis stage: `rules` and `--help` should not pay for it
    from citecheck.pipeline import Options

__all__ = ["run_command", "rules_command"]


def _codes(values: list[str], fallback: tuple[str, ...]) -> tuple[str, ...]:
    codes = tuple(c.strip() for v in values for c in v.split(",") if c.strip())
    return codes or fallback


def build_options(args: argparse.Namespace, config: Config, stop: threading.Event | None = None) -> Options:
    from citecheck.pipeline import Options
    from citecheck.rules.selection import check_selectors

    select = _codes(getattr(args, "select", []), config.select)
    ignore = _codes(getattr(args, "ignore", []), config.ignore)
    check_selectors(select, "--select")
    check_selectors(ignore, "--ignore")
    check_selectors(config.severity, "severity")
    read = ReadOptions(
        max_bytes=args.max_input_size or config.max_input_size,
        input_format=args.input_format,
        decode_errors=args.decode_errors,
    )
    return Options(
        read=read,
        select=select,
        ignore=ignore,
        severities=tuple(config.severity.items()),
        credibility=tuple(config.credibility.items()),
        low_credibility=config.low_credibility,
        verbose=args.verbose,
        fetch=fetch_options(args, config, stop),
        outlets=config.outlets,
        stop=stop,
    )


_POLICY_KEYS = {
    "timeout": "read_timeout",
    "deadline": "deadline",
    "retries": "retries",
    "max-bytes": "max_bytes",
    "concurrency": "concurrency",
    "per-host": "per_host",
    "user-agent": "user_agent",
}


def fetch_options(args: argparse.Namespace, config: Config, stop: threading.Event | None = None) -> FetchOptions:
    table = config.fetch
    policy = {_POLICY_KEYS[k]: v for k, v in table.items() if k in _POLICY_KEYS}
    if getattr(args, "max_total_time", None):
        policy["max_total_time"] = args.max_total_time
    return FetchOptions(
        enabled=bool(args.fetch or args.offline or table.get("enabled", False)),
        offline=bool(args.offline),
        cache_dir=args.cache_dir or table.get("cache-dir"),
        use_cache=not args.no_cache,
        strict=bool(getattr(args, "strict", None) or config.strict),
        policy=policy,
        stop=stop.is_set if stop is not None else None,
    )


@contextmanager
def _interruptible() -> Iterator[threading.Event]:
    """SIGINT and SIGTERM set a flag: the run finishes the document in hand, then writes the report of
    everything finished so far (exit 3). A second signal stops at once. Only the CLI does this; the
    library never touches signal handlers."""
    stop = threading.Event()

    def handler(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        name = signal.Signals(signum).name
        print(f"citecheck: {name}: finishing the document in hand, then writing the report", file=sys.stderr)

    wanted = (signal.SIGINT, signal.SIGTERM)
    in_main = threading.current_thread() is threading.main_thread()
    previous = {s: signal.signal(s, handler) for s in wanted} if in_main else {}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def run_command(args: argparse.Namespace) -> int:
    with _interruptible() as stop:
        return _run(args, stop)


def _run(args: argparse.Namespace, stop: threading.Event) -> int:
    config = load_config(args.config)
    options = build_options(args, config, stop)
    output_ok(args.output)
    if not args.paths:
        raise ConfigError("no inputs: name files, directories, URLs, or - for stdin")
    from citecheck.pipeline import analyze

    against = tuple(args.against) or config.against
    report = analyze(args.paths, against, options)
    if args.command == "graph":  # the graph is the product: findings do not change its exit code
        return _write(args, _graph(report, args.format), evolve(report, findings=()), "error")
    report = _baseline(args, report)
    fmt = args.format or "text"
    fail_on = args.fail_on or config.fail_on
    _problems_to_stderr(report)
    from citecheck.render import render

    stream = sys.stdout
    text = render(
        report,
        fmt,
        color=not args.output and color_wanted(args.no_color, stream),
        show_facts=args.show_facts,
        concise=args.command == "check",
    )
    return _write(args, text, report, fail_on)


def _write(args: argparse.Namespace, text: str, report: Report, fail_on: str) -> int:
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    if any(p.code in _CUT_SHORT for p in report.problems):
        return EXIT_INCOMPLETE  # interrupted or over budget: incomplete, even if nothing was finished
    return exit_code(report.findings, len(report.problems), len(report.articles), fail_on)


_CUT_SHORT = ("E_INTERRUPTED", "E_BUDGET")


def _problems_to_stderr(report: Report) -> None:
    skipped = [p for p in report.problems if p.code == "E_INTERRUPTED"]
    for problem in report.problems:
        if problem.code != "E_INTERRUPTED":
            line = stderr_line(f"{problem.source}: {problem.code}: {problem.message}")
            print(f"citecheck: {line}", file=sys.stderr)
    if skipped:  # one line, not one per input: the report lists each of them
        count = f"{len(skipped)} input{'s' * (len(skipped) != 1)}"
        print(f"citecheck: E_INTERRUPTED: {count} not analysed (listed in the report)", file=sys.stderr)


def _graph(report: Report, fmt: str) -> str:
    from citecheck.render.graph import build_graph, export

    return export(build_graph(report), fmt)


def _baseline(args: argparse.Namespace, report: Report) -> Report:
    from citecheck.cli.baseline import filter_new, read_baseline, write_baseline

    if getattr(args, "write_baseline", None):
        write_baseline(args.write_baseline, report)
    baseline = getattr(args, "baseline", None)
    if baseline and not Path(baseline).exists():  # first run: today's findings become the baseline
        write_baseline(baseline, report)
        count = len(report.findings)
        print(f"citecheck: baseline {baseline} written with {count} finding{'s' * (count != 1)}", file=sys.stderr)
    if baseline:
        return evolve(report, findings=filter_new(report, read_baseline(baseline)))
    return report


def rules_command(code: str | None) -> int:
    from citecheck.rules import RULES, rule_by_code  # type: ignore[attr-defined]

    if code is None:
        for rule in RULES:
            net = " (with --fetch)" if rule.needs_network else ""
            print(f"{rule.code}  {rule.name:<26} {rule.severity:<8} {rule.summary}{net}")
        return EXIT_CLEAN
    try:
        rule = rule_by_code(code.upper() if code[:2].lower() == "cc" else code)
    except KeyError:
        print(f"citecheck: error: no rule {code!r}; `python -m citecheck rules` lists them", file=sys.stderr)
        return EXIT_USAGE
    print(f"{rule.code} {rule.name} (default severity: {rule.severity})\n\n{rule.doc}")
    for example in rule.examples:
        print(
            f"\n{'Fires on' if example.fires else 'Quiet on'}:\n"
            + "\n".join("    " + ln for ln in example.text.rstrip().splitlines())
        )
    return EXIT_CLEAN


def color_wanted(no_color: bool, stream: object = sys.stdout) -> bool:
    if no_color or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def output_ok(path: str | None) -> None:
    if path is None:
        return
    folder = Path(path).resolve().parent
    if not folder.is_dir() or not os.access(folder, os.W_OK) or Path(path).is_dir():
        raise ConfigError(f"--output {path}: cannot write there")
