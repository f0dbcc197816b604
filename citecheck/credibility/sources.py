"""Sources and their credibility priors: who a reference or an attribution points at, and how far to trust it.

This module owns resolving sources and rating them. The data it rates with, ``citecheck/data/``'s
``domain_ratings.csv`` (Lin et al. 2023) and ``outlets.csv``, is loaded lazily and cached by
`citecheck.credibility.tables`, whose `load_priors`, `KINDS`, `OutletInfo` and `Priors` are re-exported
here; nothing here touches the network.

A source's credibility is the first of these that applies:

1. a user override from config, by name or alias, by domain (a parent domain covers its
   subdomains), or ``kind:<kind>`` (which replaces that kind's prior, step 3);
2. the Lin et al. (2023) rating of its site (PNAS Nexus 2(9) pgad286; ``pc1``, 0..1), see
   `domain_of`: a rated parent stands for its subdomains (``uk.reuters.com`` gets reuters.com's
   1.0, not its own row's 0.596, which like most subdomain rows rests largely on imputed ratings);
   a subdomain's own row counts only when the outlet table lists it as an outlet
   (``asia.nikkei.com``) or it sits on an umbrella domain; a key with a path (``rfi.fr/en``) counts
   for URLs under that path;
3. the citecheck prior for its kind (table below);
4. none: ``credibility`` is ``None`` and the source is reported as CC402 unrated-source.

Kind priors sit on the Lin scale (median rated domain 0.58; a quarter of the domains fall below
``LOW_CREDIBILITY`` = 0.4, the default CC401 threshold; the 25 rated US ``.gov`` domains have a
median of 0.85):

    kind         prior  why
    government   0.80   primary source for its own rules, actions and statistics (a BIS rule in the
                        Federal Register *is* the rule); below the .gov median because it also speaks
                        for itself on contested effects, and covers governments with weaker records
    law          0.75   law-firm client alerts and legal databases: practitioners who quote the
                        primary text and have a reputation at stake; still secondary, partly marketing
    vendor       0.70   primary source for its own product's specifications; self-interested about
                        performance, market share and plans
    trade        0.60   specialist press, industry analysts and policy institutes, mostly unrated by
                        Lin et al.; about the median rated domain, standards vary
    corporate    0.50   press releases and company statements beyond own-product facts:
                        self-interested and unverified
    blog         0.35   self-published (newsletters, social posts, pages on a platform): no editorial
                        check; below the threshold so that CC401 asks the editor to look (trusted
                        authors: override in config)
    anonymous    0.30   cannot be checked or held to account; what weight it has comes from the
                        outlet relaying it
    wire, news   none   Lin et al. rate 11,515 news domains; an unrated outlet is what CC402 should
                        surface, not a guess
    unknown      none   nothing is known about it

A domain that hosts independent publishers (``umbrella`` in the outlet table: Substack, Medium,
social networks, ``gov.uk``) names each by its subdomain or first path segment
(``someone.substack.com``, ``x.com/someone``); the platform's own rating does not carry over to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from attrs import evolve

from citecheck.credibility.defaults import LOW_CREDIBILITY
from citecheck.credibility.tables import (
    EDGE,
    KINDS,
    POSSESSIVE,
    OutletInfo,
    Priors,
    default_priors,
    load_priors,
    name_key,
    split_url,
)
from citecheck.credibility.tables import clean_host as clean_host  # re-exported: the tables' domain key
from citecheck.model import Reference, Source

__all__ = [
    "KINDS",
    "KIND_PRIORS",
    "LOW_CREDIBILITY",
    "OutletInfo",
    "Priors",
    "domain_of",
    "is_low_credibility",
    "load_priors",
    "merge_sources",
    "source_for_name",
    "source_for_reference",
]

KIND_PRIORS: Mapping[str, float] = MappingProxyType(
    {
        "government": 0.8,
        "law": 0.75,
        "vendor": 0.7,
        "trade": 0.6,
        "corporate": 0.5,
        "blog": 0.35,
        "anonymous": 0.3,
    }
)
_KIND_REASONS = {
    "government": "primary source for its own rules, actions and statistics",
    "law": "legal analysis by practitioners quoting the primary texts",
    "vendor": "primary source for own product specifications",
    "trade": "specialist press or industry analysis; standards vary",
    "corporate": "self-interested company statement",
    "blog": "self-published, no editorial check",
    "anonymous": "cannot be checked or held to account",
}
LIN_2023 = "Lin et al. 2023 (PNAS Nexus 2(9) pgad286)"
_ATTRIBUTION_KINDS = ("named", "anonymous", "unnamed_expert", "document")


def is_low_credibility(source: Source, threshold: float = LOW_CREDIBILITY) -> bool:
    """True when the source is rated and rates below `threshold` (the CC401 test)."""
    return source.credibility is not None and source.credibility < threshold


# ---------------------------------------------------------------------------------------------- loading

# ---------------------------------------------------------------------------------------------- names

_PREFIXES = re.compile(
    r"^(?:according to|reporting by|reports? (?:by|from)|a report (?:by|from)|data from|"
    r"(?:a|an) (?:statement|spokes(?:person|man|woman)|official) (?:from|for|by|at)|a|an|the) "
)
_SUFFIXES = re.compile(
    r" (?:news agency|newspaper|news service|reporting|reporters?|reported|reports?|said|says|data|"
    r"analysis|review|website|spokes(?:person|man|woman)|officials?|statement|filings?|press release|"
    r"magazine|inc|llp|llc|ltd|corp|co)$"
)
_ANONYMOUS = re.compile(
    r"\b(?:anonymous|anonymity|unnamed|unidentified|(?:familiar|knowledge|briefed|acquainted) (?:with|on|of)|"
    r"close to the|not authori[sz]ed to|asked not to be|declined to be|insiders?)\b"
    r"|^(?:\w+ ){0,2}(?:sources?|people|insiders?)$",
    re.IGNORECASE,
)


def _display(name: str) -> str:
    return POSSESSIVE.sub("", " ".join(name.split()).strip(EDGE)).strip(EDGE)


def _find_outlet(name: str, priors: Priors) -> OutletInfo | None:
    """The outlet a prose name refers to, trimming "according to", "a ... report", "'s" and the like."""
    key = name_key(name)
    while key:
        if key in priors.outlets:
            return priors.outlets[key]
        shorter = name_key(_SUFFIXES.sub("", _PREFIXES.sub("", key)))
        if shorter == key:
            return None
        key = shorter
    return None


_COMMON_WORDS = frozenset(
    {
        *("fortune", "wired", "insider", "commerce", "congress", "senate", "treasury", "guardian"),
        *("information", "atlantic", "times", "register", "economist", "medium", "threads", "quartz"),
        *("sherwood", "amazon", "alphabet", "sputnik", "pentagon", "supreme"),
    }
)


def _scan_outlet(text: str, priors: Priors) -> OutletInfo | None:
    """The longest outlet name spelled out (case-sensitively) in free text, for references without URL."""
    tokens = re.findall(r"[A-Za-z0-9][\w&'’.-]*", text)
    for size in range(5, 0, -1):
        for start in range(len(tokens) - size + 1):
            words = _display(" ".join(tokens[start : start + size]))
            info = priors.outlets.get(name_key(words))
            if info is not None and _spelled(words, info, single=size == 1):
                return info
    return None


def _spelled(words: str, info: OutletInfo, *, single: bool) -> bool:
    acronym = words.isupper() and len(words) >= 2 and words != "RT"
    if single and not acronym and (len(words) < 5 or words.casefold() in _COMMON_WORDS):
        return False
    spellings = {spelling.removeprefix("The ") for spelling in (info.name, *info.aliases)}
    return words.removeprefix("The ").removeprefix("the ") in spellings


# ---------------------------------------------------------------------------------------------- domains

_GOVERNMENT = re.compile(r"\.(?:gov|mil|int)$|\.(?:gov|gob|gouv|govt|go|gv|mil|gc)\.[a-z]{2}$|(?:^|\.)europa\.eu$")
_ARCHIVES = frozenset({"web.archive.org", "archive.org", "archive.ph", "archive.today", "archive.is", "archive.md"})
_NO_OWNER = frozenset(  # first path segments that are pages of the platform, not a publisher
    {
        *("watch", "status", "search", "hashtag", "i", "home", "explore", "share", "intent", "login"),
        *("p", "posts", "shorts", "reel", "video", "videos", "photo", "events", "story.php", "permalink.php"),
    }
)
_TWO_LEVEL = frozenset(  # first path segments followed by the publisher's name
    {"r", "u", "user", "users", "in", "company", "c", "channel", "pages", "groups", "profile", "school"}
)


def _known_domain(host: str, priors: Priors) -> str:
    """The site `host` belongs to: an outlet domain (most specific first), else a rated parent
    (least specific first, so ``uk.reuters.com`` is ``reuters.com``), else `host` itself. Below an
    umbrella domain the site is the label just under it (``someone.substack.com``)."""
    labels = host.split(".")
    suffixes = [".".join(labels[i:]) for i in range(len(labels) - 1)]
    for i, suffix in enumerate(suffixes):
        outlet = priors.by_domain.get(suffix)
        if outlet is not None:
            return suffixes[i - 1] if i > 0 and outlet.umbrella in ("subdomain", "both") else suffix
    return next((suffix for suffix in reversed(suffixes) if suffix in priors.ratings), host)


def domain_of(url: str, *, priors: Priors | None = None) -> str | None:
    """The registrable-ish domain of a URL or bare host name, None when it has none.

    Strips scheme, userinfo, port, trailing dot and ``www.``; lower-cases; IDNs become punycode.
    A subdomain maps to an outlet domain of the outlet table (``asia.nikkei.com`` is Nikkei Asia,
    ``news.samsung.com`` is ``samsung.com``), else to its rated parent (``uk.reuters.com`` ->
    ``reuters.com``); other hosts are kept whole. IPs, ``localhost``, ``mailto:`` etc. give None.
    """
    parts = split_url(url)
    return None if parts is None else _known_domain(parts[0], priors or default_priors())


def _outlet_for_domain(domain: str, priors: Priors) -> OutletInfo | None:
    labels = domain.split(".")
    for i in range(len(labels) - 1):
        outlet = priors.by_domain.get(".".join(labels[i:]))
        if outlet is not None:
            return outlet
    return None


def _rating(domain: str, path: tuple[str, ...], priors: Priors, *, own: bool = False) -> tuple[str, float] | None:
    """The most specific Lin et al. key for a domain and path: domain/a/b, domain/a, domain, parents."""
    for size in (2, 1):
        key = "/".join((domain, *path[:size]))
        if len(path) >= size and key in priors.ratings:
            return key, priors.ratings[key]
    labels = domain.split(".")
    for i in range(1 if own else len(labels) - 1):
        key = ".".join(labels[i:])
        if key in priors.ratings:
            return key, priors.ratings[key]
    return None


def _umbrella_owner(outlet: OutletInfo, domain: str, path: tuple[str, ...]) -> str | None:
    """The publisher a page on an umbrella domain belongs to, e.g. ``x.com/someone``."""
    if outlet.umbrella in ("subdomain", "both") and domain not in outlet.domains:
        return domain
    if outlet.umbrella in ("path", "both") and path and path[0] not in _NO_OWNER:
        size = 2 if path[0] in _TWO_LEVEL and len(path) > 1 else 1
        return "/".join((outlet.domain or domain, *path[:size]))
    return None


def _embedded_url(url: str) -> str | None:
    match = re.search(r"/(https?:/+.+)$", url) or re.search(r"/web/[^/]+/(.+\..+)$", url)
    return match.group(1) if match else None


# ---------------------------------------------------------------------------------------------- sources


def source_for_reference(ref: Reference, priors: Priors, *, cited_by: Iterable[str] = ()) -> Source:
    """The source behind a reference entry: its URL's domain, else its publisher, else its text."""
    source = _url_source(ref.url, ref.publisher, priors) if ref.url else None
    if ref.publisher and (source is None or source.credibility is None):
        # an unrated domain says less than the publisher's name, which the outlet table or the user may rate
        named = source_for_name(ref.publisher, priors)
        if source is None or named.credibility is not None or source.kind == "unknown":
            source = evolve(named, domain=named.domain or (source.domain if source else None))
    if source is None:
        outlet = _scan_outlet(ref.text, priors)
        source = _outlet_source(outlet, priors) if outlet else None
    if source is None:
        name = _display(ref.text)[:80] or f"reference {ref.key}"
        source = _source(name, "unknown", None, None, priors, note="the reference gives no URL or publisher")
    return evolve(source, cited_by=tuple(sorted(set(cited_by))))


def source_for_name(name: str, priors: Priors, *, kind_hint: str | None = None, cited_by: Iterable[str] = ()) -> Source:
    """The source a prose attribution names ("Reuters", "CNBC's", "people familiar with the matter").

    `kind_hint` is an attribution kind (``named``, ``anonymous``, ``unnamed_expert``, ``document``)
    or a source kind used when the name is not a known outlet (``vendor`` for "Acme said").
    """
    if kind_hint is not None and kind_hint not in KINDS and kind_hint not in _ATTRIBUTION_KINDS:
        raise ValueError(f"kind_hint must be a source or attribution kind, got {kind_hint!r}")
    text = " ".join(name.split())
    outlet = _find_outlet(text, priors) if text else None
    if kind_hint in ("anonymous", "unnamed_expert") or not text or (outlet is None and _ANONYMOUS.search(text)):
        source = _anonymous_source(text, outlet, kind_hint, priors)
    elif outlet is not None:
        source = _outlet_source(outlet, priors)
    else:
        as_url = _url_source(text, None, priors) if " " not in text and "." in text else None
        kind = kind_hint if kind_hint in KINDS else "unknown"
        if as_url is not None and (as_url.kind != "unknown" or kind == "unknown"):
            source = as_url
        elif as_url is not None:
            source = _source(as_url.name, kind, as_url.domain, None, priors)
        else:
            source = _source(_display(text), kind, None, None, priors)
    return evolve(source, cited_by=tuple(sorted(set(cited_by))))


def _anonymous_source(text: str, outlet: OutletInfo | None, hint: str | None, priors: Priors) -> Source:
    if outlet is not None:
        name = f"anonymous sources cited by {outlet.name}"
    else:
        name = _display(text).lower() or "anonymous source"
    note = "unnamed expert" if hint == "unnamed_expert" else ""
    return _source(name, "anonymous", None, None, priors, note=note)


def _outlet_source(outlet: OutletInfo, priors: Priors) -> Source:
    rating = _rating(outlet.domain, (), priors) if outlet.domain else None
    return _source(outlet.name, outlet.kind, outlet.domain, rating, priors, note=outlet.note)


def _url_source(url: str, publisher: str | None, priors: Priors) -> Source | None:
    parts = split_url(url)
    if parts is None:
        return None
    host, path = parts
    embedded = _embedded_url(url) if host in _ARCHIVES else None
    if embedded and split_url(embedded):
        return _url_source(embedded, publisher, priors)
    domain = _known_domain(host, priors)
    outlet = _outlet_for_domain(domain, priors)
    owner = _umbrella_owner(outlet, domain, path) if outlet and outlet.umbrella else None
    if outlet and owner:
        rating = _rating(domain, path, priors, own=True)
        note = f"{owner} is hosted on {outlet.domain} ({outlet.name}), whose own rating does not carry over"
        return _source(owner, outlet.kind, domain, rating, priors, note="" if rating else note)
    rating = _rating(domain, path, priors)
    if outlet:
        return _source(outlet.name, outlet.kind, domain, rating, priors, note=outlet.note)
    named = _find_outlet(publisher, priors) if publisher and rating is None else None
    if named is not None:
        source = _outlet_source(named, priors)
        return evolve(source, basis=f"{source.basis}; named as publisher of a page on {domain}")
    kind = "government" if _GOVERNMENT.search(domain) else "news" if rating else "unknown"
    return _source(domain, kind, domain, rating, priors)


def _source(
    name: str,
    kind: str,
    domain: str | None,
    rating: tuple[str, float] | None,
    priors: Priors,
    *,
    note: str = "",
) -> Source:
    credibility, basis = _credibility(name, kind, domain, rating, priors)
    basis = f"{basis}; {note}" if note else basis
    return Source(name=name, kind=kind, credibility=credibility, basis=basis, domain=domain)


def _credibility(
    name: str, kind: str, domain: str | None, rating: tuple[str, float] | None, priors: Priors
) -> tuple[float | None, str]:
    """(credibility, basis) by the precedence in the module docstring."""
    overrides = priors.overrides
    labels = domain.split(".") if domain else []
    # without overrides (most runs) there is nothing to look up: the name's key need not be worked out
    candidates = [name_key(name)] + [".".join(labels[i:]) for i in range(len(labels) - 1)] if overrides else []
    for key in candidates:
        if key in overrides:
            return overrides[key], f"user override in config for {key if '.' in key else name}"
    if rating is not None:
        key, value = rating
        return value, f"{LIN_2023} domain rating for {key}: pc1 {value:.3f}"
    if f"kind:{kind}" in overrides:
        return overrides[f"kind:{kind}"], f"user override in config for kind {kind}"
    if kind in KIND_PRIORS:
        return KIND_PRIORS[kind], f"citecheck kind prior for {kind} ({_KIND_REASONS[kind]})"
    return None, f"unrated: {domain or name} is not in {LIN_2023} and kind {kind} has no citecheck prior"


def merge_sources(sources: Iterable[Source]) -> tuple[Source, ...]:
    """One Source per name (case-insensitive), `cited_by` unioned, sorted by name; order-independent.

    When the same name comes with different ratings, the rated, known-kind, domain-bearing one wins,
    ties broken by basis text, so the result does not depend on input order.
    """
    groups: dict[str, list[Source]] = {}
    for source in sources:
        groups.setdefault(source.name.casefold(), []).append(source)
    merged = []
    for group in groups.values():
        best = min(group, key=_preference)
        cited = tuple(sorted({document for source in group for document in source.cited_by}))
        merged.append(evolve(best, cited_by=cited))
    return tuple(sorted(merged, key=lambda source: (source.name.casefold(), source.name)))


def _preference(source: Source) -> tuple:
    credibility = -1.0 if source.credibility is None else source.credibility
    return (
        source.credibility is None,
        source.kind == "unknown",
        source.domain is None,
        source.basis,
        -credibility,
        source.domain or "",
        source.kind,
        source.name,
    )
