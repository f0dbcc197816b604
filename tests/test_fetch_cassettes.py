"""Recorded HTTP: fetches replayed from pytest-recording (vcrpy) cassettes, with no socket at all.

vcrpy patches `httpx.AsyncHTTPTransport.handle_async_request`; citecheck's `GuardedTransport` subclasses
that transport without overriding the method, so cassettes record and replay the real code path above
the connection pool (redirect handling, body decoding, charset, classification). The SSRF guard sits
below that point: on replay no connection is made, so it is not exercised here (the other fetch tests
cover it against a live local server).

Re-record (starts the fixture server on 127.0.0.1:18765):

    pytest tests/test_fetch_cassettes.py --record-mode=rewrite
"""

from __future__ import annotations

import socket

import pytest
from fetchserver import LOOPBACK_ONLY, FakeResolver, FixtureServer, Page, gzip_page, redirect

from citecheck.fetch.client import FetchPolicy, fetch_all

pytestmark = pytest.mark.block_network(allowed_hosts=LOOPBACK_ONLY)

PORT = 18765
ROUTES = {
    "/gz": gzip_page("<html><body><p>Mayor résumé: 3 bridges</p></body></html>"),
    "/moved": redirect("/article", 301),
    "/gone": Page("gone", 410),
    "/latin1": Page(b"<p>caf\xe9</p>", headers={"Content-Type": "text/html; charset=iso-8859-1"}),
}
URLS = [f"http://news.test:{PORT}{path}" for path in ("/article", "/gz", "/moved", "/gone", "/latin1")]
POLICY = FetchPolicy(allowed_ports=(80, 443, PORT), allow_hosts=("news.test",), host_interval=0.0)


@pytest.fixture
def vcr_config():
    return {"match_on": ["method", "scheme", "host", "port", "path", "query"], "decode_compressed_response": False}


@pytest.fixture
def live_or_replay(record_mode, monkeypatch):
    """Recording: a live fixture server. Replaying: any socket connect fails the test."""
    if record_mode != "none":
        with FixtureServer(ROUTES, port=PORT) as server:
            yield server
        return

    def no_connect(*args):
        raise AssertionError("a replayed test must not open a connection")

    monkeypatch.setattr(socket.socket, "connect", no_connect)
    yield None


@pytest.mark.vcr
def test_fetches_replay_from_cassette(live_or_replay):
    resolver = FakeResolver({"news.test": "127.0.0.1"})
    results = fetch_all(URLS, policy=POLICY, resolver=resolver)
    article, gz, moved, gone, latin1 = results.values()
    assert (article.status, article.reason_code, article.http_status) == ("ok", "OK", 200)
    assert "40 homes" in article.text
    assert (gz.status, gz.text) == ("ok", "<html><body><p>Mayor résumé: 3 bridges</p></body></html>")
    assert (moved.status, moved.final_url, moved.redirects) == ("ok", URLS[0], (URLS[0],))
    assert (gone.status, gone.reason_code) == ("broken", "HTTP_410")
    assert (latin1.text, latin1.detail) == ("<p>café</p>", "decoded as cp1252 (Content-Type header)")
    if live_or_replay is None:
        assert resolver.calls == []  # replayed above the pool: no lookup, no connection
