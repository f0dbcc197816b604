"""The fetch stage of the pipeline: which URLs to fetch, with what cache, and what came back.

The network itself lives in `citecheck.fetch.client`; this module only decides what to ask it for and
turns the answers into evidence (fetched pages, read like any input) and citation checks.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

import attrs
from attrs import field, frozen

from citecheck.corroborate.origins import reference_origin
from citecheck.credibility.sources import domain_of
from citecheck.errors import InputError
from citecheck.fetch.result import FetchResult
from citecheck.model import Article, Document, Problem
from citecheck.verify.citations import cited_urls, page_document

if TYPE_CHECKING:  # httpx loads only when something is fetched
    from citecheck.fetch.client import FetchPolicy

LOG = logging.getLogger("citecheck")

__all__ = [
    "FetchOptions",
    "Fetcher",
    "FetchStage",
    "default_cache_dir",
    "fetch_input",
    "fetch_stage",
    "make_fetcher",
    "unfinished",
]

Fetcher = Callable[[list[str]], Mapping[str, FetchResult]]


class PolicyOverrides(TypedDict, total=False):
    """The FetchPolicy fields a configuration may set ([fetch] in citecheck.toml)."""

    read_timeout: float
    deadline: float
    retries: int
    max_bytes: int
    concurrency: int
    per_host: int
    user_agent: str
    max_total_time: float


@frozen
class FetchOptions:
    enabled: bool = False
    offline: bool = False  # serve only from the cache; open no socket
    cache_dir: str | None = None
    use_cache: bool = True
    strict: bool = False  # "could not verify" counts as an error
    policy: PolicyOverrides = field(factory=PolicyOverrides)  # FetchPolicy fields from config
    stop: Callable[[], bool] | None = field(default=None, eq=False)  # the caller's "interrupted" flag


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "citecheck"


def open_file_limit() -> int | None:
    """The soft RLIMIT_NOFILE, or None when unlimited or unknown (not POSIX)."""
    try:
        import resource
    except ImportError:
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return None if soft == resource.RLIM_INFINITY else int(soft)


def fit_to_open_files(policy: FetchPolicy, limit: int | None) -> tuple[FetchPolicy, str | None]:
    """Each request in flight holds a socket, and the cache, the inputs and the interpreter hold
    more: with a low open-file limit, fewer requests at once instead of a storm of EMFILE errors
    (reliability.md D14). An eighth of the limit is left to the fetcher."""
    if limit is None:
        return policy, None
    room = max(1, limit // 8)
    current = policy.concurrency
    if current <= room:
        return policy, None
    fitted = attrs.evolve(policy, concurrency=room, per_host=min(policy.per_host, room))
    return fitted, f"open-file limit is {limit}: fetching {room} URLs at a time instead of {current}"


def make_fetcher(options: FetchOptions, progress: Callable[[str, int, int], None] | None = None) -> Fetcher:
    """A fetcher under the configured policy and cache. Cache warnings go to the "citecheck" logger;
    `progress(stage, done, total)` hears of each URL fetched."""
    from citecheck.fetch.client import FetchPolicy, UrlCache, fetch_all

    policy, message = fit_to_open_files(FetchPolicy(**options.policy), open_file_limit())
    if message:
        LOG.warning(message)
    cache = UrlCache.open(options.cache_dir or default_cache_dir()) if options.use_cache else None
    for message in cache.warnings if cache else ():
        LOG.warning(message)

    def fetcher(urls: list[str]) -> Mapping[str, FetchResult]:
        tick = (lambda done, total: progress("fetching", done, total)) if progress else None
        results = fetch_all(urls, policy=policy, cache=cache, offline=options.offline, progress=tick, stop=options.stop)
        for message in cache.warnings if cache else ():
            LOG.warning(message)
        return results

    return fetcher


@frozen
class FetchStage:
    fetched: Mapping[str, FetchResult]
    pages: Mapping[str, Article]  # URL -> the page, analysed like any input
    origins: Mapping[str, str]  # page document id -> the origin it speaks for


def fetch_input(url: str, fetcher: Fetcher | None) -> Document:
    """An article given as a URL, fetched under the same policy as cited pages (reliability A13)."""
    if fetcher is None:
        raise InputError(url, "URL inputs are fetched only with --fetch", code="E_NETWORK_OFF")
    result = fetcher([url]).get(url)
    if result is None:
        raise InputError(url, "could not fetch: no result", code="E_FETCH")
    if result.status != "ok" or not result.text:
        raise InputError(url, f"could not fetch: {result.reason_code} {result.detail}".strip(), code=result.reason_code)
    doc = page_document(url, result.text, result.content_type)
    return attrs.evolve(doc, id=doc.id.removeprefix("page-"))


def unfinished(stage: FetchStage) -> list[Problem]:
    """URLs the run's budget or an interruption left unchecked make the run incomplete (exit 3)."""
    late = sorted(url for url, r in stage.fetched.items() if r.reason_code == "NOT_CHECKED")
    if not late:
        return []
    why = stage.fetched[late[0]].detail
    return [Problem("fetch", "E_BUDGET", f"{len(late)} cited URL{'s' * (len(late) != 1)} not checked: {why}")]


def fetch_stage(
    articles: Iterable[Article], fetcher: Fetcher, analyse: Callable[[Document], Article | None]
) -> FetchStage:
    articles = list(articles)
    urls = cited_urls(articles)
    fetched = dict(fetcher(urls)) if urls else {}
    by_url = {r.url: r for a in articles for r in a.references if r.url}
    pages: dict[str, Article] = {}
    origins: dict[str, str] = {}
    for url, result in sorted(fetched.items()):
        if result.status != "ok" or not result.text:
            continue
        page = analyse(page_document(url, result.text, result.content_type))
        if page is not None:
            pages[url] = page
            ref = by_url.get(url)
            origins[page.document.id] = (reference_origin(ref) if ref else None) or domain_of(url) or url
    return FetchStage(fetched, pages, origins)
