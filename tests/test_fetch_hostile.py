"""Hostile servers: slow-loris, black holes, bombs, endless and short bodies, malformed responses
(reliability.md §3: D1, D2, D7, D8, D11, D12)."""

from __future__ import annotations

import contextlib
import gzip
import socket
import struct
import time
import tracemalloc
import zlib

import pytest
from fetchserver import LOOPBACK_ONLY, FakeResolver, FixtureServer, Page, RawServer, read_request

from citecheck.fetch.client import FetchPolicy, fetch_all

pytestmark = pytest.mark.block_network(allowed_hosts=LOOPBACK_ONLY)

RESOLVER_MAP = {"raw.test": "127.0.0.1", "news.test": "127.0.0.1"}
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"


def fetch(urls, *ports, **kw):
    kw.setdefault("allow_hosts", ("raw.test", "news.test"))
    kw.setdefault("host_interval", 0.0)
    policy = FetchPolicy(allowed_ports=(80, 443, *ports), **kw)
    results = fetch_all(urls, policy=policy, resolver=FakeResolver(RESOLVER_MAP), sleep=lambda s: None)
    return list(results.values())


def slow_loris(conn, server):
    read_request(conn)
    conn.sendall(HEAD + b"Content-Length: 100000\r\n\r\n")
    for _ in range(60):  # bounded: 15 s at most, and the client hangs up long before
        if server.stopped.is_set():
            return
        conn.sendall(b"a")
        time.sleep(0.25)


def test_d1_slow_loris_hits_the_overall_deadline_while_others_proceed():
    with RawServer(slow_loris) as raw, FixtureServer() as fast:
        started = time.monotonic()
        slow, ok = fetch([raw.url(), fast.url()], raw.port, fast.port, deadline=1.0, retries=0)
        elapsed = time.monotonic() - started
    assert (slow.status, slow.reason_code) == ("unverifiable", "TIMEOUT_DEADLINE")
    assert ok.status == "ok"
    assert elapsed < 2.5  # httpx's inactivity timeout (20 s) alone would never fire here


def test_d1_deadline_applies_per_attempt_and_retries_are_bounded():
    with RawServer(slow_loris) as raw:
        started = time.monotonic()
        (r,) = fetch([raw.url()], raw.port, deadline=0.6, retries=1)
        elapsed = time.monotonic() - started
    assert r.reason_code == "TIMEOUT_DEADLINE" and raw.connections == 2
    assert elapsed < 0.6 * 2 + 1.0


def black_hole(conn, server):
    read_request(conn)
    server.stopped.wait(10)  # accept, never answer


def test_d2_silent_server_read_timeout_retried():
    with RawServer(black_hole) as raw:
        (r,) = fetch([raw.url()], raw.port, read_timeout=0.3, retries=1)
    assert (r.status, r.reason_code, raw.connections) == ("unverifiable", "TIMEOUT_READ", 2)


# --- D7: compression bombs ------------------------------------------------------------------------


def compress_zeros(total: int, wbits: int) -> bytes:
    obj = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = bytes(1 << 20)
    parts = [obj.compress(block) for _ in range(total >> 20)]
    return b"".join([*parts, obj.flush()])


@pytest.fixture(scope="module")
def bombs():
    gz = compress_zeros(200 << 20, 31)  # 200 MB of zeros as gzip, about 200 KB on the wire
    return {
        "gzip": gz,
        "deflate": compress_zeros(200 << 20, 15),
        "gzip, gzip": gzip.compress(gz),
        "x-gzip": gz,
    }


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "gzip, gzip", "x-gzip"])
def test_d7_compression_bomb_aborts_at_the_decoded_cap_with_bounded_memory(bombs, encoding):
    body = bombs[encoding]
    assert len(body) < 400_000
    headers = {"Content-Type": "text/html", "Content-Encoding": encoding}
    with FixtureServer({"/bomb": Page(body, headers=headers)}) as srv:
        tracemalloc.start()
        try:
            (r,) = fetch([srv.url("/bomb")], srv.port)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert (r.status, r.reason_code) == ("unverifiable", "TOO_LARGE")
    assert srv.hits["/bomb"] == 1  # oversize is never retried
    assert peak < 32 * 2**20, f"peak {peak / 2**20:.1f} MiB"


def test_d7_raw_deflate_and_small_bodies_decode():
    raw_deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
    body = raw_deflate.compress(b"<p>raw deflate</p>") + raw_deflate.flush()
    routes = {
        "/raw": Page(body, headers={"Content-Type": "text/html", "Content-Encoding": "deflate"}),
        "/zlib": Page(
            zlib.compress(b"<p>zlib</p>"), headers={"Content-Type": "text/html", "Content-Encoding": "deflate"}
        ),
        "/br": Page(b"\x1b\x03\x00", headers={"Content-Type": "text/html", "Content-Encoding": "br"}),
        "/corrupt": Page(b"\x1f\x8b\x08\x00garbage", headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}),
    }
    with FixtureServer(routes) as srv:
        raw, zl, br, corrupt = fetch([srv.url(p) for p in routes], srv.port, retries=2)
    assert (raw.status, raw.text) == ("ok", "<p>raw deflate</p>")
    assert (zl.status, zl.text) == ("ok", "<p>zlib</p>")
    assert (br.status, br.reason_code, br.text) == ("ok", "UNSUPPORTED_CONTENT_TYPE", None)  # not advertised
    assert (corrupt.status, corrupt.reason_code, srv.hits["/corrupt"]) == ("unverifiable", "PROTOCOL_ERROR", 1)


# --- D8: endless, lying and short bodies ------------------------------------------------------------


def endless_chunked(conn, server):
    read_request(conn)
    conn.sendall(HEAD + b"Transfer-Encoding: chunked\r\n\r\n")
    chunk = b"%x\r\n%s\r\n" % (65536, b"x" * 65536)
    for _ in range(800):  # 50 MiB at most
        conn.sendall(chunk)


def test_d8_endless_chunked_body_capped_and_connection_closed():
    with RawServer(endless_chunked) as raw:
        (r,) = fetch([raw.url()], raw.port)
        deadline = time.monotonic() + 5
        while raw.closed_early == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
    assert (r.status, r.reason_code) == ("unverifiable", "TOO_LARGE")
    assert raw.closed_early == 1 and raw.connections == 1  # we hung up; not retried


def lying_length(conn, server):
    read_request(conn)
    conn.sendall(HEAD + b"Content-Length: 10\r\n\r\n0123456789")
    with contextlib.suppress(OSError):  # the client hangs up after 10 bytes
        conn.sendall(b"y" * (10 << 20))


def test_d8_content_length_10_with_10_mb_sent_reads_10_bytes():
    with RawServer(lying_length) as raw:
        (r,) = fetch([raw.url()], raw.port)
    assert (r.status, r.text) == ("ok", "0123456789")


def short_body(conn, server):
    read_request(conn)
    conn.sendall(HEAD + b"Content-Length: 10000000\r\n\r\n0123456789")


def test_d8_short_body_is_retried_then_unverifiable():
    with RawServer(short_body) as raw:
        (r,) = fetch([raw.url()], raw.port, retries=1)
    assert (r.status, r.reason_code, raw.connections) == ("unverifiable", "PROTOCOL_ERROR", 2)


def test_d8_declared_oversize_refused_without_reading():
    def huge(conn, server):
        read_request(conn)
        conn.sendall(HEAD + b"Content-Length: 50000000\r\n\r\n")

    with RawServer(huge) as raw:
        (r,) = fetch([raw.url()], raw.port, retries=2)
    assert (r.reason_code, raw.connections) == ("TOO_LARGE", 1)


# --- D11, D12: malformed responses and resets -------------------------------------------------------

MALFORMED = {
    "bad status line": b"HTTP/1.1 two hundred OK\r\n\r\n",
    "duplicate content-length": HEAD + b"Content-Length: 5\r\nContent-Length: 7\r\n\r\nhello",
    "bad chunk": HEAD + b"Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
    "200 KB header": HEAD + b"X-Big: " + b"a" * 200_000 + b"\r\n\r\n",
    "garbage": b"\x00\xff\xfe garbage \x01\x02\r\n\r\n",
    "nothing": b"",
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_d11_malformed_responses_are_protocol_errors(name):
    def script(conn, server):
        read_request(conn)
        conn.sendall(MALFORMED[name])

    with RawServer(script) as raw:
        (r,) = fetch([raw.url()], raw.port, retries=1)
    assert (r.status, r.reason_code) == ("unverifiable", "PROTOCOL_ERROR")
    assert raw.connections == 2  # a remote protocol error counts as transient: retried once


def test_d12_reset_mid_body_is_retried():
    def script(conn, server):
        read_request(conn)
        with server.lock:
            first = server.connections == 1
        if first:
            conn.sendall(HEAD + b"Content-Length: 1000\r\n\r\n" + b"x" * 100)
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close = RST
        else:
            conn.sendall(HEAD + b"Content-Length: 5\r\n\r\nfresh")

    with RawServer(script) as raw:
        (r,) = fetch([raw.url()], raw.port, retries=2)
    assert (r.status, r.text, raw.connections) == ("ok", "fresh", 2)
