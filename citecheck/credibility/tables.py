"""The shipped source tables and the keys they are looked up by.

This module owns loading the data in ``citecheck/data/``: ``domain_ratings.csv`` (Lin et al. 2023,
derived by ``scripts/build_domain_ratings.py``; see ``data/SOURCES.md``) and ``outlets.csv`` (outlet
names as they appear in prose -> domain and kind, written for citecheck). Both load lazily on first
use and are cached; user outlets and credibility overrides from config are merged in by
`load_priors`. It also owns the keys the tables use: `name_key` for outlet names and aliases,
`clean_host` and `split_url` for domains. What the tables mean for a source's credibility is
`citecheck.credibility.sources`' business.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from urllib.parse import unquote, urlsplit

from attrs import field, frozen

from citecheck.datafiles import DATA_DIR
from citecheck.errors import ConfigError

__all__ = ["KINDS", "OutletInfo", "Priors", "load_priors"]

KINDS = ("wire", "news", "trade", "vendor", "government", "law", "blog", "corporate", "anonymous", "unknown")
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


def load_priors(
    overrides: Mapping[str, float] | None = None,
    extra_outlets: Mapping[str, Mapping[str, str]] | None = None,
) -> Priors:
    """The shipped priors, plus outlets and credibility overrides from user config (which win).

    `extra_outlets` maps a name to ``{"domain": "a.example|b.example", "kind": "news", "aliases":
    "A|Alpha", "umbrella": "", "note": ""}`` (all optional; kind defaults to news). Raises
    `ConfigError` on a bad kind, domain or credibility.
    """
    base = default_priors()
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
def default_priors() -> Priors:
    outlets: dict[str, OutletInfo] = {}
    by_domain: dict[str, OutletInfo] = {}
    for info in _read_outlets():
        _add_outlet(info, outlets, by_domain, replace=False)
    return Priors(_read_ratings(), MappingProxyType(outlets), _EMPTY, MappingProxyType(by_domain))


_DATA = DATA_DIR


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
    old = outlets.get(name_key(info.name))
    if replace and old is not None:  # a user outlet replaces a shipped one under every spelling
        for table in (outlets, by_domain):
            table.update({key: info for key, value in table.items() if value is old})
    for table, keys in ((outlets, map(name_key, (info.name, *info.aliases))), (by_domain, info.domains)):
        for key in keys:
            if replace or key not in table:
                table[key] = info


def _outlet_from_config(name: str, spec: Mapping[str, object]) -> OutletInfo:
    unknown = sorted(set(spec) - {"domain", "kind", "aliases", "umbrella", "note"})
    if unknown:
        raise ConfigError(f"outlet {name!r}: unknown keys {', '.join(unknown)}")
    kind, umbrella = str(spec.get("kind", "news")), str(spec.get("umbrella", ""))
    if kind not in KINDS or umbrella not in _UMBRELLAS:
        raise ConfigError(f"outlet {name!r}: kind must be one of {', '.join(KINDS)}; umbrella one of {_UMBRELLAS}")
    domains = tuple(clean_host(domain) or "" for domain in _as_list(spec.get("domain")))
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
    items = value.split("|") if isinstance(value, str) else list(value) if isinstance(value, Iterable) else [value]
    return [str(item).strip() for item in items if str(item).strip()]


def _normalise_overrides(overrides: Mapping[str, float], outlets: Mapping[str, OutletInfo]) -> dict[str, float]:
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
    url = split_url(key) if not any(ch.isspace() for ch in key) else None
    if url is not None and not url[1]:
        return url[0]
    name = name_key(key)
    return name_key(outlets[name].name) if name in outlets else name


# ---------------------------------------------------------------------------------------------- keys

EDGE = " \t\n\"'“”‘’`«».,;:!?()[]{}–—-•*"
POSSESSIVE = re.compile(r"['’]s?$")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")
_WWW = re.compile(r"^www\d*$")


_PUNCT = re.compile(r"[.,!]")
_DASHES = re.compile(r"[-‐–—_/]+")
_AND = re.compile(r"\band\b")


@functools.lru_cache(maxsize=8192)  # a run looks up the same outlet and source names again and again
def name_key(name: str) -> str:
    """A name as lookups compare it: case, "the", possessives, dots, hyphens and "and"/"&" folded."""
    text = POSSESSIVE.sub("", unicodedata.normalize("NFKC", name).strip(EDGE)).casefold()
    text = _PUNCT.sub("", text.replace("’", "'"))
    text = _AND.sub("&", _DASHES.sub(" ", text))
    return " ".join(text.split()).removeprefix("the ")


def clean_host(host: str) -> str | None:
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


def split_url(url: str) -> tuple[str, tuple[str, ...]] | None:
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
    host = clean_host(host) if host else None
    if host is None:
        return None
    return host, tuple(unquote(segment).lower() for segment in parts.path.split("/") if segment)
