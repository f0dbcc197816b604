"""The only module that touches the network: fetch cited URLs under the limits of reliability.md §5.

`fetch_all` fetches each unique URL once (after normalisation) and returns one `FetchResult` per input;
it never raises for a bad URL. Connections go through `netpolicy.GuardedBackend` (addresses vetted at
connect time); redirects are followed here and every hop is re-vetted; each attempt has an overall
deadline; bodies are read with `httpbody.read_body` under a cap on the decoded size; retries honour
`Retry-After` up to a cap. Outcomes and reason codes are listed in docs/fetching.md.
"""

from __future__ import annotations

import asyncio
import datetime
import email.utils
import errno
import inspect
import random
import ssl
import time
from collections.abc import Callable, Iterable
from typing import TypedDict, Unpack

import attrs
import httpx
from attrs import frozen

from citecheck.fetch.body import BodyTooLarge, UnsupportedEncoding, clean, decode_text, is_text_type, read_body
from citecheck.fetch.cache import UrlCache
from citecheck.fetch.policy import (
    DnsError,
    FetchPolicy,
    GuardedClient,
    PolicyViolation,
    Resolver,
    SystemResolver,
    redact,
    vet_url,
)
from citecheck.fetch.result import FetchResult, Status

__all__ = [
    "DnsError",
    "FetchPolicy",
    "FetchResult",
    "Resolver",
    "SystemResolver",
    "UrlCache",
    "fetch_all",
    "fetch_all_async",
]
DEFAULT_POLICY = FetchPolicy()

ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
DENIED_STATUSES = frozenset({401, 403, 407, 451})
CHALLENGE_MARKERS = (b"challenge-platform", b"cf-chl", b"cf_chl_opt", b"just a moment...", b"ddos-guard",
                     b"attention required! | cloudflare", b"captcha-delivery.com", b"px-captcha",
                     b"_incapsula_resource")  # fmt: skip


def fetch_all(
    urls: Iterable[str],
    *,
    policy: FetchPolicy = DEFAULT_POLICY,
    cache: UrlCache | None = None,
    offline: bool = False,
    resolver: Resolver | None = None,
    clock: Callable[[], float] = time.time,
    sleep: Callable[[float], object] = asyncio.sleep,
    progress: Callable[[int, int], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> dict[str, FetchResult]:
    """Fetch every URL once; map each input string to its result. Runs its own event loop."""
    return asyncio.run(
        fetch_all_async(
            urls,
            policy=policy,
            cache=cache,
            offline=offline,
            resolver=resolver,
            clock=clock,
            sleep=sleep,
            progress=progress,
            stop=stop,
        )
    )


async def fetch_all_async(
    urls: Iterable[str],
    *,
    policy: FetchPolicy = DEFAULT_POLICY,
    cache: UrlCache | None = None,
    offline: bool = False,
    resolver: Resolver | None = None,
    clock: Callable[[], float] = time.time,
    sleep: Callable[[float], object] = asyncio.sleep,
    progress: Callable[[int, int], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> dict[str, FetchResult]:
    """`fetch_all` for callers that already run an event loop. `offline=True` opens no socket."""
    inputs = list(dict.fromkeys(urls))
    refused: dict[str, FetchResult] = {}
    key_of: dict[str, str] = {}
    targets: dict[str, httpx.URL] = {}
    for raw in inputs:
        try:
            url = vet_url(raw, policy)
        except PolicyViolation as exc:
            refused[raw] = _Trail(redact(str(raw)), None).refused(exc)
            continue
        key_of[raw] = str(url)
        targets.setdefault(str(url), url)
    variant, done = policy.variant(), {}
    for key in targets:
        hit = cache.get(key, variant=variant) if cache is not None else None
        if hit is not None or offline:
            done[key] = hit or _Trail(key, None).result("unverifiable", "OFFLINE_MISS", "offline, not cached")
    todo = {key: url for key, url in targets.items() if key not in done}
    if todo:
        finished = 0
        headers = {"User-Agent": policy.user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}
        resolver = resolver or SystemResolver(policy.connect_timeout)
        async with GuardedClient(policy, resolver, headers) as client:
            fetcher = _Fetcher(policy, client, clock, sleep)

            budget = _Budget(policy.max_total_time, stop)

            async def one(key: str, url: httpx.URL) -> None:
                try:
                    async with asyncio.timeout(budget.left()):
                        done[key] = result = await fetcher.fetch(url)
                except (TimeoutError, asyncio.CancelledError):  # budget spent, or interrupted
                    done[key] = _Trail(key, None).result("unverifiable", "NOT_CHECKED", budget.why())
                    return  # never cached
                if cache is not None:
                    cache.put(result, variant=variant)
                nonlocal finished
                finished += 1
                if progress is not None:
                    progress(finished, len(todo))

            tasks = [asyncio.create_task(one(key, url)) for key, url in todo.items()]
            watcher = asyncio.create_task(budget.watch(tasks))
            await asyncio.gather(*tasks, return_exceptions=True)
            watcher.cancel()
    return {raw: refused[raw] if raw in refused else done[key_of[raw]] for raw in inputs}


class _Budget:
    """The whole-run budget and the caller's stop flag: when either ends the run, what is still
    waiting for a slot or in flight is cancelled and reported as not checked."""

    def __init__(self, seconds: float | None, stop: Callable[[], bool] | None) -> None:
        loop = asyncio.get_running_loop()
        self.seconds, self.stop = seconds, stop
        self.end = loop.time() + seconds if seconds is not None else None

    def left(self) -> float | None:
        return None if self.end is None else max(0.0, self.end - asyncio.get_running_loop().time())

    def why(self) -> str:
        if self.stop is not None and self.stop():
            return "not checked: the run was interrupted"
        return f"not checked: the run's time budget (--max-total-time {self.seconds:g} s) ran out"

    async def watch(self, tasks: list[asyncio.Task]) -> None:
        while self.stop is not None and not all(t.done() for t in tasks):
            if self.stop():
                for task in tasks:
                    task.cancel()
                return
            await asyncio.sleep(0.1)


@frozen
class _Outcome:
    result: FetchResult
    retry: bool = False
    wait: float | None = None  # a valid Retry-After, in seconds
    network_failure: bool = False
    responded: bool = False


class _ResultFields(TypedDict, total=False):
    """The optional FetchResult fields a _Trail passes through."""

    http_status: int | None
    content_type: str | None
    text: str | None
    address: str | None
    from_cache: bool


@attrs.define
class _Trail:
    """The hops of one attempt, kept outside the deadline so that failures can report the chain."""

    origin: str
    url: httpx.URL | None
    hops: list[str] = attrs.Factory(list)
    address: str | None = None

    def result(self, status: Status, code: str, detail: str = "", **kw: Unpack[_ResultFields]) -> FetchResult:
        kw.setdefault("address", self.address)
        final = self.hops[-1] if self.hops else redact(str(self.url)) if self.url is not None else self.origin
        hops = tuple(self.hops)
        return FetchResult(self.origin, final, status, code, redirects=hops, detail=clean(detail), **kw)

    def out(self, status: Status, code: str, detail: str, *, retry: bool = False, wait: float | None = None,
            network: bool = False, responded: bool = False, **kw: Unpack[_ResultFields]) -> _Outcome:  # fmt: skip
        result = self.result(status, code, detail, **kw)
        return _Outcome(result, retry=retry, wait=wait, network_failure=network, responded=responded)

    def refused(self, exc: PolicyViolation) -> FetchResult:
        status: Status = "broken" if exc.code == "BAD_URL" else "blocked"
        return self.result(status, exc.code, exc.message, address=exc.address or self.address)


class _TooManyRedirects(Exception):
    pass


class _Fetcher:
    """Per-run state: semaphores, per-host pacing and backoff, and the no-network circuit breaker."""

    def __init__(self, policy: FetchPolicy, client: GuardedClient, clock: Callable, sleep: Callable) -> None:
        self.policy, self.client, self.clock, self._sleep = policy, client, clock, sleep
        self.slots = asyncio.Semaphore(policy.concurrency)
        self.host_slots: dict[str, asyncio.Semaphore] = {}
        self.host_next: dict[str, float] = {}
        self.failures = 0

    async def sleep(self, seconds: float) -> None:
        pending = self._sleep(seconds)
        if inspect.isawaitable(pending):
            await pending

    async def fetch(self, url: httpx.URL) -> FetchResult:
        cap = self.policy.retry_after_cap
        for attempt in range(self.policy.retries + 1):
            outcome = await self._attempt(url)
            if not outcome.retry or attempt == self.policy.retries:
                break
            if outcome.wait is not None and outcome.wait > cap:
                detail = f"server asked to wait {outcome.wait:.0f} s (cap {cap:.0f} s)"
                return attrs.evolve(outcome.result, reason_code="RATE_LIMITED", detail=detail)
            backoff = min(self.policy.backoff_base * 2**attempt * (1 + 0.1 * random.random()), cap)
            await self.sleep(backoff if outcome.wait is None else outcome.wait)
        return outcome.result

    async def _attempt(self, url: httpx.URL) -> _Outcome:
        trail, host = _Trail(str(url), url), url.host
        async with self.host_slots.setdefault(host, asyncio.Semaphore(self.policy.per_host)):
            await self._pace(host)  # outside the global slot: a host that must wait blocks no other host
            async with self.slots:
                if self.failures >= self.policy.breaker_threshold:
                    detail = f"not tried after {self.failures} consecutive network failures (no network?)"
                    return trail.out("unverifiable", "NETWORK_DOWN", detail)
                try:
                    async with asyncio.timeout(self.policy.deadline):
                        outcome = await self._follow(trail, url)
                except Exception as exc:
                    outcome = _classify(exc, trail, self.policy)
            self._note(host, outcome)  # before the next request to this host is let in
        return outcome

    async def _pace(self, host: str) -> None:
        now = self.clock()
        slot = max(now, self.host_next.get(host, now))
        self.host_next[host] = slot + self.policy.host_interval
        if slot > now:
            await self.sleep(slot - now)

    def _note(self, host: str, outcome: _Outcome) -> None:
        """Count consecutive network failures; slow a host down after a 408/429/5xx answer."""
        if outcome.network_failure:
            self.failures += 1
        elif outcome.responded:
            self.failures = 0
        if outcome.result.http_status in RETRY_STATUSES:
            pause = self.policy.backoff_base if outcome.wait is None else outcome.wait
            until = self.clock() + min(pause, self.policy.retry_after_cap)
            self.host_next[host] = max(self.host_next.get(host, 0.0), until)

    async def _follow(self, trail: _Trail, url: httpx.URL) -> _Outcome:
        """Follow redirects from `url` (the trail's start), keeping `trail.url` at the current hop."""
        jar = httpx.Cookies()  # cookies live for one redirect chain only
        for _ in range(self.policy.max_redirects + 1):
            response = await self.client.get(url, jar)
            try:
                trail.address = _peer(response) or trail.address
                jar.extract_cookies(response)
                if not response.is_redirect:
                    return await self._finish(response, trail)
                trail.url = url = self._next_hop(trail, url, response.headers["location"])
            finally:
                await response.aclose()
        raise _TooManyRedirects(f"more than {self.policy.max_redirects} redirects")

    def _next_hop(self, trail: _Trail, url: httpx.URL, location: str) -> httpx.URL:
        try:
            target = url.join(location)
        except (httpx.InvalidURL, ValueError, TypeError):
            trail.hops.append(redact(location))
            raise PolicyViolation("BAD_URL", "redirect to a malformed URL") from None
        trail.hops.append(redact(str(target)))
        try:
            return vet_url(target, self.policy)
        except PolicyViolation as exc:
            if exc.code == "UNSUPPORTED_SCHEME":
                raise PolicyViolation("REDIRECT_SCHEME", f"redirect refused: {exc.message}") from None
            raise

    async def _finish(self, response: httpx.Response, trail: _Trail) -> _Outcome:
        status, ctype = response.status_code, response.headers.get("content-type")
        meta = {"http_status": status, "content_type": ctype, "responded": True}
        if 200 <= status < 300:
            try:
                if not is_text_type(ctype):
                    raise UnsupportedEncoding(f"{ctype}: body not read")
                body = await read_body(response, self.policy.max_bytes)
            except UnsupportedEncoding as exc:
                return trail.out("ok", "UNSUPPORTED_CONTENT_TYPE", str(exc), **meta)
            text, how = decode_text(body, ctype)
            return trail.out("ok", "OK", how, text=text, **meta)
        if status in (403, 429, 503) and await _is_challenge(response):
            return trail.out("unverifiable", "BLOCKED_BY_SITE", f"HTTP {status}: bot challenge", **meta)
        verdict, code, retry = _verdict(status)
        wait = parse_retry_after(response.headers.get("retry-after"), self.clock()) if retry else None
        return trail.out(verdict, code, f"HTTP {status}", retry=retry, wait=wait, **meta)


def _verdict(status: int) -> tuple[Status, str, bool]:
    """(status, reason code, retry?) for a final HTTP status outside 2xx."""
    if 400 <= status < 500 and status not in DENIED_STATUSES | RETRY_STATUSES:
        return "broken", f"HTTP_{status}", False  # 404 and 410 among them
    if status == 429:
        return "unverifiable", "RATE_LIMITED", True
    if status >= 500:
        return "unverifiable", "SERVER_ERROR", status in RETRY_STATUSES
    return "unverifiable", f"HTTP_{status}", status in RETRY_STATUSES


async def _is_challenge(response: httpx.Response) -> bool:
    headers = response.headers
    if headers.get("cf-mitigated", "").lower() == "challenge":
        return True
    if response.status_code == 403 and "cloudflare" in headers.get("server", "").lower():
        return True
    head = (await read_body(response, 64 * 1024, soft=True)).lower()
    return any(marker in head for marker in CHALLENGE_MARKERS)


def _peer(response: httpx.Response) -> str | None:
    stream = response.extensions.get("network_stream")
    try:
        addr = stream.get_extra_info("server_addr") if stream is not None else None
    except Exception:
        return None
    return str(addr[0]) if addr else None


# (exception types, reason code, retry?, counts as a network failure?), tried after the cases in _classify.
_ERRORS: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], str, bool, bool], ...] = (
    (httpx.ConnectTimeout, "TIMEOUT_CONNECT", True, True),
    (httpx.TimeoutException, "TIMEOUT_READ", True, False),
    (httpx.ConnectError, "CONNECT_ERROR", False, True),
    ((httpx.ReadError, httpx.WriteError), "CONNECTION_RESET", True, False),
    (httpx.RemoteProtocolError, "PROTOCOL_ERROR", True, False),
    ((httpx.ProtocolError, httpx.DecodingError, ValueError), "PROTOCOL_ERROR", False, False),
    ((httpx.HTTPError, OSError), "NETWORK_ERROR", False, False),
)


def _classify(exc: Exception, trail: _Trail, policy: FetchPolicy) -> _Outcome:
    """Map one exception to an outcome: status, reason code, and whether to retry."""
    causes: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and cause not in causes:
        causes.append(cause)
        cause = cause.__cause__ or cause.__context__
    tls = [c for c in causes if isinstance(c, ssl.SSLError)]
    u: Status = "unverifiable"
    if isinstance(exc, TimeoutError):
        return trail.out(u, "TIMEOUT_DEADLINE", f"no full response within {policy.deadline} s", retry=True)
    if isinstance(exc, PolicyViolation):
        return _Outcome(trail.refused(exc))
    if isinstance(exc, DnsError):
        nxdomain = exc.code == "BROKEN_DNS"
        return trail.out("broken" if nxdomain else u, exc.code, exc.message, network=not nxdomain)
    if isinstance(exc, BodyTooLarge | _TooManyRedirects):
        code = "TOO_LARGE" if isinstance(exc, BodyTooLarge) else "TOO_MANY_REDIRECTS"
        return trail.out(u, code, str(exc), responded=True)
    if tls:
        return trail.out(u, "TLS_ERROR", str(tls[0]) or "TLS handshake failed")
    if any(isinstance(c, ConnectionRefusedError) or getattr(c, "errno", 0) == errno.ECONNREFUSED for c in causes):
        return trail.out(u, "CONNECT_REFUSED", "connection refused", responded=True)
    for types, code, retry, network in _ERRORS:
        if isinstance(exc, types):
            return trail.out(u, code, str(exc) or type(exc).__name__, retry=retry, network=network)
    return trail.out(u, "INTERNAL_ERROR", f"{type(exc).__name__}: {exc}")


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or HTTP-date); None if absent or invalid."""
    value = (value or "").strip()
    if value.isascii() and value.isdigit():
        return float(int(value[:12]))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    return max(0.0, when.replace(tzinfo=when.tzinfo or datetime.UTC).timestamp() - now)
