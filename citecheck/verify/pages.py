"""The fetch stage of the pipeline: which URLs to fetch, with what cache, and what came back.

The network itself lives in `citecheck.fetch.client`; this module only decides what to ask it for and
turns the answers into evidence (fetched pages, read like any input) and citation checks.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

import attrs
from attrs import field, frozen

from citecheck.fetch.result import FetchResult
from citecheck.model import Article, Document

__all__ = ["FetchOptions", "Fetcher", "make_fetcher", "default_cache_dir", "FetchStage", "fetch_stage"]

P = TypeVar("P")
Fetcher = Callable[[list[str]], Mapping[str, FetchResult]]


@frozen
class FetchOptions:
    enabled: bool = False
    offline: bool = False  # serve only from the cache; open no socket
    cache_dir: str | None = None
    use_cache: bool = True
    strict: bool = False  # "could not verify" counts as an error
    policy: Mapping[str, object] = field(factory=dict)  # FetchPolicy fields from config
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


def fit_to_open_files(policy: P, limit: int | None) -> tuple[P, str | None]:
    """Each request in flight holds a socket, and the cache, the inputs and the interpreter hold
    more: with a low open-file limit, fewer requests at once instead of a storm of EMFILE errors
    (reliability.md D14). An eighth of the limit is left to the fetcher."""
    if limit is None:
        return policy, None
    room = max(1, limit // 8)
    current = policy.concurrency  # type: ignore[attr-defined]
    if current <= room:
        return policy, None
    fitted = attrs.evolve(policy, concurrency=room, per_host=min(policy.per_host, room))  # type: ignore[attr-defined]
    return fitted, f"open-file limit is {limit}: fetching {room} URLs at a time instead of {current}"


def make_fetcher(options: FetchOptions, warn: Callable[[str], None] = lambda m: print(m, file=sys.stderr)) -> Fetcher:
    from citecheck.fetch.client import FetchPolicy, UrlCache, fetch_all

    policy = FetchPolicy(**options.policy)  # type: ignore[arg-type]
    policy, message = fit_to_open_files(policy, open_file_limit())
    if message:
        warn(f"citecheck: warning: {message}")
    cache = UrlCache.open(options.cache_dir or default_cache_dir()) if options.use_cache else None
    for message in cache.warnings if cache else ():
        warn(f"citecheck: warning: {message}")

    def fetcher(urls: list[str]) -> Mapping[str, FetchResult]:
        results = fetch_all(
            urls,
            policy=policy,
            cache=cache,
            offline=options.offline,
            progress=sys.stderr.isatty(),
            stop=options.stop,
        )
        for message in cache.warnings if cache else ():
            warn(f"citecheck: warning: {message}")
        return results

    return fetcher


@frozen
class FetchStage:
    fetched: Mapping[str, FetchResult]
    pages: Mapping[str, Article]  # URL -> the page, analysed like any input
    origins: Mapping[str, str]  # page document id -> the origin it speaks for


def fetch_stage(
    articles: Iterable[Article], fetcher: Fetcher, analyse: Callable[[Document], Article | None]
) -> FetchStage:
    from citecheck.corroborate.origins import reference_origin
    from citecheck.credibility.sources import domain_of
    from citecheck.verify.citations import cited_urls, page_document

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
