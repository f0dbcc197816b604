"""Score CC201 ("unsupported claim") against the labelled news sentences in tests/data/cc201_labels.jsonl.

Each labelled news page is analysed on its own, as an editor would check one draft. A labelled
sentence counts as flagged when a CC201 finding's statement overlaps it, or a CC205 finding does
on a statement with no support at all (label ``unsupported``): that is the one finding a hedged
claim without support should get. The label says whether an editor would ask for a source
(docs/labelling-cc201.md). Prints precision, recall and F1 per split and lists every disagreement
with the sentence read from ../shared at run time (the labels file holds no text).

    python scripts/eval_cc201.py [--pages DIR] [--labels FILE] [--split tune|test|all] [--quiet]

Exits 2 when the pages or labels are missing or a labelled sentence no longer hashes the same
(the reader changed its text: relabel or re-anchor before trusting the score).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import citecheck
from citecheck import InputSpec, read_input

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout; CITECHECK_SHARED points elsewhere (a git worktree sits one level deeper)
SHARED = Path(os.environ.get("CITECHECK_SHARED", ROOT.parent / "shared"))
PAGES = SHARED / "eval-data" / "readability-pages"
LABELS = ROOT / "tests" / "data" / "cc201_labels.jsonl"


@dataclass(frozen=True)
class Label:
    page: str
    start: int
    end: int
    hash: str
    split: str
    needs_source: bool


@dataclass(frozen=True)
class Outcome:
    label: Label
    flagged: bool
    codes: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class DriftError(Exception):
    """A labelled span no longer holds the sentence that was labelled."""


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:12]


def load_labels(path: Path = LABELS) -> list[Label]:
    with path.open(encoding="utf-8") as handle:
        return [Label(**json.loads(line)) for line in handle if line.strip()]


def _flagged_spans(page: Path) -> list[tuple[int, int, str]]:
    """(start, end, code) of every statement CC201 flags, or CC205 flags while nothing supports it."""
    report = citecheck.analyze([str(page)])
    statements = {s.id: s for a in report.articles for s in a.statements}
    spans = []
    for f in report.findings:
        s = statements.get(f.statement or "")
        if s is None:
            continue
        unsupported = s.corroboration is not None and s.corroboration.label == "unsupported"
        if f.code == "CC201" or (f.code == "CC205" and unsupported):
            spans.append((s.span.start, s.span.end, f.code))
    return spans


def run(pages: Path = PAGES, labels: list[Label] | None = None, split: str = "all") -> list[Outcome]:
    """Analyse every page with a label in `split` (all: every page) and match findings to its labels."""
    by_page: dict[str, list[Label]] = defaultdict(list)
    for label in labels if labels is not None else load_labels():
        if split in ("all", label.split):
            by_page[label.page].append(label)
    outcomes = []
    for page, rows in sorted(by_page.items()):
        source = pages / page / "source.html"
        text = read_input(InputSpec(str(source))).text
        flagged = _flagged_spans(source)
        for row in rows:
            sentence = text[row.start : row.end]
            if text_hash(sentence) != row.hash:
                raise DriftError(f"{source}: labelled span {row.start}-{row.end} changed text; re-anchor the labels")
            codes = tuple(sorted({c for s, e, c in flagged if s < row.end and row.start < e}))
            outcomes.append(Outcome(row, bool(codes), codes, sentence))
    return outcomes


def score(outcomes: list[Outcome], split: str = "all") -> Score:
    chosen = [o for o in outcomes if split == "all" or o.label.split == split]
    gold = [o.label.needs_source for o in chosen]
    pred = [o.flagged for o in chosen]
    return Score(
        tp=sum(g and p for g, p in zip(gold, pred)),
        fp=sum(p and not g for g, p in zip(gold, pred)),
        fn=sum(g and not p for g, p in zip(gold, pred)),
        tn=sum(not g and not p for g, p in zip(gold, pred)),
    )


def _print_disagreements(outcomes: list[Outcome], split: str) -> None:
    for o in outcomes:
        if o.flagged == o.label.needs_source or (split != "all" and o.label.split != split):
            continue
        kind = "FP" if o.flagged else "FN"
        where = f"{o.label.page}:{o.label.start}-{o.label.end}"
        print(f"  {kind} {where} [{','.join(o.codes) or '-'}] {' '.join(o.text.split())[:150]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--split", choices=("tune", "test", "all"), default="tune")
    parser.add_argument("--quiet", action="store_true", help="scores only, no disagreement list")
    args = parser.parse_args(argv)
    for path in (args.pages, args.labels):
        if not path.exists():
            print(f"{path}: not found", file=sys.stderr)
            return 2
    try:
        outcomes = run(args.pages, load_labels(args.labels), args.split)
    except DriftError as error:
        print(error, file=sys.stderr)
        return 2
    splits = ("tune", "test", "all") if args.split == "all" else (args.split,)
    for split in splits:
        s = score(outcomes, split)
        n = s.tp + s.fp + s.fn + s.tn
        print(
            f"{split:5} n={n:3} positives={s.tp + s.fn:3}  precision {s.precision:.3f}  recall {s.recall:.3f}"
            f"  F1 {s.f1:.3f}  (tp {s.tp} fp {s.fp} fn {s.fn})"
        )
    if not args.quiet:
        print("disagreements (FP: flagged, editor would not ask; FN: editor would ask, not flagged):")
        _print_disagreements(outcomes, args.split)
    return 0


if __name__ == "__main__":
    sys.exit(main())
