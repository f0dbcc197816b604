"""fetch_all against a local server and a fake resolver (reliability.md §3: B1, B5, C1–C13, D3–D6, D10, D13, D15).

Test host names (`news.test`, ...) resolve through `FakeResolver` to 127.0.0.1, and only tests that say so
allow them (`allow_hosts=("news.test",)`), so the SSRF tests run against the default deny and assert that
the server saw no connection at all.
"""

from __future__ import annotations

import io
import socket
import time

import pytest
from fetchserver import LOOPBACK_ONLY, FakeResolver, FixtureServer, Page, RawServer, gzip_page, read_request, redirect

from citecheck.fetch.cache import UrlCache
from citecheck.fetch.client import FetchPolicy, fetch_all
from citecheck.fetch.policy import DnsError

pytestmark = pytest.mark.block_network(allowed_hosts=LOOPBACK_ONLY)

HOSTS = {"news.test": "127.0.0.1", "other.test": "127.0.0.1", "localhost": ["127.0.0.1", "::1"]}


def counter_route(statuses, headers=None, final=None):
    """Answer `statuses[i]` on the i-th request, then `final` (an article) for ever after."""
    final = final or Page("<p>finally</p>")

    def route(handler, server):
        n = server.hits[handler.path.split("?")[0]]
        if n <= len(statuses):
            Page("busy", statuses[n - 1], {"Content-Type": "text/plain", **(headers or {})}).send(handler)
        else:
            final.send(handler)

    return route


def head_405(handler, server):
    (Page("", 405) if handler.command == "HEAD" else Page("<p>get works</p>")).send(handler)


ROUTES = {
    "/slowish": Page("<p>ok</p>", delay=0.02),
    "/gz": gzip_page("<p>café</p>"),
    "/404": Page("gone", 404),
    "/410": Page("gone", 410),
    "/403": Page("denied", 403),
    "/401": Page("login", 401),
    "/400": Page("bad", 400),
    "/501": Page("no", 501),
    "/head405": head_405,
    "/cf": Page("<html>Just a moment...</html>", 403, {"cf-mitigated": "challenge", "Server": "cloudflare"}),
    "/cf503": gzip_page('<script src="/cdn-cgi/challenge-platform/h/b/orchestrate"></script>'),
    "/pdf": Page(b"%PDF-1.7" + b"\0" * 2_000_000, headers={"Content-Type": "application/pdf"}),
    "/latin1": Page("<p>caf\xe9</p>".encode("latin-1"), headers={"Content-Type": "text/html; charset=iso-8859-1"}),
    "/meta": Page('<meta charset="windows-1251"><p>\xcf\xf0\xe8</p>'.encode("latin-1"), headers={}),
    "/bom": Page(b"\xef\xbb\xbf<p>bom \xc3\xa9</p>", headers={"Content-Type": "text/html; charset=latin-1"}),
    "/bad-utf8": Page(b"<p>bad \xff\xfe byte</p>", headers={"Content-Type": "text/html"}),
    "/hop": redirect("/article"),
    "/cross": redirect("http://other.test:{port}/article"),
    "/to-meta": redirect("http://169.254.169.254/latest/meta-data/"),
    "/to-decimal": redirect("http://2130706433:{port}/article"),
    "/to-localhost": redirect("http://localhost:{port}/article"),
    "/to-redis": redirect("http://localhost:6379/"),
    "/to-file": redirect("file:///etc/passwd"),
    "/to-ftp": redirect("ftp://news.test/x"),
    "/to-data": redirect("data:text/plain,hi"),
    "/loop": redirect("/loop", 301),
    "/ping": redirect("/pong", 301),
    "/pong": redirect("/ping", 302),
    **{f"/c{i}": redirect(f"/c{i + 1}") for i in range(1, 7)},
    "/c7": Page("<p>end of chain</p>"),
    **{f"/d{i}": redirect(f"/d{i + 1}") for i in range(1, 6)},
    "/d6": Page("<p>five hops</p>"),
    "/429-2": counter_route([429], {"Retry-After": "2"}),
    "/429-none": counter_route([429, 429]),
    "/429-day": counter_route([429], {"Retry-After": "86400"}),
    "/429-junk": counter_route([429], {"Retry-After": "soon-ish"}),
    "/429-always": counter_route([429] * 10, {"Retry-After": "3"}),
    "/503-always": counter_route([503] * 10),
    **{f"/{s}-once": counter_route([s]) for s in (500, 502, 503, 504, 408)},
}


@pytest.fixture
def server():
    with FixtureServer() as srv:
        srv.routes.update(ROUTES)
        for path, route in ROUTES.items():  # fill in the port where a redirect needs it
            if isinstance(route, Page) and "{port}" in route.headers.get("Location", ""):
                location = route.headers["Location"].format(port=srv.port)
                srv.routes[path] = Page(route.body, route.status, {**route.headers, "Location": location})
        yield srv


@pytest.fixture
def resolver():
    return FakeResolver(HOSTS)


@pytest.fixture
def sleeps():
    return []


def make_policy(srv, **kw):
    kw.setdefault("allow_hosts", ("news.test",))
    return FetchPolicy(allowed_ports=(80, 443, srv.port), host_interval=0.0, **kw)


def run(srv, urls, resolver, sleeps=None, **kw):
    """fetch_all on a virtual clock: the injected sleep records the delay and advances the clock."""
    now = [kw.pop("start", 1_700_000_000.0)]

    async def fake_sleep(seconds):
        now[0] += seconds
        if sleeps is not None:
            sleeps.append(seconds)

    kw.setdefault("clock", lambda: now[0])
    options = {k: kw.pop(k) for k in ("cache", "offline", "progress", "clock") if k in kw}
    single = isinstance(urls, str)
    results = fetch_all([urls] if single else urls, policy=make_policy(srv, **kw), resolver=resolver,
                        sleep=fake_sleep, **options)  # fmt: skip
    return results[urls] if single else results


@pytest.fixture
def connects(monkeypatch):
    """Every address a socket in this process tries to connect to (delegating to the real connect)."""
    seen = []
    real = socket.socket.connect

    def spy(self, address):
        seen.append(address)
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", spy)
    return seen


# --- plain outcomes -------------------------------------------------------------------------------


def test_ok_article_with_address_and_text(server, resolver):
    r = run(server, server.url(), resolver)
    assert (r.status, r.reason_code, r.http_status) == ("ok", "OK", 200)
    assert "40 homes" in r.text and r.address == "127.0.0.1" and not r.from_cache
    seen = server.requests[0]
    assert seen.headers["Accept-Encoding"] == "gzip, deflate"
    assert seen.headers["User-Agent"].startswith("citecheck/")


def test_gzip_body_decoded_by_citecheck(server, resolver):
    r = run(server, server.url("/gz"), resolver)
    assert (r.status, r.text) == ("ok", "<p>café</p>")


@pytest.mark.parametrize(
    ("path", "text", "how"),
    [
        ("/latin1", "<p>café</p>", "cp1252 (Content-Type header)"),
        ("/meta", "<p>При</p>", "cp1251 (meta charset)"),
        ("/bom", "<p>bom é</p>", "utf-8 (BOM)"),
        ("/bad-utf8", "<p>bad \ufffd\ufffd byte</p>", "utf-8 (default); invalid bytes replaced"),
    ],
)
def test_charset_precedence(server, resolver, path, text, how):
    """Reliability A6."""
    r = run(server, server.url(path), resolver)
    assert r.text.endswith(text) and how in r.detail


def test_d6_404_410_broken_and_get_not_head(server, resolver):
    results = run(
        server, [server.url("/404"), server.url("/410"), server.url("/400"), server.url("/head405")], resolver
    )
    got = [(r.status, r.reason_code) for r in results.values()]
    assert got == [("broken", "HTTP_404"), ("broken", "HTTP_410"), ("broken", "HTTP_400"), ("ok", "OK")]
    assert {seen.method for seen in server.requests} == {"GET"}


def test_d6_denied_is_unverifiable_not_broken(server, resolver):
    results = run(server, [server.url("/403"), server.url("/401")], resolver)
    assert [(r.status, r.reason_code) for r in results.values()] == [
        ("unverifiable", "HTTP_403"),
        ("unverifiable", "HTTP_401"),
    ]


def test_d5_cloudflare_challenge_is_blocked_by_site(server, resolver):
    server.routes["/cf503"] = Page(
        server.routes["/cf503"].body, 503, {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    )
    results = run(server, [server.url("/cf"), server.url("/cf503")], resolver, retries=2)
    assert {(r.status, r.reason_code) for r in results.values()} == {("unverifiable", "BLOCKED_BY_SITE")}
    assert server.hits["/cf"] == 1 and server.hits["/cf503"] == 1  # not retried


def test_d9_non_text_type_not_read(server, resolver):
    r = run(server, server.url("/pdf"), resolver)
    assert (r.status, r.reason_code, r.text) == ("ok", "UNSUPPORTED_CONTENT_TYPE", None)


# --- retries and backoff (D3, D4) -----------------------------------------------------------------


def test_d3_retry_after_seconds(server, resolver, sleeps):
    r = run(server, server.url("/429-2"), resolver, sleeps)
    assert (r.status, r.reason_code) == ("ok", "OK")
    assert server.hits["/429-2"] == 2 and 2.0 in sleeps and max(sleeps) <= 60


def test_d3_retry_after_http_date(server, resolver, sleeps):
    now = 1_700_000_000.0
    when = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(now + 5))
    server.routes["/429-date"] = counter_route([429], {"Retry-After": when})
    r = run(server, server.url("/429-date"), resolver, sleeps, start=now)
    assert (r.status, r.reason_code) == ("ok", "OK")
    assert 5.0 in sleeps


def test_d3_no_header_exponential_backoff(server, resolver, sleeps):
    r = run(server, server.url("/429-none"), resolver, sleeps, backoff_base=1.0)
    assert (r.status, server.hits["/429-none"]) == ("ok", 3)
    assert len(sleeps) == 2 and 1.0 <= sleeps[0] <= 1.1 and 2.0 <= sleeps[1] <= 2.2


def test_d3_retry_after_beyond_cap_gives_up_without_sleeping(server, resolver, sleeps):
    r = run(server, server.url("/429-day"), resolver, sleeps)
    assert (r.status, r.reason_code) == ("unverifiable", "RATE_LIMITED")
    assert server.hits["/429-day"] == 1 and not [s for s in sleeps if s > 60]
    assert "86400" in r.detail


def test_d3_garbage_retry_after_falls_back_to_backoff(server, resolver, sleeps):
    r = run(server, server.url("/429-junk"), resolver, sleeps, backoff_base=1.0)
    assert (r.status, server.hits["/429-junk"]) == ("ok", 2)
    assert sleeps and max(sleeps) <= 1.1


def test_d3_persistent_429_is_unverifiable_and_host_slows_down(server, resolver, sleeps):
    r = run(server, [server.url("/429-always"), server.url("/article")], resolver, sleeps, retries=0, per_host=1)
    first, second = r.values()
    assert (first.status, first.reason_code) == ("unverifiable", "RATE_LIMITED")
    assert second.status == "ok" and 3.0 in sleeps  # the next request to that host waited


@pytest.mark.parametrize("status", [500, 502, 503, 504, 408])
def test_d4_transient_status_then_ok(server, resolver, sleeps, status):
    r = run(server, server.url(f"/{status}-once"), resolver, sleeps)
    assert (r.status, r.reason_code, server.hits[f"/{status}-once"]) == ("ok", "OK", 2)


def test_d4_persistent_5xx_and_501_not_retried(server, resolver, sleeps):
    results = run(server, [server.url("/503-always"), server.url("/501")], resolver, sleeps, retries=2)
    assert [(r.status, r.reason_code) for r in results.values()] == [
        ("unverifiable", "SERVER_ERROR"),
        ("unverifiable", "SERVER_ERROR"),
    ]
    assert server.hits["/503-always"] == 3 and server.hits["/501"] == 1


# --- SSRF: C1–C13 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "localhost", "[::1]", "0.0.0.0", "[::]", "127.0.0.2", "2130706433", "0x7f000001", "127.1",
     "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::]", "[::127.0.0.1]"],
)  # fmt: skip
def test_c1_c3_loopback_forms_blocked_and_server_sees_nothing(server, resolver, connects, host):
    r = run(server, f"http://{host}:{server.port}/article", resolver, allow_hosts=())
    assert (r.status, r.reason_code) == ("blocked", "BLOCKED_ADDRESS")
    assert r.address and r.address in r.detail  # the message names the resolved IP
    assert server.connections == 0 and connects == []


def test_c1_localhost_through_the_system_resolver(server, connects):
    try:
        socket.getaddrinfo("localhost", 80)  # answered from /etc/hosts, no DNS traffic
    except OSError:
        pytest.skip("this machine cannot resolve localhost")
    results = fetch_all([f"http://localhost:{server.port}/"], policy=make_policy(server, allow_hosts=()))
    (r,) = results.values()
    assert (r.status, r.reason_code) == ("blocked", "BLOCKED_ADDRESS")
    assert server.connections == 0 and connects == []


@pytest.mark.parametrize(
    "address",
    ["169.254.169.254", "fd00:ec2::254", "100.100.100.200", "10.1.2.3", "172.16.5.4", "192.168.0.1",
     "100.64.0.1", "fe80::1", "224.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.0.1"],
)  # fmt: skip
def test_c2_c4_private_answers_blocked_at_connect(server, connects, address):
    resolver = FakeResolver({"evil.test": address})
    r = run(server, f"http://evil.test:{server.port}/", resolver, allow_hosts=())
    assert (r.status, r.reason_code, r.address) == ("blocked", "BLOCKED_ADDRESS", address)
    assert resolver.calls == ["evil.test"] and connects == []


def test_c6_one_private_record_among_public_ones_blocks(server, connects):
    resolver = FakeResolver({"multi.test": ["93.184.216.34", "2606:4700::1", "10.0.0.5"]})
    r = run(server, f"http://multi.test:{server.port}/", resolver, allow_hosts=())
    assert (r.status, r.reason_code) == ("blocked", "BLOCKED_ADDRESS") and connects == []


def test_c5_rebinding_second_connection_to_private_address_blocked():
    close = Page("<p>bye</p>", headers={"Content-Type": "text/html", "Connection": "close"})
    with FixtureServer({"/a": close, "/b": close}) as first:
        try:
            second = FixtureServer(host="127.0.0.2", port=first.port).start()  # same port, other address
        except OSError:
            pytest.skip("cannot bind 127.0.0.2 here")
        with second:
            rebind = FakeResolver({"rebind.test": lambda n: "127.0.0.1" if n == 1 else "127.0.0.2"})
            policy = FetchPolicy(allowed_ports=(first.port,), allow_hosts=("127.0.0.1",), per_host=1, concurrency=1)
            urls = [first.url("/a", "rebind.test"), first.url("/b", "rebind.test")]
            results = fetch_all(urls, policy=policy, resolver=rebind)
    a, b = results.values()
    assert (a.status, a.address) == ("ok", "127.0.0.1")
    assert (b.status, b.reason_code, b.address) == ("blocked", "BLOCKED_ADDRESS", "127.0.0.2")
    assert rebind.calls == ["rebind.test", "rebind.test"]  # exactly one lookup per connection
    assert first.peers == ["127.0.0.1"] and second.connections == 0


@pytest.mark.parametrize(
    ("path", "code", "hop"),
    [
        ("/to-meta", "BLOCKED_ADDRESS", "http://169.254.169.254/latest/meta-data/"),
        ("/to-decimal", "BLOCKED_ADDRESS", "http://2130706433:{port}/article"),
        ("/to-localhost", "BLOCKED_ADDRESS", "http://localhost:{port}/article"),
        ("/to-redis", "BLOCKED_PORT", "http://localhost:6379/"),
    ],
)
def test_c7_redirect_to_private_blocked_at_that_hop(server, resolver, path, code, hop):
    r = run(server, server.url(path), resolver)
    assert (r.status, r.reason_code) == ("blocked", code)
    assert r.redirects == (hop.format(port=server.port),) and r.final_url == r.redirects[-1]
    assert [seen.path for seen in server.requests] == [path]


@pytest.mark.parametrize("path", ["/to-file", "/to-ftp", "/to-data"])
def test_c8_redirect_to_other_schemes(server, resolver, path):
    r = run(server, server.url(path), resolver)
    assert (r.status, r.reason_code) == ("blocked", "REDIRECT_SCHEME")
    assert len(r.redirects) == 1 and server.hits == {path: 1}


@pytest.mark.parametrize(("path", "hits"), [("/loop", {"/loop": 6}), ("/c1", None), ("/ping", None)])
def test_c9_redirect_loops_and_long_chains(server, resolver, path, hits):
    r = run(server, server.url(path), resolver, retries=2)
    assert (r.status, r.reason_code) == ("unverifiable", "TOO_MANY_REDIRECTS")
    assert len(r.redirects) == 6 and len(server.requests) == 6  # 1 + 5 hops, never retried
    if hits:
        assert server.hits == hits


def test_c9_five_redirects_are_fine(server, resolver):
    r = run(server, server.url("/d1"), resolver)
    assert (r.status, r.final_url, len(r.redirects)) == ("ok", server.url("/d6"), 5)


def test_c10_env_proxies_ignored_by_default_and_vetted_when_opted_in(server, resolver, monkeypatch):
    def proxy_script(conn, raw):
        read_request(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\nvia proxy")

    with RawServer(proxy_script) as proxy:
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
            monkeypatch.setenv(name, f"http://127.0.0.1:{proxy.port}")
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        direct = run(server, server.url(), resolver)
        assert direct.status == "ok" and "40 homes" in direct.text and proxy.connections == 0
        refused = run(server, server.url("/hop"), resolver, use_env_proxy=True)
        assert (refused.status, refused.reason_code) == ("blocked", "BLOCKED_ADDRESS") and proxy.connections == 0
        opted = run(server, server.url("/gz"), resolver, use_env_proxy=True, allow_hosts=("127.0.0.1",))
        assert (opted.status, opted.text, proxy.connections) == ("ok", "via proxy", 1)


def test_c11_userinfo_never_sent_nor_reported(server, resolver, caplog):
    caplog.set_level("DEBUG")
    url = f"http://alice:s3cret@news.test:{server.port}/cross"
    r = run(server, url, resolver, allow_hosts=("news.test", "other.test"))
    assert (r.status, r.final_url) == ("ok", f"http://other.test:{server.port}/article")
    assert all("authorization" not in {k.lower() for k in seen.headers} for seen in server.requests)
    assert "s3cret" not in repr(r) + (r.text or "") + caplog.text
    refused = run(server, "http://alice:s3cret@news.test:22/", resolver)
    assert refused.reason_code == "BLOCKED_PORT" and "s3cret" not in repr(refused)


def test_c12_ports_blocked_before_resolving(server, resolver, connects):
    urls = [f"http://news.test:{port}/" for port in (22, 25, 6379, 11211)]
    results = run(server, urls, resolver)
    assert {(r.status, r.reason_code) for r in results.values()} == {("blocked", "BLOCKED_PORT")}
    assert resolver.calls == [] and connects == []


def test_c13_allow_private_opens_loopback_only_when_asked(server, resolver):
    url = f"http://127.0.0.1:{server.port}/article"
    assert run(server, url, resolver, allow_hosts=()).reason_code == "BLOCKED_ADDRESS"
    assert server.connections == 0
    assert run(server, url, resolver, allow_hosts=(), allow_private=True).status == "ok"
    assert server.connections == 1


# --- B1, B5: once per URL, per-host limits, normalisation -----------------------------------------


def test_b1_each_unique_url_fetched_once_and_per_host_limit(server):
    hosts = {f"h{i}.test": "127.0.0.1" for i in range(5)}
    unique = [server.url(f"/slowish?n={n}", f"h{n % 5}.test") for n in range(60)]
    urls = unique + unique[:18] + [u.replace("h", "H", 1) + "#frag" for u in unique[:10]]
    results = run(server, urls, FakeResolver(hosts), allow_hosts=tuple(hosts), per_host=2, concurrency=6)
    assert len(results) == len(set(urls)) and {r.status for r in results.values()} == {"ok"}
    assert len(server.requests) == 60
    assert server.max_host_in_flight <= 2 and server.max_in_flight <= 6


def test_b5_normalised_forms_share_one_fetch(server):
    resolver = FakeResolver({"xn--bcher-kva.test": "127.0.0.1", "news.test": "127.0.0.1"})
    p = server.port
    server.routes["/wiki/Caf%C3%A9_(x)"] = Page("<p>wiki</p>")
    urls = [f"http://News.Test:{p}/article#top", f"http://news.test:{p}/article#:~:text=homes",
            f"http://bücher.test:{p}/article", f"http://news.test:{p}/wiki/Caf%C3%A9_(x)"]  # fmt: skip
    results = run(server, urls, resolver, allow_hosts=("news.test", "xn--bcher-kva.test"))
    assert [r.status for r in results.values()] == ["ok"] * 4
    assert results[urls[0]] is results[urls[1]]
    assert sorted(seen.path for seen in server.requests) == ["/article", "/article", "/wiki/Caf%C3%A9_(x)"]
    assert resolver.calls.count("xn--bcher-kva.test") == 1


def test_b5_overlong_url_not_fetched(server, resolver):
    r = run(server, server.url("/" + "a" * 100_000), resolver)
    assert (r.status, r.reason_code) == ("broken", "BAD_URL")
    assert len(r.url) < 1000 and server.connections == 0 and resolver.calls == []


# --- D13, D15 --------------------------------------------------------------------------------------


def test_d13_nxdomain_broken_servfail_and_timeout_unverifiable(server):
    resolver = FakeResolver({
        "servfail.test": DnsError("SERVFAIL", code="DNS_FAILURE"),
        "slow.test": DnsError("timed out", code="DNS_TIMEOUT"),
    })  # fmt: skip
    names = ["nx.test", "servfail.test", "slow.test"]
    results = run(server, [f"http://{n}:{server.port}/" for n in names], resolver, retries=2)
    assert [(r.status, r.reason_code) for r in results.values()] == [
        ("broken", "BROKEN_DNS"),
        ("unverifiable", "DNS_FAILURE"),
        ("unverifiable", "DNS_TIMEOUT"),
    ]
    assert sorted(resolver.calls) == sorted(names)  # never retried


def test_d15_offline_opens_no_socket_and_serves_cache(server, resolver, tmp_path, monkeypatch):
    cache = UrlCache.open(tmp_path / "c")
    first = run(server, server.url(), resolver, cache=cache)
    assert first.status == "ok"

    def no_connect(*args):
        raise AssertionError("offline must not connect")

    monkeypatch.setattr(socket.socket, "connect", no_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", no_connect)
    offline = FakeResolver({})
    results = run(server, [server.url(), server.url("/gz")], offline, cache=cache, offline=True)
    cached, missing = results.values()
    assert (cached.status, cached.from_cache, "40 homes" in cached.text) == ("ok", True, True)
    assert (missing.status, missing.reason_code) == ("unverifiable", "OFFLINE_MISS")
    assert offline.calls == []


def test_d15_no_network_trips_the_circuit_breaker(server):
    resolver = FakeResolver({f"n{i}.test": DnsError("no network", code="DNS_FAILURE") for i in range(40)})
    urls = [f"http://n{i}.test:{server.port}/" for i in range(40)]
    started = time.monotonic()
    results = run(server, urls, resolver, breaker_threshold=3, concurrency=1)
    codes = [r.reason_code for r in results.values()]
    assert codes[:3] == ["DNS_FAILURE"] * 3 and set(codes[3:]) == {"NETWORK_DOWN"}
    assert len(resolver.calls) == 3 and time.monotonic() - started < 5


def test_connection_refused_not_retried(resolver, sleeps):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    policy = FetchPolicy(allowed_ports=(port,), allow_hosts=("news.test",))
    results = fetch_all([f"http://news.test:{port}/"], policy=policy, resolver=resolver, sleep=lambda s: None)
    (r,) = results.values()
    assert (r.status, r.reason_code) == ("unverifiable", "CONNECT_REFUSED") and resolver.calls == ["news.test"]


# --- progress ---------------------------------------------------------------------------------------


class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_progress_is_reported_through_the_callback(server, resolver, capsys):
    """The fetcher reports each finished URL to its caller and writes nothing itself."""
    seen = []
    run(server, [server.url(), server.url("/gz")], resolver, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(("stream", "shown"), [(io.StringIO(), False), (FakeTTY(), True)])
def test_progress_bar_only_on_a_terminal(stream, shown):
    from citecheck.cli.terminal import ProgressBar

    bar = ProgressBar(stream, minimum=2)
    for done in (1, 2):
        bar("fetching", done, 2)
    out = stream.getvalue()
    assert (out == "") is not shown
    if shown:
        assert "\rcitecheck: fetching [" in out and "] 2/2" in out and out.endswith("\n")


# --- D10: TLS ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ca():
    trustme = pytest.importorskip("trustme")
    return trustme.CA()


def tls_server(ca, name):
    ctx = __import__("ssl").create_default_context(__import__("ssl").Purpose.CLIENT_AUTH)
    ca.issue_cert(name).configure_cert(ctx)
    return FixtureServer(tls=ctx)


def test_d10_tls_verified_against_the_hostname_not_the_ip(ca, tmp_path, resolver):
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    with tls_server(ca, "news.test") as good, tls_server(ca, "other.test") as wrong:
        ok = run(good, good.url(), resolver, ca_bundle=str(bundle))
        bad = run(wrong, wrong.url(), resolver, ca_bundle=str(bundle), retries=2)
    assert (ok.status, ok.address, "40 homes" in ok.text) == ("ok", "127.0.0.1", True)
    assert (bad.status, bad.reason_code) == ("unverifiable", "TLS_ERROR") and wrong.connections == 1


def test_d10_untrusted_certificate_never_retried_unverified(ca, resolver):
    with tls_server(ca, "news.test") as srv:
        r = run(srv, srv.url(), resolver, retries=2)
    assert (r.status, r.reason_code) == ("unverifiable", "TLS_ERROR")
    assert srv.connections == 1 and srv.requests == []


def test_tls_to_a_plain_http_server(server, resolver):
    r = run(server, server.url().replace("http://", "https://"), resolver)
    assert (r.status, r.reason_code) == ("unverifiable", "TLS_ERROR") and server.requests == []
