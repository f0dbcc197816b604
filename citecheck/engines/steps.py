"""The distributed run's steps, each a plain function of a few small values.

Every step calls the function the local run calls (`analyze_document`, `emit`, `relate`,
`story_edges`, `bucket_pairs`, `support_weight`, `outvote_items`, `judge_article`, ...); what this
module adds is only the tagging that lets a shuffle put records back in the order one process
would have met them, so both engines give the same report.

Positions: a document's position is (role, index) folded into one integer, role 0 for reported
articles and 1 for evidence, the order `corroborate` sees them in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping

from citecheck.corroborate.frames import Frame, FrameCheck, entity_counts, frame_of, word_counts
from citecheck.corroborate.matching import Evidence, Record, emit, relate
from citecheck.corroborate.origins import Bucketed, DuplicatePair, bucket_pairs, credited, document_sketch
from citecheck.corroborate.origins import sketch_buckets as buckets_of
from citecheck.corroborate.scoring import article_origins, judge_article, outvote_items, support_weight
from citecheck.corroborate.stories import story_edges, story_entities
from citecheck.credibility.defaults import CredibilitySettings
from citecheck.credibility.priors import origin_credibility
from citecheck.errors import InputError
from citecheck.model import Article, Document, Problem, document_of
from citecheck.pipeline import analyze_document
from citecheck.read.files import InputSpec, ReadOptions, read_input
from citecheck.workers import guarded

__all__ = [
    "ROLE_SPAN",
    "Fingerprint",
    "Tagged",
    "Located",
    "Analysed",
    "Weighed",
    "edges_of",
    "position",
    "read_one",
    "analyse_one",
    "fingerprint",
    "frame_entry",
    "story_pairs",
    "duplicate_buckets",
    "duplicate_pairs",
    "keyed_records",
    "relate_group",
    "weigh_statement",
    "weight_requests",
    "answer_requests",
    "outvote_statement",
    "judge_document",
]

ROLE_SPAN = 10**12  # documents per role: position = role x ROLE_SPAN + index

# (position, role, document id, story fingerprint, near-duplicate sketch, entity counts, word counts)
Fingerprint = tuple[int, int, str, tuple[str, ...], frozenset[int], Counter[str], Counter[str]]
# One record on its way to its group: (order, record, its statement's origins, credited?, its document's
# frame, its document's event group or None)
Tagged = tuple[tuple[int, int], Record, tuple[str, ...], bool, Frame, str | None]
# One piece of evidence on its way to its statement: (order, evidence, the statement's origins, credited?)
Located = tuple[tuple[tuple[int, int], int], Evidence, tuple[str, ...], bool]


def position(role: int, index: int) -> int:
    return role * ROLE_SPAN + index


def read_one(role: int, index: int, spec: InputSpec, options: ReadOptions) -> tuple[int, int, Document | Problem]:
    """Map: read one input; a failure is a Problem for that input alone (as `read_all`)."""
    try:
        return role, index, read_input(spec, options)
    except InputError as exc:
        return role, index, Problem(spec.source, exc.code, exc.message)


Analysed = tuple[int, int, Article | None, Problem | None]


def analyse_one(role: int, index: int, doc: Document, verbose: bool, deadline: float) -> Analysed:
    """Map: extract and classify one document under the same net as the local run (`guarded`; no
    timer on a worker thread, so the deadline is not enforced there)."""
    article, problem = guarded(
        doc.source,
        lambda: analyze_document(doc),
        verbose=verbose,
        time_limit=None,
        deadline=deadline,
        stage="analysing",
    )
    return role, index, article, problem


def fingerprint(role: int, index: int, article: Article) -> Fingerprint:
    """Map: what the corpus-wide steps need of one article, and nothing more."""
    doc = article.document.id
    sketch, names, words = document_sketch(article), entity_counts(article), word_counts(article)
    return position(role, index), role, doc, story_entities(article), sketch, names, words


def frame_entry(
    fp: Fingerprint, df: Mapping[str, int], word_df: Mapping[str, int], documents: int
) -> tuple[str, Frame]:
    """Map: one document's frame, from its counts and the run's document frequencies."""
    return fp[2], frame_of(fp[5], fp[6], df, word_df, documents)


def story_pairs(fp: Fingerprint) -> list[tuple[str, str]]:
    """Map: (entity, document) for each entity of the story fingerprint (shuffled by entity)."""
    return [(name, fp[2]) for name in set(fp[3])]


def duplicate_buckets(fp: Fingerprint) -> list[tuple[int, Bucketed]]:
    """Map: the document in the buckets of its smallest shingle hashes (shuffled by hash)."""
    return buckets_of(fp[0], fp[2], fp[4])


def duplicate_pairs(group: tuple[int, list[tuple[int, Bucketed]]]) -> list[DuplicatePair]:
    """Reduce per bucket."""
    return bucket_pairs(member for _, member in group[1])


def edges_of(group: tuple[str, list[tuple[str, str]]], limit: int) -> list[tuple[str, str]]:
    """Reduce per entity."""
    return story_edges((doc for _, doc in group[1]), limit)


def keyed_records(
    role: int,
    index: int,
    article: Article,
    story: str,
    copies: Mapping[str, str],
    fixed: Mapping[str, str],
    frame: Frame,
    events: Mapping[str, str],
) -> Iterator[tuple[tuple, Tagged]]:
    """Map: the article's records (`emit`), each with what its group's reduce needs to know about
    its statement and document, keyed by blocking key."""
    origins = article_origins(article, fixed, copies)
    event = events.get(article.document.id)
    backed: dict[str, bool] = {s.id: credited(s) for s in article.statements}
    here = position(role, index)
    for seq, r in enumerate(emit(article, story)):
        yield r.key, ((here, seq), r, origins.get(r.statement, ()), backed[r.statement], frame, event)


def relate_group(group: tuple[tuple, list[tuple[tuple, Tagged]]]) -> list[tuple[str, Located]]:
    """Reduce per blocking key: `relate` over the members in the order one process emits them."""
    tagged = sorted((t for _, t in group[1]), key=lambda t: t[0])
    members = [t[1] for t in tagged]
    origin_of = {t[1].statement: t[2] for t in tagged}
    backed = {t[1].statement: t[3] for t in tagged}
    # the event groups were clustered once over every frame: each group gets its members' labels
    events = {t[1].document: t[5] for t in tagged if t[5] is not None}
    frames = FrameCheck({t[1].document: t[4] for t in tagged}, events)
    first = tagged[0][0]
    return [
        (item.statement, ((first, i), item, origin_of[item.statement], backed[item.statement]))
        for i, item in enumerate(relate(members, origin_of, frames))
    ]


Request = tuple[str, tuple[str, str | float]]  # (statement asked, ("w", weight) or ("q", asker))
# A statement's evidence, ready to be weighed: (statement id, items in order, own origins, credited?, weight)
Weighed = tuple[str, list[Evidence], tuple[str, ...], bool, float]


def weigh_statement(group: tuple[str, list[tuple[str, Located]]], settings: CredibilitySettings) -> Weighed:
    """Reduce per statement: its evidence in the local order, and its weight (`support_weight`)."""
    located = sorted((x for _, x in group[1]), key=lambda x: x[0])
    items = [x[1] for x in located]
    own, backed = located[0][2], located[0][3]
    return group[0], items, own, backed, support_weight(backed, own, items, _credibility(settings))


def weight_requests(w: Weighed) -> list[Request]:
    """The join by statement, first half: each statement offers its weight and asks for the weights of
    the statements its contradictions name."""
    sid, items, _, _, weight = w
    asked = {o for item in items if item.relation == "contradicts" for o in item.others}
    return [(sid, ("w", weight)), *((o, ("q", sid)) for o in sorted(asked))]


def answer_requests(
    group: tuple[str, list[tuple[str, tuple[str, str | float]]]],
) -> list[tuple[str, tuple[str, float]]]:
    """Reduce per asked statement: its weight (0 when nothing backs it) to each statement that asked."""
    tagged = [t for _, t in group[1]]
    weight = next((float(v) for tag, v in tagged if tag == "w"), 0.0)
    return [(str(v), (group[0], weight)) for tag, v in tagged if tag == "q"]


def outvote_statement(w: Weighed, answers: Iterable[tuple[str, float]]) -> tuple[str, tuple[str, list[Evidence]]]:
    """The join's second half: `outvote_items` with the answers; keyed by document for the last join."""
    sid, items, _, _, weight = w
    return document_of(sid), (sid, outvote_items(items, weight, dict(answers)))


def judge_document(
    article: Article,
    found: Mapping[str, list[Evidence]],
    copies: Mapping[str, str],
    fixed: Mapping[str, str],
    settings: CredibilitySettings,
    paths: Mapping[str, str] | None = None,
) -> Article:
    """Reduce per document: every statement judged (`judge_article`), with the article's own origins."""
    origins = article_origins(article, fixed, copies)
    return judge_article(article, origins, found, _credibility(settings), paths)


_CREDIBILITY: dict[str, Callable[[str], float]] = {}


def _credibility(settings: CredibilitySettings) -> Callable[[str], float]:
    """`origin_credibility`, built once per process and settings (each task receives its own copy)."""
    key = repr(settings)
    if key not in _CREDIBILITY:
        _CREDIBILITY[key] = origin_credibility(settings)
    return _CREDIBILITY[key]
