"""Sources and their credibility priors: who a reference or an attribution points at, and how far to trust it.

This module owns the data in ``citecheck/data/``: ``domain_ratings.csv`` (Lin et al. 2023, derived by
``scripts/build_domain_ratings.py``; see ``data/SOURCES.md``) and ``outlets.csv`` (outlet names as
they appear in prose -> domain and kind, written for citecheck). Both load lazily on first use and
are cached; nothing here touches the network.

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

import csv
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from urllib.parse import unquote, urlsplit

from attrs import evolve, field, frozen

from .errors import ConfigError
from .model import Reference, Source

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

KINDS = ("wire", "news", "trade", "vendor", "government", "law", "blog", "corporate", "anonymous", "unknown")
LOW_CREDIBILITY = 0.4
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
_UMBRELLAS = ("", "subdomain", "path", "both")
_EMPTY: Mapping = MappingProxyType({})


@frozen
class OutletInfo:
    """One row of the outlet table: canonical name, canonical domain, kind, and how to match it."""

    name: str
    domain: str | None
    kind: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()  # every domain of the outlet, canonical first
    umbrella: str = ""  # "", "subdomain", "path" or "both": see the module docstring
    note: str = ""


def _count(mapping: Mapping) -> str:
    return f"<{len(mapping)} entries>"


@frozen(eq=False)
class Priors:
    """Everything credibility needs, read-only; compares by identity. Build it with `load_priors`."""

    ratings: Mapping[str, float] = field(repr=_count)  # Lin et al. key (domain or domain/path) -> pc1
    outlets: Mapping[str, OutletInfo] = field(repr=_count)  # normalised name or alias -> outlet
    overrides: Mapping[str, float] = _EMPTY  # normalised name, domain or "kind:<kind>" -> credibility
    by_domain: Mapping[str, OutletInfo] = field(default=_EMPTY, repr=_count)  # outlet domain -> outlet


def is_low_credibility(source: Source, threshold: float = LOW_CREDIBILITY) -> bool:
    """True when the source is rated and rates below `threshold` (the CC401 test)."""
    return source.credibility is not None and source.credibility < threshold


# ---------------------------------------------------------------------------------------------- loading


def load_priors(
    overrides: Mapping[str, float] | None = None,
    extra_outlets: Mapping[str, Mapping[str, str]] | None = None,
) -> Priors:
    """The shipped priors, plus outlets and credibility overrides from user config (which win).

    `extra_outlets` maps a name to ``{"domain": "a.example|b.example", "kind": "news", "aliases":
    "A|Alpha", "umbrella": "", "note": ""}`` (all optional; kind defaults to news). Raises
    `ConfigError` on a bad kind, domain or credibility.
    """
    base = _default_priors()
    if not overrides and not extra_outlets:
        return base
    outlets, by_domain = dict(base.outlets), dict(base.by_domain)
    for name, spec in (extra_outlets or {}).items():
        _add_outlet(_outlet_from_config(name, spec), outlets, by_domain, replace=True)
    return Priors(
        ratings=base.ratings,
        outlets=MappingProxyType(outlets),
        overrides=MappingProxyType(_normalise_overrides(overrides or {}, outlets)),
        by_domain=MappingProxyType(by_domain),
    )


@functools.cache
def _default_priors() -> Priors:
    outlets: dict[str, OutletInfo] = {}
    by_domain: dict[str, OutletInfo] = {}
    for info in _read_outlets():
        _add_outlet(info, outlets, by_domain, replace=False)
    return Priors(_read_ratings(), MappingProxyType(outlets), _EMPTY, MappingProxyType(by_domain))


_DATA = Path(__file__).with_name("data")  # a plain directory: importlib.resources costs ~20 ms to import


def _data_text(name: str) -> str:
    return (_DATA / name).read_text(encoding="utf-8")


def _read_ratings() -> Mapping[str, float]:
    text = _data_text("domain_ratings.csv")
    body = text[text.index("\ndomain,pc1\n") + len("\ndomain,pc1\n") :]  # after the # header lines
    fields = body.replace(",", "\n").split()
    return MappingProxyType(dict(zip(fields[::2], map(float, fields[1::2]))))


def _read_outlets() -> list[OutletInfo]:
    lines = [line for line in _data_text("outlets.csv").splitlines() if line and not line.startswith("#")]
    return [_outlet_row(row) for row in csv.DictReader(lines)]


def _outlet_row(row: Mapping[str, str]) -> OutletInfo:
    domains = tuple(row["domain"].split("|")) if row["domain"] else ()
    return OutletInfo(
        name=row["name"],
        domain=domains[0] if domains else None,
        kind=row["kind"],
        aliases=tuple(alias for alias in row["aliases"].split("|") if alias),
        domains=domains,
        umbrella=row["umbrella"],
        note=row["note"],
    )


def _add_outlet(
    info: OutletInfo, outlets: dict[str, OutletInfo], by_domain: dict[str, OutletInfo], *, replace: bool
) -> None:
    old = outlets.get(_name_key(info.name))
    if replace and old is not None:  # a user outlet replaces a shipped one under every spelling
        for table in (outlets, by_domain):
            table.update({key: info for key, value in table.items() if value is old})
    for table, keys in ((outlets, map(_name_key, (info.name, *info.aliases))), (by_domain, info.domains)):
        for key in keys:
            if replace or key not in table:
                table[key] = info


def _outlet_from_config(name: str, spec: Mapping[str, object]) -> OutletInfo:
    unknown = sorted(set(spec) - {"domain", "kind", "aliases", "umbrella", "note"})
    if unknown:
        raise ConfigError(f"outlet {name!r}: unknown keys {', '.join(unknown)}")
    kind, umbrella = str(spec.get("kind", "news")), str(spec.get("umbrella", ""))
    if kind not in KINDS or umbrella not in _UMBRELLAS:
        raise ConfigError(
            f"outlet {name!r}: kind must be one of {', '.join(KINDS)}; umbrella one of {_UMBRELLAS}"
        )
    domains = tuple(_clean_host(domain) or "" for domain in _as_list(spec.get("domain")))
    if "" in domains:
        raise ConfigError(f"outlet {name!r}: not a domain name in {spec.get('domain')!r}")
    return OutletInfo(
        name=name,
        domain=domains[0] if domains else None,
        kind=kind,
        aliases=tuple(_as_list(spec.get("aliases"))),
        domains=domains,
        umbrella=umbrella,
        note=str(spec.get("note", "")),
    )


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    items = (
        value.split("|")
        if isinstance(value, str)
        else list(value)
        if isinstance(value, Iterable)
        else [value]
    )
    return [str(item).strip() for item in items if str(item).strip()]


def _normalise_overrides(
    overrides: Mapping[str, float], outlets: Mapping[str, OutletInfo]
) -> dict[str, float]:
    normalised = {}
    for key, value in overrides.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise ConfigError(f"credibility override for {key!r} must be a number from 0 to 1, got {value!r}")
        normalised[_override_key(str(key), outlets)] = float(value)
    return normalised


def _override_key(key: str, outlets: Mapping[str, OutletInfo]) -> str:
    if key.startswith("kind:"):
        if key[5:] not in KINDS:
            raise ConfigError(f"credibility override {key!r}: kind must be one of {', '.join(KINDS)}")
        return key
    url = _split_url(key) if not any(ch.isspace() for ch in key) else None
    if url is not None and not url[1]:
        return url[0]
    name = _name_key(key)
    return _name_key(outlets[name].name) if name in outlets else name


# ---------------------------------------------------------------------------------------------- names

_EDGE = " \t\n\"'“”‘’`«».,;:!?()[]{}–—-•*"
_POSSESSIVE = re.compile(r"['’]s?$")
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


def _name_key(name: str) -> str:
    """A name as lookups compare it: case, "the", possessives, dots, hyphens and "and"/"&" folded."""
    text = _POSSESSIVE.sub("", unicodedata.normalize("NFKC", name).strip(_EDGE)).casefold()
    text = re.sub(r"[.,!]", "", text.replace("’", "'"))
    text = re.sub(r"\band\b", "&", re.sub(r"[-‐–—_/]+", " ", text))
    return " ".join(text.split()).removeprefix("the ")


def _display(name: str) -> str:
    return _POSSESSIVE.sub("", " ".join(name.split()).strip(_EDGE)).strip(_EDGE)


def _find_outlet(name: str, priors: Priors) -> OutletInfo | None:
    """The outlet a prose name refers to, trimming "according to", "a ... report", "'s" and the like."""
    key = _name_key(name)
    while key:
        if key in priors.outlets:
            return priors.outlets[key]
        shorter = _name_key(_SUFFIXES.sub("", _PREFIXES.sub("", key)))
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
            info = priors.outlets.get(_name_key(words))
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

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")
_WWW = re.compile(r"^www\d*$")
_GOVERNMENT = re.compile(
    r"\.(?:gov|mil|int)$|\.(?:gov|gob|gouv|govt|go|gv|mil|gc)\.[a-z]{2}$|(?:^|\.)europa\.eu$"
)
_ARCHIVES = frozenset(
    {"web.archive.org", "archive.org", "archive.ph", "archive.today", "archive.is", "archive.md"}
)
_NO_OWNER = frozenset(  # first path segments that are pages of the platform, not a publisher
    {
        *("watch", "status", "search", "hashtag", "i", "home", "explore", "share", "intent", "login"),
        *("p", "posts", "shorts", "reel", "video", "videos", "photo", "events", "story.php", "permalink.php"),
    }
)
_TWO_LEVEL = frozenset(  # first path segments followed by the publisher's name
    {"r", "u", "user", "users", "in", "company", "c", "channel", "pages", "groups", "profile", "school"}
)


def _clean_host(host: str) -> str | None:
    """Lower-case ASCII (punycode) host without trailing dot or ``www.``; None if not a domain name."""
    host = host.strip().rstrip(".").lower()
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return None
    tld = labels[-1]
    if not ((tld.isalpha() and len(tld) >= 2) or tld.startswith("xn--")):
        return None  # IPv4 addresses and nonsense
    if _WWW.match(labels[0]) and len(labels) > 2:
        labels = labels[1:]
    return ".".join(labels)


def _split_url(url: str) -> tuple[str, tuple[str, ...]] | None:
    """(clean host, lower-cased path segments) of a URL or bare domain, None when there is no host."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    scheme = _SCHEME.match(text)
    if scheme and text[scheme.end() : scheme.end() + 2] == "//":
        if scheme.group(1).lower() == "file":
            return None
    elif scheme and not text[scheme.end() : scheme.end() + 1].isdigit():
        return None  # mailto:, javascript:, data:, urn:
    elif not text.startswith("//"):
        text = "//" + text
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return None
    host = _clean_host(host) if host else None
    if host is None:
        return None
    return host, tuple(unquote(segment).lower() for segment in parts.path.split("/") if segment)


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
    parts = _split_url(url)
    return None if parts is None else _known_domain(parts[0], priors or _default_priors())


def _outlet_for_domain(domain: str, priors: Priors) -> OutletInfo | None:
    labels = domain.split(".")
    for i in range(len(labels) - 1):
        outlet = priors.by_domain.get(".".join(labels[i:]))
        if outlet is not None:
            return outlet
    return None


def _rating(
    domain: str, path: tuple[str, ...], priors: Priors, *, own: bool = False
) -> tuple[str, float] | None:
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
    if source is None and ref.publisher:
        source = source_for_name(ref.publisher, priors)
    if source is None:
        outlet = _scan_outlet(ref.text, priors)
        source = _outlet_source(outlet, priors) if outlet else None
    if source is None:
        name = _display(ref.text)[:80] or f"reference {ref.key}"
        source = _source(name, "unknown", None, None, priors, note="the reference gives no URL or publisher")
    return evolve(source, cited_by=tuple(sorted(set(cited_by))))


def source_for_name(
    name: str, priors: Priors, *, kind_hint: str | None = None, cited_by: Iterable[str] = ()
) -> Source:
    """The source a prose attribution names ("Reuters", "CNBC's", "people familiar with the matter").

    `kind_hint` is an attribution kind (``named``, ``anonymous``, ``unnamed_expert``, ``document``)
    or a source kind used when the name is not a known outlet (``vendor`` for "Acme said").
    """
    if kind_hint is not None and kind_hint not in KINDS and kind_hint not in _ATTRIBUTION_KINDS:
        raise ValueError(f"kind_hint must be a source or attribution kind, got {kind_hint!r}")
    text = " ".join(name.split())
    outlet = _find_outlet(text, priors) if text else None
    if (
        kind_hint in ("anonymous", "unnamed_expert")
        or not text
        or (outlet is None and _ANONYMOUS.search(text))
    ):
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
    parts = _split_url(url)
    if parts is None:
        return None
    host, path = parts
    embedded = _embedded_url(url) if host in _ARCHIVES else None
    if embedded and _split_url(embedded):
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
    candidates = [_name_key(name)] + [".".join(labels[i:]) for i in range(len(labels) - 1)]
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
