"""Suppression comments inside drafts (Vale's invisible comments, ruff's vocabulary):

    <!-- citecheck: ignore[CC201] figure from our own survey -->   the next paragraph
    <!-- citecheck: disable[CC4] --> ... <!-- citecheck: enable[CC4] -->   a region
    <!-- citecheck: file-ignore[CC402] -->   the whole file

In plain text the same words stand on a line of their own. Selectors are codes, prefixes or rule
names. A suppression that matches nothing is reported (CC901); one without a code suppresses
everything in its scope and is reported (CC902). Suppressing only ever removes findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from attrs import frozen

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


def find_suppressions(article: Article) -> tuple[Suppression, ...]:
    doc = article.document
    raw = [m for m in _DIRECTIVE.finditer(doc.text) if not _in_code(article, m.start())]
    found = []
    for i, match in enumerate(raw):
        verb = match.group("verb")
        if verb == "enable":
            continue
        codes = tuple(c.strip() for c in (match.group("codes") or "").split(",") if c.strip())
        span = Span(match.start(), match.end())
        found.append(
            Suppression(
                verb,
                codes,
                span,
                _scope(article, verb, codes, span, raw[i + 1 :]),
                match.group("reason").strip(),
            )
        )
    return tuple(found)


def _in_code(article: Article, offset: int) -> bool:
    return any(b.kind == "code" and b.span.start <= offset < b.span.end for b in article.document.blocks)


def _scope(article: Article, verb: str, codes: tuple[str, ...], span: Span, later: Sequence[re.Match[str]]) -> Span:
    length = len(article.document.text)
    if verb == "file-ignore":
        return Span(0, length)
    if verb == "disable":
        end = next(
            (
                m.start()
                for m in later
                if m.group("verb") == "enable"
                and tuple(c.strip() for c in (m.group("codes") or "").split(",") if c.strip()) == codes
            ),
            length,
        )
        return Span(span.end, end)
    nxt = next(
        (b for b in article.document.blocks if b.span.start >= span.end and b.kind not in ("furniture",)),
        None,
    )
    return nxt.span if nxt else Span(span.end, span.end)


def _covers(s: Suppression, finding: Finding) -> bool:
    if finding.code.startswith("CC9"):
        return False  # findings about suppressions cannot themselves be suppressed
    inside = s.verb == "file-ignore" or (finding.span is not None and s.scope.start <= finding.span.start < s.scope.end)
    if not inside:
        return False
    return not s.codes or any(matches(code, rule_by_code(finding.code)) for code in s.codes)


def apply_suppressions(articles: Iterable[Article], findings: list[Finding], options: object = None) -> list[Finding]:
    kept = list(findings)
    extra: list[Finding] = []
    for article in articles:
        for s in find_suppressions(article):
            hit = [f for f in kept if f.document == article.document.id and _covers(s, f)]
            kept = [f for f in kept if f not in hit]
            if not s.codes:
                extra.append(
                    make_finding(
                        rule_by_code("CC902"),
                        article,
                        f"suppression '{s.verb}' names no code and hides every finding in its scope",
                        span=s.span,
                        hint="name the codes, e.g. ignore[CC201]",
                    )
                )
            if not hit:
                what = ",".join(s.codes) or "anything"
                extra.append(
                    make_finding(
                        rule_by_code("CC901"),
                        article,
                        f"suppression '{s.verb}[{what}]' matched no finding",
                        span=s.span,
                        hint="remove it, or fix its codes",
                    )
                )
    return kept + [f for f in extra if _enabled(f.code, options)]


def _enabled(code: str, options: object) -> bool:
    select = getattr(options, "select", ())
    ignore = getattr(options, "ignore", ())
    return any(r.code == code for r in active_rules(select, ignore))
