"""Pick the sentences of the readability news pages that `tests/data/cc201_labels.jsonl` labels.

Each news page (not the Wikipedia ones) is read with citecheck; up to ``--per-page`` sentences,
evenly spaced through the page's sentence list, are chosen. Pages are split into ``tune`` and
``test`` by outlet (nytimes-1..5 stay together): outlets are taken in sha256 order of their name and
each goes to the split that has fewer pages so far. The split is fixed by this rule alone, before
any citecheck finding on the pages was looked at.

    python scripts/cc201_sample.py [PAGES_DIR] [--per-page 12] [--show]

Without ``--show`` it prints one JSON skeleton line per chosen sentence (page, offsets, hash,
split; no text, no label). With ``--show`` it prints the sentence and the one before it, for the
person labelling. Nothing here runs the rules or the classifier.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

from citecheck import InputSpec, read_input

# ../shared beside the checkout; CITECHECK_SHARED points elsewhere (a git worktree sits one level deeper)
SHARED = Path(os.environ.get("CITECHECK_SHARED", Path(__file__).resolve().parents[2] / "shared"))
DEFAULT = SHARED / "eval-data" / "readability-pages"


def text_hash(text: str) -> str:
    """A short hash of the whitespace-normalised sentence: detects drift without storing the text."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:12]


def news_pages(root: Path) -> list[str]:
    return sorted(
        p.name for p in root.iterdir() if (p / "source.html").is_file() and not p.name.startswith("wikipedia")
    )


def splits(pages: list[str]) -> dict[str, str]:
    """Whole outlets go to one split; outlets in sha256 order, each to the smaller split."""
    outlets: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        outlets[re.sub(r"-\d+$", "", page)].append(page)
    sizes = {"tune": 0, "test": 0}
    chosen: dict[str, str] = {}
    for outlet in sorted(outlets, key=lambda o: hashlib.sha256(o.encode()).hexdigest()):
        split = "tune" if sizes["tune"] <= sizes["test"] else "test"
        sizes[split] += len(outlets[outlet])
        chosen.update(dict.fromkeys(outlets[outlet], split))
    return chosen


def _sentence_spans(doc: object) -> list[tuple[int, int, str]]:
    from citecheck.read.segment import sentences  # internal: only the sampler needs sentence boundaries

    kinds = [b.kind for b in doc.blocks]
    return [(s.span.start, s.span.end, kinds[s.block]) for s in sentences(doc)]


def pick(count: int, per_page: int) -> list[int]:
    if count <= per_page:
        return list(range(count))
    return sorted({round(i * (count - 1) / (per_page - 1)) for i in range(per_page)})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--per-page", type=int, default=12)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args(argv)
    if not args.pages.is_dir():
        print(f"{args.pages}: not a directory", file=sys.stderr)
        return 2
    pages = news_pages(args.pages)
    split_of = splits(pages)
    for page in pages:
        doc = read_input(InputSpec(str(args.pages / page / "source.html")))
        spans = _sentence_spans(doc)
        for i in pick(len(spans), args.per_page):
            start, end, block = spans[i]
            text = doc.text[start:end]
            row = {"page": page, "start": start, "end": end, "hash": text_hash(text), "split": split_of[page]}
            if args.show:
                before = doc.text[spans[i - 1][0] : spans[i - 1][1]] if i else ""
                links = [k.text for k in doc.links if start <= k.span.start < end]
                print(f"== {page} #{i} [{block}] ctx: {before[-160:]!r}\n   >> {text!r} links={links}")
            else:
                print(json.dumps(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
