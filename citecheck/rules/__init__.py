"""The rule table: every rule of every family, sorted by code. Codes are never reused.

Each family (`references` CC1, `claims` CC2, `corroboration` CC3, `sources` CC4, `links` CC5,
`suppressions` CC9) is one module of small `Rule` units (`rule.py`). Selection by code, prefix or
name lives in `selection.py`; suppression comments in drafts in `directives.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from citecheck.model import Finding
from citecheck.rules import claims, corroboration, links, references, sources, suppressions
from citecheck.rules.rule import Example, Rule, RuleContext, make_finding

__all__ = ["Rule", "Example", "RuleContext", "RULES", "rule_by_code", "make_finding", "run_rules"]

RULES: tuple[Rule, ...] = tuple(
    sorted(
        (
            *references.RULES,
            *claims.RULES,
            *corroboration.RULES,
            *sources.RULES,
            *links.RULES,
            *suppressions.RULES,
        ),
        key=lambda r: r.code,
    )
)


def rule_by_code(code: str) -> Rule:
    for rule in RULES:
        if rule.code == code or rule.name == code:
            return rule
    raise KeyError(code)


def run_rules(rules: Iterable[Rule], context: RuleContext) -> Iterator[Finding]:
    for rule in rules:
        if rule.check is not None:
            yield from rule.check(context)
