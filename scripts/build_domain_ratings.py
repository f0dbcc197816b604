"""Build citecheck/data/domain_ratings.csv from the Lin et al. (2023) news-domain quality ratings.

Input: ``domain_pc1.csv`` (columns ``domain,pc1``) from github.com/hauselin/domain-quality-ratings,
kept in the shared data folder next to the project. Output: a compact ``domain,pc1`` file that ships
inside the package, with the attribution in ``#`` header lines.

What the script changes, and why:

- ``pc1`` is rounded to 3 decimals: the aggregate is not precise beyond that, and it halves the file.
- Domains are lower-cased and stripped of whitespace and trailing dots.
- ``www.example.com`` becomes ``example.com`` (``citecheck.credibility.sources.domain_of`` strips ``www.``); when
  both spellings are rated the bare domain wins and the ``www.`` row is dropped.
- Rows whose key is not a host name, optionally followed by a path (``rfi.fr/en`` is kept), are
  dropped: four US TV stations are listed as ``call-sign–domain`` (``wvec–13newsnow.com``) and their
  plain domains are rated separately.
- Rows are sorted by domain so that a rebuild gives a byte-identical file and diffs stay readable.

Usage::

    python scripts/build_domain_ratings.py            # write citecheck/data/domain_ratings.csv
    python scripts/build_domain_ratings.py --check    # exit 1 when the shipped file is out of date
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = ROOT.parent / "shared" / "data" / "domain-quality-ratings" / "domain_pc1.csv"
DEFAULT_OUTPUT = ROOT / "citecheck" / "data" / "domain_ratings.csv"

KEY = re.compile(r"^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?)+(?:/[^\s,]+)?$")

HEADER = """\
# Domain quality ratings: Lin, H., Lasser, J., Lewandowsky, S., Cole, R., Gully, A., Rand, D. G., &
# Pennycook, G. (2023). High level of correspondence across different news domain quality rating sets.
# PNAS Nexus, 2(9), pgad286. https://doi.org/10.1093/pnasnexus/pgad286
# Data: github.com/hauselin/domain-quality-ratings (data/domain_pc1.csv); "Feel free to reuse the data".
# pc1: first principal component of several expert and fact-checker rating sets, 0 (low) .. 1 (high).
# Derived by scripts/build_domain_ratings.py: pc1 rounded to 3 decimals, www. folded, sorted. Rows: {n}.
"""


def clean_key(raw: str) -> str | None:
    key = raw.strip().lower().rstrip(".")
    if key.startswith("www.") and key.count(".") >= 2:
        key = key[4:]
    return key if KEY.match(key) else None


def read_ratings(path: Path) -> tuple[dict[str, float], list[str]]:
    ratings: dict[str, float] = {}
    dropped: list[str] = []
    with path.open(newline="", encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: row["domain"].startswith("www."))
    for row in rows:  # bare domains first, so that they win over their www. spelling
        key = clean_key(row["domain"])
        value = float(row["pc1"])
        if key is None or key in ratings or not 0.0 <= value <= 1.0:
            dropped.append(row["domain"])
            continue
        ratings[key] = round(value, 3)
    return ratings, dropped


def render(ratings: dict[str, float]) -> str:
    lines = [HEADER.format(n=len(ratings)), "domain,pc1\n"]
    lines.extend(f"{key},{format_value(ratings[key])}\n" for key in sorted(ratings))
    return "".join(lines)


def format_value(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text or "0"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="only compare with the existing output")
    args = parser.parse_args(argv)
    ratings, dropped = read_ratings(args.input)
    text = render(ratings)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {len(ratings)} domains to {args.output} ({len(text.encode())} bytes); dropped {dropped}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
