"""Which rules run and at what severity: selectors are a code (`CC201`), a prefix (`CC2`), a name
(`unsupported-claim`) or `ALL`; when several match a rule, the longest selector wins (a name counts
as a full code), and between equally long ones `ignore` beats `select`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from attrs import evolve

from citecheck.errors import ConfigError
from citecheck.model import Finding, Severity
from citecheck.rules import RULES, Rule, rule_by_code

__all__ = ["active_rules", "apply_severities", "check_selectors", "matches"]

SEVERITIES = ("error", "warning", "info")


def matches(selector: str, rule: Rule) -> int:
    """How specific `selector` is for `rule`: 0 if it does not match, else its length."""
    sel = selector.strip()
    if sel.upper() == "ALL":
        return 1
    if sel.lower() == rule.name:
        return len(rule.code) + 1
    return len(sel) if rule.code.startswith(sel.upper()) else 0


def _all() -> tuple[Rule, ...]:
    return RULES


def check_selectors(selectors: Iterable[str], what: str = "--select") -> None:
    rules = _all()
    for sel in selectors:
        if not any(matches(sel, r) for r in rules):
            raise ConfigError(f"{what}: '{sel}' matches no rule (see `python -m citecheck rules`)")


def active_rules(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> tuple[Rule, ...]:
    chosen = []
    for rule in _all():
        best_select = max((matches(s, rule) for s in select), default=0)
        best_ignore = max((matches(s, rule) for s in ignore), default=0)
        enabled = best_select > best_ignore if select else best_ignore == 0 or best_select > best_ignore
        if enabled:
            chosen.append(rule)
    return tuple(chosen)


def severity_for(code: str, name: str, overrides: Mapping[str, Severity]) -> Severity | None:
    rule = rule_by_code(code)
    best = max(((matches(sel, rule), sev) for sel, sev in overrides.items()), default=(0, None))
    return best[1] if best[0] else None


def apply_severities(findings: Iterable[Finding], overrides: Mapping[str, Severity]) -> list[Finding]:
    if not overrides:
        return list(findings)
    out = []
    for f in findings:
        severity = severity_for(f.code, f.rule, overrides)
        out.append(evolve(f, severity=severity) if severity else f)
    return out
