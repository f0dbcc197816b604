"""False conflicts across unrelated pages: CC301 and CC303 on 35 real web pages checked in one run.

`../shared/eval-data/readability-pages/*/source.html` are 35 news and Wikipedia pages about
unrelated things (Mozilla Readability's test pages). Checked together, as a user would check a
folder, no page can rightly contradict another (CC301), and a page rarely contradicts itself
(CC303). Every finding is printed with file, line, message and its sentence (truncated) so a person
can judge it; the text is read at run time and never stored.

    python scripts/eval_unrelated.py [PAGES_DIR] [--json] [--max-cc301 N] [--max-cc303 N]

Exits 1 when a count exceeds its `--max-*` bound (the accuracy gate uses them).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import citecheck
from citecheck.pipeline import Options

CODES = ("CC301", "CC303")


def _shared() -> Path:
    """../shared beside the checkout, or beside the directory holding worktrees."""
    here = Path(__file__).resolve().parents[1]
    for base in (here.parent, here.parent.parent):
        if (base / "shared").is_dir():
            return base / "shared"
    return here.parent / "shared"


DEFAULT = _shared() / "eval-data" / "readability-pages"


@dataclass(frozen=True)
class Hit:
    code: str
    file: str
    line: int
    message: str
    sentence: str


def findings(pages: Sequence[Path]) -> list[Hit]:
    report = citecheck.analyze([str(p) for p in pages], options=Options(select=CODES))
    by_doc = {a.document.id: a for a in report.articles}
    hits = []
    for f in report.findings:
        if f.code not in CODES:
            continue
        article = by_doc.get(f.document)
        line = article.document.locator.locate(f.span.start).line if article and f.span else 0
        sentence = ""
        if article and f.statement:
            sentence = next((s.text for s in article.statements if s.id == f.statement), "")
        hits.append(Hit(f.code, f.path, line, f.message, sentence))
    return hits


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--max-cc301", type=int)
    parser.add_argument("--max-cc303", type=int)
    args = parser.parse_args(argv)
    pages = sorted(args.pages.glob("*/source.html"))
    if not pages:
        print(f"{args.pages}: no */source.html pages here", file=sys.stderr)
        return 2
    started = time.perf_counter()
    hits = findings(pages)
    seconds = round(time.perf_counter() - started, 1)
    counts = {code: sum(h.code == code for h in hits) for code in CODES}
    if args.json:
        print(
            json.dumps(
                {"pages": len(pages), "seconds": seconds, "counts": counts, "findings": [asdict(h) for h in hits]},
                indent=2,
            )
        )
    else:
        for h in hits:
            print(f"{h.code} {Path(h.file).parent.name}:{h.line}: {h.message}\n      | {h.sentence[:200]}")
        print(f"\n{len(pages)} pages, {seconds} s: " + ", ".join(f"{c} {n}" for c, n in counts.items()))
    failed = [
        f"{code} {counts[code]} > {bound}"
        for code, bound in (("CC301", args.max_cc301), ("CC303", args.max_cc303))
        if bound is not None and counts[code] > bound
    ]
    for line in failed:
        print(f"FAIL: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
