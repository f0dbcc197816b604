"""A generator of realistic news corpora for the scale benchmark (issue 13).

    python benchmarks/corpus.py OUT_DIR N [--seed S]

Writes N Markdown articles to OUT_DIR. Each article has about 65 statements: a title, a byline,
about 30 sentences with figures about its story, background, quotes, opinions and questions, and a
numbered reference list that its `[n]` markers cite. Articles are grouped into stories (about eight
articles per story, between 3 and 15); each story has its own invented place, organisation and
people, and its own true figures. Each article reports those figures the way coverage really
varies: exact, rounded ("about 410,000"), a revised count a few per cent off, or now and then a
figure that contradicts the rest. So each slot carries many distinct values across a story, not one.

Every template sentence here was written for this file. The output depends only on N and the seed.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from pathlib import Path

__all__ = ["article", "corpus", "write_corpus"]

_SYLLABLES = ("var", "nol", "tes", "bro", "kam", "del", "fen", "mor", "sil", "tra", "qui", "bel", "dun", "hal", "zor")
_ENDINGS = ("holt", "mere", "by", "ford", "wick", "stad", "ton", "ia", "ova", "ham")
_FIRST = ("Ada", "Bram", "Cleo", "Dario", "Esme", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kaia", "Luca", "Mina")
_LAST = ("Okafor", "Lindqvist", "Marsh", "Petrov", "Quill", "Rahman", "Sato", "Tellez", "Umber", "Vance", "Wolde")
_ROLES = ("spokeswoman", "spokesman", "economist", "analyst", "union steward", "council member", "engineer")
_OUTLETS = (
    ("Reuters", "reuters.com"),
    ("Associated Press", "apnews.com"),
    ("Bloomberg", "bloomberg.com"),
    ("Harbour Wire", "harbourwire.example"),
    ("The Provincial Echo", "provecho.example"),
    ("Civic Ledger", "civicledger.example"),
    ("Trade Bulletin", "tradebulletin.example"),
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")
_HEDGES = ("reportedly", "apparently", "allegedly")

# A theme: the subject phrase ({org}, {place}) and slots. A slot: clause with {v}, kind, base range.
Slot = tuple[str, str, int, int]
_THEMES: dict[str, tuple[str, tuple[Slot, ...]]] = {
    "port": (
        "the {place} port authority",
        (
            ("handled {v} containers", "count", 200_000, 2_000_000),
            ("recorded {v} ship calls", "count", 900, 9_000),
            ("spent {v} on new cranes", "money", 20, 400),
            ("raised berth fees by {v}", "pct", 2, 30),
            ("employed {v} dock workers", "count", 800, 6_000),
            ("dredged {v} cubic metres of silt", "count", 50_000, 900_000),
            ("lost {v} working days to storms", "count", 4, 40),
            ("saw cargo volumes fall {v}", "pct", 2, 25),
        ),
    ),
    "hospital": (
        "the {place} health board",
        (
            ("treated {v} emergency patients", "count", 30_000, 400_000),
            ("cut average waits by {v}", "pct", 3, 35),
            ("hired {v} nurses", "count", 40, 900),
            ("spent {v} on a new wing", "money", 15, 600),
            ("cancelled {v} planned operations", "count", 300, 9_000),
            ("kept {v} beds open over winter", "count", 120, 2_000),
            ("reported {v} infections on its wards", "count", 20, 700),
            ("saw staff sickness rise {v}", "pct", 2, 20),
        ),
    ),
    "transit": (
        "{org}",
        (
            ("carried {v} passengers", "count", 1_000_000, 90_000_000),
            ("ran {v} buses on weekdays", "count", 90, 1_800),
            ("raised fares by {v}", "pct", 2, 18),
            ("borrowed {v} for new trams", "money", 50, 900),
            ("cut {v} routes", "count", 3, 40),
            ("logged {v} breakdowns", "count", 200, 6_000),
            ("added {v} kilometres of bus lanes", "count", 4, 120),
            ("saw ridership climb {v}", "pct", 2, 30),
        ),
    ),
    "factory": (
        "{org}",
        (
            ("built {v} vehicles", "count", 20_000, 700_000),
            ("laid off {v} workers", "count", 150, 5_000),
            ("invested {v} in battery lines", "money", 80, 3_000),
            ("lifted output by {v}", "pct", 2, 40),
            ("recalled {v} cars", "count", 1_000, 90_000),
            ("paid {v} in fines", "money", 2, 90),
            ("used {v} tonnes of steel", "count", 10_000, 400_000),
            ("cut energy use by {v}", "pct", 3, 25),
        ),
    ),
    "budget": (
        "the {place} council",
        (
            ("approved a budget of {v}", "money", 200, 9_000),
            ("set aside {v} for road repairs", "money", 5, 300),
            ("raised property taxes by {v}", "pct", 1, 12),
            ("cut {v} council jobs", "count", 40, 1_500),
            ("drew {v} from its reserves", "money", 3, 250),
            ("counted {v} unfilled potholes", "count", 800, 40_000),
            ("funded {v} new school places", "count", 200, 8_000),
            ("saw debt rise {v}", "pct", 2, 30),
        ),
    ),
}
_ORG_KINDS = {"transit": "{place} Transit Company", "factory": "{place} Motor Works"}

# Frames around a clause. {s}: subject, {c}: clause, {y}: year, {m}: month, {who}: a person with a role,
# {out}: an outlet, {h}: a hedge, {r}: a citation marker (possibly empty).
_FRAMES = (
    "{S} {c} in {y}{r}.",
    "{S} {c} last year, according to {out}{r}.",
    "In {m}, {s} {c}, {who} said.",
    "{S} {h} {c} in {y}, people familiar with the figures said.",
    "Figures published in {m} show that {s} {c}{r}.",
    "{who} told reporters that {s} {c} over the twelve months to {m}.",
    "Officials confirmed that {s} {c} in the first half of {y}{r}.",
    "{S} may have {c_pp} by the end of {y}, analysts estimate.",
    "According to a draft report seen by {out}, {s} {c}{r}.",
    "{S} {c} in {y}, up from the year before{r}.",
)
_FILLER = (
    "Critics say the plan was rushed.",
    "The decision surprised many residents of {place}.",
    '"We have done what we promised," {who} said.',
    "Will the money be enough?",
    "It is not clear what happens next.",
    "{org} did not respond to a request for comment.",
    "The figures have not been independently checked.",
    "Supporters argue the change is long overdue.",
    "Some residents of {place} remain sceptical.",
    "The next review is due in {m}.",
    '"This is a turning point for {place}," {who} said.',
    "Opponents have called for an inquiry.",
    "The board meets again on a Tuesday in {m}.",
    "Local businesses have mixed views.",
    "Few expected the vote to be so close.",
    "{org} was founded in {founded}.",
    "What will the regulator make of it?",
    "The mood in {place} was subdued on Friday.",
    "Nobody disputes that the system is under strain.",
    "The matter is likely to return to the courts.",
    "{who} called the outcome disappointing.",
    "In the view of this newspaper, the delay is a mistake.",
    "Much depends on the weather this winter.",
    "Talks with the unions continue.",
    "There are at least {small} competing proposals.",
    "Earlier plans were shelved in {prev}.",
    "The idea is not new.",
    "Readers have written in on both sides.",
    "Several questions remain unanswered.",
    "{who} declined to give details.",
    "A full statement is expected in {m}.",
    "The debate has divided the town.",
    "Why did it take so long?",
    "Observers expect further changes.",
)
_HEADINGS = ("## Background", "## The numbers", "## Reaction", "## What comes next")


def _name(rng: random.Random) -> str:
    return (rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES) + rng.choice(_ENDINGS)).capitalize()


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _with_role(person: str, role: str, org: str) -> str:
    return f"{person}, {'an' if role[0] in 'aeiou' else 'a'} {role} at {org},"


def _story(index: int, seed: int) -> dict[str, object]:
    """A story's cast and true figures, the same for every article about it."""
    rng = random.Random(f"{seed}-story-{index}")
    theme = rng.choice(sorted(_THEMES))
    place = _name(rng)
    org = _ORG_KINDS.get(theme, "{place} Development Agency").format(place=place)
    subject, slots = _THEMES[theme]
    truth = [rng.uniform(lo, hi) for _, _, lo, hi in slots]
    people = [_with_role(_person(rng), rng.choice(_ROLES), org) for _ in range(4)]
    return {
        "theme": theme,
        "place": place,
        "org": org,
        "subject": subject.format(place=place, org=org),
        "slots": slots,
        "truth": truth,
        "people": people,
        "year": rng.randint(2019, 2026),
    }


def _reported(value: float, rng: random.Random) -> tuple[float, bool]:
    """How one article reports a true figure: exact, rounded, revised or (rarely) contradicting."""
    roll = rng.random()
    if roll < 0.35:
        return value, False
    if roll < 0.6:
        digits = len(str(int(value)))
        step = 10 ** max(0, digits - 2)
        return round(value / step) * step, True
    if roll < 0.9:
        return value * rng.uniform(0.97, 1.03), False
    return value * rng.choice((0.6, 1.5, 1.8)), False


def _format(value: float, kind: str, about: bool) -> str:
    if kind == "pct":
        text = f"{value:.1f}%" if not about else f"{round(value)}%"
    elif kind == "money":
        text = f"${value / 1000:.2f} billion" if value >= 1000 else f"${value:.1f} million"
    else:
        text = f"{max(2, int(value)):,}"
    return f"about {text}" if about else text


def _past_participle(clause: str) -> str:
    verb, _, rest = clause.partition(" ")
    irregular = {"built": "built", "spent": "spent", "paid": "paid", "cut": "cut", "set": "set", "drew": "drawn"}
    irregular |= {"saw": "seen", "kept": "kept", "lost": "lost", "ran": "run", "laid": "laid", "lifted": "lifted"}
    return f"{irregular.get(verb, verb)} {rest}"


def article(story_index: int, variant: int, seed: int = 0) -> str:
    """One article of a story: the same cast and truth, its own wording and reported figures."""
    story = _story(story_index, seed)
    rng = random.Random(f"{seed}-article-{story_index}-{variant}")
    outlets = rng.sample(_OUTLETS, 4)
    refs: list[str] = []
    month = rng.choice(_MONTHS)
    place, org, subject = str(story["place"]), str(story["org"]), str(story["subject"])
    people: list[str] = story["people"]  # type: ignore[assignment]
    slots: tuple[Slot, ...] = story["slots"]  # type: ignore[assignment]
    truth: list[float] = story["truth"]  # type: ignore[assignment]
    year = int(story["year"])  # type: ignore[call-overload]

    def cite() -> str:
        if rng.random() < 0.35:
            return ""
        n = rng.randint(1, len(outlets))
        if rng.random() < 0.15:
            return f" [{n}, {min(len(outlets), n + 1)}]"
        return f" [{n}]"

    def fill(template: str, extra: Callable[[], dict[str, str]] = dict) -> str:
        values = {
            "s": subject,
            "S": subject[:1].upper() + subject[1:],
            "place": place,
            "org": org,
            "who": rng.choice(people),
            "out": rng.choice(outlets)[0],
            "h": rng.choice(_HEDGES),
            "r": cite(),
            "y": str(year),
            "m": rng.choice(_MONTHS),
            "founded": str(rng.randint(1890, 1990)),
            "small": str(rng.randint(3, 9)),
            "prev": str(year - rng.randint(2, 9)),
            **extra(),
        }
        sentence = template.format(**values)
        return sentence[:1].upper() + sentence[1:]

    figures = []
    for _ in range(rng.randint(27, 32)):
        k = rng.randrange(len(slots))
        clause, kind, _, _ = slots[k]
        value, about = _reported(truth[k], rng)
        text = _format(value, kind, about)
        frame = rng.choice(_FRAMES)
        figures.append(
            fill(frame, lambda c=clause, t=text: {"c": c.format(v=t), "c_pp": _past_participle(c).format(v=t)})
        )
    fillers = [fill(t) for t in rng.sample(_FILLER, rng.randint(28, 32))]
    sentences = figures + fillers
    rng.shuffle(sentences)
    paragraphs, i = [], 0
    while i < len(sentences):
        take = rng.randint(3, 5)
        paragraphs.append(" ".join(sentences[i : i + take]))
        i += take
    body = []
    for n, para in enumerate(paragraphs):
        if n and n % 4 == 0:
            body.append(_HEADINGS[(n // 4 - 1) % len(_HEADINGS)])
        body.append(para)
    for n, (outlet, domain) in enumerate(outlets, 1):
        slug = f"{place.lower()}-{story['theme']}-{rng.randint(1000, 9999)}"
        refs.append(
            f'[{n}] {outlet}. "{place} {story["theme"]} update." {month} {rng.randint(1, 28)}, {year}. '
            f"https://www.{domain}/{year}/{slug}"
        )
    title = f"# {place}: {subject[:1].upper() + subject[1:]} under scrutiny"
    byline = f"*By {_person(rng)} · {month} {rng.randint(1, 28)}, {year}*"
    return "\n\n".join([title, byline, *body, "## Sources", *refs]) + "\n"


def corpus(size: int, seed: int = 0) -> dict[str, str]:
    """`size` articles, {file name: text}; stories of 3 to 15 articles (about eight on average)."""
    rng = random.Random(f"{seed}-layout-{size}")
    out: dict[str, str] = {}
    story = 0
    while len(out) < size:
        for variant in range(min(rng.randint(3, 13), size - len(out))):
            out[f"s{story:05d}-v{variant:02d}.md"] = article(story, variant, seed)
        story += 1
    return out


def write_corpus(folder: Path, size: int, seed: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in corpus(size, seed).items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("size", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = write_corpus(args.folder, args.size, args.seed)
    print(f"{len(paths)} articles in {args.folder}")


if __name__ == "__main__":
    main()
