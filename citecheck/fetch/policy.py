"""What citecheck may fetch and how it connects (docs/fetching.md; reliability.md §0.1–0.2, §5, §6.1).

`FetchPolicy` holds the limits and escape hatches. Two layers enforce the address rules; both fail closed:

* `vet_url` — pure, no network: scheme, port, userinfo (stripped), length, host syntax and literal IPs
  (including legacy forms such as `2130706433` or `0x7f000001`). It runs on the cited URL and on every
  redirect target.
* `GuardedBackend` — the backend of `GuardedClient`'s pools, through which every TCP connection is made. It
  resolves the host once (system `getaddrinfo` or an injected `Resolver`), rejects the connection if *any*
  address is forbidden, and connects to the vetted IP string. TLS still uses the hostname for SNI and
  certificate checks, because httpcore calls `start_tls(server_hostname=host)` separately.

`read_body` bounds what comes back: it decompresses `aiter_raw()` itself in 64 KiB steps, so a gzip bomb
stops at the decoded cap (reliability.md §0.4, §6.3). It lives in `citecheck.fetch.body` with the other body
helpers and is re-exported here, as are `BodyTooLarge`, `UnsupportedEncoding` and `clean`.
"""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import re
import socket
import ssl
import urllib.request
from collections.abc import Collection, Container, Iterable, Sequence
from typing import Any, ClassVar, Protocol

import certifi
import httpcore
import httpx
from attrs import field, frozen

from citecheck.errors import ConfigError, FetchError
from citecheck.fetch.body import BodyTooLarge, UnsupportedEncoding, read_body
from citecheck.fetch.body import clean as clean  # re-exported: citecheck.fetch.policy.clean stays importable
from citecheck.version import __version__

__all__ = [
    "MAX_URL_LENGTH",
    "BodyTooLarge",
    "DnsError",
    "FetchPolicy",
    "GuardedBackend",
    "GuardedClient",
    "GuardedTransport",
    "PolicyViolation",
    "Resolver",
    "SystemResolver",
    "UnsupportedEncoding",
    "address_problem",
    "literal_address",
    "read_body",
    "redact",
    "vet_url",
]

MAX_URL_LENGTH = 8 * 1024

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Explicit list from reliability.md §5 (plus ::/96, the deprecated IPv4-compatible form, because
# CPython 3.11 calls `::127.0.0.1` global). `not is_global` catches the rest.
_FORBIDDEN = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
        "::/96", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    )
)  # fmt: skip
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_HOST_RE = re.compile(r"[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_])?\.?")
_LEGACY_V4_RE = re.compile(r"[0-9a-fx.]+")
_USERINFO_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*:)?//[^/?#@]*@")


class UrlRules(Protocol):
    """What `vet_url` reads of a policy: a FetchPolicy, or the cache's normalisation-only rules."""

    @property
    def schemes(self) -> Collection[str]: ...
    @property
    def allowed_ports(self) -> Container[int]: ...
    @property
    def allow_private(self) -> bool: ...
    @property
    def allow_hosts(self) -> Iterable[str]: ...


@frozen
class FetchPolicy:
    """Limits and escape hatches for fetching. Defaults follow reliability.md §5; see docs/fetching.md."""

    schemes: tuple[str, ...] = field(default=("http", "https"), converter=tuple)
    allowed_ports: tuple[int, ...] = field(default=(80, 443), converter=lambda ps: tuple(int(p) for p in ps))
    allow_private: bool = False
    allow_hosts: tuple[str, ...] = field(default=(), converter=tuple)
    max_redirects: int = 5
    max_bytes: int = 10 * 2**20
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 30.0
    retries: int = 2
    backoff_base: float = 1.0
    retry_after_cap: float = 60.0
    concurrency: int = 16
    per_host: int = 4
    host_interval: float = 0.1
    breaker_threshold: int = 8
    user_agent: str = f"citecheck/{__version__}"
    use_env_proxy: bool = False
    ca_bundle: str | None = None
    max_total_time: float | None = None  # seconds for the whole fetch stage (--max-total-time); None: no cap

    def __attrs_post_init__(self) -> None:
        if not set(self.schemes) <= {"http", "https"}:
            raise ConfigError("FetchPolicy.schemes may only contain 'http' and 'https'")
        if min(self.concurrency, self.per_host, self.breaker_threshold, self.max_bytes, self.deadline) <= 0:
            raise ConfigError("FetchPolicy limits must be positive")
        if min(self.retries, self.max_redirects, self.host_interval, self.backoff_base) < 0:
            raise ConfigError("FetchPolicy counts and delays must not be negative")

    def variant(self) -> str:
        """A short hash of the settings that can change a verdict; part of every cache key."""
        relevant = [self.schemes, self.allowed_ports, self.allow_private, sorted(self.allow_hosts)]
        relevant += [self.max_redirects, self.max_bytes, self.user_agent, self.use_env_proxy, self.ca_bundle]
        return hashlib.sha256(repr(relevant).encode()).hexdigest()[:16]


class PolicyViolation(FetchError):
    """The URL or the address it resolves to is refused by policy. `code` is the reason code."""

    def __init__(self, code: str, message: str, *, address: str | None = None) -> None:
        super().__init__(message, code=code)
        self.address = address


class DnsError(FetchError):
    """Name resolution failed. `code` is BROKEN_DNS (NXDOMAIN), DNS_FAILURE (SERVFAIL) or DNS_TIMEOUT."""


class Resolver(Protocol):
    """Resolves a host name to IP address strings; raises `DnsError`. Called once per connection."""

    async def resolve(self, host: str, port: int) -> Sequence[str]: ...


class SystemResolver:
    """`getaddrinfo` in a worker thread, bounded by `timeout` seconds."""

    _NXDOMAIN: ClassVar[set[int]] = {getattr(socket, n) for n in ("EAI_NONAME", "EAI_NODATA") if hasattr(socket, n)}

    def __init__(self, timeout: float = 10.0) -> None:
        self.timeout = timeout

    async def resolve(self, host: str, port: int) -> Sequence[str]:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(self.timeout):
                infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except TimeoutError:
            raise DnsError(f"DNS lookup for {host} timed out", code="DNS_TIMEOUT") from None
        except socket.gaierror as exc:
            code = "BROKEN_DNS" if exc.errno in self._NXDOMAIN else "DNS_FAILURE"
            raise DnsError(f"DNS lookup for {host} failed: {exc.strerror}", code=code) from None
        return [str(info[4][0]) for info in infos]


def redact(url: str, limit: int = 512) -> str:
    """`url` without userinfo and cut to `limit` characters, for reports and logs."""
    url = _USERINFO_RE.sub(lambda m: f"{m.group(1) or ''}//", url)
    return url if len(url) <= limit else f"{url[:limit]}…({len(url)} chars)"


def literal_address(host: str) -> IPAddress | None:
    """The IP a host string denotes without DNS: IPv4/IPv6 literals (zone stripped) and the legacy
    IPv4 forms `inet_aton` accepts (`2130706433`, `0x7f000001`, `127.1`, `0177.0.0.1`)."""
    host = host.strip("[]").split("%", 1)[0].lower()
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _LEGACY_V4_RE.fullmatch(host) and not host.endswith("."):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def address_problem(address: IPAddress | str) -> str | None:
    """Why `address` must not be connected to, or None when it is a public unicast address."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0] if isinstance(address, str) else address)
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            inner = address_problem(embedded)
            if inner is not None:
                return f"embeds {embedded}, which is {inner}"
    for net in _FORBIDDEN:
        if ip in net:
            return f"in forbidden range {net}"
    if not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_unspecified:
        return "not a global address"
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.teredo is not None:
        return ip.teredo[1]
    return None


def is_allowed(host: str, ip: IPAddress, policy: UrlRules) -> bool:
    """True when `policy` exempts this host or address from the address rule (escape hatches)."""
    if policy.allow_private:
        return True
    host = host.lower().rstrip(".")
    for entry in policy.allow_hosts:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            if host == entry.lower().rstrip("."):
                return True
    return False


def vet_url(url: str | httpx.URL, policy: UrlRules) -> httpx.URL:
    """Parse and check one URL without touching the network; return it normalised.

    Normalised means: userinfo and fragment removed, scheme and host lower-cased (IDN as punycode),
    default port dropped, empty path as `/`. Raises `PolicyViolation` with code BAD_URL,
    UNSUPPORTED_SCHEME, BLOCKED_PORT or BLOCKED_ADDRESS.
    """
    text = str(url)
    if len(text) > MAX_URL_LENGTH:
        raise PolicyViolation("BAD_URL", f"URL is {len(text)} characters long (limit {MAX_URL_LENGTH})")
    try:
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(text.strip())
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise PolicyViolation("BAD_URL", f"malformed URL: {exc}") from None
    if parsed.scheme not in policy.schemes:
        scheme = parsed.scheme or "(none)"
        raise PolicyViolation("UNSUPPORTED_SCHEME", f"scheme {scheme!r} is not fetched")
    host = parsed.raw_host.decode("ascii", "replace").lower()
    ip = literal_address(host)
    if ip is None and not _HOST_RE.fullmatch(host):
        raise PolicyViolation("BAD_URL", f"invalid host {host[:80]!r}")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    if port not in policy.allowed_ports:
        raise PolicyViolation("BLOCKED_PORT", f"port {port} is not in the allowed ports")
    if ip is not None and not is_allowed(host, ip, policy):
        why = address_problem(ip)
        if why is not None:
            name = str(ip) if host.strip("[]") == str(ip) else f"{host} ({ip})"
            raise PolicyViolation("BLOCKED_ADDRESS", f"{name} is not a public address: {why}", address=str(ip))
    clean = parsed.copy_with(fragment=None, userinfo=b"")
    text = str(clean)
    head = f"{clean.scheme}://{clean.netloc.decode('ascii')}"
    if text.startswith(head) and text[len(head) : len(head) + 1] in ("", "?"):
        clean = httpx.URL(f"{head}/{text[len(head) :]}")  # an empty path is "/"
    return clean


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolve once, vet every address, connect to the vetted IP (reliability.md §6.1).

    `extra_ports` lists ports allowed only for connections the client itself chose (an env proxy).
    """

    def __init__(
        self,
        policy: FetchPolicy,
        resolver: Resolver,
        inner: httpcore.AsyncNetworkBackend | None = None,
        extra_ports: Iterable[int] = (),
    ) -> None:
        self._policy = policy
        self._resolver = resolver
        self._inner = inner or httpcore.AnyIOBackend()
        self._ports = frozenset(policy.allowed_ports) | frozenset(extra_ports)

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        if port not in self._ports:
            raise PolicyViolation("BLOCKED_PORT", f"port {port} is not in the allowed ports")
        addresses = await self._addresses(host, port)
        last: Exception | None = None
        for ip in addresses:
            try:
                return await self._inner.connect_tcp(
                    str(ip), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except httpcore.ConnectError as exc:
                last = exc
        assert last is not None
        raise last

    async def _addresses(self, host: str, port: int) -> list[IPAddress]:
        literal = literal_address(host)
        if literal is not None:
            addresses: list[IPAddress] = [literal]
        else:
            answers = await self._resolver.resolve(host, port)
            addresses = []
            for answer in answers:
                ip = literal_address(str(answer))
                if ip is None:
                    raise PolicyViolation("BLOCKED_ADDRESS", f"{host} resolved to a non-IP answer")
                addresses.append(ip)
        if not addresses:
            raise DnsError(f"{host} has no addresses", code="BROKEN_DNS")
        for ip in addresses:
            why = None if is_allowed(host, ip, self._policy) else address_problem(ip)
            if why is not None:
                msg = f"{host} resolves to {ip}, not a public address: {why}"
                raise PolicyViolation("BLOCKED_ADDRESS", msg, address=str(ip))
        return addresses

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise PolicyViolation("BLOCKED_ADDRESS", "unix sockets are never used")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport over a pool whose every connection goes through `GuardedBackend`.

    Subclassing keeps httpx's request/response and exception mapping, and lets vcrpy (which patches
    `AsyncHTTPTransport.handle_async_request`) record and replay it. `super().__init__` is not called
    because it would build an unguarded pool; if httpx stops using `self._pool`, every request fails.
    """

    def __init__(self, pool: httpcore.AsyncConnectionPool | httpcore.AsyncHTTPProxy) -> None:
        self._pool = pool


class GuardedClient:
    """A minimal HTTP client over `GuardedTransport`s: one GET per call, redirects never followed (the
    caller re-vets every hop), no environment (`trust_env` does not exist here), no cookie jar of its
    own, TLS always verified (TLS 1.2+). It calls the transport directly because `httpx.AsyncClient`
    parses the Location of every 3xx even with `follow_redirects=False` and raises on odd ones.

    With `policy.use_env_proxy`, HTTP(S)_PROXY/ALL_PROXY are used and the guard vets the proxy's
    address instead of the target's (the target is then checked only by `vet_url`)."""

    def __init__(self, policy: FetchPolicy, resolver: Resolver, headers: dict[str, str]) -> None:
        ctx = ssl.create_default_context(cafile=policy.ca_bundle or certifi.where())
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        limits: dict[str, Any] = {"max_connections": policy.concurrency, "keepalive_expiry": 5.0, "retries": 0}
        backend = GuardedBackend(policy, resolver)
        self.headers = headers
        self.timeout = httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout, pool=None).as_dict()
        self.direct = GuardedTransport(httpcore.AsyncConnectionPool(ssl_context=ctx, network_backend=backend, **limits))
        self.proxied: dict[str, GuardedTransport] = {}
        proxies = urllib.request.getproxies_environment() if policy.use_env_proxy else {}
        for scheme in ("http", "https"):
            if proxy := proxies.get(scheme) or proxies.get("all"):
                purl = httpx.URL(proxy if "://" in proxy else f"http://{proxy}")
                port = purl.port or (443 if purl.scheme == "https" else 80)
                guarded = GuardedBackend(policy, resolver, extra_ports=(port,))
                origin = httpcore.URL(scheme=purl.raw_scheme, host=purl.raw_host, port=port, target=b"/")
                auth = (purl.username, purl.password) if purl.username else None
                pool = httpcore.AsyncHTTPProxy(
                    origin, proxy_auth=auth, ssl_context=ctx, network_backend=guarded, **limits
                )
                self.proxied[scheme] = GuardedTransport(pool)

    async def get(self, url: httpx.URL, cookies: httpx.Cookies) -> httpx.Response:
        """Send one GET and return the streaming response (the caller closes it)."""
        request = httpx.Request("GET", url, headers=self.headers, extensions={"timeout": self.timeout})
        cookies.set_cookie_header(request)
        response = await self.proxied.get(url.scheme, self.direct).handle_async_request(request)
        response.request = request
        return response

    async def __aenter__(self) -> GuardedClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        for transport in (self.direct, *self.proxied.values()):
            await transport.aclose()
