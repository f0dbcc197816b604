"""Local servers and a fake resolver for the fetch tests. Nothing here touches the real network.

* `FixtureServer` — a threaded `http.server` on 127.0.0.1 (ephemeral port, daemon threads) serving
  `Page`s or route functions; it records connections, requests and the peak number of requests in
  flight, and shuts itself down after `lifetime` seconds if a test forgets to.
* `RawServer` — a raw-socket server whose `script(conn, server)` writes slow or malformed responses.
* `FakeResolver` — maps test host names to addresses, counts lookups, raises `DnsError` on demand.
"""

from __future__ import annotations

import gzip
import http.server
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from citecheck.fetch.policy import DnsError

LOOPBACK_ONLY = [r"127\.0\.0\.1\Z"]  # for pytest-recording's --block-network allow-list (regexes)


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    peer: str


@dataclass
class Page:
    """A canned response."""

    body: bytes | str = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0

    def send(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        body = self.body.encode("utf-8") if isinstance(self.body, str) else self.body
        if self.delay:
            time.sleep(self.delay)
        handler.send_response(self.status)
        for name, value in self.headers.items():
            handler.send_header(name, value)
        if not any(k.lower() == "content-length" for k in self.headers):
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(body)


ARTICLE = """<!doctype html><html><head><meta charset="utf-8"><title>Council votes</title></head>
<body><h1>Council votes to build 40 new homes</h1><p>The council said on Monday that 40 homes
would be built by 2027.</p></body></html>"""

Route = Callable[[http.server.BaseHTTPRequestHandler, "FixtureServer"], None] | Page


def gzip_page(text: str, **headers: str) -> Page:
    hdrs = {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip", **headers}
    return Page(gzip.compress(text.encode("utf-8")), headers=hdrs)


def redirect(location: str, status: int = 302) -> Page:
    return Page(b"", status, {"Location": location, "Content-Type": "text/plain"})


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fixture: FixtureServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _serve(self) -> None:
        fixture = self.fixture
        path = self.path.split("?", 1)[0]
        host = self.headers.get("Host", "").rsplit(":", 1)[0]
        with fixture.lock:
            fixture.requests.append(Seen(self.command, self.path, dict(self.headers), self.client_address[0]))
            fixture.hits[path] = fixture.hits.get(path, 0) + 1
            fixture.in_flight += 1
            fixture.max_in_flight = max(fixture.max_in_flight, fixture.in_flight)
            fixture.host_in_flight[host] = fixture.host_in_flight.get(host, 0) + 1
            fixture.max_host_in_flight = max(fixture.max_host_in_flight, fixture.host_in_flight[host])
        try:
            route = fixture.routes.get(path) or fixture.routes.get(self.path)
            if route is None:
                Page("not found", 404).send(self)
            elif isinstance(route, Page):
                route.send(self)
            else:
                route(self, fixture)
        finally:
            with fixture.lock:
                fixture.in_flight -= 1
                fixture.host_in_flight[host] -= 1

    do_GET = _serve
    do_HEAD = _serve


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    fixture: FixtureServer

    def process_request(self, request: socket.socket, client_address: tuple) -> None:
        with self.fixture.lock:
            self.fixture.connections += 1
            self.fixture.peers.append(client_address[0])
        super().process_request(request, client_address)

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up or fails the TLS handshake is what several tests do on purpose


class FixtureServer:
    """Threaded HTTP/1.1 server on `host` (default 127.0.0.1), ephemeral port unless `port` is given."""

    def __init__(
        self,
        routes: dict[str, Route] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        lifetime: float = 120,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.routes: dict[str, Route] = {"/article": Page(ARTICLE), **(routes or {})}
        self.lock = threading.Lock()
        self.requests: list[Seen] = []
        self.peers: list[str] = []
        self.hits: dict[str, int] = {}
        self.host_in_flight: dict[str, int] = {}
        self.connections = self.in_flight = self.max_in_flight = self.max_host_in_flight = 0
        self.scheme = "https" if tls else "http"
        handler = type("Handler", (_Handler,), {"fixture": self})
        self.httpd = _Server((host, port), handler)
        self.httpd.fixture = self
        if tls is not None:
            sock = self.httpd.socket
            self.httpd.socket = tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        self.port = self.httpd.server_address[1]
        serve = self.httpd.serve_forever
        self._thread = threading.Thread(target=serve, kwargs={"poll_interval": 0.05}, daemon=True)
        self._timer = threading.Timer(lifetime, self.stop)
        self._timer.daemon = True
        self._stopped = False

    def url(self, path: str = "/article", host: str = "news.test") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def start(self) -> FixtureServer:
        if not self._thread.is_alive():
            self._thread.start()
            self._timer.start()
        return self

    def stop(self) -> None:
        if not self._stopped:
            self._stopped = True
            self._timer.cancel()
            self.httpd.shutdown()
            self.httpd.server_close()

    def __enter__(self) -> FixtureServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class RawServer:
    """Accepts TCP connections on 127.0.0.1 and runs `script(conn, server)` for each in a daemon thread."""

    def __init__(self, script: Callable[[socket.socket, RawServer], None], lifetime: float = 60) -> None:
        self.script = script
        self.connections = 0
        self.closed_early = 0  # connections the client closed while the script was still writing
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self._deadline = time.monotonic() + lifetime
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def url(self, path: str = "/", host: str = "raw.test") -> str:
        return f"http://{host}:{self.port}{path}"

    def _accept(self) -> None:
        while not self.stopped.is_set() and time.monotonic() < self._deadline:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                break
            with self.lock:
                self.connections += 1
            threading.Thread(target=self._run, args=(conn,), daemon=True).start()
        self.stopped.set()

    def _run(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        try:
            self.script(conn, self)
        except OSError:
            with self.lock:
                self.closed_early += 1
        finally:
            conn.close()

    def start(self) -> RawServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopped.set()
        self.sock.close()
        self._thread.join(timeout=2)

    def __enter__(self) -> RawServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def read_request(conn: socket.socket, limit: int = 65536) -> bytes:
    """Read one request head (up to the blank line) from `conn`."""
    data = b""
    while b"\r\n\r\n" not in data and len(data) < limit:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


class FakeResolver:
    """`mapping[host]` is an address, a list of addresses, a `DnsError`, or a function of the lookup
    number (1, 2, ...) returning addresses. Unknown hosts are NXDOMAIN. Every lookup is recorded."""

    def __init__(self, mapping: dict[str, object]) -> None:
        self.mapping = {k.lower(): v for k, v in mapping.items()}
        self.calls: list[str] = []

    async def resolve(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        answer = self.mapping.get(host.lower())
        if answer is None:
            raise DnsError(f"{host}: NXDOMAIN", code="BROKEN_DNS")
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            answer = answer(self.calls.count(host))
        return [answer] if isinstance(answer, str) else list(answer)  # type: ignore[arg-type]
