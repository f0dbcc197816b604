"""Library options from the config file and (for the commands) the flags: one place, shared by the
commands and the language server."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, cast

from citecheck.cli.config import Config
from citecheck.read.files import ReadOptions
from citecheck.verify.pages import FetchOptions, PolicyOverrides

if TYPE_CHECKING:  # the pipeline pulls in every analysis stage: `rules` and `--help` should not pay for it
    from citecheck.pipeline import Options

__all__ = ["config_options", "fetch_options"]


def _codes(values: list[str], fallback: tuple[str, ...]) -> tuple[str, ...]:
    codes = tuple(c.strip() for v in values for c in v.split(",") if c.strip())
    return codes or fallback


def config_options(config: Config, args: argparse.Namespace | None = None) -> Options:
    """Library options from the config file, flags in `args` taking precedence; no terminal hooks.

    Shared by the commands and the language server, which has config but no flags."""
    from citecheck.pipeline import Options
    from citecheck.rules.selection import check_selectors

    args = args or argparse.Namespace()
    select = _codes(getattr(args, "select", []), config.select)
    ignore = _codes(getattr(args, "ignore", []), config.ignore)
    check_selectors(select, "--select")
    check_selectors(ignore, "--ignore")
    check_selectors(config.severity, "severity")
    read = ReadOptions(
        max_bytes=getattr(args, "max_input_size", None) or config.max_input_size,
        input_format=getattr(args, "input_format", None),
        decode_errors=getattr(args, "decode_errors", "strict"),
    )
    return Options(
        read=read,
        select=select,
        ignore=ignore,
        severities=tuple(config.severity.items()),
        credibility=tuple(config.credibility.items()),
        low_credibility=config.low_credibility,
        verbose=getattr(args, "verbose", False),
        fetch=fetch_options(args, config),
        outlets=config.outlets,
        jobs=getattr(args, "jobs", 0) or 0,
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


def fetch_options(args: argparse.Namespace, config: Config) -> FetchOptions:
    table = config.fetch
    # each value's type was checked against FETCH_KEYS when the config was loaded
    policy = cast(PolicyOverrides, {_POLICY_KEYS[k]: v for k, v in table.items() if k in _POLICY_KEYS})
    if getattr(args, "max_total_time", None):
        policy["max_total_time"] = args.max_total_time
    return FetchOptions(
        enabled=bool(getattr(args, "fetch", False) or getattr(args, "offline", False) or table.get("enabled", False)),
        offline=bool(getattr(args, "offline", False)),
        cache_dir=getattr(args, "cache_dir", None) or table.get("cache-dir"),
        use_cache=not getattr(args, "no_cache", False),
        strict=bool(getattr(args, "strict", None) or config.strict),
        policy=policy,
    )
