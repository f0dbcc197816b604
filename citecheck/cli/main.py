"""Command line: `report`, `check`, `graph`, `rules`, `lsp`. Exit codes (precedence 2 > 3 > 1 > 0):

0  every input read; no finding at or above the fail level
1  findings at or above the fail level (--fail-on, default error)
2  usage or configuration error, or no input could be read: nothing was checked
3  incomplete: some input could not be processed; everything else is still reported
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from citecheck.cli.exits import EXIT_CLEAN, EXIT_INCOMPLETE, EXIT_USAGE
from citecheck.errors import CitecheckError, ConfigError
from citecheck.version import __version__

__all__ = ["main"]


EXIT_CODES = """exit codes:
  0  every input was read; no finding at or above the fail level
  1  findings at or above --fail-on (default error)
  2  usage or configuration error, or no input could be read: nothing was checked
  3  incomplete: some input could not be processed; everything else is still reported"""

EXAMPLES = {
    "citecheck": "  citecheck check drafts/ --against sources/\n  citecheck rules CC201",
    "report": "  citecheck report drafts/a.md --against sources/reuters.html sources/ft.md\n"
    "  citecheck report drafts/ --format html --output report.html",
    "check": "  citecheck check                      # the drafts of this folder (config include/exclude, .gitignore)\n"
    "  citecheck check drafts/ --format sarif --output citecheck.sarif --baseline citecheck-baseline.json",
    "graph": "  citecheck graph drafts/ --format dot --output graph.dot\n"
    "  citecheck graph drafts/ --against sources/ --format graphml --output graph.graphml",
    "rules": "  citecheck rules\n  citecheck rules unsupported-claim",
}


def _epilog(command: str) -> str:
    return f"examples:\n{EXAMPLES[command]}\n\n{EXIT_CODES}"


def _sub(sub: argparse._SubParsersAction, name: str, helptext: str) -> argparse.ArgumentParser:
    return sub.add_parser(
        name,
        help=helptext,
        description=helptext,
        epilog=_epilog(name),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="citecheck",
        description="Which statements in an article are backed, and which are not.",
        epilog=_epilog("citecheck"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"citecheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="{report,check,graph,rules,lsp}")
    for name, helptext, default_format in (
        ("report", "analyse articles and report references, claims, labels and findings", "text"),
        ("check", "lint drafts: findings only, for CI (exit 1 on findings at the fail level)", "text"),
    ):
        p = _sub(sub, name, helptext)
        _common(p)
        _engine_flags(p)
        p.add_argument(
            "--format",
            default=None,
            choices=("text", "json", "markdown", "html", "sarif", "github"),
            help=f"output format (default {default_format})",
        )
        p.add_argument(
            "--fail-on",
            choices=("error", "warning", "info"),
            default=None,
            help="lowest severity that makes the exit code 1 (default error)",
        )
        p.add_argument(
            "--select",
            action="append",
            default=[],
            metavar="CODES",
            help="rules to run: codes, prefixes or names, comma-separated",
        )
        p.add_argument("--ignore", action="append", default=[], metavar="CODES", help="rules to skip")
        p.add_argument(
            "--baseline",
            metavar="FILE",
            help="fail only on findings not recorded in FILE (created from today's findings if it does not exist)",
        )
        p.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE")
        p.add_argument("--show-facts", action="store_true", help="list each claim's normalised facts (text format)")
        p.add_argument(
            "--sort",
            choices=("severity", "position"),
            default="severity",
            help="order of findings within each file: errors first (default), or as they stand in the text",
        )
        p.add_argument(
            "--indent",
            type=_indent,
            default=None,
            metavar="N",
            help="json format: indent by N spaces for people to read (default: compact, one line)",
        )
        p.add_argument("-q", "--quiet", action="store_true", help="text format: only errors and the summary line")
        p.add_argument(
            "--strict",
            action="store_true",
            default=None,
            help="treat 'could not verify' fetch results as findings",
        )
    g = _sub(sub, "graph", "write the citation graph")
    _common(g)
    g.add_argument("--format", default="json", choices=("json", "graphml", "dot"))
    r = _sub(sub, "rules", "list the rules, or explain one")
    r.add_argument("code", nargs="?", help="a rule code or name, e.g. CC201 or unsupported-claim")
    lsp_help = "run the language server on stdio (needs the lsp extra: pip install 'citecheck[lsp]')"
    s = sub.add_parser("lsp", help=lsp_help, description=lsp_help)
    s.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default and only transport)")
    return parser


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="*",
        help="files, directories, URLs, or - for stdin (check: default the drafts of the current folder)",
    )
    p.add_argument(
        "--against",
        action="extend",
        nargs="+",
        default=[],
        metavar="PATH",
        help="documents used as evidence, not reported on (several after one flag; the flag repeats)",
    )
    p.add_argument(
        "--input-format", choices=("text", "markdown", "html"), help="override the format the suffix implies"
    )
    p.add_argument(
        "--max-input-size",
        type=_size,
        default=None,
        metavar="BYTES",
        help="largest input read (default 10 MiB; 5M, 200k work)",
    )
    p.add_argument(
        "--max-total-time",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="budget for fetching cited URLs (default: none); URLs not reached in time are reported "
        "as not checked and the run exits 3",
    )
    p.add_argument(
        "--decode-errors",
        choices=("strict", "replace"),
        default="strict",
        help="invalid UTF-8: refuse (default) or replace",
    )
    p.add_argument(
        "--config",
        metavar="FILE",
        help="config file (default: citecheck.toml or pyproject.toml found upward)",
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write the report here instead of stdout")
    p.add_argument("--fetch", action="store_true", help="fetch cited URLs and check them (network)")
    p.add_argument("--offline", action="store_true", help="use only cached fetches; open no socket")
    p.add_argument("--cache-dir", metavar="DIR", help="fetch cache folder (default $XDG_CACHE_HOME/citecheck)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the fetch cache")
    p.add_argument("--no-color", action="store_true", help="no colour even on a terminal")
    p.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=0,
        metavar="N",
        help="worker processes for reading and analysing (default: one per CPU core; 1: none); used from 200 inputs on",
    )
    p.add_argument(
        "--progress",
        action="store_true",
        help="show counts and the time left on stderr even when it is not a terminal (a line every 2 s)",
    )
    p.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="more detail: the other statements each finding names, in full; tracebacks for internal errors",
    )


def _engine_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where the analysis runs: this machine (default), or a Dask cluster (needs the dask extra: "
        "pip install 'citecheck[dask]')",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="--engine dask: the scheduler of a running cluster, e.g. tcp://10.0.0.5:8786 (default: a local "
        "cluster on 127.0.0.1, one worker per --jobs or per core, stopped when the run ends)",
    )


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds: {text!r}")
    return value


def _indent(text: str) -> int:
    if not text.isdigit() or int(text) > 16:
        raise argparse.ArgumentTypeError(f"not a number of spaces from 0 to 16: {text!r}")
    return int(text)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {text!r}")
    return value


def _size(text: str) -> int:
    units = {"k": 2**10, "m": 2**20, "g": 2**30}
    text = text.strip().lower().removesuffix("ib").removesuffix("b")
    try:
        return int(float(text[:-1]) * units[text[-1]]) if text and text[-1] in units else int(text)
    except (ValueError, IndexError):
        raise argparse.ArgumentTypeError(f"not a size: {text!r}") from None


# The context network multiplies small matrices, one sentence at a time: on several BLAS or OpenMP
# threads each product costs far more in hand-offs than it computes (issue 13 measured 37 times
# slower on two OpenBLAS threads), and worker processes already use the cores. Read when numpy
# loads, so set before any analysis is imported; a value the user set is kept.
ONE_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def pin_math_threads() -> None:
    for name in ONE_THREAD:
        os.environ.setdefault(name, "1")


def collect_garbage_less_often() -> None:
    """A run builds millions of small values that live until the report is written; Python's default
    first-generation threshold (700 allocations) walks the young ones again and again for nothing to
    free. 50,000 took 0.8 s (15%) off a draft of 333,000 statements at the same peak memory."""
    gc.set_threshold(50_000, 20, 10)


def main(argv: Sequence[str] | None = None) -> int:
    pin_math_threads()
    collect_garbage_less_often()
    args = _parser().parse_args(argv)
    try:
        if args.command == "rules":
            from citecheck.cli.commands import rules_command

            return rules_command(args.code)
        if args.command == "lsp":
            from citecheck.cli.commands import lsp_command

            return lsp_command()
        from citecheck.cli.commands import run_command

        return run_command(args)
    except ConfigError as exc:  # may hold several lines: every mistake of a config file at once
        for line in str(exc).splitlines() or [""]:
            print(f"citecheck: error: {line}", file=sys.stderr)
        return EXIT_USAGE
    except CitecheckError as exc:
        print(f"citecheck: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("citecheck: interrupted", file=sys.stderr)
        return EXIT_INCOMPLETE
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CLEAN
