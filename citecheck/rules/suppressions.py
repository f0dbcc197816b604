"""CC9: the draft's own suppression comments, and inputs that could not be read.

These rules are evaluated after the others (by `citecheck.rules.directives` and by the run itself), so their
`check` is None; their examples run through the whole pipeline like every other rule's.
"""

from __future__ import annotations

from citecheck.rules.rule import Example, Rule

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
RULES = (UNUSED_SUPPRESSION, BLANKET_SUPPRESSION, UNREADABLE_INPUT)
