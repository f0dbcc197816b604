"""The rule table. One rule = one small unit: code, kebab-case name, default severity, a doc, and
pass/fail examples that `tests/test_rules.py` runs for every rule. Codes are never reused.

A rule's `check` is a function of a `RuleContext` (the analysed articles, read-only) that yields
findings; it never mutates anything. Selection by code, prefix or name lives in `select.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from attrs import frozen

from citecheck.model import Article, Finding, Severity, Source, Statement
from citecheck.text import Span

__all__ = ["Rule", "Example", "RuleContext", "RULES", "rule_by_code", "make_finding"]


@frozen
class Example:
    """A draft (Markdown) that makes the rule fire (`fires=True`) or stay quiet."""

    text: str
    fires: bool
    against: tuple[str, ...] = ()  # other documents given as evidence, for cross-document rules
    pages: tuple[tuple[str, str, str, str], ...] = ()  # (url, status, reason code, page HTML) a fake fetch returns


@frozen
class RuleContext:
    articles: tuple[Article, ...]
    evidence: tuple[Article, ...] = ()
    sources: tuple[Source, ...] = ()
    low_credibility: float = 0.4
    fetched: Mapping[str, object] = {}  # URL -> citecheck.fetch.FetchResult, when --fetch ran
    strict: bool = False  # unverifiable fetches count as findings
    checks: tuple = ()  # citecheck.verify.CitationCheck for each fetched citation


@frozen
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: Callable[[RuleContext], Iterable[Finding]] | None  # None: evaluated by a later stage
    examples: tuple[Example, ...] = ()
    needs_network: bool = False  # fires only when --fetch ran


def make_finding(
    rule: Rule,
    article: Article,
    message: str,
    *,
    span: Span | None = None,
    statement: Statement | None = None,
    hint: str | None = None,
) -> Finding:
    return Finding(
        code=rule.code,
        rule=rule.name,
        severity=rule.severity,
        document=article.document.id,
        path=article.document.source,
        message=message,
        span=span if span is not None else (statement.span if statement else None),
        statement=statement.id if statement else None,
        hint=hint,
    )


def _all_rules() -> tuple[Rule, ...]:
    from citecheck.rules import claims, corroboration, links, references, sources, suppressions

    table = (
        *references.RULES,
        *claims.RULES,
        *corroboration.RULES,
        *sources.RULES,
        *links.RULES,
        *suppressions.RULES,
    )
    return tuple(sorted(table, key=lambda r: r.code))


def __getattr__(name: str) -> object:
    if name == "RULES":  # built on first use so importing a rule module never imports the others
        globals()["RULES"] = _all_rules()
        return globals()["RULES"]
    raise AttributeError(name)


def rule_by_code(code: str) -> Rule:
    for rule in __getattr__("RULES"):  # type: ignore[union-attr]
        if rule.code == code or rule.name == code:
            return rule
    raise KeyError(code)


def run_rules(rules: Iterable[Rule], context: RuleContext) -> Iterator[Finding]:
    for rule in rules:
        if rule.check is not None:
            yield from rule.check(context)
