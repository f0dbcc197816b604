"""Where the package's shipped data lives: one plain directory (importlib.resources costs ~20 ms to import)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["DATA_DIR"]

DATA_DIR = Path(__file__).resolve().with_name("data")
