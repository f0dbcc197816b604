"""Command line: `report`, `check`, `graph`, `rules`. Exit codes (precedence 2 > 3 > 1 > 0):

0  every input read; no finding at or above the fail level
1  findings at or above the fail level (--fail-on, default error)
2  usage or configuration error, or no input could be read: nothing was checked
3  incomplete: some input could not be processed; everything else is still reported
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from citecheck.cli.exits import EXIT_CLEAN, EXIT_INCOMPLETE, EXIT_USAGE
from citecheck.errors import CitecheckError, ConfigError
from citecheck.version import __version__

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="citecheck", description="Which statements in an article are backed, and which are not."
    )
    parser.add_argument("--version", action="version", version=f"citecheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="{report,check,graph,rules}")
    for name, helptext, default_format in (
        ("report", "analyse articles and report references, claims, labels and findings", "text"),
        ("check", "lint drafts: findings only, for CI (exit 1 on findings at the fail level)", "text"),
    ):
        p = sub.add_parser(name, help=helptext, description=helptext)
        _common(p)
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
            "--strict",
            action="store_true",
            default=None,
            help="treat 'could not verify' fetch results as findings",
        )
    g = sub.add_parser("graph", help="write the citation graph", description="write the citation graph")
    _common(g)
    g.add_argument("--format", default="json", choices=("json", "graphml", "dot"))
    r = sub.add_parser("rules", help="list the rules, or explain one", description="list the rules, or explain one")
    r.add_argument("code", nargs="?", help="a rule code or name, e.g. CC201 or unsupported-claim")
    return parser


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", help="files, directories, URLs, or - for stdin")
    p.add_argument(
        "--against",
        action="append",
        default=[],
        metavar="PATH",
        help="documents used as evidence, not reported on",
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
    p.add_argument("-v", "--verbose", action="store_true", help="tracebacks for internal errors")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds: {text!r}")
    return value


def _size(text: str) -> int:
    units = {"k": 2**10, "m": 2**20, "g": 2**30}
    text = text.strip().lower().removesuffix("ib").removesuffix("b")
    try:
        return int(float(text[:-1]) * units[text[-1]]) if text and text[-1] in units else int(text)
    except (ValueError, IndexError):
        raise argparse.ArgumentTypeError(f"not a size: {text!r}") from None


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "rules":
            from citecheck.cli.commands import rules_command

            return rules_command(args.code)
        from citecheck.cli.commands import run_command

        return run_command(args)
    except ConfigError as exc:
        print(f"citecheck: error: {exc}", file=sys.stderr)
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
