"""What each CLI command does, once its arguments are parsed: options from flags and config,
the analysis, the baseline, rendering, and the exit code."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from attrs import evolve

from citecheck.cli.config import Config, load_config
from citecheck.cli.exits import EXIT_CLEAN, EXIT_INCOMPLETE, EXIT_USAGE, exit_code
from citecheck.cli.options import config_options
from citecheck.cli.terminal import ProgressBar, alarm_time_limit, show_warnings
from citecheck.errors import ConfigError
from citecheck.model import Report
from citecheck.render.escape import stderr_line

if TYPE_CHECKING:  # the pipeline pulls in every analysis stage: `rules` and `--help` should not pay for it
    from citecheck.pipeline import Options

__all__ = ["run_command", "rules_command", "lsp_command", "build_options"]


def build_options(args: argparse.Namespace, config: Config, stop: threading.Event | None = None) -> Options:
    """The run's options, with the terminal's progress bar, SIGALRM deadline (main thread only) and the
    stop event the signal handlers set."""
    bar = ProgressBar(force=getattr(args, "progress", False))
    options = evolve(config_options(config, args), progress=bar, time_limit=alarm_time_limit, stop=stop)
    return evolve(options, fetch=evolve(options.fetch, stop=stop.is_set if stop is not None else None))


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
    show_warnings()
    with _interruptible() as stop:
        return _run(args, stop)


def _run(args: argparse.Namespace, stop: threading.Event) -> int:
    config = load_config(args.config)
    options = build_options(args, config, stop)
    output_ok(args.output)
    against = tuple(args.against) or config.against
    paths = args.paths or _default_inputs(args.command, config, against)
    from citecheck.pipeline import analyze

    report = analyze(paths, against, options) if _engine(args) == "local" else _on_dask(args, paths, against, options)
    if args.command == "graph":  # the graph is the product: findings do not change its exit code
        graph = _graph(report, args.format)
        return _write(args, lambda stream: stream.write(graph), evolve(report, findings=()), "error")
    report = _baseline(args, report)
    fmt = args.format or "text"
    fail_on = args.fail_on or config.fail_on
    _problems_to_stderr(report)
    from citecheck.render import write

    shown = {
        "color": not args.output and color_wanted(args.no_color, sys.stdout),
        "show_facts": args.show_facts,
        "concise": args.command == "check",
        "sort": args.sort,
        "quiet": args.quiet,
        "verbose": args.verbose,
        "indent": args.indent,
    }
    return _write(args, lambda stream: write(report, fmt, stream, **shown), report, fail_on)


def _write(args: argparse.Namespace, emit: Callable[[TextIO], object], report: Report, fail_on: str) -> int:
    if args.output:
        with open(args.output, "w", encoding="utf-8") as stream:
            emit(stream)
    else:
        emit(sys.stdout)
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
        new = filter_new(report, read_baseline(baseline))
        return evolve(report, findings=new, baselined=len(report.findings) - len(new))
    return report


def _default_inputs(command: str, config: Config, against: tuple[str, ...] = ()) -> list[str]:
    """`check` with no path checks the drafts of the current folder; the other commands need a path.

    The `against` sources are evidence, not drafts: files under them are left out (as the language
    server leaves them out of a workspace), so wire copy kept beside the drafts is not checked."""
    if command != "check":
        raise ConfigError("no inputs: name files, directories, URLs, or - for stdin")
    from citecheck.read.workspace import workspace_inputs

    base = Path(config.path).parent if config.path else None
    evidence = [Path(a).resolve() for a in against if "://" not in a and a != "-"]
    found = [
        p
        for p in workspace_inputs(Path.cwd(), config.include, config.exclude, base)
        if not any(Path(p).resolve().is_relative_to(e) for e in evidence)
    ]
    if not found:
        raise ConfigError(
            f"no drafts (.md, .html, .txt) in {Path.cwd()} after include/exclude and .gitignore; name files to check"
        )
    return found


def rules_command(code: str | None) -> int:
    from citecheck.rules import RULES, rule_by_code

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
    """--no-color and NO_COLOR (https://no-color.org) turn colour off; FORCE_COLOR (any value but "0"
    or "false", https://force-color.org) turns it on in pipes and CI logs; otherwise only on a terminal."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR")
    if force is not None and force.strip().lower() not in ("0", "false"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def output_ok(path: str | None) -> None:
    if path is None:
        return
    folder = Path(path).resolve().parent
    if not folder.is_dir() or not os.access(folder, os.W_OK) or Path(path).is_dir():
        raise ConfigError(f"--output {path}: cannot write there")


LSP_MISSING = "citecheck: error: the language server needs the lsp extra: pip install 'citecheck[lsp]'"


def lsp_command() -> int:
    """Serve the Language Server Protocol over stdio until the editor says exit."""
    try:
        import lsprotocol  # noqa: F401  (the optional extra: checked here so the message is one clear line)
        import pygls  # noqa: F401
    except ImportError:
        print(LSP_MISSING, file=sys.stderr)
        return EXIT_USAGE
    from citecheck.lsp.server import serve

    serve()
    return EXIT_CLEAN


def _engine(args: argparse.Namespace) -> str:
    return str(getattr(args, "engine", "local") or "local")


def _on_dask(args: argparse.Namespace, paths: list[str], against: tuple[str, ...], options: Options) -> Report:
    """`--engine dask`: the same stages on a Dask cluster; dask is imported only here."""
    from citecheck.errors import CitecheckError

    try:
        from citecheck.engines.on_dask import run
    except ImportError as exc:
        raise CitecheckError(f"--engine dask needs the dask extra: pip install 'citecheck[dask]' ({exc})") from None
    return run(paths, against, options, scheduler=args.scheduler)
