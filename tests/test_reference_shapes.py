"""Reference lists as people write them (issue 14, gaps 6 and 7; reliability.md B2, B5).

Each row is a draft written for this table (no text copied from anywhere): a body that cites every
entry, then a reference list in one of the shapes real drafts use. The test reads it and checks
that every entry was found with its own key and URL, and that no marker is left dangling (CC101).
"""

from __future__ import annotations

import pytest

from citecheck.pipeline import analyze_texts

BODY3 = "The port moved 400,000 containers in 2025 [1]. Rents rose 12% [2]. Wages fell 3% in March [3].\n\n"
BODY2 = "The port moved 400,000 containers in 2025 [1]. Rents rose 12% [2].\n\n"
U = {"1": "https://news.example/port", "2": "https://wire.example/rents", "3": "https://daily.example/wages"}
U2 = {k: U[k] for k in ("1", "2")}
LONG = "Very long publisher name " * 5


def _e(key: str, publisher: str, title: str, url: str, lead: str = "[{k}] ") -> str:
    return f'{lead.format(k=key)}{publisher}. "{title}." March 3, 2025. {url}'


ENTRIES = [("1", "Harbour News", "Port volumes rise"), ("2", "Wire Service", "Rents climb"), ("3", "Daily", "Wages")]


def _list(lead: str, sep: str = "\n", n: int = 3) -> str:
    return sep.join(_e(k, p, t, U[k], lead) for k, p, t in ENTRIES[:n]) + "\n"


SHAPES: list[tuple[str, str, str, dict[str, str | None]]] = [
    # id, format, text, expected {key: url}
    ("md-brackets-consecutive", "markdown", "# T\n\n" + BODY3 + "## References\n\n" + _list("[{k}] "), U),
    ("md-brackets-blank-lines", "markdown", "# T\n\n" + BODY3 + "## References\n\n" + _list("[{k}] ", "\n\n"), U),
    ("md-numbered-dot", "markdown", "# T\n\n" + BODY3 + "## Sources\n\n" + _list("{k}. "), U),
    ("md-numbered-paren", "markdown", "# T\n\n" + BODY3 + "## Sources\n\n" + _list("{k}) "), U),
    ("md-bullet-brackets", "markdown", "# T\n\n" + BODY3 + "## Sources\n\n" + _list("- [{k}] "), U),
    ("md-star-bullet-brackets", "markdown", "# T\n\n" + BODY3 + "## Sources\n\n" + _list("* [{k}] "), U),
    ("md-double-brackets", "markdown", "# T\n\n" + BODY3 + "## Sources\n\n" + _list("[[{k}]] "), U),
    ("md-brackets-colon", "markdown", "# T\n\n" + BODY3 + "## References\n\n" + _list("[{k}]: "), U),
    ("md-heading-with-colon", "markdown", "# T\n\n" + BODY3 + "## Sources:\n\n" + _list("[{k}] "), U),
    ("md-notes-heading", "markdown", "# T\n\n" + BODY3 + "## Notes\n\n" + _list("[{k}] "), U),
    ("md-h3-heading", "markdown", "# T\n\n" + BODY3 + "### References\n\n" + _list("[{k}] "), U),
    ("md-bold-heading", "markdown", "# T\n\n" + BODY3 + "**Sources**\n\n" + _list("[{k}] "), U),
    ("md-setext-heading", "markdown", "T\n=\n\n" + BODY3 + "References\n----------\n\n" + _list("[{k}] "), U),
    ("md-hard-breaks", "markdown", "# T\n\n" + BODY3 + "## Sources\n\n" + _list("[{k}] ", "  \n"), U),
    ("md-backslash-breaks", "markdown", "# T\n\n" + BODY3 + "## Sources\n\n" + _list("[{k}] ", "\\\n"), U),
    (
        "md-wrapped-title",
        "markdown",
        "# T\n\n"
        + BODY2
        + '## Sources\n\n[1] Harbour News. "Port volumes rise for the\nthird year." March 3, 2025. '
        + U["1"]
        + '\n[2] Wire Service. "Rents climb." March 3, 2025. '
        + U["2"]
        + "\n",
        U2,
    ),
    (
        "md-url-on-next-line",
        "markdown",
        "# T\n\n"
        + BODY2
        + '## Sources\n\n[1] Harbour News. "Port volumes rise." March 3, 2025.\n    '
        + U["1"]
        + '\n[2] Wire Service. "Rents climb." March 3, 2025.\n    '
        + U["2"]
        + "\n",
        U2,
    ),
    (
        "md-inline-links",
        "markdown",
        "# T\n\n" + BODY2 + f"## Sources\n\n[1] Harbour News. [Port volumes]({U['1']})\n"
        f"[2] Wire Service. [Rents climb]({U['2']})\n",
        U2,
    ),
    (
        "md-angle-autolinks",
        "markdown",
        "# T\n\n" + BODY2 + f"## Sources\n\n[1] Harbour News. <{U['1']}>\n[2] Wire Service. <{U['2']}>\n",
        U2,
    ),
    (
        "md-url-with-parens",
        "markdown",
        "# T\n\n" + BODY2 + "## Sources\n\n[1] Encyclopedia. https://wiki.example/Port_(harbour)\n"
        f"[2] Wire Service. {U['2']}\n",
        {"1": "https://wiki.example/Port_(harbour)", "2": U["2"]},
    ),
    (
        "md-url-trailing-stop",
        "markdown",
        "# T\n\n" + BODY2 + f"## Sources\n\n[1] Harbour News, {U['1']}.\n[2] Wire Service, {U['2']}.\n",
        U2,
    ),
    (
        "md-url-in-parens",
        "markdown",
        "# T\n\n" + BODY2 + f"## Sources\n\n[1] Harbour News ({U['1']}).\n[2] Wire Service ({U['2']}).\n",
        U2,
    ),
    (
        "md-url-in-brackets",
        "markdown",
        "# T\n\n" + BODY2 + f"## Sources\n\n[1] Harbour News [{U['1']}]\n[2] Wire Service [{U['2']}]\n",
        U2,
    ),
    (
        "md-ipv6",
        "markdown",
        "# T\n\n" + BODY2 + "## Sources\n\n[1] Resolver. http://[2606:4700::1111]/page\n"
        "[2] Lab. http://[2001:db8::1]:8080/x?y=1\n",
        {"1": "http://[2606:4700::1111]/page", "2": "http://[2001:db8::1]:8080/x?y=1"},
    ),
    (
        "md-twelve-entries",
        "markdown",
        "# T\n\n"
        + " ".join(f"Claim {n} rose {n}% [{n}]." for n in range(1, 13))
        + "\n\n## References\n\n"
        + "".join(f"[{n}] Outlet {n}. https://o{n}.example/a\n" for n in range(1, 13)),
        {str(n): f"https://o{n}.example/a" for n in range(1, 13)},
    ),
    (
        "md-further-reading-bullets",
        "markdown",
        "# T\n\nThe port grew.\n\n## Further reading\n\n" + f"- Harbour News. {U['1']}\n- Wire Service. {U['2']}\n",
        U2,
    ),
    ("md-footnotes", "markdown", "# T\n\nThe port grew [^1]. Rents rose [^2].\n\n" + _list("[^{k}]: ", n=2), U2),
    # plain text
    ("txt-sources-brackets-consecutive", "text", "Port story\n\n" + BODY3 + "Sources\n" + _list("[{k}] "), U),
    ("txt-sources-brackets-blank", "text", "Port story\n\n" + BODY3 + "Sources\n\n" + _list("[{k}] ", "\n\n"), U),
    ("txt-sources-numbered-dot", "text", "Port story\n\n" + BODY3 + "Sources\n" + _list("{k}. "), U),
    ("txt-sources-numbered-paren", "text", "Port story\n\n" + BODY3 + "Sources\n" + _list("{k}) "), U),
    ("txt-references-colon", "text", "Port story\n\n" + BODY3 + "References:\n" + _list("[{k}] "), U),
    ("txt-notes", "text", "Port story\n\n" + BODY3 + "Notes\n\n" + _list("{k}. "), U),
    ("txt-upper-case", "text", "Port story\n\n" + BODY3 + "SOURCES\n" + _list("[{k}] "), U),
    ("txt-sources-and-notes", "text", "Port story\n\n" + BODY3 + "Sources and notes:\n" + _list("[{k}] "), U),
    ("txt-bullet-brackets", "text", "Port story\n\n" + BODY3 + "Sources\n" + _list("- [{k}] "), U),
    ("txt-dot-bullet-brackets", "text", "Port story\n\n" + BODY3 + "Sources\n" + _list("• [{k}] "), U),
    (
        "txt-long-entries",
        "text",
        "Port story\n\n" + BODY2 + "Sources\n" + "".join(f"[{k}] {LONG}. {U[k]}\n" for k in "12"),
        U2,
    ),
    (
        "txt-wrapped-entries",
        "text",
        "Port story\n\n"
        + BODY2
        + 'Sources\n[1] Harbour News. "Port volumes rise for the third year in a row, the\n'
        + f'authority says." March 3, 2025. {U["1"]}\n[2] Wire Service. "Rents climb." {U["2"]}\n',
        U2,
    ),
    (
        "txt-url-on-next-line",
        "text",
        "Port story\n\n"
        + BODY2
        + f'Sources\n1. Harbour News. "Port volumes rise."\n   {U["1"]}\n'
        + f'2. Wire Service. "Rents climb."\n   {U["2"]}\n',
        U2,
    ),
    (
        "txt-ipv6",
        "text",
        "Port story\n\n" + BODY2 + "Sources\n[1] Resolver. http://[2606:4700::1111]/page\n"
        f"[2] Wire Service. {U['2']}\n",
        {"1": "http://[2606:4700::1111]/page", "2": U["2"]},
    ),
    (
        "txt-url-in-parens",
        "text",
        "Port story\n\n" + BODY2 + f"Sources\n[1] Harbour News ({U['1']}).\n[2] Wire Service ({U['2']}).\n",
        U2,
    ),
    # HTML
    (
        "html-ol",
        "html",
        f"<h1>T</h1><p>{BODY2.strip()}</p><h2>References</h2><ol>"
        f"<li>Harbour News. <a href='{U['1']}'>Port</a></li><li>Wire Service. <a href='{U['2']}'>Rents</a></li></ol>",
        U2,
    ),
    (
        "html-p-per-entry",
        "html",
        f"<h1>T</h1><p>{BODY2.strip()}</p><h2>Sources</h2><p>[1] Harbour News. {U['1']}</p>"
        f"<p>[2] Wire Service. {U['2']}</p>",
        U2,
    ),
    (
        "html-br-separated",
        "html",
        f"<h1>T</h1><p>{BODY2.strip()}</p><h2>Sources</h2><p>[1] Harbour News. {U['1']}<br>"
        f"[2] Wire Service. {U['2']}</p>",
        U2,
    ),
    (
        "html-further-reading",
        "html",
        f"<h1>T</h1><p>The port grew.</p><h3>Further reading</h3><ul><li><a href='{U['1']}'>Harbour News</a></li>"
        f"<li><a href='{U['2']}'>Wire Service</a></li></ul>",
        U2,
    ),
    (
        "html-ipv6-href",
        "html",
        f"<h1>T</h1><p>{BODY2.strip()}</p><h2>Notes</h2><ol><li>Resolver. "
        "<a href='http://[2606:4700::1111]/page'>page</a></li>"
        f"<li>Wire Service. <a href='{U['2']}'>Rents</a></li></ol>",
        {"1": "http://[2606:4700::1111]/page", "2": U["2"]},
    ),
]

# Shapes today's code gets wrong (issue 14 gap 6: consecutive entries, Sources lists in text;
# gap 7: IPv6 literals). Each loses its xfail as it is fixed.
FAILING_TODAY: set[str] = set()


def _params() -> list:
    marks = pytest.mark.xfail(strict=True, reason="issue 14 gap 6/7: not read today")
    return [pytest.param(*s, id=s[0], marks=marks if s[0] in FAILING_TODAY else ()) for s in SHAPES]


def test_the_table_has_at_least_40_shapes() -> None:
    assert len(SHAPES) >= 40
    assert len({s[0] for s in SHAPES}) == len(SHAPES)


@pytest.mark.parametrize(("name", "fmt", "text", "expected"), _params())
def test_b2_b5_reference_shape_is_read_entry_by_entry(name: str, fmt: str, text: str, expected: dict) -> None:
    """Every entry found under its own key with its URL; no marker left dangling (reliability B2, B5)."""
    report = analyze_texts({f"{name}.{ {'markdown': 'md', 'text': 'txt', 'html': 'html'}[fmt] }": text}, fmt=fmt)
    article = report.articles[0]
    found = {r.key: r.url for r in article.references if r.origin != "link"}
    assert found == expected
    assert [f.message for f in report.findings if f.code == "CC101"] == []
