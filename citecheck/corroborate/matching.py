"""Cross-document matching without comparing every statement with every other.

Map: each claim emits *keys* (blocking keys) from its normalised facts, its event (action +
actors) and its words (MinHash bands, so that a sentence told in other words meets its retellings:
`retelling`). Shuffle: group the emitted records by key. Reduce: inside a group, decide support or
conflict between members of different documents. Each step is a plain function over plain values,
so the same code runs as map -> shuffle-by-key -> reduce on a distributed engine.

A key names a *slot*: what is counted or dated, by which action. Two values in one slot support
each other when their intervals overlap ("more than 400,000" and "several hundred thousand") and
conflict when they do not. Conflicts are only called where the slot is specific (a known action),
since a bare number about an unknown action is too weak to accuse anyone of an error.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping

from attrs import frozen

from citecheck.corroborate.candidates import plan
from citecheck.corroborate.frames import FrameCheck
from citecheck.corroborate.retelling import RETELL_CAP, bands, retold
from citecheck.corroborate.slots import SlotView, slot_view, slots_agree
from citecheck.extract.facts.agreement import compatible
from citecheck.extract.facts.nounphrase import counted_kind
from citecheck.model import FIGURE_KINDS, Article, Fact, Relation, Statement

__all__ = [
    "Record",
    "Evidence",
    "emit",
    "group",
    "relate",
    "verdict",
    "statement_entities",
    "ACTIONS",
]

# Words that name the action a number or date belongs to, folded to one stem per action.
ACTIONS = {
    "approve": "approve approved approves approving approval approvals green-light greenlight green nod "
    "authorized authorised authorization clearance cleared clearing clear permitted allowed "
    "allowing allow licence license licensed",
    "order": "order ordered orders ordering placed purchase purchases purchased buy bought demand",
    "visit": "visit visited visiting trip",
    "block": "block blocked blocking blockade halt halted ban banned barred",
    "pending": "pending remaining await awaiting",
    "sell": "sale sales sell sold revenue revenues",
    "perform": "performance faster speed",
    "cost": "worth cost costs price priced valued value",
    "employ": "employ employs employed workers employees staff",
    "invest": "invest invested investment investments",
    "strike": "strike strikes striking walkout walked stoppage",
    "produce": "produce produced produces producing production output manufacture manufactured",
    "kill": "kill killed killing killings dead death deaths died",
    "injure": "injure injured injuring injuries wounded hurt",
}
_ACTION_OF = {word: stem for stem, words in ACTIONS.items() for word in words.split()}
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
# "a further 40", "the remaining 1.5 million": a part of the whole, not a rival figure for it
_SUBSET = re.compile(
    r"(?i)\b(?:further|additional|another|extra|remaining|other|more|first|last|next|only)\s+(?:\w+\s+)?$"
)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b(?![,.]\d)")
# One empty set and one blank slot for every record that has none: hundreds of thousands of records
# (four retelling records a claim) would otherwise each hold copies of their own
_NONE: frozenset[str] = frozenset()
_NO_SLOT = SlotView()


@frozen
class Record:
    """One claim's fact (or event) under one key: the unit of the shuffle."""

    key: tuple
    statement: str
    document: str
    fact: Fact | None  # None for an event record (actors + action, no value)
    specific: bool  # conflicts may be called in this slot
    words: frozenset[str] = frozenset()  # content words: conflicts need the same topic
    action: str = "-"  # what the figure belongs to ("approve", "order"); "-" when the sentence does not say
    years: frozenset[str] = frozenset()  # years the sentence names
    year: str | None = None  # the year its document was published, when known
    slot: SlotView = _NO_SLOT  # what exactly the figure counts: holder, modifiers, period (see `slots`)
    besides: frozenset[str] = frozenset()  # an event's (a retelling's) words other than its names (and action)
    figures: tuple[Fact, ...] = ()  # a retelling's figures: two sentences that both state figures are left to them
    names: tuple[str, ...] = ()  # a retelling's words that belong to named entities (`retelling.retold`)
    bands: tuple[int, ...] = ()  # a retelling's MinHash bands (`retelling.bands`)


def _years(text: str) -> frozenset[str]:
    """The years a sentence names (most name none: they share one empty set)."""
    found = _YEAR.findall(text)
    return frozenset(found) if found else _NONE


def _actions(text: str) -> list[tuple[int, str]]:
    """Where each action word of a sentence stands, and its action: one scan per sentence."""
    return [(m.start(), stem) for m in _WORD.finditer(text) if (stem := _ACTION_OF.get(m.group().lower()))]


def _action_near(actions: list[tuple[int, str]], start: int) -> str | None:
    """The action word closest to `start` (a fact's offset within the sentence); `actions` is in text order."""
    if not actions:
        return None
    i = bisect_left(actions, (start, ""))
    near = [actions[j] for j in (i - 1, i) if 0 <= j < len(actions)]
    return min(near, key=lambda a: abs(a[0] - start))[1]


def _subject(fact: Fact) -> str:
    word = (fact.subject or fact.unit or "").lower()
    if word.endswith(("ses", "xes", "ches", "shes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return counted_kind(word) or ""


def emit(article: Article, story: str | None = None, *, events: bool = True) -> Iterator[Record]:
    """Map step: the records of one article (a pure function of that article and its story key)."""
    story = story or article.document.id
    published = article.document.meta.published
    year = published[:4] if published else None
    for s in article.statements:
        if s.kind != "claim":
            continue
        # one word set and one year set per sentence, read once and shared by all its records
        words, years = content_words(s.text), _years(s.text)
        yield from _fact_records(article.document.id, s, (story,), year, (words, years))
        if events:
            yield from _event_records(article.document.id, s, year, (words, years))
            yield from _retelling_records(article.document.id, s, (story, year), (words, years))


def _fact_records(
    doc_id: str, s: Statement, anchors: tuple[str, ...], year: str | None, read: tuple[frozenset[str], frozenset[str]]
) -> Iterator[Record]:
    """One record per fact and story anchor, so figures are only compared within a story."""
    if not s.facts:
        return
    words, years = read
    actions = _actions(s.text) if s.facts else []
    for fact in s.facts:
        # a sum's nearest verb is unreliable ("approved a plant worth $1.2 billion"): money slots ignore it
        action = None if fact.kind == "money" else _action_near(actions, fact.span.start - s.span.start)
        if fact.kind in FIGURE_KINDS:
            # a sum's "subject" is whatever noun is near it; its currency is the reliable slot
            base = (fact.kind, "" if fact.kind == "money" else _subject(fact), (fact.unit or "").lower())
            if not (base[1] or fact.kind == "money"):
                continue  # a bare "three" or "6.1" names no counted thing: it can neither back nor dispute a figure
            before = s.text[max(0, fact.span.start - s.span.start - 30) : fact.span.start - s.span.start]
            slot = slot_view(s, fact)
            specific = not _SUBSET.search(before) and not slot.part
            for anchor in anchors:
                yield Record((*base, anchor), s.id, doc_id, fact, specific, words, action or "-", years, year, slot)
        elif fact.kind == "date" and isinstance(fact.value, str) and len(fact.value) == 10:
            for anchor in anchors:
                yield Record(("date", fact.value, anchor), s.id, doc_id, fact, False, words)
        elif fact.kind == "entity" and len(fact.entities) >= 3:
            yield Record(("list", len(fact.entities)), s.id, doc_id, fact, True, words, action or "-")


def statement_entities(s: Statement) -> list[str]:
    names: set[str] = set()
    for fact in s.facts:
        if fact.kind == "entity" and len(fact.entities) < 3:
            names.update(fact.entities or ((fact.value,) if isinstance(fact.value, str) else ()))
    return sorted(names)


_STOP = frozenset(
    "about after also among been before being between both could does doing during each every from have having "
    "into just like more most much only other over same should some such than that their them then there these "
    "they this those through under until very were what when where which while will with would your its it's "
    "said says according reported reportedly".split()
)
# A duration in words ("over three years", "an eight-year offer") and magnitude words ("$160 million"):
# they come with a figure, which the key already matched, and say nothing of what the sentence is about
# ("deliveries run over three years" is not "build this volume in three years")
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a|an|several"
)
_DURATION = re.compile(rf"(?i)\b(?:{_NUMBER_WORDS})[- ](?:year|month|week|day|hour|minute|decade)s?\b")
_FIGURE_WORDS = frozenset("year month week hour minute decade hundred thousand million billion trillion".split())
EVENT_OVERLAP = 0.2  # Jaccard of content words two sentences must share to be about the same event
EVENT_CAP = 60  # members of one event group compared pairwise; beyond it, facts still match


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words of four letters or more, plural "s" cut, without stop words, durations in
    words, units of time and magnitude words (hyphenated words split)."""
    words = (part for w in _WORD.findall(_DURATION.sub(" ", text)) for part in w.lower().split("-"))
    stems = (w.rstrip("s") for w in words if len(w) > 3 and w not in _STOP)
    # interned: a corpus repeats a few thousand words in millions of sets, which then share one string each
    return frozenset(sys.intern(w) for w in stems if w not in _FIGURE_WORDS)


def _event_names(s: Statement) -> list[list[str]]:
    """The actors of a sentence as event keys name them: their full names, and, where one is named in
    several words, also the last word of each ("Ellen DeGeneres", "Comedian Ellen DeGeneres" and
    "DeGeneres" are one actor). Two name lists, never mixed, so no actor is paired with itself."""
    full = statement_entities(s)
    last = sorted({name.split()[-1] for name in full if name.split()})
    return [full, last] if last != full else [full]


def _event_words(s: Statement, names: list[str]) -> frozenset[str]:
    """What an event sentence says besides who and which action: its content words without the
    actors' names and the action words ("regulators ... imports" is not "lawmakers ... a stadium",
    however alike "Tarsenia approved ... Kestrel Motors" makes them)."""
    named = content_words(" ".join(names))
    return frozenset(w for w in content_words(s.text) - named if w not in _ACTION_OF)


def _event_records(
    doc_id: str, s: Statement, year: str | None, read: tuple[frozenset[str], frozenset[str]]
) -> Iterator[Record]:
    """Two actors named together, keyed by the action when the sentence names one ("-" when not: the
    word overlap in `_relate_events` then has to say that the sentences tell the same thing), and
    what else the sentence says (`_event_words`), of which two reports of one event share a word.
    The years it names and the year it was published (`year`) keep 2019's arrest from backing 2021's."""
    lists = _event_names(s)
    if len(lists[0]) < 2:
        return  # one actor or none: no pair to key an event by
    stems = sorted({stem for _, stem in _actions(s.text)}) or ["-"]
    besides = _event_words(s, lists[0])
    words, years = read
    for stem in stems:
        for names in lists:
            for i, a in enumerate(names):
                for b in names[i + 1 :]:
                    key = ("event", stem, a, b)
                    yield Record(key, s.id, doc_id, None, False, words, "-", years, year, besides=besides)


def _retelling_records(
    doc_id: str, s: Statement, where: tuple[str, str | None], read: tuple[frozenset[str], frozenset[str]]
) -> Iterator[Record]:
    """One record per MinHash band of the sentence's content words, keyed within its story (`where`:
    story and year of publication): two sentences that share most of their words meet in some band
    (`retelling`)."""
    story, year = where
    words, years = read
    signature = bands(words)
    if not signature:
        return
    figures = tuple(f for f in s.facts if f.kind in FIGURE_KINDS)
    named = tuple(words.intersection(content_words(" ".join(statement_entities(s)))))  # small: a tuple, not a set
    for i, band in enumerate(signature):
        key = ("told", story, i, band)
        yield Record(
            key, s.id, doc_id, None, False, words, "-", years, year, figures=figures, bands=signature, names=named
        )


def group(records: Iterable[Record]) -> dict[tuple, list[Record]]:
    """Shuffle step: records by key."""
    groups: dict[tuple, list[Record]] = defaultdict(list)
    for record in records:
        groups[record.key].append(record)
    return groups


def _strength(a: Fact, b: Fact) -> float:
    """1.0 for the same stated value, 0.7 for a compatible approximation."""
    same = a.value == b.value and a.qualifier == b.qualifier and a.low == b.low and a.high == b.high
    return 1.0 if same else 0.7


@frozen
class Evidence:
    """What one group says about one statement: support or conflict, from which origins."""

    statement: str
    relation: Relation
    strength: float  # how well it matches: 1.0 same value, 0.7 compatible, 0.5 same event
    origins: tuple[str, ...]  # origins of the other documents' statements (own document excluded)
    others: tuple[str, ...]  # a bounded sample of those statements' ids
    ours: str  # what the statement states: its fact as written, or the event
    theirs: str  # what the others state
    fact: int | None = None  # offset of the statement's fact this is about; None for an event
    # statements of that side left out of `others`: matches beyond the sample and, in a large group,
    # the records read no further (the same value; whether the same event is not checked)
    more: int = 0
    uncompared: int = 0  # values in the group this statement's value was not compared with (see `candidates`)


@frozen
class Verdict:
    """How one record's fact bears on another's."""

    relation: Relation
    strength: float
    ours: str
    theirs: str


@frozen
class _Side:
    """One value signature inside a group, summarised so each member is answered in O(cap)."""

    records: tuple[Record, ...]
    origin_docs: Mapping[str, int]  # origin -> number of documents contributing it
    doc_origins: Mapping[str, frozenset[str]]
    samples: tuple[tuple[str, tuple[str, ...]], ...] = ()  # a few documents and a few of their statements


def _side(records: list[Record], origin_of: Mapping[str, tuple[str, ...]]) -> _Side:
    doc_origins: dict[str, set[str]] = defaultdict(set)
    for r in records:
        doc_origins[r.document].update(origin_of.get(r.statement, ()))
    counts: Counter[str] = Counter()
    for names in doc_origins.values():
        counts.update(names)
    frozen_docs = {d: frozenset(n) for d, n in doc_origins.items()}
    samples: dict[str, list[str]] = {}
    for r in records:  # enough for any member's sample, whichever document it is in
        ids = samples.setdefault(r.document, []) if len(samples) <= SAMPLE_CAP or r.document in samples else None
        if ids is not None and len(ids) < SAMPLE_CAP:
            ids.append(r.statement)
    return _Side(
        tuple(records),
        dict(counts.most_common(ORIGIN_CAP + 8)),
        frozen_docs,
        tuple((d, tuple(ids)) for d, ids in samples.items()),
    )


ORIGIN_CAP = 64
SAMPLE_CAP = 20


def _answer(
    x: Record, side: _Side, frames: FrameCheck, conflict: bool = False, large: bool = False
) -> tuple[tuple[str, ...], tuple[str, ...], int]:
    """Origins and a sample of the other documents' statements on `side`, from x's point of view.

    Only statements about the same event count: their documents' frames are compatible, their
    sentences name no other year, the figure fills the same slot (holder, modifiers, period), and
    the sentences share words (`same_topic` for a conflict, which also needs the same known action;
    `SUPPORT_OVERLAP` for support). Dates and lists are specific enough without shared words.

    In a `large` group the side is read only until `QUICK_SAMPLE` statements match (at most
    `QUICK_SCAN` checked): a claim echoed by thousands is answered by its first few echoes, and the
    third value counts the rest, unchecked.
    """
    if large:
        return _quick_answer(x, side, frames, conflict)
    close = [r for r in side.records[:CONFLICT_CAP] if _same_event(x, r, frames, conflict)]
    return _origins_of(close, side), tuple(r.statement for r in close[:SAMPLE_CAP]), max(0, len(close) - SAMPLE_CAP)


LARGE_GROUP = 256  # members of a group beyond which each side is read only until a few match
QUICK_SAMPLE = 8
QUICK_SCAN = 32


def _quick_answer(
    x: Record, side: _Side, frames: FrameCheck, conflict: bool
) -> tuple[tuple[str, ...], tuple[str, ...], int]:
    close: list[Record] = []
    checked = 0
    for r in side.records:
        if len(close) >= QUICK_SAMPLE or checked >= QUICK_SCAN:
            break
        checked += 1
        if _same_event(x, r, frames, conflict):
            close.append(r)
    rest = len(side.records) - checked if close else 0
    return _origins_of(close, side), tuple(r.statement for r in close), rest


SUPPORT_OVERLAP = 0.1
SMALL_OVERLAP = 0.25  # "three people", "eight years": common values need more shared words to be the same fact
SMALL = 100


def _support_overlap(fact: Fact | None) -> float:
    value = fact.value if fact is not None else None
    small = isinstance(value, int | float) and abs(value) < SMALL and float(value).is_integer()
    return SMALL_OVERLAP if small else SUPPORT_OVERLAP


LIST_OVERLAP = 0.5  # lists with no known action: "the contracts go to A, B and C" / "... to A, B and D"


def _same_event(x: Record, y: Record, frames: FrameCheck, conflict: bool) -> bool:
    if y.document == x.document or not same_period(x, y) or not slots_agree(x.slot, y.slot, strict=conflict):
        return False
    if not frames(x.document, y.document):
        return False
    if x.key[0] == "list":  # lists agree without shared words; to differ they must be lists of one thing
        return not conflict or x.action == y.action != "-" or shared(x.words, y.words) >= LIST_OVERLAP
    if conflict:
        # whose figure it is must be known: by its action, or, for a sum (whose verb is unreliable), by
        # the entity it belongs to ("the Nationals ... $160 million" is not "the Orioles ... $140 million")
        money = x.fact is not None and x.fact.kind == "money"
        if money:
            known = x.slot.holder is not None and y.slot.holder is not None
        else:  # the same action, or one unnamed and the same specific thing counted ("fast-charging stations")
            known = x.action == y.action != "-" or (bool(x.slot.modifiers) and x.slot.modifiers == y.slot.modifiers)
        return known and same_topic(x, y)
    return x.key[0] == "date" or shared(x.words, y.words) >= _support_overlap(x.fact)


def _origins_of(records: list[Record], side: _Side) -> tuple[str, ...]:
    """The origins behind `records`. Where some of them name an origin for the very same value, the
    unattributed ones (an article's own voice) are echoes of it, not origins of their own."""
    found = {o for r in records for o in side.doc_origins.get(r.document, ())}
    named = {o for o in found if not o.startswith("article:")}
    return tuple(sorted(named or found))[:ORIGIN_CAP]


CONFLICT_OVERLAP = 0.25
MONEY_OVERLAP = 0.5


def same_topic(x: Record, y: Record) -> bool:
    """Two figures can only conflict when their sentences are about the same thing: they share a good
    part of their words, and, when both name years, at least one year (2025's budget is not 2026's)."""
    if not same_period(x, y):
        return False
    # an article names many sums ("$62 million for roads", "$3.5 million for libraries"): money must share more
    needed = MONEY_OVERLAP if x.fact is not None and x.fact.kind == "money" else CONFLICT_OVERLAP
    return shared(x.words, y.words) >= needed


def same_period(x: Record, y: Record) -> bool:
    """Both name years: they must share one. One names years: one of them must be the year the other
    was published ("the longest since 2011, when a strike lasted three weeks" is history)."""
    if x.years and y.years:
        return bool(x.years & y.years)
    named, other = (x, y) if x.years else (y, x)
    if not named.years or other.year is None:
        return True
    return other.year in named.years


CONFLICT_CAP = 400


def relate(
    members: list[Record], origin_of: Mapping[str, tuple[str, ...]], frames: FrameCheck | None = None
) -> Iterator[Evidence]:
    """Reduce step for one key: the evidence each member gets from the other documents' members.

    Members are grouped by value signature (a *side*). `candidates.plan` says which sides are
    compared: every pair in a small group; in a large one each side's nearest values (sorted by
    interval) and the group's strongest sides, so the verdicts grow as n log n, not n^2. Each member
    then looks at no more than `CONFLICT_CAP` members of a compared side, so a group of ten thousand
    echoes of one figure costs ten thousand bounded answers, not 10^8 comparisons. A pure function
    of its arguments; `frames` says which documents are about the same event (None: all are).
    """
    frames = frames or FrameCheck(None)
    if members[0].key[0] == "told":
        yield from _relate_retellings(members[:RETELL_CAP], origin_of, frames)
        return
    if members[0].fact is None:
        yield from _relate_events(members[:EVENT_CAP], origin_of, frames)
        return
    by_signature: dict[tuple, list[Record]] = defaultdict(list)
    for m in members:
        by_signature[_signature(m)].append(m)
    sides = [_side(records, origin_of) for records in by_signature.values()]
    chosen = plan([s.records[0].fact for s in sides if s.records[0].fact], [len(s.doc_origins) for s in sides])
    large = len(members) > LARGE_GROUP
    for i, side in enumerate(sides):
        for j in chosen.rivals[i]:
            found = verdict(side.records[0], sides[j].records[0])
            if found is not None:
                yield from _evidence(side, sides[j], found, frames, (chosen.skipped[i], large))


def _evidence(
    ours: _Side, theirs: _Side, found: Verdict, frames: FrameCheck, bounds: tuple[int, bool]
) -> Iterator[Evidence]:
    """What the members of one side get from a compared side. `bounds`: how many sides were not
    compared, and whether the group is large (see `_answer`)."""
    skipped, large = bounds
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # the members of a side mostly get the same answer: one copy
    for x in ours.records:
        origins, others, more = _answer(x, theirs, frames, found.relation != "supports", large)
        if others and x.fact is not None:
            yield Evidence(
                x.statement,
                found.relation,
                found.strength,
                shared.setdefault(origins, origins),
                shared.setdefault(others, others),
                x.fact.text,
                found.theirs,
                x.fact.span.start,
                more,
                skipped,
            )


def _relate_events(
    members: list[Record], origin_of: Mapping[str, tuple[str, ...]], frames: FrameCheck
) -> Iterator[Evidence]:
    """Same actors and action is not enough: the sentences must also share enough of their words,
    and their documents must be about the same event."""
    _, action, a, b = members[0].key
    for x in members:
        others = [
            y
            for y in members
            if y.document != x.document
            and overlap(x.words, y.words) >= EVENT_OVERLAP
            and not x.besides.isdisjoint(y.besides)
            and same_period(x, y)
            and frames(x.document, y.document)
        ]
        if others:
            origins = tuple(sorted({o for y in others for o in origin_of.get(y.statement, ())}))[:ORIGIN_CAP]
            sample = tuple(y.statement for y in others[:SAMPLE_CAP])
            event = f"same event: {action} ({a}, {b})"
            yield Evidence(x.statement, "supports", 0.5, origins, sample, event, event, more=len(others) - len(sample))


def _retells(x: Record, y: Record, band: int, frames: FrameCheck) -> bool:
    """y states x's fact in other words: see `retelling`. A pair meeting in several bands is judged
    in the first of them only, so it gives one piece of evidence."""
    if y.document == x.document or not retold(x.words, y.words, x.names, y.names):
        return False
    if any(x.bands[i] == y.bands[i] for i in range(band)) or not same_period(x, y):
        return False
    return not (x.figures and y.figures) and frames(x.document, y.document)


def _relate_retellings(
    members: list[Record], origin_of: Mapping[str, tuple[str, ...]], frames: FrameCheck
) -> Iterator[Evidence]:
    """Reduce for one MinHash band: support between sentences of one event that tell the same thing."""
    band = members[0].key[2]
    for x in members:
        others = [y for y in members if _retells(x, y, band, frames)]
        if others:
            origins = tuple(sorted({o for y in others for o in origin_of.get(y.statement, ())}))[:ORIGIN_CAP]
            sample = tuple(y.statement for y in others[:SAMPLE_CAP])
            told = "the same statement in other words"
            yield Evidence(x.statement, "supports", 0.5, origins, sample, told, told, more=len(others) - len(sample))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two word sets."""
    return len(a & b) / len(a | b) if a and b else 0.0


def shared(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient: how much of the shorter sentence the longer one repeats."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _signature(r: Record) -> tuple:
    f = r.fact
    if f is None:
        return ("event",)
    return (r.action, f.kind, repr(f.value), f.qualifier, f.low, f.high, tuple(sorted(f.entities)))


def verdict(x: Record, y: Record) -> Verdict | None:
    if x.fact is None or y.fact is None:
        return None
    if x.action != y.action and "-" not in (x.action, y.action):
        return None  # 400,000 approved and 2 million ordered are different figures, not rival ones
    a, b = x.fact, y.fact
    if a.kind == "money" and (a.value is None or b.value is None):
        return None  # "billions of dollars" is too vague to back or dispute "$12 billion"
    if _both_bounds(a, b):
        return None  # "over 1.5 million" and "over 2 million" neither agree on a figure nor dispute one
    same = compatible(a, b)
    if same is None:
        return None
    if same:
        return Verdict("supports", _strength(a, b), a.text, b.text)
    if a.kind == "entity" and not _one_member_differs(a, b):
        return None
    if not (x.specific and y.specific):
        return None
    return Verdict("contradicts", 1.0, a.text, b.text)


def _both_bounds(a: Fact, b: Fact) -> bool:
    """Two lower (or two upper) bounds on different figures."""
    lower, upper = (">", ">="), ("<", "<=")
    same_side = (a.qualifier in lower and b.qualifier in lower) or (a.qualifier in upper and b.qualifier in upper)
    if not same_side or not isinstance(a.value, int | float) or not isinstance(b.value, int | float):
        return False
    return abs(a.value - b.value) > 0.1 * max(abs(a.value), abs(b.value))


def _one_member_differs(a: Fact, b: Fact) -> bool:
    """Lists of the same size that share all but one member: the same list with one slip."""
    sa, sb = set(a.entities), set(b.entities)
    return len(sa) == len(sb) >= 3 and len(sa & sb) == len(sa) - 1
