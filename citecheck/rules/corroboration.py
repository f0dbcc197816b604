"""CC3: what other documents, and the document itself, say about a claim."""

from __future__ import annotations

from collections.abc import Iterator

from attrs import evolve

from citecheck.corroborate.consistency import Inconsistency, inconsistencies
from citecheck.model import Article, Finding, document_of
from citecheck.rules.describe import first_per_document
from citecheck.rules.rule import Example, Rule, RuleContext, make_finding

# CC301 and CC303 both need an article's inconsistencies, one rule after the other on the same article
# (the pipeline runs every rule per article): the last article's are kept, by identity, so they are
# worked out once. One entry, so it holds nothing past the article in hand.
_last: list[tuple[Article, tuple[Inconsistency, ...]]] = []


def _inconsistencies(article: Article) -> tuple[Inconsistency, ...]:
    last = _last[0] if _last else None
    if last is not None and last[0] is article:
        return last[1]
    found = tuple(inconsistencies(article))
    _last[:] = [(article, found)]
    return found


def _contradicted(ctx: RuleContext) -> Iterator[Finding]:
    """An error for the side that loses a conflict; a warning for both sides of a tie ("disputed").
    A sentence the document itself contradicts gets CC303 only: one finding per concern."""
    places = ctx.places
    for article in ctx.articles:
        internal = {item.statement.id for item in _inconsistencies(article)}
        for s in article.statements:
            c = s.corroboration
            if c is None or c.label not in ("contradicted", "disputed"):
                continue
            if not c.conflicts or s.id in internal:
                continue
            first = c.conflicts[0]
            where = first_per_document(first.statements or c.contradicting)
            origins = places.origins(sorted({o for conflict in c.conflicts for o in conflict.origins}))
            verb = "says" if len(where) == 1 else "say"
            message = (
                f"says {first.ours}, but {places.names(where)} {verb} {first.theirs}"
                f" (origin{'s' if ' and ' in origins else ''}: {origins})"
            )
            found = make_finding(
                CONTRADICTED,
                article,
                message,
                statement=s,
                hint="check the figure against the original source",
                related=c.contradicting,
            )
            yield evolve(found, severity="warning") if c.label == "disputed" else found


def _echo(ctx: RuleContext) -> Iterator[Finding]:
    places = ctx.places
    for article in ctx.articles:
        for s in article.statements:
            c = s.corroboration
            if c is None or c.label != "corroborated" or len(c.independent_origins) != 1:
                continue  # the cheap test first: most claims are backed by several origins or none
            docs = {document_of(o) for o in c.supporting}
            if len(docs) >= 2:
                yield make_finding(
                    ECHO,
                    article,
                    f"{len(docs)} other documents repeat this ({places.per_document(c.supporting)}),"
                    f" but all trace to one origin: {places.origin(c.independent_origins[0])}",
                    statement=s,
                    hint="repetition is not confirmation; look for an independent source",
                    related=c.supporting,
                )


def _internal(ctx: RuleContext) -> Iterator[Finding]:
    places = ctx.places
    for article in ctx.articles:
        for item in _inconsistencies(article):
            where = f" ({places.name(item.other.id)})" if item.other is not None else ""
            yield make_finding(
                INTERNAL,
                article,
                f"the article contradicts itself: {item.message}{where}",
                statement=item.statement,
                hint="make the two statements agree",
                related=(item.other.id,) if item.other is not None else (),
            )


_SRC = '\n\n## Sources\n\n- [1] Reuters. "Chips." January 28, 2026. https://www.reuters.com/a\n'
CONTRADICTED = Rule(
    "CC301",
    "contradicted-claim",
    "error",
    "another source states a conflicting fact",
    "What: another document states the same thing with an incompatible value: another number outside\n"
    "tolerance, another date for the same event, another member in a list.\n"
    "Why: one of the two is wrong; an editor must find out which before publishing.\n"
    "Each side is weighed by its independent origins and their credibility: the weaker side is\n"
    "contradicted (an error), the stronger side only notes the dissent, and a tie is disputed on\n"
    "both sides (a warning).\n"
    "Example: 'Regulators approved 400,000 chips.' against 'Regulators approved 900,000 chips.'",
    _contradicted,
    (
        Example(
            "Tarsenia approved imports of 900,000 Kestrel buses.\n",
            True,
            ("Tarsenia approved imports of 400,000 Kestrel buses, according to Reuters.\n",),
        ),
        Example(  # the better-backed side only notes the dissent: the other document is the one flagged
            "Tarsenia approved imports of 400,000 Kestrel buses [1]." + _SRC,
            False,
            ("Tarsenia approved imports of 900,000 Kestrel buses.\n",),
        ),
        Example(
            "Tarsenia approved imports of 400,000 Kestrel buses [1]." + _SRC,
            False,
            ("Tarsenia approved imports of more than 390,000 Kestrel buses, according to Bloomberg.\n",),
        ),
    ),
)
ECHO = Rule(
    "CC302",
    "echo-chamber",
    "info",
    "several reports, one independent origin",
    "What: a claim that two or more other documents repeat, all of which trace to the same origin.\n"
    "Why: four articles repeating Reuters are one confirmation, not four.\n"
    "Example: three articles that each say 'according to Reuters'.",
    _echo,
    (
        Example(
            "Tarsenia approved imports of 400,000 Kestrel buses, according to Reuters.\n",
            True,
            (
                "Tarsenia approved imports of 400,000 Kestrel buses, Reuters reported.\n",
                "Tarsenia approved imports of 400,000 Kestrel buses, according to reporting by Reuters.\n",
            ),
        ),
        Example(
            "Tarsenia approved imports of 400,000 Kestrel buses, according to Reuters.\n",
            False,
            (
                "Tarsenia approved imports of 400,000 Kestrel buses, Bloomberg reported.\n",
                "Tarsenia approved imports of 400,000 Kestrel buses, according to the Financial Times.\n",
            ),
        ),
    ),
)
INTERNAL = Rule(
    "CC303",
    "internal-inconsistency",
    "error",
    "the document contradicts itself",
    "What: a document that gives two values for one thing (two figures, two lists of recipients that\n"
    "differ in a member), states its own word count wrongly, or whose dates do not add up.\n"
    "Why: at least one of the two statements is wrong, and the reader can see it.\n"
    "Example: 'Alibaba, Tencent and ByteDance received approval' then\n"
    "'Baidu, Alibaba and ByteDance received approval'.",
    _internal,
    (
        Example(
            "Regulators approved chips for Alibaba, Tencent, and ByteDance.\n\n"
            "Regulators approved chips for Baidu, Alibaba, and ByteDance.\n",
            True,
        ),
        Example(
            "Regulators approved chips for Alibaba, Tencent, and ByteDance.\n\n"
            "Regulators approved chips for Tencent, Alibaba, and ByteDance.\n",
            False,
        ),
    ),
)
RULES = (CONTRADICTED, ECHO, INTERNAL)
