"""CC2: claims and how they are backed."""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.classify.checkworthy import THRESHOLD
from citecheck.classify.cues import credits_someone, is_speculation
from citecheck.model import CHECKABLE_KINDS, Article, Finding, Statement, document_of
from citecheck.rules.rule import Example, Rule, RuleContext, make_finding

# The classifier's F1-optimal threshold decides what counts as a claim; a finding that asks an editor to
# act needs more: a figure or date to check, or a confident score. Otherwise analysis sentences
# ("Advanced GPUs are on that path.") drown the real gaps.
ACT_ON = max(THRESHOLD, 0.5)


def _has_figure(s: Statement) -> bool:
    return any(f.kind in CHECKABLE_KINDS for f in s.facts)


def _worth_acting_on(s: Statement) -> bool:
    return s.checkworthy >= ACT_ON or (_has_figure(s) and s.checkworthy >= THRESHOLD)


def _needs_source(s: Statement) -> bool:
    """Would an editor ask where this comes from (docs/labelling-cc201.md)? A figure or date is always
    worth a source; otherwise a confident score, unless the sentence already says who says so ("his
    spokesman said") or only speculates ("could signal", "would have made"). A hedge ("reportedly")
    marks an unverified fact, so a hedged claim needs only the classifier's threshold."""
    if _label(s) != "unsupported" or credits_someone(s.text):
        return False
    if _has_figure(s) or (s.hedges and s.checkworthy >= THRESHOLD):
        return True
    return s.checkworthy >= ACT_ON and not is_speculation(s.text)


def _claims(ctx: RuleContext) -> Iterator[tuple[Article, Statement]]:
    for article in ctx.articles:
        for s in article.statements:
            if s.kind == "claim" and s.corroboration is not None:
                yield article, s


def _label(s: Statement) -> str:
    return s.corroboration.label if s.corroboration else ""


def _expert_only(s: Statement) -> bool:
    """Credited to unnamed experts and nobody named: CC204 says so, once."""
    kinds = {a.kind for a in s.attributions}
    return "unnamed_expert" in kinds and "named" not in kinds


def _hedged_unsupported(s: Statement) -> bool:
    """A hedge with nothing behind it: "according to reports", "is said to". The hedge is the credit a
    vague attribution gives (no origin), so `credits_someone` does not excuse it."""
    if _label(s) != "unsupported" or _expert_only(s):
        return False
    return _has_figure(s) or s.checkworthy >= THRESHOLD


def _gets_unsupported(s: Statement) -> bool:
    return _needs_source(s) and not _expert_only(s)


def _unsupported(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per concern: a claim whose only credit is an unnamed expert gets CC204, not also CC201."""
    for article, s in _claims(ctx):
        if _gets_unsupported(s) and not s.hedges:  # hedged: CC205 says it, once
            yield make_finding(
                UNSUPPORTED,
                article,
                "check-worthy claim has no citation, attribution or corroboration",
                statement=s,
                hint="cite a source for it, say who says so, or cut it",
            )


def _uncited(ctx: RuleContext) -> Iterator[Finding]:
    places = ctx.places
    for article, s in _claims(ctx):
        if not s.citations and not s.attributions and _label(s) == "corroborated" and _worth_acting_on(s):
            supporting = s.corroboration.supporting if s.corroboration is not None else ()  # _claims: never None
            others = len({document_of(o) for o in supporting})
            yield make_finding(
                UNCITED,
                article,
                f"claim cites nothing, though {others} other document{'s' * (others != 1)} confirm"
                f"{'s' * (others == 1)} it ({places.per_document(supporting)})",
                statement=s,
                hint="add a citation to the source it comes from",
                related=supporting,
            )


def _anonymous(ctx: RuleContext) -> Iterator[Finding]:
    for article, s in _claims(ctx):
        kinds = {a.kind for a in s.attributions}
        if kinds == {"anonymous"} and not s.citations:
            yield make_finding(
                ANONYMOUS,
                article,
                "the only support is an anonymous source",
                span=s.attributions[0].span,
                statement=s,
                hint="name the source, cite a named outlet's reporting, or say why it cannot be named",
            )


def _unnamed_expert(ctx: RuleContext) -> Iterator[Finding]:
    for article in ctx.articles:
        for s in article.statements:
            experts = [a for a in s.attributions if a.kind == "unnamed_expert"]
            named = [a for a in s.attributions if a.kind == "named"]
            if experts and not named and s.kind in ("claim", "quote"):
                yield make_finding(
                    UNNAMED_EXPERT,
                    article,
                    f"attributed to an unnamed expert ('{experts[0].text}')",
                    span=experts[0].span,
                    statement=s,
                    hint="name the expert and their affiliation",
                )


def _hedged(ctx: RuleContext) -> Iterator[Finding]:
    """A hedged claim on one origin or none; not where CC204 already reports the missing support."""
    places = ctx.places
    for article, s in _claims(ctx):
        if s.corroboration is None:  # _claims yields only corroborated statements
            continue
        origins = s.corroboration.independent_origins
        # no origin at all: the same test as CC201, so a sentence gets one finding for missing support
        one_or_none = len(origins) == 1 or (not origins and _hedged_unsupported(s))
        if s.hedges and one_or_none and not _expert_only(s):
            cue = s.hedges[0].cue
            yield make_finding(
                HEDGED,
                article,
                f"hedged claim ('{cue}') rests on {len(origins) or 'no'} origin"
                + (f": {places.origin(origins[0])}" if origins else ""),
                span=s.hedges[0].span,
                statement=s,
                hint="find an independent confirmation, or drop the claim",
            )


UNSUPPORTED = Rule(
    "CC201",
    "unsupported-claim",
    "warning",
    "a check-worthy claim has no citation, attribution or corroboration",
    "What: a sentence that asserts a checkable fact (a figure or date, or check-worthiness >= 0.5 and not\n"
    "a could/would speculation), cites nothing, credits nobody (not even 'he said' or 'the company claims'),\n"
    "and no other document states. Headings, captions, fragments and quoted speech are never claims; a\n"
    "hedged claim ('reportedly') gets CC205 instead, so the missing source is reported once.\n"
    "Why: this is what a fact-checker will ask about first; an editor should know where it comes from.\n"
    "Example: 'Exports rose 12 percent to $4.1 billion in 2025.' standing alone.",
    _unsupported,
    (
        Example("Exports of the chips rose 12 percent to $4.1 billion in 2025.\n", True),
        Example("Exports of the chips rose 12 percent to $4.1 billion in 2025, according to Reuters.\n", False),
        Example("Exports of the chips rose 12 percent to $4.1 billion in 2025, his spokesman said.\n", False),
        Example("Exports of the chips reportedly rose 12 percent to $4.1 billion in 2025.\n", False),
    ),
)
UNCITED = Rule(
    "CC202",
    "uncited-claim",
    "info",
    "a check-worthy claim cites nothing but other sources confirm it",
    "What: a claim with no citation or attribution that other documents do state.\n"
    "Why: it is probably right, but the reader cannot tell where it comes from; add the citation.\n"
    "Example: 'China approved 400,000 chips.' when another article reports the same figure.",
    _uncited,
    (
        Example(
            "Regulators approved imports of 400,000 chips for Alibaba.\n",
            True,
            (
                "Regulators approved imports of 400,000 chips for Alibaba [1].\n\n## Sources\n\n"
                '- [1] Reuters. "Chips." January 28, 2026. https://www.reuters.com/a\n',
            ),
        ),
        Example("Regulators approved imports of 400,000 chips for Alibaba.\n", False),
    ),
)
ANONYMOUS = Rule(
    "CC203",
    "anonymous-source",
    "warning",
    "the only support is an anonymous attribution",
    "What: a claim whose only backing is 'sources familiar with the matter' or similar.\n"
    "Why: anonymous sourcing may be legitimate, but readers cannot weigh it; it counts for less.\n"
    "Example: 'The deal covers 400,000 units, according to sources familiar with the matter.'",
    _anonymous,
    (
        Example("The deal covers 400,000 units, according to sources familiar with the matter.\n", True),
        Example("The deal covers 400,000 units, according to Reuters.\n", False),
    ),
)
UNNAMED_EXPERT = Rule(
    "CC204",
    "unnamed-expert",
    "info",
    "a quote or claim is attributed to an unnamed expert",
    "What: 'analysts say', 'experts believe', or a quote signed only with a role ('– Tech policy analyst').\n"
    "Why: an expert's authority is the point of quoting one; an unnamed one cannot be checked.\n"
    "Example: 'Analysts say the approvals are targeted.'",
    _unnamed_expert,
    (
        Example("Analysts say the approvals will lift revenue by 20 percent.\n", True),
        Example("Jane Doe, an analyst at Bernstein, said the approvals will lift revenue by 20 percent.\n", False),
    ),
)
HEDGED = Rule(
    "CC205",
    "hedged-single-source",
    "warning",
    "a hedged claim with a single origin",
    "What: a claim marked 'reportedly', 'is said to', 'allegedly' that one origin at most stands behind\n"
    "(with none, only where CC201 would fire: this finding replaces it).\n"
    "Why: the hedge admits the writer has not confirmed it; with one origin nobody else has either.\n"
    "Example: 'The order reportedly covers 400,000 units, according to Reuters.' with nothing else\n"
    "behind it. With no origin at all it replaces CC201 (one finding per concern); a claim credited\n"
    "only to unnamed experts gets CC204 instead.",
    _hedged,
    (
        Example("The order reportedly covers 400,000 units for Tencent, according to Reuters.\n", True),
        Example("The order covers 400,000 units for Tencent, according to Reuters.\n", False),
        Example("The order reportedly covers 400,000 units for Tencent.\n", True),
        Example("Analysts say the order reportedly covers 400,000 units for Tencent.\n", False),
    ),
)
RULES = (UNSUPPORTED, UNCITED, ANONYMOUS, UNNAMED_EXPERT, HEDGED)
