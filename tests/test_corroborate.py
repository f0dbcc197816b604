"""Scores and labels: bounded, monotone in independent origins, deaf to echoes; and the known truths
of the fixture corpora."""

from __future__ import annotations

from conftest import FIXTURES
from hypothesis import given
from hypothesis import strategies as st

from citecheck.corroborate.scoring import score
from citecheck.pipeline import analyze, analyze_texts

ORIGINS = st.sampled_from(["Reuters", "Bloomberg", "AP", "CNBC", "anonymous sources (x)", "article:blog"])
MATCH = st.sampled_from([0.5, 0.7, 1.0])
CRED = {"Reuters": 1.0, "Bloomberg": 0.9, "AP": 0.95, "CNBC": 0.8, "anonymous sources (x)": 0.3, "article:blog": 0.5}


def credibility(name: str) -> float:
    return CRED.get(name, 0.5)


@given(st.dictionaries(ORIGINS, MATCH), st.dictionaries(ORIGINS, MATCH))
def test_score_stays_in_unit_interval(backing, against):
    value, terms = score(backing, against, credibility)
    assert 0.0 <= value <= 1.0
    assert len(terms) == len(backing) + len(against)


@given(st.dictionaries(ORIGINS, MATCH), st.dictionaries(ORIGINS, MATCH), ORIGINS, MATCH)
def test_an_independent_origin_never_lowers_the_score(backing, against, new, match):
    if new in backing:
        return
    before, _ = score(backing, against, credibility)
    after, _ = score({**backing, new: match}, against, credibility)
    assert after >= before


@given(st.dictionaries(ORIGINS, MATCH, min_size=1), st.dictionaries(ORIGINS, MATCH), st.data())
def test_an_echo_never_raises_the_score(backing, against, data):
    origin = data.draw(st.sampled_from(sorted(backing)))
    echo_match = data.draw(MATCH)
    before, _ = score(backing, against, credibility)
    after, _ = score({**backing, origin: min(backing[origin], echo_match)}, against, credibility)
    assert after <= before


CLAIM = "Regulators in Tarsenia approved imports of 400,000 buses from Kestrel Motors, {who}.\n"


def claim_score(*others: str) -> float:
    texts = {"draft.md": CLAIM.format(who="according to Reuters")}
    texts.update({f"o{i}.md": CLAIM.format(who=who) for i, who in enumerate(others)})
    report = analyze_texts(texts)
    (statement,) = [s for s in report.articles[0].statements if s.kind == "claim"]
    return statement.corroboration.score


def test_end_to_end_echoes_and_independent_origins():
    base = claim_score("Bloomberg reported")
    with_echo = claim_score("Bloomberg reported", "Reuters reported")
    with_independent = claim_score("Bloomberg reported", "according to the Financial Times")
    assert with_echo <= base < with_independent


def test_story_echo_known_truth():
    report = analyze([str(p) for p in sorted((FIXTURES / "corpora" / "story_echo").glob("0*"))])
    figure = [
        s for a in report.articles for s in a.statements if "250,000" in s.text or "quarter of a million" in s.text
    ]
    corroborated = [s for s in figure if s.corroboration.label == "corroborated"]
    assert len(corroborated) >= 3
    assert all(s.corroboration.independent_origins == ("Reuters",) for s in corroborated)
    assert any(f.code == "CC302" for f in report.findings)
    nine = next(s for a in report.articles for s in a.statements if "$9 billion" in s.text)
    assert nine.corroboration.label == "single_source"


def test_story_conflict_known_truth():
    report = analyze([str(p) for p in sorted((FIXTURES / "corpora" / "story_conflict").glob("0*"))])
    by_doc = {a.document.id[:2]: a for a in report.articles}
    blog = by_doc["03"]
    contradicted = {s.text[:40] for s in blog.statements if s.corroboration.label in ("contradicted", "disputed")}
    assert any("Solvik Power" in s.text for s in blog.statements if s.corroboration.label == "contradicted")
    assert contradicted, "the blog's 180 stations / different contractor should be contradicted"
    for key in ("01", "02"):  # the two independent reports are not accused of anything
        assert not [s for s in by_doc[key].statements if s.corroboration.label == "contradicted"]
    budget = [f for f in report.findings if f.code == "CC301" and "€" in f.message]
    assert not budget, "the 2025 and 2026 budgets are different things"


def test_story_self_known_truth():
    report = analyze([str(p) for p in sorted((FIXTURES / "corpora" / "story_self").glob("0*"))])
    internal = [f for f in report.findings if f.code == "CC303"]
    assert {f.document[:2] for f in internal} == {"01"}
    messages = " ".join(f.message for f in internal)
    assert "ten days" in messages and "12 days apart" in messages
    assert "5,600 drivers" in messages


def _labels(texts: dict[str, str]) -> dict[str, str]:
    report = analyze_texts(texts)
    return {s.text: s.corroboration.label for a in report.articles for s in a.statements if s.corroboration is not None}


FIRMS = "# Harbor deal\n\nRegulators in Velmora cleared three firms to build the Harbor terminal, Reuters reported.\n"


def test_firms_and_companies_are_one_count():
    """Reporters count the same things in different words: "three firms" backs "three companies"."""
    texts = {
        "a.md": FIRMS,
        "b.md": "# Harbor deal\n\nVelmora approved three companies for the Harbor terminal, according to Bloomberg.\n",
    }
    labels = _labels(texts)
    assert labels[next(t for t in labels if "three firms" in t)] == "corroborated"
    assert labels[next(t for t in labels if "three companies" in t)] == "corroborated"


def test_different_things_still_differ():
    texts = {
        "a.md": FIRMS,
        "b.md": "# Harbor deal\n\nVelmora approved three cranes for the Harbor terminal, according to Bloomberg.\n",
    }
    labels = _labels(texts)
    assert labels[next(t for t in labels if "three firms" in t)] != "corroborated"
