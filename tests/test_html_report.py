"""The `html` report: one self-contained, deterministic page, every untrusted string escaped, and a
real headless Chromium run proving the page's script draws the graph without a console error."""

from __future__ import annotations

import html
import importlib.util
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from citecheck.model import Article, Citation, Corroboration, Finding, Reference, Report, Source, Statement
from citecheck.read.files import read_text
from citecheck.render import render as render_any
from citecheck.render.html_format import render, script_json
from citecheck.text import Span

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
HOSTILE = "</script><script>alert(1)</script>"

# a and b back 400,000 independently (Reuters, Bloomberg); c's 250,000 (one origin) is the weaker side
DRAFTS = {
    "a.md": """# Chipmaker's Arizona plant tops 400,000 chips

The Arizona plant produced more than 400,000 chips in January, according to Reuters [1].
Production started on 13 January 2026 [2]. The company employs 2,000 people at the site.

The expansion is a bold bet that will surely pay off.

## Sources

1. Reuters, "Exclusive: Arizona chip plant output tops 400,000 units", 2026-02-01, https://www.reuters.com/technology/arizona-chips
2. Example Chips, "Arizona fab begins production", 2026-01-13, https://example-chips.com/news/arizona-fab
""",
    "b.md": """# Arizona fab hits its stride

The Arizona plant made 400,000 chips in January, Bloomberg reported [1]. The plant cost $12 billion to build.
Analysts say demand for the chips will double by 2027.

## References

1. Bloomberg, "Arizona chip plant output tops 400,000 units", 2026-02-01, https://www.bloomberg.com/news/arizona-chips
""",
    "c.md": """# Doubts over Arizona output

The Arizona plant produced 250,000 chips in January, according to the Financial Times [1].
Production started on 20 January 2026, people familiar with the matter said.
Is the plant really on schedule?

## Sources

1. Financial Times, "Arizona plant output lags", 2026-02-03, https://www.ft.com/content/arizona-output
""",
}


def _pipeline_report(drafts: dict[str, str]) -> Report:
    from citecheck.pipeline import analyze_texts

    return analyze_texts(drafts)


@pytest.fixture(scope="module")
def report() -> Report:
    return _pipeline_report(DRAFTS)


@pytest.fixture(scope="module")
def page(report) -> str:
    return render(report)


class _Spans(HTMLParser):
    """Collects statement spans (data-sid → class) and the text of each `div.text`, unescaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.spans: dict[str, list[str]] = {}
        self.texts: list[str] = []
        self._depth = 0  # div nesting inside the current div.text; 0 = outside

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "span" and "data-sid" in a:
            self.spans.setdefault(a["data-sid"], []).append(a.get("class", ""))
        if tag == "div" and (self._depth or "text" in a.get("class", "").split()):
            self._depth += 1
            if self._depth == 1:
                self.texts.append("")

    def handle_endtag(self, tag):
        if tag == "div" and self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.texts[-1] += data


def _parse(page: str) -> _Spans:
    parser = _Spans()
    parser.feed(page)
    return parser


def _json_block(page: str, block_id: str) -> object:
    m = re.search(rf'<script type="application/json" id="{block_id}">(.*?)</script>', page, re.S)
    assert m, f"no {block_id} block"
    return json.loads(m.group(1))


def _handmade(title: str = HOSTILE) -> Report:
    """A report built by hand (no pipeline) with hostile text in every field a page shows."""
    text = (
        f"# {title}\n\nThe plant made 400,000 chips [1]. Nobody <b>knows</b> why & how.\n\n## Sources\n\n"
        '1. Reuters, "Chips <!-- up", https://example.com/a?x=1&y=</script>\n2. Evil, javascript:alert(1)\n'
    )
    doc = read_text(text, doc_id="a", source=f"drafts/{HOSTILE}.md", fmt="markdown")

    def span(s: str) -> Span:
        start = text.index(s)
        return Span(start, start + len(s))

    refs = (
        Reference(
            "1",
            "Reuters",
            span("Reuters"),
            publisher=HOSTILE,
            title="Chips <!-- up",
            url="https://example.com/a?x=1&y=</script>",
        ),
        Reference("2", "Evil", span("Evil"), title=HOSTILE, url="javascript:alert(1)"),
    )
    cites = (
        Citation("[1]", "1", span("[1]"), "numbered", reference="1"),
        Citation("[2]", "2", span("[1]"), "numbered", reference="2"),
    )
    claim = "The plant made 400,000 chips [1]."
    statements = (
        Statement("a#1", span(title), title, "heading", 0.0, corroboration=Corroboration("opinion", None, "")),
        Statement(
            "a#2",
            span(claim),
            claim,
            "claim",
            0.9,
            citations=cites,
            corroboration=Corroboration(
                "contradicted", 0.2, HOSTILE, contradicting=("a#3",), independent_origins=(HOSTILE,)
            ),
        ),
        Statement(
            "a#3",
            span("Nobody <b>knows</b> why & how."),
            "Nobody <b>knows</b> why & how.",
            "claim",
            0.7,
            corroboration=Corroboration("unsupported", 0.0, "<img src=x onerror=alert(1)>"),
        ),
    )
    finding = Finding(
        "CC201",
        HOSTILE,
        "error",
        "a",
        f"drafts/{HOSTILE}.md",
        HOSTILE,
        span=statements[2].span,
        statement="a#3",
        hint=HOSTILE,
    )
    return Report((Article(doc, refs, statements, cites),), (finding,), (), (Source(HOSTILE, "news", 0.5, HOSTILE),))


# ---- pure function, completeness ---------------------------------------------------------------


def test_render_is_deterministic(report, page):
    assert render(report) == page
    assert render(_pipeline_report(DRAFTS)) == page  # a fresh run of the pipeline: same bytes
    assert render_any(report, "html") == page


def test_every_statement_appears_once_with_its_label_class(report, page):
    spans = _parse(page).spans
    for article in report.articles:
        for s in article.statements:
            assert s.id in spans, s.id
            assert len(spans[s.id]) == 1, s.id
            classes = spans[s.id][0].split()
            label = s.corroboration.label if s.corroboration else "none"
            assert f"label-{label}" in classes
            assert ("claim" in classes) == (s.kind == "claim")
    labels = {s.corroboration.label for a in report.articles for s in a.statements if s.corroboration}
    assert {"corroborated", "contradicted"} <= labels, labels  # the drafts exercise both colours


def test_text_view_is_the_document_text(report, page):
    texts = _parse(page).texts
    assert texts == [a.document.text for a in report.articles]


def test_findings_list_links_to_statements(report, page):
    assert report.findings
    for f in report.findings:
        if f.statement:
            assert f'data-sid="{f.statement}"' in page
    assert re.search(r'<td class="loc"><a href="#s-\d+-\d+" data-sid="[^"]+">(?:[^<]|<wbr>)+:\d+:\d+</a>', page)
    for code in {f.code for f in report.findings}:
        assert f'<span class="code">{code}</span>' in page


def test_summary_and_embedded_data_match_the_contract(report, page):
    from citecheck.render.json_format import to_dict

    data = _json_block(page, "cc-data")
    assert data["report"] == json.loads(json.dumps(to_dict(report)))
    s = data["report"]["summary"]
    assert f'<tfoot><tr><th>Total</th><td class="num">{s["statements"]}</td>' in page


def test_graph_data_keeps_claims_and_drops_other_statements(report, page):
    graph = _json_block(page, "cc-graph")
    types = {n["type"] for n in graph["nodes"]}
    assert {"document", "reference", "source", "statement"} <= types
    claims = {f"stmt:{s.id}" for a in report.articles for s in a.statements if s.kind == "claim"}
    statements = {n["id"] for n in graph["nodes"] if n["type"] == "statement"}
    assert statements == claims
    ids = {n["id"] for n in graph["nodes"]}
    assert all(link["source"] in ids and link["target"] in ids for link in graph["links"])
    small = _json_block(render(report, max_graph_nodes=5), "cc-graph")
    assert len(small["nodes"]) == 5
    assert {n["type"] for n in small["nodes"]} <= {"document", "origin", "source"}
    assert 'id="graph"' not in render(report, graph=False)


# ---- safety: escaping and no network ------------------------------------------------------------


def test_script_json_cannot_close_its_script_element():
    value = {"t": "</script><!-- x -->\u2028\u2029&"}
    out = script_json(value)
    assert "<" not in out
    assert ">" not in out
    assert "\u2028" not in out
    assert "\u2029" not in out
    assert json.loads(out) == value


@pytest.mark.parametrize("source", ["handmade", "pipeline"])
def test_hostile_text_is_escaped_everywhere(source):
    if source == "handmade":
        report = _handmade()
    else:
        drafts = {"evil.md": f"# {HOSTILE}\n\nThe plant made 400,000 chips in January {HOSTILE}.\n", **DRAFTS}
        report = _pipeline_report(drafts)
    page = render(report, title=HOSTILE)
    assert HOSTILE not in page
    assert page.count("<script") == 3  # cc-data, cc-graph and the page's own script
    assert page.count("</script>") == 3
    assert "<img" not in page
    assert "<b>knows" not in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text
    data = _json_block(page, "cc-data")
    assert data["report"]["documents"][0]["title"] == HOSTILE  # and intact in the data
    assert not re.search(r'href="\s*javascript:', page, re.I)


def test_no_network_resources(page):
    handmade = render(_handmade())
    for text in (page, handmade):
        assert not re.search(
            r"<(script|img|iframe|link|source|video|audio|embed|object|base)\b[^>]*\b(src|href)=", text, re.I
        )
        assert not re.search(r"\b(srcset|poster|action|formaction)=", text, re.I)
        assert "@import" not in text
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text, re.I)
        assert "default-src 'none'" in text  # CSP: the browser refuses any load we missed
        for m in re.finditer(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>', text):
            href, tag = m.group(1), m.group(0)
            assert href.startswith("#") or (re.match(r"https?://", href) and 'rel="noopener' in tag), tag


# ---- a real browser --------------------------------------------------------------------------------


def _browser_check():
    spec = importlib.util.spec_from_file_location("browser_check", ROOT / "scripts" / "browser_check.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("browser_check", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_page_in_headless_chromium(report, page, tmp_path):
    check = _browser_check()
    if check.find_chromium() is None:
        pytest.skip("no chromium binary found (apt-get install chromium, or set CITECHECK_CHROMIUM)")
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "html-report.html").write_text(page, encoding="utf-8")
    # open the page at a statement id (not an element id: no native jump, and headless screenshots
    # of a scrolled page come out blank) so the script selects it and the panel shows its evidence
    chosen = next(s for s in report.articles[0].statements if s.corroboration and s.corroboration.supporting)
    result = check.check_page(
        path, screenshot=ARTIFACTS / "html-report.png", fragment=quote(chosen.id, safe=""), timeout=60
    )
    assert result.problems == []
    dom = result.dom
    m = re.search(r'<svg id="graph"[^>]*data-nodes="(\d+)"[^>]*data-edges="(\d+)"', dom)
    assert m, "the graph was not drawn"
    assert int(m.group(1)) > 5
    assert int(m.group(2)) > 5
    assert dom.count('class="node ') == int(m.group(1))
    assert re.search(r'<line [^>]*class="edge', dom)
    assert 'class="claim label-corroborated' in dom
    assert 'class="claim label-contradicted' in dom
    panel = dom.split('<aside id="evidence"', 1)[1]
    assert f"<blockquote>{html.escape(chosen.text, quote=False)}</blockquote>" in panel  # selected by fragment
    assert result.screenshot is not None
    assert result.screenshot.stat().st_size > 10_000


# ---- for editors (issue 15, item 5) ----------------------------------------------------------------


def _rows(page: str) -> list[str]:
    return re.findall(r'<tr id="f-\d+".*?</tr>', page, re.S)


def test_each_finding_row_shows_its_sentence_linked_to_the_article(report, page):
    texts = {s.id: s.text for a in report.articles for s in a.statements}
    rows = _rows(page)
    assert len(rows) == len(report.findings)
    for row in rows:
        sid = re.search(r'data-sid="([^"]+)"', row)
        if sid is None:
            continue
        sentence = re.search(r'<div class="sentence"><a href="#(s-\d+-\d+)" data-sid="([^"]+)">“(.*?)”</a></div>', row)
        assert sentence, row
        assert sentence.group(2) == html.unescape(sid.group(1))
        shown = html.unescape(sentence.group(3)).rstrip("…")
        assert " ".join(texts[sentence.group(2)].split()).startswith(shown)
        assert f'id="{sentence.group(1)}"' in page  # the link lands on the sentence in the article view


def test_findings_filter_by_severity_code_and_document(report, page):
    codes = sorted({f.code for f in report.findings})
    menu = re.search(r'<select data-filter="code">(.*?)</select>', page, re.S).group(1)
    assert re.findall(r'<option value="(CC\d+)">', menu) == codes
    docs = re.search(r'<select data-filter="document">(.*?)</select>', page, re.S).group(1)
    assert set(re.findall(r'<option value="([^"]+)">', docs)) == {f.document for f in report.findings}
    for row, f in zip(_rows(page), _json_block(page, "cc-data")["report"]["findings"], strict=True):
        assert f'data-severity="{f["severity"]}" data-code="{f["code"]}" data-document="{f["document"]}"' in row


def test_related_statements_are_links(page):
    cross = _pipeline_report(
        {
            "a.md": "Tarsenia approved imports of 400,000 Kestrel buses, a trade newsletter said.\n",
            "b.md": "Tarsenia approved imports of 900,000 Kestrel buses, Bloomberg said.\n",
        }
    )
    out = render(cross)
    row = next(r for r in _rows(out) if 'data-code="CC301"' in r)
    assert re.search(r'<div class="related">see <a href="#s-\d+-\d+" data-sid="b#1">b\.md:1</a></div>', row), row


def test_graph_collapses_echoes_into_their_origin():
    from citecheck.pipeline import analyze

    corpus = ROOT / "fixtures" / "corpora" / "story_echo"
    report = analyze(sorted(str(p) for p in corpus.iterdir() if p.name[:1].isdigit()))
    graph = _json_block(render(report), "cc-graph")
    assert graph["collapsed"] > 0
    echoes = [link for link in graph["links"] if link["relation"] == "echoes"]
    assert echoes and all(link["target"].startswith("origin:") for link in echoes)
    origins = {n["id"]: n for n in graph["nodes"] if n["type"] == "origin"}
    assert all(not n["label"].startswith("article:") for n in origins.values())  # named for people
    statements = [n for n in graph["nodes"] if n["type"] == "statement"]
    assert statements and all(n["group"] for n in statements)  # each drawn inside its document's region


def _many_drafts(n: int) -> dict[str, str]:
    """`n` short articles on one story (each its own outlet), enough for a graph of 200+ nodes."""
    out = {}
    for i in range(n):
        out[f"drafts/story-{i:02d}/source.md"] = (
            f"# Report {i}\n\nThe Arizona plant produced {400_000 + (i % 3) * 50_000:,} chips in January,"
            f" according to Outlet{i} [1]. The plant employs {2000 + i} people.\n"
            f"Production started on {10 + i % 5} January 2026, people familiar with the matter said.\n\n"
            f'## Sources\n\n1. Outlet{i}, "Arizona output {i}", 2026-02-01, https://outlet{i}.example/a\n'
        )
    return out


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_large_report_fits_1280_px_in_headless_chromium(tmp_path):
    check = _browser_check()
    if check.find_chromium() is None:
        pytest.skip("no chromium binary found (apt-get install chromium, or set CITECHECK_CHROMIUM)")
    from citecheck.pipeline import analyze

    for name, text in _many_drafts(40).items():  # every draft is called source.md, in its own folder
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = analyze([str(tmp_path / "drafts")])
    page = render(report)
    graph = _json_block(page, "cc-graph")
    assert len(graph["nodes"]) >= 200
    path = tmp_path / "large.html"
    path.write_text(page, encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "html-report-1280.png"
    result = check.check_page(path, screenshot=shot, size=(1280, 1600), timeout=90)
    assert result.problems == []
    dom = result.dom
    overflow = re.search(r'<html[^>]*\bdata-overflow="([^"]*)"', dom)
    assert overflow is not None and overflow.group(1) == "", f"wider than its box at 1280 px: {overflow.group(1)}"
    width = int(re.search(r'data-page-width="(\d+)"', dom).group(1))
    assert width <= 1280
    svg = re.search(r'<svg id="graph"[^>]*>', dom).group(0)
    attrs = dict(re.findall(r'data-([a-z]+)="(\d+)"', svg))
    assert int(attrs["nodes"]) == len(graph["nodes"])
    assert int(attrs["groups"]) == len(report.articles)  # one region per document
    assert int(attrs["labels"]) <= len(report.articles) + 1  # only documents labelled until zoomed in
    assert 'class="zoomed"' not in svg
    assert _png_size(shot) == (1280, 1600)


# ---- the filters, clicked in a real browser ---------------------------------------------------------

_VISIBLE = (
    "Array.from(document.querySelectorAll('table.findings tbody tr'))"
    ".filter(r => r.getClientRects().length > 0).map(r => r.id)"
)


def _choose(browser, menu: str, value: str) -> None:
    """Pick `value` in a filter menu as a person does: click the menu, arrow to the option, Enter."""
    selector = f'.filters select[data-filter="{menu}"]'
    values = browser.eval(f"Array.from(document.querySelector('{selector}').options).map(o => o.value)")
    current = browser.eval(f"document.querySelector('{selector}').value")
    steps = values.index(value) - values.index(current)
    browser.click(selector)
    browser.press("ArrowDown" if steps > 0 else "ArrowUp", abs(steps))
    browser.press("Enter")
    assert browser.eval(f"document.querySelector('{selector}').value") == value


def test_filters_hide_and_show_findings_when_clicked_in_chromium(page, tmp_path):
    check = _browser_check()
    binary = check.find_chromium()
    if binary is None:
        pytest.skip("no chromium binary found (apt-get install chromium, or set CITECHECK_CHROMIUM)")
    from cdp import Browser

    findings = _json_block(page, "cc-data")["report"]["findings"]
    every = [f"f-{i}" for i in range(len(findings))]

    def expect(severity_off=(), code="", document=""):
        return [
            f"f-{i}"
            for i, f in enumerate(findings)
            if f["severity"] not in severity_off and code in ("", f["code"]) and document in ("", f["document"])
        ]

    # a code found in two documents, and one of those documents: the combined filter shows one row
    by_code = {}
    for f in findings:
        by_code.setdefault(f["code"], set()).add(f["document"])
    code = next(c for c, docs in sorted(by_code.items()) if len(docs) > 1)
    document = sorted(by_code[code])[-1]
    assert {f["severity"] for f in findings} >= {"error", "warning", "info"}

    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    with Browser(binary, size=(1400, 1000), timeout=30) as browser:
        browser.open(path)
        assert browser.eval("document.documentElement.getAttribute('data-ready')") == "1"
        shown = "document.getElementById('findings-shown').textContent"
        assert browser.eval(_VISIBLE) == every
        assert browser.eval(shown) == ""

        browser.click('.filters input[data-severity="warning"]')
        assert browser.eval(_VISIBLE) == expect(severity_off=("warning",))
        assert browser.eval(shown) == f"showing {len(expect(severity_off=('warning',)))} of {len(findings)}"
        browser.click('.filters input[data-severity="info"]')
        assert browser.eval(_VISIBLE) == expect(severity_off=("warning", "info"))
        browser.click('.filters input[data-severity="warning"]')
        browser.click('.filters input[data-severity="info"]')
        assert browser.eval(_VISIBLE) == every
        assert browser.eval(shown) == ""

        _choose(browser, "code", code)
        assert browser.eval(_VISIBLE) == expect(code=code)
        assert len(expect(code=code)) >= 2
        _choose(browser, "document", document)
        assert browser.eval(_VISIBLE) == expect(code=code, document=document)
        assert len(expect(code=code, document=document)) < len(expect(code=code))
        _choose(browser, "code", "")  # back to "all" rules: the document menu still applies
        assert browser.eval(_VISIBLE) == expect(document=document)
        _choose(browser, "document", "")
        assert browser.eval(_VISIBLE) == every

        # every row's sentence leads to that statement in the article view: selected, and on screen
        selected = "Array.from(document.querySelectorAll('.text span.selected')).map(s => s.getAttribute('data-sid'))"
        on_screen = (
            "(() => { const r = document.querySelector('.text span.selected').getBoundingClientRect();"
            " return r.bottom > 0 && r.top < window.innerHeight; })()"
        )
        linked = [r for r in every if browser.eval(f"!!document.querySelector('#{r} .sentence a')")]
        assert len(linked) == sum(1 for f in findings if f["statement"])
        for row in linked:
            sid = browser.eval(f"document.querySelector('#{row} .sentence a').getAttribute('data-sid')")
            browser.click(f"#{row} .sentence a")
            assert browser.eval(selected) == [sid]
            assert browser.eval(on_screen), f"{row}: the statement was selected but not scrolled into view"
