"""Origins: who a statement's information comes from once echoes collapse to their source.

The rows hold issue 11's standard: an echo traces to the outlet it repeats, including the outlet a
story is taken from ("citing Reuters", "citing Bloomberg's reporting"), and vague attributions
("analysts see", "some reports suggested", a capital for its government) are no origin.
"""

from __future__ import annotations

import pytest
from conftest import article_of

from citecheck.corroborate.origins import (
    Origin,
    document_origin,
    near_duplicates,
    reference_origin,
    statement_origins,
)
from citecheck.model import Reference
from citecheck.pipeline import analyze_texts
from citecheck.text import Span

CLAIM = "regulators in Tarsenia approved 400,000 chips for Kestrel Motors"
SENTENCE = "R" + CLAIM[1:]  # the claim opening a sentence

# statement text -> the origin names of its (only) statement; "article:a" is the document itself
STATEMENTS = [
    pytest.param(f"{SENTENCE}, Reuters reported.", ("Reuters",), id="named-attribution-is-the-outlet"),
    pytest.param(f"According to Bloomberg, {CLAIM}.", ("Bloomberg",), id="according-to"),
    pytest.param(
        f"According to reporting by Reuters, covered in detail by Ars Technica, {CLAIM}.",
        ("Reuters",),
        id="covered-by-echoes-the-first-outlet",
    ),
    pytest.param(f"Ars Technica reported {CLAIM}, citing Reuters.", ("Reuters",), id="citing-the-outlet"),
    pytest.param(f"{SENTENCE}, as covered by Ars Technica, citing Reuters.", ("Reuters",), id="covered-citing"),
    pytest.param(f"{SENTENCE}, as reported by Reuters and cited by Ars Technica.", ("Reuters",), id="cited-by-echoes"),
    pytest.param(
        f"People familiar with the matter said {CLAIM}.",
        ("anonymous sources (a)",),
        id="anonymous-origin-of-the-document",
    ),
    pytest.param(f"{SENTENCE}.", ("article:a",), id="uncredited-is-the-article"),
    pytest.param(
        "Analysts see the approval of 400,000 chips in Tarsenia as a turning point.",
        ("article:a",),
        id="analysts-see",
    ),
    pytest.param(
        f"Some reports suggested that {CLAIM}.",
        ("article:a",),
        id="some-reports-suggested",
    ),
    pytest.param(
        "Beijing said it approved 400,000 chips for Kestrel Motors.",
        ("article:a",),
        id="capital-for-government",
    ),
]


def origin_names(text: str, doc_id: str = "a") -> tuple[str, ...]:
    article = article_of(text, doc_id)
    (statement,) = article.statements
    return tuple(o.name for o in statement_origins(article, statement, document_origin(article)))


@pytest.mark.parametrize(("text", "expected"), STATEMENTS)
def test_statement_origins(text: str, expected: tuple[str, ...]) -> None:
    assert origin_names(text) == expected


def test_anonymous_sources_are_one_origin_per_document() -> None:
    """Two documents' anonymous sources are two origins (nobody can tell they are the same people);
    inside one document they are one."""
    text = f"People familiar with the matter said {CLAIM}. A person briefed on the talks said the deal was signed."
    article = article_of(text, "a")
    fallback = document_origin(article)
    inside = {o for s in article.statements for o in statement_origins(article, s, fallback)}
    assert inside == {Origin("anonymous sources (a)", "anonymous")}
    assert origin_names(f"People familiar with the matter said {CLAIM}.", "b") == ("anonymous sources (b)",)


def ref(text: str, publisher: str | None = None, title: str | None = None, url: str | None = None) -> Reference:
    return Reference("1", text, Span(0, len(text)), publisher=publisher, title=title, url=url)


REFERENCES = [
    pytest.param(
        ref("CNBC, Nvidia rises", "CNBC", "Nvidia rises after Reuters reports that China approved H200 imports"),
        "Reuters",
        id="title-says-it-reports-reuters",
    ),
    pytest.param(
        ref("Ars Technica", "Ars Technica", "Bloomberg and Reuters race to cover chips"),
        "Ars Technica",
        id="outlet-named-without-reporting-cue",
    ),
    pytest.param(
        ref("The Verge says chips were approved, after Reuters reported it"),
        "Reuters",
        id="text-after-reuters-reported",
    ),
    pytest.param(ref("Kestrel blog", "Kestrel", "Kestrel Motors sells buses"), "Kestrel", id="publisher"),
    pytest.param(
        ref("The Verge says, citing Bloomberg's reporting, chips were approved"),
        "Bloomberg",
        id="citing-possessive",
    ),
    pytest.param(ref("a page", url="https://example.org/x"), "https://example.org/x", id="url-when-nothing-else"),
    pytest.param(ref("a page"), None, id="nothing-known"),
]


@pytest.mark.parametrize(("reference", "expected"), REFERENCES)
def test_reference_origin(reference: Reference, expected: str | None) -> None:
    assert reference_origin(reference) == expected


CITED = f"""{SENTENCE} [1]. Kestrel Motors sold 40 buses in Velmora [2].
The chips arrive in June [1]. The plant opens in May.

## References

1. CNBC, "Nvidia rises after Reuters reports that Tarsenia approved chip imports", 2025.
2. Bloomberg, "Kestrel sells buses", 2025.
3. Bloomberg, "Kestrel expands", 2025.
"""


def test_citations_trace_to_the_reporting_outlet() -> None:
    article = article_of(CITED)
    fallback = document_origin(article)
    heard = [tuple(o.name for o in statement_origins(article, s, fallback)) for s in article.statements]
    # [1] is CNBC reporting Reuters' story: Reuters; [2] is Bloomberg's own; the uncredited sentence
    # inherits the article's most-credited origin (Reuters, twice) rather than being "the article itself"
    assert heard == [("Reuters",), ("Bloomberg",), ("Reuters",), (fallback.name,)]
    assert fallback == Origin("Reuters", "named")


DOCUMENTS = [
    pytest.param(
        f"{SENTENCE}, Reuters reported. Reuters said the plant opens in May. The plant is big, Bloomberg said.",
        Origin("Reuters", "named"),
        id="most-credited-named-origin",
    ),
    pytest.param(f"{SENTENCE}. The plant opens in May.", Origin("article:a", "self"), id="nobody-credited"),
    pytest.param(
        f"People familiar with the matter said {CLAIM}.",
        Origin("article:a", "self"),
        id="anonymous-is-not-the-story-origin",
    ),
]


@pytest.mark.parametrize(("text", "expected"), DOCUMENTS)
def test_document_origin(text: str, expected: Origin) -> None:
    assert document_origin(article_of(text)) == expected


STORY = (
    "Regulators in Tarsenia approved 400,000 chips for Kestrel Motors on Tuesday, ending a review that began "
    "last spring. The company plans to open a plant near the Harbor terminal next year and expects to hire "
    "about 2,000 workers, most of them engineers trained at the northern technical colleges. "
)
OTHER = (
    "Farmers in Velmora harvested a record wheat crop this autumn after two dry years, and the cooperative "
    "that buys most of it says prices at the grain exchange should stay low until the spring sowing begins. "
)

DUPLICATES = [
    pytest.param({"a": STORY, "b": STORY}, {"b": "a"}, id="verbatim-copy"),
    pytest.param(
        {"a": STORY, "b": "By Staff. " + STORY.replace("Tuesday", "Wednesday")}, {"b": "a"}, id="lightly-edited-copy"
    ),
    pytest.param({"a": STORY, "b": STORY, "c": STORY}, {"b": "a", "c": "a"}, id="three-copies-one-origin"),
    pytest.param({"a": STORY, "b": OTHER}, {}, id="different-stories"),
    pytest.param({"a": STORY, "b": STORY[:120] + OTHER}, {}, id="shared-opening-only"),
]


@pytest.mark.parametrize(("texts", "expected"), DUPLICATES)
def test_near_duplicates(texts: dict[str, str], expected: dict[str, str]) -> None:
    assert dict(near_duplicates(article_of(t, d) for d, t in texts.items())) == expected


def _heard(texts: dict[str, str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The draft claim's supporting statements and its independent origins, end to end."""
    report = analyze_texts(texts)
    (claim,) = [s for s in report.articles[0].statements if "400,000" in s.text]
    return claim.corroboration.supporting, claim.corroboration.independent_origins


def test_syndicated_copies_are_one_origin() -> None:
    """Two uncredited copies of one article back the draft as one origin, not two."""
    supporting, origins = _heard(
        {"draft.md": f"{SENTENCE}, Bloomberg reported.\n", "copy1.md": STORY, "copy2.md": STORY}
    )
    assert supporting == ("copy1#1", "copy2#1")
    assert origins == ("Bloomberg", "article:copy1")


def test_echoes_of_one_outlet_are_one_origin() -> None:
    """Reuters directly and Reuters "covered by Ars Technica" back the draft as one origin, Reuters."""
    echo = f"According to reporting by Reuters, covered in detail by Ars Technica, {CLAIM}.\n"
    texts = {"draft.md": f"{SENTENCE}, Bloomberg reported.\n", "b.md": f"{SENTENCE}, Reuters reported.\n", "c.md": echo}
    supporting, origins = _heard(texts)
    assert supporting == ("b#1", "c#1")
    assert origins == ("Bloomberg", "Reuters")
