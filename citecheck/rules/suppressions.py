"""CC9: the draft's own suppression comments, and inputs that could not be read or hold nothing.

The suppression rules and CC903 are evaluated after the others (by `citecheck.rules.directives` and by the
run itself), so their `check` is None; their examples run through the whole pipeline like every other rule's.
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Finding
from citecheck.rules.rule import Example, Rule, RuleContext, make_finding

UNUSED_SUPPRESSION = Rule(
    "CC901",
    "unused-suppression",
    "warning",
    "a suppression comment matched no finding",
    "What: a `citecheck: ignore[...]`, `disable[...]` or `file-ignore[...]` comment that hid nothing.\n"
    "Why: stale suppressions outlive the problem they were written for and later hide new ones.\n"
    "Example: '<!-- citecheck: ignore[CC101] -->' above a paragraph whose citations all resolve.",
    None,
    (
        Example("<!-- citecheck: ignore[CC101] -->\nExports rose 5%, according to Reuters.\n", True),
        Example("<!-- citecheck: ignore[CC101] -->\nExports rose 5% [9].\n", False),
    ),
)
BLANKET_SUPPRESSION = Rule(
    "CC902",
    "blanket-suppression",
    "warning",
    "a suppression comment names no code",
    "What: a suppression without a code list, which hides every finding in its scope.\n"
    "Why: it hides problems nobody looked at; name the codes you mean.\n"
    "Example: '<!-- citecheck: ignore -->'.",
    None,
    (
        Example("<!-- citecheck: ignore -->\nExports rose 5% [9].\n", True),
        Example("<!-- citecheck: ignore[CC101] -->\nExports rose 5% [9].\n", False),
    ),
)
UNREADABLE_INPUT = Rule(
    "CC903",
    "unreadable-input",
    "error",
    "an input could not be read or parsed",
    "What: an input that is binary, badly encoded, too large, missing or crashed the analysis.\n"
    "Why: a check must never pass on a file it did not read; the run exits 3 and still reports the rest.\n"
    "Example: a PNG passed as an article.",
    None,
)


def _empty(ctx: RuleContext) -> Iterator[Finding]:
    for article in ctx.articles:
        if article.statements:
            continue
        doc = article.document
        size = len(doc.text.strip())
        if size:
            what = f"no sentence in its {size} characters of text"
        elif doc.format == "html":
            what = "the page has no text"
        else:
            what = "the file holds only white space" if doc.text else "the file is empty"
        yield make_finding(
            EMPTY_INPUT,
            article,
            f"nothing to check: {what}",
            hint="check that this is the file you meant, and that its format is the one its suffix says",
        )


EMPTY_INPUT = Rule(
    "CC904",
    "empty-input",
    "info",
    "an input holds no sentence to check",
    "What: an input that was read but holds no sentence: an empty file, only white space, or markup\n"
    "with no text (an HTML page whose content is all navigation).\n"
    "Why: a check that passes on an empty file has not checked anything; say so instead of staying silent.\n"
    "Example: a zero-byte draft.md left by an editor that crashed.",
    _empty,
    (
        Example("", True),
        Example("\n   \n\n", True),
        Example("Exports rose 5%, according to Reuters.\n", False),
    ),
)
RULES = (UNUSED_SUPPRESSION, BLANKET_SUPPRESSION, UNREADABLE_INPUT, EMPTY_INPUT)
