"""Suppression comments inside drafts (Vale's invisible comments, ruff's vocabulary):

    <!-- citecheck: ignore[CC201] figure from our own survey -->   the next paragraph
    <!-- citecheck: disable[CC4] --> ... <!-- citecheck: enable[CC4] -->   a region
    <!-- citecheck: file-ignore[CC402] -->   the whole file

In plain text the same words stand on a line of their own; in HTML only real comments count (the
reader keeps them aside, `Document.comments`, at the place in the text where the text after them
begins, so `ignore` covers the next block there too). Selectors are codes, prefixes or rule
names. A suppression that matches nothing is reported (CC901); one without a code suppresses
everything in its scope and is reported (CC902). Suppressing only ever removes findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from attrs import evolve, frozen

from citecheck.model import Article, Finding
from citecheck.rules import make_finding, rule_by_code
from citecheck.rules.selection import active_rules, matches
from citecheck.text import Span

__all__ = ["Suppression", "find_suppressions", "apply_suppressions"]

_DIRECTIVE = re.compile(
    r"(?m)(?:<!--[ \t]*|^[ \t]*)citecheck:[ \t]*(?P<verb>file-ignore|ignore|disable|enable)"
    r"(?:\[(?P<codes>[^\]\n]*)\])?(?P<reason>[^\n]*?)(?:[ \t]*-->|[ \t]*$)"
)


@frozen
class Suppression:
    verb: str
    codes: tuple[str, ...]  # empty: blanket
    span: Span  # where the comment stands
    scope: Span  # what it covers
    reason: str = ""
    source: Span | None = None  # HTML: where the comment stands in the source (its text has no comments)


@frozen
class _Directive:
    """One `citecheck:` comment as read: its verb and codes, and where it stands."""

    verb: str
    codes: tuple[str, ...]
    reason: str
    span: Span  # in the text; for HTML, where the text after the comment begins (the text has no comments)
    source: Span | None = None  # HTML: the comment in the source, which findings about it point at


def _directive(match: re.Match[str], span: Span, source: Span | None = None) -> _Directive:
    codes = tuple(c.strip() for c in (match.group("codes") or "").split(",") if c.strip())
    return _Directive(match.group("verb"), codes, match.group("reason").strip(), span, source)


def _directives(article: Article) -> list[_Directive]:
    """Markdown and text: comments and lines of the text. HTML: the source's comments only (visible words
    that happen to read `citecheck:` are article text, not a directive)."""
    doc = article.document
    if doc.format == "html":
        found = []
        for comment in doc.comments:
            match = _DIRECTIVE.search(f"<!--{comment.words}-->")
            if match is not None:
                found.append(_directive(match, Span(comment.offset, comment.offset), comment.source))
        return found
    matches = _DIRECTIVE.finditer(doc.text)
    return [_directive(m, Span(m.start(), m.end())) for m in matches if not _in_code(article, m.start())]


def find_suppressions(article: Article) -> tuple[Suppression, ...]:
    raw = _directives(article)
    return tuple(
        Suppression(d.verb, d.codes, d.span, _scope(article, d, raw[i + 1 :]), d.reason, d.source)
        for i, d in enumerate(raw)
        if d.verb != "enable"
    )


def _in_code(article: Article, offset: int) -> bool:
    return any(b.kind == "code" and b.span.start <= offset < b.span.end for b in article.document.blocks)


def _scope(article: Article, d: _Directive, later: Sequence[_Directive]) -> Span:
    length = len(article.document.text)
    if d.verb == "file-ignore":
        return Span(0, length)
    if d.verb == "disable":
        end = next((m.span.start for m in later if m.verb == "enable" and m.codes == d.codes), length)
        return Span(d.span.end, end)
    nxt = next(
        (b for b in article.document.blocks if b.span.start >= d.span.end and b.kind not in ("furniture",)),
        None,
    )
    return nxt.span if nxt else Span(d.span.end, d.span.end)


def _covers(s: Suppression, finding: Finding) -> bool:
    if finding.code.startswith("CC9"):
        return False  # findings about suppressions cannot themselves be suppressed
    inside = s.verb == "file-ignore" or (finding.span is not None and s.scope.start <= finding.span.start < s.scope.end)
    if not inside:
        return False
    return not s.codes or any(matches(code, rule_by_code(finding.code)) for code in s.codes)


def apply_suppressions(articles: Iterable[Article], findings: list[Finding], options: object = None) -> list[Finding]:
    # each suppression looks only at its own document's findings (grouped once), so a corpus with
    # suppressions in many documents costs time linear in its findings, not findings x suppressions
    kept = _by_document(findings)
    hidden: set[int] = set()  # ids of the findings some suppression hid
    extra: list[Finding] = []
    for article in articles:
        for s in find_suppressions(article):
            mine = kept.get(article.document.id, [])
            hit = [f for f in mine if _covers(s, f)]
            hidden.update(id(f) for f in mine if f in hit)
            kept[article.document.id] = [f for f in mine if f not in hit]
            if not s.codes:
                note = f"suppression '{s.verb}' names no code and hides every finding in its scope"
                extra.append(_about(s, article, "CC902", note, "name the codes, e.g. ignore[CC201]"))
            if not hit:
                what = ",".join(s.codes) or "anything"
                note = f"suppression '{s.verb}[{what}]' matched no finding"
                extra.append(_about(s, article, "CC901", note, "remove it, or fix its codes"))
    survivors = [f for f in findings if id(f) not in hidden]  # in the order given
    return survivors + [f for f in extra if _enabled(f.code, options)]


def _by_document(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for f in findings:
        grouped.setdefault(f.document, []).append(f)
    return grouped


def _about(s: Suppression, article: Article, code: str, message: str, hint: str) -> Finding:
    """A finding about the suppression comment itself, pointing at the comment."""
    if s.source is None:
        return make_finding(rule_by_code(code), article, message, span=s.span, hint=hint)
    # HTML: the comment is not in the text, so the finding has no text span; it names the comment's line
    where = article.document.locator.lines.locate(s.source.start)
    found = make_finding(rule_by_code(code), article, message, hint=hint)
    return evolve(found, line=where.line, column=where.column)


def _enabled(code: str, options: object) -> bool:
    select = getattr(options, "select", ())
    ignore = getattr(options, "ignore", ())
    return any(r.code == code for r in active_rules(select, ignore))
