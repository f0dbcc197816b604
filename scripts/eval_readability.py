"""Evaluate `citecheck.read.webpage.extract_html` against Mozilla Readability's test pages.

For each page folder (``source.html``, ``expected.html``, ``expected-metadata.json``) this compares
the extracted text with the text of ``expected.html`` as bags of lower-cased word tokens (precision,
recall and F1 over the Counter intersection), checks title / byline / date against the expected
metadata, and for Wikipedia pages compares the ``sup.reference`` citation markers inside the main
content with the ``#cite_note`` links in the extracted document.

    python scripts/eval_readability.py [PAGES_DIR] [--min-f1 0.90]

Exits 1 when ``--min-f1`` is given and the mean F1 is below it, else 0. No page text is stored.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from citecheck.read.webpage import extract_html

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval-data" / "readability-pages"
_QUOTES = str.maketrans("‘’“”", "''\"\"")


@dataclass(frozen=True)
class Row:
    name: str
    precision: float
    recall: float
    f1: float
    title: bool | None
    byline: bool | None
    date: bool | None
    seconds: float
    markers: tuple[int, int] | None = None  # (sup.reference in source, #cite_note links extracted)


@dataclass(frozen=True)
class Report:
    rows: tuple[Row, ...]

    def mean(self, attr: str) -> float:
        return sum(getattr(r, attr) for r in self.rows) / len(self.rows) if self.rows else 0.0

    def rate(self, attr: str) -> tuple[int, int]:
        known = [getattr(r, attr) for r in self.rows if getattr(r, attr) is not None]
        return sum(known), len(known)


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def prf(got: list[str], want: list[str]) -> tuple[float, float, float]:
    common = sum((Counter(got) & Counter(want)).values())
    p = common / len(got) if got else 0.0
    r = common / len(want) if want else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _soup(text: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return BeautifulSoup(text, "html.parser")


def _norm(text: str | None) -> str:
    text = " ".join((text or "").translate(_QUOTES).lower().split())
    return re.sub(r"^by\s+", "", text)


def _title_ok(got: str | None, want: str | None) -> bool | None:
    return None if not want else _norm(got) == _norm(want)


def _byline_ok(got: str | None, want: str | None) -> bool | None:
    if not want:
        return None
    g, w = _norm(got), _norm(want)
    return bool(g) and (g in w or w in g)


def _date_ok(got: str | None, want: str | None) -> bool | None:
    m = re.match(r"\d{4}-\d{2}-\d{2}", want or "")
    return None if not m else got == m[0]


def cite_markers(source: BeautifulSoup) -> int:
    """sup.reference elements in the main content that link to a #cite_note target."""
    main = source.select_one("#mw-content-text") or source.body or source
    return sum(1 for sup in main.select("sup.reference") if sup.find("a", href=re.compile(r"#cite_note")))


def evaluate_page(folder: Path) -> Row:
    source = (folder / "source.html").read_text(encoding="utf-8", errors="replace")
    expected = (folder / "expected.html").read_text(encoding="utf-8", errors="replace")
    meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
    start = time.perf_counter()
    doc = extract_html(source, doc_id=folder.name, origin=str(folder / "source.html"))
    seconds = time.perf_counter() - start
    p, r, f = prf(tokens(doc.text), tokens(_soup(expected).get_text()))
    markers = None
    if folder.name.startswith("wikipedia"):
        links = sum(1 for link in doc.links if link.url.startswith("#cite_note"))
        markers = (cite_markers(_soup(source)), links)
    return Row(
        folder.name,
        p,
        r,
        f,
        _title_ok(doc.meta.title, meta.get("title")),
        _byline_ok(doc.meta.author, meta.get("byline")),
        _date_ok(doc.meta.published, meta.get("publishedTime")),
        seconds,
        markers,
    )


def evaluate(root: Path) -> Report:
    folders = sorted(d for d in root.iterdir() if (d / "source.html").is_file())
    return Report(tuple(evaluate_page(d) for d in folders))


def _mark(ok: bool | None) -> str:
    return "-" if ok is None else "yes" if ok else "NO"


def render(report: Report) -> str:
    lines = [f"{'page':<18} {'P':>6} {'R':>6} {'F1':>6}  title byline date  {'secs':>5}"]
    for r in report.rows:
        lines.append(
            f"{r.name:<18} {r.precision:6.3f} {r.recall:6.3f} {r.f1:6.3f}  {_mark(r.title):<5} "
            f"{_mark(r.byline):<6} {_mark(r.date):<4}  {r.seconds:5.2f}"
        )
    lines.append(f"{'MEAN':<18} {report.mean('precision'):6.3f} {report.mean('recall'):6.3f} {report.mean('f1'):6.3f}")
    for attr in ("title", "byline", "date"):
        ok, n = report.rate(attr)
        lines.append(f"{attr} match: {ok}/{n}" + (f" ({ok / n:.0%})" if n else ""))
    lines.append("wikipedia citation markers (sup.reference in source vs #cite_note links extracted):")
    for r in report.rows:
        if r.markers is not None:
            flag = "ok" if r.markers[0] == r.markers[1] else "MISMATCH"
            lines.append(f"  {r.name:<14} {r.markers[0]:>4} vs {r.markers[1]:>4}  {flag}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--min-f1", type=float, default=None)
    args = parser.parse_args(argv)
    if not args.pages.is_dir():
        print(f"no such directory: {args.pages}", file=sys.stderr)
        return 2
    report = evaluate(args.pages)
    print(render(report))
    if args.min_f1 is not None and report.mean("f1") < args.min_f1:
        print(f"mean F1 {report.mean('f1'):.3f} < {args.min_f1}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
