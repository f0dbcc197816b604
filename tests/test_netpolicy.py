"""Address and URL policy without any server (reliability.md §3 rows B5, B6, C2, C3, C5, C6, C11, C12, D13).

CPython's `ipaddress` answers differ between versions (CVE-2024-4032, gh-117566, gh-119812); the
expectations below are pinned to what citecheck must decide, whatever `is_global` says on 3.11+.
"""

from __future__ import annotations

import asyncio
import socket
import sys
import time

import httpcore
import pytest
from fetchserver import FakeResolver

from citecheck.errors import ConfigError
from citecheck.fetch.client import FetchPolicy, fetch_all
from citecheck.fetch.policy import (
    DnsError,
    GuardedBackend,
    PolicyViolation,
    SystemResolver,
    address_problem,
    literal_address,
    redact,
    vet_url,
)

DEFAULT = FetchPolicy()

FORBIDDEN = [
    # C1
    "127.0.0.1", "127.0.0.2", "0.0.0.0", "::1", "::",
    # C2
    "169.254.169.254", "fd00:ec2::254", "100.100.100.200", "10.0.0.5", "10.255.255.255", "172.16.0.1",
    "172.31.255.254", "192.168.1.1", "100.64.0.1", "fe80::1", "fe80::1%eth0", "224.0.0.1",
    "255.255.255.255", "198.18.0.1", "198.19.255.255", "192.0.0.1", "240.0.0.1", "fec0::1", "ff02::1",
    # C3 (IPv6 wrappers around loopback)
    "::ffff:127.0.0.1", "::ffff:7f00:1", "64:ff9b::7f00:1", "2002:7f00:1::", "::127.0.0.1",
    "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "::ffff:169.254.169.254",
]  # fmt: skip
PUBLIC = ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "2002:5db8:d822::1"]


@pytest.mark.parametrize("address", FORBIDDEN)
def test_forbidden_addresses(address):
    assert address_problem(address) is not None, f"{address} on Python {sys.version_info[:2]}"


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address):
    assert address_problem(address) is None


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("[::ffff:127.0.0.1]", "::ffff:7f00:1"),
        ("fe80::1%25eth0", "fe80::1"),
        ("news.test", None),
        ("cafe", None),
        ("beef.cafe", None),
    ],
)
def test_literal_address_decodes_legacy_forms(host, expected):
    ip = literal_address(host)
    assert (str(ip) if ip else None) == expected


def vet(url, policy=DEFAULT):
    try:
        return str(vet_url(url, policy))
    except PolicyViolation as exc:
        return exc.code


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/", "http://0x7f000001/", "http://127.1/", "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/", "http://[64:ff9b::7f00:1]/", "http://[2002:7f00:1::]/", "http://[::127.0.0.1]/",
        "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://100.100.100.200/",
        "http://[fe80::1%25eth0]/", "http://0.0.0.0/", "http://[::]/",
    ],
)  # fmt: skip
def test_c3_encoded_loopback_urls_refused_before_any_network(url):
    # C3: blocked, or BAD_URL where httpx itself rejects the form (0177.0.0.1 is such a case).
    assert vet(url) == "BLOCKED_ADDRESS"
    assert vet("http://0177.0.0.1/") in ("BLOCKED_ADDRESS", "BAD_URL")


def test_b5_normalisation():
    assert vet("HTTP://News.Test/a/(b)?q=%41#:~:text=foo") == "http://news.test/a/(b)?q=%41"
    assert vet("http://news.test") == "http://news.test/"
    assert vet("http://news.test:80/x") == "http://news.test/x"
    assert vet("https://bücher.test/") == "https://xn--bcher-kva.test/"
    assert vet("http://news.test/wiki/Caf%C3%A9_(disambiguation)") == "http://news.test/wiki/Caf%C3%A9_(disambiguation)"


def test_b5_url_length_limit():
    base = "http://news.test/"
    assert vet(base + "a" * (8192 - len(base))).startswith("http://")
    assert vet(base + "a" * (8193 - len(base))) == "BAD_URL"
    assert vet(base + "a" * 100_000) == "BAD_URL"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd", "file:///proc/self/environ", "ftp://example.com/x", "gopher://example.com/",
        "data:text/html,<b>x</b>", "javascript:alert(1)", "mailto:a@example.com", "\\\\unc\\share\\x",
    ],
)  # fmt: skip
def test_b6_unsupported_schemes(url):
    assert vet(url) == "UNSUPPORTED_SCHEME"


@pytest.mark.parametrize("url", ["http:///x", "http://a b/", "http://exa mple.com/", "http://[::1/"])
def test_bad_urls(url):
    assert vet(url) == "BAD_URL"


@pytest.mark.parametrize("port", [22, 25, 6379, 11211, 8080])
def test_c12_non_web_ports(port):
    assert vet(f"http://news.test:{port}/") == "BLOCKED_PORT"
    assert vet(f"http://news.test:{port}/", FetchPolicy(allowed_ports=(80, 443, port))).startswith("http://")


def test_c11_userinfo_stripped_and_redacted():
    assert vet("http://user:s3cret@news.test/x") == "http://news.test/x"
    assert "s3cret" not in redact("http://user:s3cret@news.test/" + "a" * 10_000)
    assert redact("ftp://user:s3cret@host/x") == "ftp://host/x"


def test_c13_escape_hatches_off_by_default():
    assert DEFAULT.allow_private is False and DEFAULT.allow_hosts == ()
    assert vet("http://127.0.0.1/") == "BLOCKED_ADDRESS"
    assert vet("http://127.0.0.1/", FetchPolicy(allow_private=True)) == "http://127.0.0.1/"
    assert vet("http://127.0.0.1/", FetchPolicy(allow_hosts=("127.0.0.1",))) == "http://127.0.0.1/"
    assert vet("http://127.0.0.2/", FetchPolicy(allow_hosts=("127.0.0.1",))) == "BLOCKED_ADDRESS"


class RecordingInner(httpcore.AsyncNetworkBackend):
    """Stands in for the socket layer: records where the guard asked to connect, connects nowhere."""

    def __init__(self):
        self.connects = []

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        self.connects.append((host, port))
        raise httpcore.ConnectError("recorded, not connected")


def connect(backend, host, port=80):
    async def go():
        try:
            await backend.connect_tcp(host, port)
        except (PolicyViolation, httpcore.ConnectError, DnsError) as exc:
            return getattr(exc, "code", type(exc).__name__)
        return "connected"

    return asyncio.run(go())


def test_c5_rebinding_one_lookup_per_connection_and_connects_to_vetted_ip():
    resolver = FakeResolver({"rebind.test": lambda n: "93.184.216.34" if n == 1 else "127.0.0.1"})
    inner = RecordingInner()
    backend = GuardedBackend(DEFAULT, resolver, inner=inner)
    assert connect(backend, "rebind.test") == "ConnectError"
    assert resolver.calls == ["rebind.test"]
    assert inner.connects == [("93.184.216.34", 80)]  # the vetted IP, not the name
    assert connect(backend, "rebind.test") == "BLOCKED_ADDRESS"
    assert resolver.calls == ["rebind.test", "rebind.test"]
    assert inner.connects == [("93.184.216.34", 80)]  # never 127.0.0.1


@pytest.mark.parametrize(
    "answers",
    [["10.0.0.5"], ["93.184.216.34", "10.0.0.5"], ["2606:4700::1", "::1"], ["93.184.216.34", "not-an-ip"]],
)
def test_c4_c6_any_private_answer_blocks(answers):
    inner = RecordingInner()
    backend = GuardedBackend(DEFAULT, FakeResolver({"evil.test": answers}), inner=inner)
    assert connect(backend, "evil.test") == "BLOCKED_ADDRESS"
    assert inner.connects == []


def test_guard_checks_ports_and_refuses_unix_sockets():
    inner = RecordingInner()
    backend = GuardedBackend(DEFAULT, FakeResolver({"news.test": "93.184.216.34"}), inner=inner)
    assert connect(backend, "news.test", 6379) == "BLOCKED_PORT"
    with pytest.raises(PolicyViolation):
        asyncio.run(backend.connect_unix_socket("/var/run/docker.sock"))
    assert inner.connects == []


@pytest.mark.parametrize(
    ("errno_name", "code"),
    [("EAI_NONAME", "BROKEN_DNS"), ("EAI_AGAIN", "DNS_FAILURE"), ("EAI_FAIL", "DNS_FAILURE")],
)
def test_d13_system_resolver_error_mapping(monkeypatch, errno_name, code):
    def fail(*args, **kwargs):
        raise socket.gaierror(getattr(socket, errno_name), "simulated")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(DnsError) as info:
        asyncio.run(SystemResolver().resolve("news.test", 80))
    assert info.value.code == code


def test_d13_system_resolver_timeout(monkeypatch):
    def slow(*args, **kwargs):
        time.sleep(0.5)
        return []

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    with pytest.raises(DnsError) as info:
        asyncio.run(SystemResolver(timeout=0.05).resolve("news.test", 80))
    assert info.value.code == "DNS_TIMEOUT"


def test_b6_file_urls_never_opened(monkeypatch):
    opened = []
    real_open = open

    def spy(path, *args, **kwargs):
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    monkeypatch.setattr(socket.socket, "connect", lambda *a: pytest.fail("no socket may connect"))
    urls = ["file:///proc/self/environ", "file:///etc/passwd", "data:text/plain,hi", "mailto:x@example.com"]
    results = fetch_all(urls)
    assert {r.reason_code for r in results.values()} == {"UNSUPPORTED_SCHEME"}
    assert {r.status for r in results.values()} == {"blocked"}
    assert not [p for p in opened if p.startswith(("/proc", "/etc/passwd"))]


@pytest.mark.parametrize(
    "kwargs", [{"schemes": ("http", "ftp")}, {"concurrency": 0}, {"per_host": 0}, {"retries": -1}, {"deadline": 0}]
)
def test_invalid_policy_is_a_config_error(kwargs):
    with pytest.raises(ConfigError):
        FetchPolicy(**kwargs)


def test_garbage_inputs_become_results_not_exceptions(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", lambda *a: pytest.fail("no socket may connect"))
    urls = ["", "   ", "http://", "http://[", "not a url", "http://exa\x00mple.com/", "https://" + "é" * 9000]
    results = fetch_all(urls, resolver=FakeResolver({}))
    assert list(results) == urls
    assert {r.status for r in results.values()} <= {"broken", "blocked"}
    assert all(r.detail.isprintable() and len(r.url) < 1000 for r in results.values())
