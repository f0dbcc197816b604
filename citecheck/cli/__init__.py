"""The command line on top of the pipeline: argument parsing, commands, configuration, baselines, exit codes."""

from __future__ import annotations

from citecheck.cli.main import main

__all__ = ["main"]
