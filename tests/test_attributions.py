"""Attribution and hedge detection: tables of sentences with the (kind, source, cue) they carry."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.extract.attributions import find_attributions, find_hedges, role_line_attribution
from citecheck.model import Attribution
from citecheck.text import Span

BASE = 100

NAMED = [
    ("According to Reuters, the factory will close in May.", [("named", "Reuters", "according to")]),
    (
        "The plant will close, according to reporting by Reuters, covered in detail by Ars Technica.",
        [("named", "Reuters", "according to"), ("named", "Ars Technica", "covered by")],
    ),
    ("Reuters reported that the talks stalled.", [("named", "Reuters", "reported")]),
    ("Reuters reports that the merger is off.", [("named", "Reuters", "reports")]),
    ("Bloomberg reported on Tuesday that the fund shut.", [("named", "Bloomberg", "reported")]),
    ("Maria Lopez said the budget was final.", [("named", "Maria Lopez", "said")]),
    ("“We will not sell,” said Maria Lopez.", [("named", "Maria Lopez", "said")]),
    ("Tom Baker told CNBC that orders doubled.", [("named", "Tom Baker", "told"), ("named", "CNBC", "told")]),
    ("The Verge's reporting suggests a delay.", [("named", "The Verge", "reporting")]),
    ("Reuters' reporting adds little detail.", [("named", "Reuters", "reporting")]),
    ("CNBC's report named two buyers.", [("named", "CNBC", "report")]),
    (
        "The merger was confirmed by multiple sources including Reuters.",
        [("named", "Reuters", "confirmed by")],
    ),
    (
        "The sale was confirmed by several outlets, including Reuters and Bloomberg.",
        [("named", "Reuters", "confirmed by"), ("named", "Bloomberg", "confirmed by")],
    ),
    ("A spokesperson for Acme Corp declined to comment.", [("named", "Acme Corp", "spokesperson")]),
    ("An Acme spokeswoman said the plan was on track.", [("named", "Acme", "spokesperson")]),
    ("Acme announced the layoffs on Monday.", [("named", "Acme", "announced")]),
    ("Globex confirmed the outage.", [("named", "Globex", "confirmed")]),
    ("Jane Smith wrote in a blog post that costs rose.", [("named", "Jane Smith", "wrote")]),
    ("In a statement, Globex said it would appeal.", [("named", "Globex", "in a statement")]),
    (
        "In a joint statement on Friday, Acme and Globex said talks ended.",
        [("named", "Acme", "in a statement"), ("named", "Globex", "in a statement")],
    ),
    ("Prices rose sharply, per Bloomberg.", [("named", "Bloomberg", "per")]),
    ("Per Reuters, the vote was delayed.", [("named", "Reuters", "per")]),
    (
        "The deal, as first reported by The Information, values the startup at $2 billion.",
        [("named", "The Information", "reported by")],
    ),
    ("Acme CEO Dana White said demand was strong.", [("named", "Dana White", "said")]),
    ("Commerce Secretary Howard Lutnick said the rule stands.", [("named", "Howard Lutnick", "said")]),
    (
        "Reuters and Bloomberg reported the sale.",
        [("named", "Reuters", "reported"), ("named", "Bloomberg", "reported")],
    ),
    (
        "According to the Wall Street Journal, the bid failed.",
        [("named", "The Wall Street Journal", "according to")],
    ),
    ("The New York Times reported the figure first.", [("named", "The New York Times", "reported")]),
    ("Sherwood News reported a jump in shares.", [("named", "Sherwood News", "reported")]),
    (
        "According to the South China Morning Post, exports fell.",
        [("named", "South China Morning Post", "according to")],
    ),
    (
        "The Bureau of Industry and Security announced new rules.",
        [("named", "Bureau of Industry and Security", "announced")],
    ),
    ("According to a Bloomberg report, the fund closed.", [("named", "Bloomberg", "according to")]),
    (
        "According to data from Counterpoint Research, shipments fell.",
        [("named", "Counterpoint Research", "according to")],
    ),
    ("Analysts at Morgan Stanley said margins would shrink.", [("named", "Morgan Stanley", "analysts at")]),
    (
        "Globex, citing people familiar with the matter, said talks resumed.",
        [("named", "Globex", "said"), ("anonymous", None, "citing")],
    ),
    ("Dana White, the chief executive of Acme, said the plan was sound.", [("named", "Dana White", "said")]),
    ("The company told Reuters that prices would rise.", [("named", "Reuters", "told")]),
    (
        "In an interview with Bloomberg, the minister defended the plan.",
        [("named", "Bloomberg", "interview with")],
    ),
    ("According to Acme CEO Dana White, sales doubled.", [("named", "Dana White", "according to")]),
    (
        "According to Reuters and Bloomberg, the deal closed.",
        [("named", "Reuters", "according to"), ("named", "Bloomberg", "according to")],
    ),
    (
        "According to Reuters, Globex said nothing.",
        [("named", "Reuters", "according to"), ("named", "Globex", "said")],
    ),
    ("Documents seen by Reuters show the plan.", [("named", "Reuters", "seen by")]),
    ("According to Tom's Hardware, the card overheats.", [("named", "Tom's Hardware", "according to")]),
    ("The Guardian reported the leak.", [("named", "The Guardian", "reported")]),
    ("Meanwhile, Globex said it would appeal.", [("named", "Globex", "said")]),
    ("However Reuters reported a different figure.", [("named", "Reuters", "reported")]),
    ("Acme chief Dana White has repeatedly argued that rules backfire.", [("named", "Dana White", "argued")]),
    (
        "According to a spokesperson for Globex, the recall is voluntary.",
        [("named", "Globex", "according to")],
    ),
    (
        "CNBC's reporting and Reuters' report differ.",
        [("named", "CNBC", "reporting"), ("named", "Reuters", "report")],
    ),
    ("Reuters’ reporting, which cited filings, was thin.", [("named", "Reuters", "reporting")]),
    ("According to Bloomberg’s analysis, costs doubled.", [("named", "Bloomberg", "according to")]),
    (
        "Jane Doe, who runs the fund, told the Financial Times she was selling.",
        [("named", "Jane Doe", "told"), ("named", "Financial Times", "told")],
    ),
]

ANONYMOUS = [
    (
        "The deal is close, according to sources familiar with the matter.",
        [("anonymous", None, "according to")],
    ),
    ("Sources familiar with the matter said the board met twice.", [("anonymous", None, "familiar with")]),
    (
        "People with knowledge of the discussions described the mood as tense.",
        [("anonymous", None, "knowledge of")],
    ),
    ("Two officials who asked not to be named confirmed the plan.", [("anonymous", None, "not named")]),
    (
        "According to those with knowledge of the negotiations, the price fell.",
        [("anonymous", None, "according to")],
    ),
    ("A person briefed on the talks said no deal was imminent.", [("anonymous", None, "briefed on")]),
    ("Insiders expect a reshuffle.", [("anonymous", None, "insiders")]),
    ("People close to the company say the chief is leaving.", [("anonymous", None, "close to")]),
    ("Sources say the launch will slip.", [("anonymous", None, "sources say")]),
    (
        "The paper, citing people familiar with the matter, said the bid was dropped.",
        [("anonymous", None, "citing")],
    ),
    ("Officials said the border would reopen.", [("anonymous", None, "officials said")]),
    ("Industry insiders doubt the timeline.", [("anonymous", None, "insiders")]),
    (
        "A source told Reuters the deal was off.",
        [("anonymous", None, "a source told"), ("named", "Reuters", "told")],
    ),
    ("Meanwhile sources say the price is higher.", [("anonymous", None, "sources say")]),
    (
        "An executive who spoke on condition of anonymity described the plan.",
        [("anonymous", None, "not named")],
    ),
    ("Two sources said the plan was shelved.", [("anonymous", None, "sources said")]),
    (
        "Reuters, citing two sources, reported a delay.",
        [("named", "Reuters", "reported"), ("anonymous", None, "citing")],
    ),
]

EXPERTS = [
    ("Analysts say the stock is overvalued.", [("unnamed_expert", None, "analysts say")]),
    ("Analysts see the tariff as a bargaining chip.", [("unnamed_expert", None, "analysts see")]),
    (
        "However, analysts caution that the recovery is fragile.",
        [("unnamed_expert", None, "analysts caution")],
    ),
    ("Experts believe the virus is seasonal.", [("unnamed_expert", None, "experts believe")]),
    ("The move surprised industry observers.", [("unnamed_expert", None, "industry observers")]),
    ("Some economists warn of a slowdown.", [("unnamed_expert", None, "economists warn")]),
    ("Some economists are less sure.", [("unnamed_expert", None, "some economists")]),
    ("Critics argue the law is too broad.", [("unnamed_expert", None, "critics argue")]),
    ("According to analysts, the sector will consolidate.", [("unnamed_expert", None, "according to")]),
    ("A senior economist at the bank said rates would hold.", [("unnamed_expert", None, "economist said")]),
    ("One analyst said the guidance was conservative.", [("unnamed_expert", None, "analyst said")]),
    ("Market watchers expect a rebound.", [("unnamed_expert", None, "watchers expect")]),
    ("An economist at Goldman Sachs said rates would hold.", [("named", "Goldman Sachs", "economist at")]),
    ("– Tech policy analyst", [("unnamed_expert", None, "–")]),
]

DOCUMENTS = [
    ("The report says exports fell by a third.", [("document", None, "report says")]),
    ("A filing shows the company owes $3 million.", [("document", None, "filing shows")]),
    ("According to the statement, the plant will close.", [("document", None, "according to")]),
    ("According to the latest survey, confidence rose.", [("document", None, "according to")]),
    ("A study found no link between the two.", [("document", None, "study found")]),
    ("According to media reports, the minister resigned.", [("document", None, "according to")]),
    ("The data show a decline in orders.", [("document", None, "data show")]),
    ("Per the filing, the loan matures in 2030.", [("document", None, "per")]),
    ("A Reuters report said the plant would close.", [("named", "Reuters", "report said")]),
    ("Some reports suggested a ban.", [("document", None, "reports suggested")]),
]

NOTHING = [
    "The project is proceeding according to plan.",
    "According to the rules, each team gets two timeouts.",
    "According to the schedule, trains leave hourly.",
    "That said, the outlook is bright.",
    "Needless to say, the launch was delayed.",
    "The so-called reforms did little.",
    "Markets rallied on Monday.",
    "He said the deal was done.",
    "The company said it would appeal.",
    "Sales grew 5 per cent, or $2 per share.",
    "Buyers paid $30,000 per H200 unit.",
    "Sources of revenue include ads and subscriptions.",
    "The people close to the stage cheered.",
    "Experts from around the world gathered in Oslo.",
    "Reuters is a news agency founded in London.",
    "The report card was mixed.",
    "China approved the imports on Wednesday.",
    "Yesterday was quiet.",
    "This said nothing about prices.",
]

HEDGES = [
    ("The firm reportedly plans to cut 500 jobs.", ["reportedly"]),
    ("The chip is said to be twice as fast.", ["is said to"]),
    ("The executives are said to favour a sale.", ["are said to"]),
    ("The founder was said to be furious.", ["was said to"]),
    ("He allegedly hid the losses.", ["allegedly"]),
    ("The deal appears to be final.", ["appears to"]),
    ("The two sides appear to agree.", ["appear to"]),
    ("Talks appeared to stall in March.", ["appeared to"]),
    ("The minister resigned, according to reports.", ["according to reports"]),
    ("Sources say the launch is near.", ["sources say"]),
    ("It is understood that the board agreed.", ["it is understood"]),
    ("It’s understood the deal is done.", ["it’s understood"]),
    ("The founder is believed to own a third.", ["is believed to"]),
    ("The letter was purportedly signed by the mayor.", ["purportedly"]),
    ("A rumoured merger lifted shares.", ["rumoured"]),
    ("The rumored deal collapsed.", ["rumored"]),
    ("The plan seems to work.", ["seems to"]),
    ("Firms are expected to face tighter access.", ["are expected to"]),
    ("The virus may have spread earlier.", ["may have"]),
    ("The fine could be worth $1 billion.", ["could be"]),
    ("It seems the door is open.", ["it seems"]),
    ("Beijing appears ready to relent.", ["appears"]),
    ("The deal was reportedly signed and is said to be worth $5 million.", ["reportedly", "is said to"]),
    ("Prices are thought to have peaked.", ["are thought to"]),
    ("Shares fell, according to media reports.", ["according to media reports"]),
    ("The firm could raise prices.", []),
    ("Staff may have to work weekends.", []),
    ("Needless to say, prices rose.", []),
    ("The report appeared in March.", []),
    ("The company may approve it.", []),
    ("According to plan, the launch happened.", []),
]

ROLE_LINES = [
    ("– Tech policy analyst", ("unnamed_expert", None, "–")),
    ("— Senior economist", ("unnamed_expert", None, "—")),
    ("- Veteran chip analyst.", ("unnamed_expert", None, "-")),
    ("   — Senior economist  ", ("unnamed_expert", None, "—")),
    ("— Jane Doe, analyst at Acme Capital", ("named", "Jane Doe", "—")),
    ("— Jane Doe", ("named", "Jane Doe", "—")),
    ("– Analyst at Morgan Stanley", ("named", "Morgan Stanley", "–")),
    ("— Industry source", ("anonymous", None, "—")),
    ("— Reuters", ("named", "Reuters", "—")),
    ("-- Senior economist", ("unnamed_expert", None, "--")),
    ("- Monitor official announcements from regulators", None),
    ("- Sources", None),
    ("- Conclusion", None),
    ("Tech policy analyst", None),
    ("- 2 analysts", None),
    ("- Why the chip matters: a primer", None),
]


def _check_spans(sentence: str, found: tuple[Attribution, ...]) -> None:
    for a in found:
        assert isinstance(a.span, Span)
        assert sentence[a.span.start - BASE : a.span.end - BASE] == a.text
        assert a.text.strip() == a.text and a.text


@pytest.mark.parametrize(("sentence", "expected"), NAMED + ANONYMOUS + EXPERTS + DOCUMENTS)
def test_attributions(sentence, expected):
    found = find_attributions(sentence, base=BASE)
    assert [(a.kind, a.source, a.cue) for a in found] == expected
    _check_spans(sentence, found)


@pytest.mark.parametrize("sentence", NOTHING)
def test_no_attribution(sentence):
    assert find_attributions(sentence, base=BASE) == ()


@pytest.mark.parametrize(("sentence", "expected"), HEDGES)
def test_hedges(sentence, expected):
    found = find_hedges(sentence, base=BASE)
    assert [h.cue for h in found] == expected
    for h in found:
        assert " ".join(sentence[h.span.start - BASE : h.span.end - BASE].lower().split()) == h.cue


@pytest.mark.parametrize(("line", "expected"), ROLE_LINES)
def test_role_lines(line, expected):
    found = role_line_attribution(line, base=BASE)
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert (found.kind, found.source, found.cue) == expected
    assert line[found.span.start - BASE : found.span.end - BASE] == found.text


def test_exact_texts():
    sentence = "Shares fell, according to reporting by Reuters, covered in detail by Ars Technica."
    texts = [a.text for a in find_attributions(sentence)]
    assert texts == ["according to reporting by Reuters", "covered in detail by Ars Technica"]
    (said,) = find_attributions("Acme CEO Dana White said so.", base=7)
    assert (said.text, said.span) == ("Acme CEO Dana White said", Span(7, 31))


def test_sources_say_is_anonymous_and_hedged():
    sentence = "Sources say the plant will close."
    assert [a.kind for a in find_attributions(sentence)] == ["anonymous"]
    assert [h.cue for h in find_hedges(sentence)] == ["sources say"]


def test_context_is_accepted():
    assert find_attributions("He said so.", context="Dana White spoke.") == ()


_VOCAB = (
    "according to Reuters said Acme CEO Jane Doe sources familiar with the matter analysts say "
    "per report — – , . ' ’s reportedly is said to The Information told CNBC a spokesperson for"
)
WORDS = st.sampled_from(_VOCAB.split())


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS | st.text(max_size=4), max_size=25), st.integers(0, 1000))
def test_spans_cover_their_text(words, base):
    sentence = " ".join(words)
    _check = [(a.span, a.text) for a in find_attributions(sentence, base=base)]
    for span, text in _check:
        assert 0 <= span.start - base <= span.end - base <= len(sentence)
        assert sentence[span.start - base : span.end - base] == text
    for h in find_hedges(sentence, base=base):
        assert " ".join(sentence[h.span.start - base : h.span.end - base].lower().split()) == h.cue


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.process_time()  # CPU time of this process: other work on the machine does not count
        find_attributions(text)
        find_hedges(text)
        role_line_attribution(text)
        best = min(best, time.process_time() - start)
    return best


def _ratios(unit: str) -> list[float]:
    sizes = (25_000, 50_000, 100_000)
    times = [_seconds((unit * (size // len(unit) + 1))[:size]) for size in sizes]
    return [times[1] / times[0], times[2] / times[1]]


@pytest.mark.parametrize(
    "unit",
    [
        "Smith and ",
        "(",
        "A ",
        "according to ",
        "sources familiar with ",
        "Analysts at Acme CEO Jane Doe said, reportedly ",
        "Reuters, Bloomberg and CNBC reported ",
        "- ",
    ],
)
def test_time_grows_linearly(unit):
    """Doubling the input at most ~doubles the time (ratio < 3); a machine hiccup gets two retries,
    a quadratic pattern fails every time."""
    for _ in range(3):
        ratios = _ratios(unit)
        if max(ratios) < 3:
            break
    assert max(ratios) < 3, ratios


@pytest.mark.slow
def test_one_megabyte_without_newline():
    text = ("Officials said, per Reuters, that analysts say the deal is reportedly done " * 14_000)[:1_000_000]
    start = time.perf_counter()
    assert find_attributions(text)
    assert time.perf_counter() - start < 30


def test_saying_yes_is_a_decision_not_a_source():
    assert find_attributions("Velmora has finally said yes to desalination.") == ()
    assert find_attributions("The council said no to the plan.") == ()
    assert [a.source for a in find_attributions("Nvidia said the chips ship soon.")] == ["Nvidia"]
