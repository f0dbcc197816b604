"""Stories: which documents are about the same thing, so their figures are compared at all.

A story is the blocking of matching: figures in different stories never meet. These tables check
the fingerprint of an article (`story_entities`) and the partition of a corpus (`story_clusters`).
"""

from __future__ import annotations

import pytest
from conftest import article_of

from citecheck.corroborate.stories import story_clusters, story_entities
from citecheck.model import Article, Document, Fact, Statement
from citecheck.text import Locator, Span

FINGERPRINTS = [
    pytest.param(
        "Regulators in Tarsenia approved 400,000 chips for Kestrel Motors. The deal with Kestrel Motors was signed.",
        ("Kestrel Motors", "Tarsenia"),
        id="most-mentioned-first",
    ),
    pytest.param(
        "Regulators in Tarsenia approved 400,000 chips for Kestrel Motors, Reuters reported.",
        ("Kestrel Motors", "Tarsenia"),
        id="credited-source-is-not-the-topic",
    ),
    pytest.param("I think the plan is a terrible idea.", (), id="no-entities"),
]


@pytest.mark.parametrize(("text", "expected"), FINGERPRINTS)
def test_story_entities(text: str, expected: tuple[str, ...]) -> None:
    assert story_entities(article_of(text)) == expected


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        pytest.param([["Monday", "Halvik"], ["Monday"]], ("Halvik",), id="weekday-is-not-an-anchor"),
        pytest.param([["March", "Halvik"], ["March"]], ("Halvik",), id="month-is-not-an-anchor"),
        pytest.param([["Velmora", "Halvik"], ["Velmora"]], ("Velmora", "Halvik"), id="place-is-an-anchor"),
    ],
)
def test_story_entities_skip_calendar_names(names: list[list[str]], expected: tuple[str, ...]) -> None:
    """Entity extraction may tag "Monday" or "March" (sentence-initial, in headlines); a story is not about them."""
    assert story_entities(article_with("x", names)) == expected


def test_story_entities_keeps_the_top_few() -> None:
    names = ["Alder", "Birch", "Cedar", "Hazel", "Larch", "Maple", "Rowan", "Spruce", "Willow", "Yew"]
    article = article_with("x", [names, names[:2]])
    assert story_entities(article, size=3) == ("Alder", "Birch", "Cedar")
    assert len(story_entities(article)) == 8


TARSENIA = "Regulators in Tarsenia approved 400,000 chips for Kestrel Motors, Reuters reported."
TARSENIA_2 = "Officials said Kestrel Motors will build a plant near the Harbor terminal, Reuters reported."
WHEAT = "Farmers in Velmora harvested 3 million tonnes of wheat from Orlan Cooperative fields, Reuters reported."
PORT = "The port of Halvik opened a terminal run by Brindle Shipping, according to Reuters."
BRIDGE = "Brindle Shipping and Orlan Cooperative signed a freight contract in Velmora."

CLUSTERS = [
    pytest.param({"a": TARSENIA, "b": WHEAT}, [{"a"}, {"b"}], id="different-entities-different-stories"),
    pytest.param({"a": TARSENIA, "b": TARSENIA_2}, [{"a", "b"}], id="shared-entity-one-story"),
    pytest.param(
        {"a": TARSENIA, "b": WHEAT, "c": PORT}, [{"a"}, {"b"}, {"c"}], id="shared-credited-source-does-not-tie"
    ),
    pytest.param({"a": WHEAT, "b": PORT, "c": BRIDGE}, [{"a", "b", "c"}], id="ties-are-transitive"),
    pytest.param(
        {"a": TARSENIA, "b": TARSENIA_2, "c": WHEAT, "d": PORT},
        [{"a", "b"}, {"c"}, {"d"}],
        id="two-of-four-together",
    ),
]


def partition(clusters: dict[str, str]) -> list[set[str]]:
    stories: dict[str, set[str]] = {}
    for doc, story in clusters.items():
        stories.setdefault(story, set()).add(doc)
    return sorted(stories.values(), key=min)


@pytest.mark.parametrize(("texts", "expected"), CLUSTERS)
def test_story_clusters(texts: dict[str, str], expected: list[set[str]]) -> None:
    clusters = story_clusters(article_of(t, d) for d, t in texts.items())
    assert partition(clusters) == expected
    # the key names the story's first document, so it is stable under input order
    assert clusters == story_clusters(article_of(t, d) for d, t in reversed(texts.items()))
    assert all(key == f"story:{min(p)}" for p in partition(clusters) for key in {clusters[d] for d in p})


def article_with(doc_id: str, sentences: list[list[str]]) -> Article:
    """An article whose claims mention the given entities (built directly: no text analysis)."""
    statements = []
    for n, names in enumerate(sentences, 1):
        facts = tuple(Fact("entity", Span(0, len(name)), name, name, entities=(name,)) for name in names)
        text = " ".join(names)
        statements.append(Statement(f"{doc_id}#{n}", Span(0, len(text)), text, "claim", 1.0, facts=facts))
    text = " ".join(s.text for s in statements)
    document = Document(doc_id, f"{doc_id}.md", "markdown", text, Locator.identity(text))
    return Article(document, (), tuple(statements))


@pytest.mark.parametrize(
    ("corpus", "ties"),
    [
        pytest.param(40, True, id="small-corpus-every-entity-ties"),
        pytest.param(60, False, id="large-corpus-common-entity-does-not-tie"),
    ],
)
def test_common_entities_tie_stories_only_in_small_corpora(corpus: int, ties: bool) -> None:
    """In a corpus of more than 50 documents an entity in over 5% of them ("China") ties nothing;
    the pairs of documents sharing a rare entity stay together."""
    articles = [article_with(f"d{i:02}", [["Tarsenia", f"Firm{i // 2}"]]) for i in range(corpus)]
    stories = partition(story_clusters(articles))
    if ties:
        assert len(stories) == 1
    else:
        assert stories == [{f"d{i:02}", f"d{i + 1:02}"} for i in range(0, corpus, 2)]
