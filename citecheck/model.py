"""Frozen value types that flow between the pipeline stages. Invariants only, no behaviour.

Every span is a `Span` of character offsets into `Document.text`; line and column are derived
from `Document.locator` when printing.
"""

from __future__ import annotations

from typing import Literal, NewType

from attrs import field, frozen

from citecheck.credibility.defaults import CredibilitySettings
from citecheck.text import Locator, Span

__all__ = [
    "Meta",
    "Block",
    "Link",
    "Anchor",
    "SourceComment",
    "Document",
    "Reference",
    "Citation",
    "Attribution",
    "Hedge",
    "Fact",
    "Statement",
    "Article",
    "Source",
    "Corroboration",
    "Finding",
    "Problem",
    "Report",
]

Format = Literal["text", "markdown", "html"]
BlockKind = Literal[
    "heading",
    "paragraph",
    "list_item",
    "quote",
    "code",
    "table",
    "reference",  # one entry of a reference list / footnote definition
    "references_heading",  # the "Sources"/"References" heading itself
    "furniture",  # table of contents, share/comment boxes, "Related articles": not statements
    "meta",  # byline, date line, "5 min read", "This article was written by ...": meta statements
]
StatementKind = Literal["claim", "opinion", "question", "quote", "heading", "meta"]
CitationKind = Literal["numbered", "footnote", "link", "author_year"]
AttributionKind = Literal["named", "anonymous", "unnamed_expert", "document"]
FactKind = Literal["quantity", "money", "percent", "ratio", "date", "duration", "entity"]
# The kinds of fact that are figures (a number of something), and those a reader can check (figures and dates).
FIGURE_KINDS: frozenset[str] = frozenset({"quantity", "money", "percent", "ratio", "duration"})
CHECKABLE_KINDS: frozenset[str] = FIGURE_KINDS | {"date"}
Qualifier = Literal[">", "<", "~", "=", ">=", "<="]
Severity = Literal["error", "warning", "info"]
Label = Literal["corroborated", "single_source", "unsupported", "contradicted", "disputed", "opinion"]
# How another statement bears on a claim: it states the same fact, a conflicting one, or a conflicting
# one that more documents outvote (kept as a noted dissent).
Relation = Literal["supports", "contradicts", "outvotes", "ties"]  # ties: a conflict between equals

# A statement's id is its document's id and its number in that document: "drafts_a#12".
StatementId = NewType("StatementId", str)


def statement_id(document: str, number: int) -> StatementId:
    return StatementId(f"{document}#{number}")


def document_of(statement: str) -> str:
    """The id of the document a statement id belongs to (document ids may themselves hold a '#')."""
    return statement.rpartition("#")[0]


@frozen
class Meta:
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD


@frozen
class Block:
    """A structural unit of the text: its kind, where it is, and its nesting level (headings: 1-6)."""

    kind: BlockKind
    span: Span
    level: int = 0


@frozen
class Link:
    """A hyperlink whose visible text occupies `span` of the document text."""

    span: Span
    url: str
    text: str = ""
    kind: Literal["inline", "reference", "autolink", "bare", "html", "footnote"] = "inline"


@frozen
class Anchor:
    """An element id (HTML ``id=``/``name=``) and the text offset where that element starts."""

    name: str
    offset: int


@frozen
class SourceComment:
    """A ``<!-- citecheck: ... -->`` comment of an HTML source. The HTML text leaves comments out, so a
    suppression comment is kept here, at the text offset of what follows it and at its own place."""

    words: str  # what stands between <!-- and -->
    offset: int  # text offset where the next extracted text begins (the comment's place in the text)
    source: Span  # where the comment stands in the source


@frozen
class Document:
    """What ingest read: normalised text plus structure, before any analysis."""

    id: str
    source: str
    format: Format
    text: str
    locator: Locator = field(eq=False, repr=False)
    meta: Meta = Meta()
    blocks: tuple[Block, ...] = ()
    links: tuple[Link, ...] = ()
    anchors: tuple[Anchor, ...] = ()
    ignored: tuple[Span, ...] = ()  # code spans/blocks, HTML comments: no markers found inside
    warnings: tuple[str, ...] = ()
    comments: tuple[SourceComment, ...] = ()  # HTML only: suppression comments (the text has none)


@frozen
class Reference:
    """An entry of the document's reference list: what the author pointed at."""

    key: str
    text: str
    span: Span
    publisher: str | None = None
    title: str | None = None
    date: str | None = None  # ISO
    url: str | None = None
    anchor: str | None = None  # HTML element id of the entry, when it has one
    origin: Literal["list", "footnote", "definition", "link"] = "list"


@frozen
class Citation:
    """Where a reference is used: one marker or link inside a statement."""

    marker: str
    key: str
    span: Span
    kind: CitationKind
    reference: str | None = None  # key of the resolved Reference, None when dangling
    url: str | None = None


@frozen
class Attribution:
    span: Span
    kind: AttributionKind
    cue: str
    text: str
    source: str | None = None


@frozen
class Hedge:
    span: Span
    cue: str


@frozen
class Fact:
    """A checkable fact, normalised so that differently worded articles compare equal.

    `value` is the normalised value (a number, or an ISO date string, or an entity's canonical
    name); `low`/`high` bound it when the text gives a range or a vague amount ("several hundred
    thousand"). `subject` is what it counts or measures: the head noun or entity it is attached to.
    """

    kind: FactKind
    span: Span
    text: str
    value: float | int | str | None
    unit: str | None = None
    qualifier: Qualifier = "="
    subject: str | None = None
    low: float | None = None
    high: float | None = None
    entities: tuple[str, ...] = ()


@frozen
class Statement:
    id: StatementId
    span: Span
    text: str
    kind: StatementKind
    checkworthy: float
    block: BlockKind = "paragraph"
    paragraph: int = 0  # index of the block the sentence belongs to
    facts: tuple[Fact, ...] = ()
    citations: tuple[Citation, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    hedges: tuple[Hedge, ...] = ()
    corroboration: Corroboration | None = None  # filled by the cross-document stage

    def judged(self, corroboration: Corroboration) -> Statement:
        """This statement with its corroboration: `evolve` spelled out, because the cross-document stage
        does it once per statement and `evolve` looks every field up by name (a third of that stage's
        time on a draft of 300,000 list markers)."""
        return Statement(
            self.id,
            self.span,
            self.text,
            self.kind,
            self.checkworthy,
            self.block,
            self.paragraph,
            self.facts,
            self.citations,
            self.attributions,
            self.hedges,
            corroboration,
        )


@frozen
class Article:
    """A document after per-document analysis: a pure function of one Document."""

    document: Document
    references: tuple[Reference, ...]
    statements: tuple[Statement, ...]
    citations: tuple[Citation, ...] = ()  # every marker, including ones outside statements
    duplicate_references: tuple[Reference, ...] = ()  # later entries reusing a key (first wins)


@frozen
class Source:
    name: str
    kind: str
    credibility: float | None
    basis: str
    domain: str | None = None
    cited_by: tuple[str, ...] = ()


@frozen
class Conflict:
    """One disagreement with a claim: the value the claim states, the rival value, who states it."""

    ours: str  # the claim's value as written ("400,000 chips")
    theirs: str  # the rival value as written ("900,000 chips")
    statements: tuple[str, ...]  # ids of (a sample of) the statements stating it
    origins: tuple[str, ...]  # the independent origins behind them


@frozen
class Corroboration:
    label: Label
    score: float | None
    explanation: str
    supporting: tuple[str, ...] = ()
    contradicting: tuple[str, ...] = ()
    independent_origins: tuple[str, ...] = ()
    terms: tuple[tuple[str, float], ...] = ()
    conflicts: tuple[Conflict, ...] = ()  # what contradicts the claim, as fields (rules read these, not prose)
    # Evidence is bounded per claim; these count what the lists above leave out. At most, not exactly:
    # a statement that backs two of the claim's figures counts twice.
    supporting_unlisted: int = 0  # supporting statements found beyond `supporting`
    contradicting_unlisted: int = 0  # contradicting statements found beyond `contradicting`
    values_not_compared: int = 0  # other values of the claim's slots it was not compared with (a large group)
    # statements the claim outweighs ("a minority disagrees"): renderers name them by place, never by id
    dissenting: tuple[str, ...] = ()


@frozen
class Finding:
    code: str
    rule: str
    severity: Severity
    document: str
    path: str
    message: str
    span: Span | None = None
    statement: str | None = None
    hint: str | None = None
    line: int | None = None  # only where there is no text to hold a span: an unreadable input's bad byte
    column: int | None = None
    related: tuple[str, ...] = ()  # ids of the other statements the message names (renderers locate them)


@frozen
class Problem:
    """An input that could not be processed (exit 3): becomes a CC903 finding in reports."""

    source: str
    code: str
    message: str
    line: int | None = None
    column: int | None = None


@frozen
class Report:
    """Everything one run found: analysed articles, sources, findings, and inputs that failed."""

    articles: tuple[Article, ...]
    findings: tuple[Finding, ...] = ()
    problems: tuple[Problem, ...] = ()
    sources: tuple[Source, ...] = ()
    evidence: tuple[Article, ...] = ()  # --against documents: used as evidence, not reported on
    credibility: CredibilitySettings = field(factory=CredibilitySettings)  # the run's overrides, outlets, threshold
    suppressed: int = 0  # findings hidden by suppression comments in the drafts
    baselined: int = 0  # findings hidden because the baseline file records them
