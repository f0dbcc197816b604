"""The URL cache: untrusted cache directories, TTLs, contention (reliability.md §3: E1–E11). No network."""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import sqlite3

import attrs
import diskcache
import pytest

from citecheck.fetch.cache import BROKEN_TTL, OK_TTL, SCHEMA_VERSION, UrlCache
from citecheck.fetch.client import FetchPolicy, FetchResult

NOW = 1_700_000_000.0


def ok(url="http://news.test/a", text="<p>hello</p>"):
    return FetchResult(url, url, "ok", "OK", 200, "text/html", text, (), "93.184.216.34", "decoded as utf-8")


def result(status, code, http=None, url="http://news.test/a"):
    return FetchResult(url, url, status, code, http)


class Clock:
    def __init__(self, now=NOW):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def cache(tmp_path, clock):
    c = UrlCache.open(tmp_path / "cache", clock=clock)
    assert c.enabled and c.warnings == []
    yield c
    c.close()


def rows(path):
    con = sqlite3.connect(path / "cache.db")
    try:
        return con.execute("SELECT rowid, key, raw, mode, filename, value FROM Cache").fetchall()
    finally:
        con.close()


def tamper(path, sql, *params):
    con = sqlite3.connect(path / "cache.db")
    try:
        con.execute(sql, params)
        con.commit()
    finally:
        con.close()


def test_round_trip_and_from_cache(cache):
    cache.put(ok())
    got = cache.get("http://news.test/a")
    assert got == attrs.evolve(ok(), from_cache=True)
    assert (got.status, got.text, got.from_cache, got.address) == ("ok", "<p>hello</p>", True, "93.184.216.34")


def test_e11_key_normalisation_and_variant(cache):
    cache.put(ok("http://news.test/x"))
    assert cache.get("HTTP://News.Test/x#frag") is not None
    assert cache.get("http://news.test:80/x") is not None
    assert cache.get("http://news.test/x/") is None  # a different resource
    assert cache.get("http://news.test/x", variant=FetchPolicy(user_agent="other").variant()) is None
    cache.put(ok("http://news.test/"))
    assert cache.get("http://news.test") is not None  # empty path is "/"


def test_e11_policy_variant_changes_with_verdict_settings():
    base = FetchPolicy().variant()
    assert FetchPolicy(user_agent="x").variant() != base
    assert FetchPolicy(allow_private=True).variant() != base
    assert FetchPolicy(retries=5, deadline=3).variant() == base  # timing does not change a verdict


def test_e10_ttl_and_what_is_cached(tmp_path, cache, clock):
    cache.put(ok("http://news.test/ok"))
    cache.put(result("broken", "HTTP_404", 404, "http://news.test/404"))
    for code, status in [("RATE_LIMITED", "unverifiable"), ("SERVER_ERROR", "unverifiable"),
                         ("TIMEOUT_DEADLINE", "unverifiable"), ("BLOCKED_ADDRESS", "blocked"),
                         ("BROKEN_DNS", "broken"), ("HTTP_400", "broken")]:  # fmt: skip
        cache.put(result(status, code, url=f"http://news.test/{code}"))
    assert len(rows(tmp_path / "cache")) == 2
    assert cache.get("http://news.test/404").reason_code == "HTTP_404"
    clock.now = NOW + BROKEN_TTL + 1
    assert cache.get("http://news.test/404") is None  # 404s live at most an hour
    assert cache.get("http://news.test/ok") is not None
    clock.now = NOW + OK_TTL + 1
    assert cache.get("http://news.test/ok") is None  # successes live a day


def test_e6_future_timestamp_counts_as_expired(cache, clock):
    clock.now = NOW + 3600
    cache.put(ok())
    clock.now = NOW
    assert cache.get("http://news.test/a") is None


def test_e4_pickle_row_never_unpickled_and_deleted(tmp_path, cache):
    sentinel = tmp_path / "pwned"
    cache.put(ok())

    class Payload:
        def __reduce__(self):
            return (open, (str(sentinel), "w"))

    tamper(tmp_path / "cache", "UPDATE Cache SET mode = 4, value = ?", pickle.dumps(Payload()))
    assert cache.get("http://news.test/a") is None
    assert not sentinel.exists()
    assert rows(tmp_path / "cache") == []
    assert any("cache entry rejected" in w for w in cache.warnings)


@pytest.mark.parametrize(("mode", "filename"), [(2, "/etc/hostname"), (1, "../../outside"), (3, "x.val")])
def test_e5_tampered_filename_never_opened_nor_deleted(tmp_path, cache, monkeypatch, mode, filename):
    outside = tmp_path / "outside"
    outside.write_text("keep me")
    cache.put(ok())
    target = str(outside) if filename == "../../outside" else filename
    tamper(tmp_path / "cache", "UPDATE Cache SET mode = ?, filename = ?", mode, target)
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda p, *a, **k: opened.append(str(p)) or real_open(p, *a, **k))
    assert cache.get("http://news.test/a") is None
    assert outside.read_text() == "keep me"  # SafeDisk.remove never deletes a file named by a row
    assert not [p for p in opened if p.endswith(("hostname", "outside", "x.val"))]


@pytest.mark.parametrize(
    "mutate",
    [
        lambda r: {**r, "status": 1},
        lambda r: {**r, "status": "unverifiable"},
        lambda r: {**r, "url": "http://other.test/"},
        lambda r: {**r, "v": SCHEMA_VERSION + 1},
        lambda r: {**r, "extra": 1},
        lambda r: {k: v for k, v in r.items() if k != "text"},
        lambda r: {**r, "stored_at": "yesterday"},
        lambda r: {**r, "redirects": ["x"] * 100},
        lambda r: {**r, "http_status": True},
        lambda r: [r],
    ],
)
def test_e6_schema_invalid_values_are_misses(tmp_path, cache, mutate):
    cache.put(ok())
    (_, _, _, _, _, value) = rows(tmp_path / "cache")[0]
    record = json.loads(bytes(value))
    tamper(tmp_path / "cache", "UPDATE Cache SET value = ?", json.dumps(mutate(record)).encode())
    assert cache.get("http://news.test/a") is None
    assert rows(tmp_path / "cache") == []


def test_e6_oversized_and_non_json_values(tmp_path, cache):
    cache.put(ok())
    tamper(tmp_path / "cache", "UPDATE Cache SET value = ?", b"[" * 10_000 + b"]" * 10_000)
    assert cache.get("http://news.test/a") is None
    cache.put(ok())
    tamper(tmp_path / "cache", "UPDATE Cache SET value = ?", b" " * (17 * 2**20))
    assert cache.get("http://news.test/a") is None
    cache.put(ok())
    tamper(tmp_path / "cache", "UPDATE Cache SET value = ?", "a text value")
    assert cache.get("http://news.test/a") is None


def test_e2_corrupt_db_moved_aside(tmp_path, clock):
    directory = tmp_path / "cache"
    directory.mkdir()
    (directory / "cache.db").write_bytes(os.urandom(8192))
    c = UrlCache.open(directory, clock=clock)
    assert c.enabled and len(c.warnings) == 1 and "moved aside" in c.warnings[0]
    assert [p.name for p in directory.glob("cache.db.corrupt-*")]
    c.put(ok())
    assert c.get("http://news.test/a") is not None


def test_e2_tampered_settings_table_moved_aside(tmp_path, clock):
    c = UrlCache.open(tmp_path / "cache", clock=clock)
    c.close()
    tamper(tmp_path / "cache", "INSERT INTO Settings VALUES ('sqlite_writable_schema', 'ON')")
    again = UrlCache.open(tmp_path / "cache", clock=clock)
    assert again.enabled and "moved aside" in again.warnings[0]


def test_e3_zero_length_and_truncated_db(tmp_path, clock):
    directory = tmp_path / "zero"
    directory.mkdir()
    (directory / "cache.db").write_bytes(b"")
    c = UrlCache.open(directory, clock=clock)
    c.put(ok())
    assert c.get("http://news.test/a") is not None and c.warnings == []
    c.close()

    full = UrlCache.open(tmp_path / "trunc", clock=clock)
    for i in range(200):
        full.put(ok(f"http://news.test/{i}", text="x" * 2000))
    full.close()
    db = tmp_path / "trunc" / "cache.db"
    for side in ("cache.db-wal", "cache.db-shm"):
        (tmp_path / "trunc" / side).unlink(missing_ok=True)
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    cut = UrlCache.open(tmp_path / "trunc", clock=clock)
    got = [cut.get(f"http://news.test/{i}") for i in range(200)]  # no exception, whatever survived
    assert all(g is None or g.text == "x" * 2000 for g in got)


def test_e1_unusable_directories_disable_the_cache(tmp_path):
    a_file = tmp_path / "file"
    a_file.write_text("x")
    for path in (a_file, tmp_path / "missing-parent" / "cache"):
        c = UrlCache.open(path)
        assert not c.enabled and c.warnings[0].startswith("cache disabled:")
        c.put(ok())
        assert c.get("http://news.test/a") is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_e1_read_only_directory(tmp_path):
    directory = tmp_path / "ro"
    directory.mkdir(mode=0o500)
    c = UrlCache.open(directory)
    assert not c.enabled and c.warnings[0].startswith("cache disabled:")


def test_e1_permission_error_while_opening(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(diskcache, "Cache", refuse)
    c = UrlCache.open(tmp_path / "cache")
    assert not c.enabled and "PermissionError" in c.warnings[0]


@pytest.mark.parametrize(
    "error", [diskcache.Timeout("timed out"), sqlite3.OperationalError("database is locked"), OSError(24, "EMFILE")]
)
def test_e8_contention_is_a_miss_or_a_skip_with_one_warning(cache, monkeypatch, error):
    cache.put(ok())

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(cache._cache, "get", fail)
    monkeypatch.setattr(cache._cache, "set", fail)
    for _ in range(3):
        assert cache.get("http://news.test/a") is None
        cache.put(ok("http://news.test/b"))
    assert len(cache.warnings) == 2  # one for reads, one for writes, however many failures


def test_e9_disk_full_disables_writes_keeps_reads(cache, monkeypatch):
    cache.put(ok())
    calls = []

    def full(*args, **kwargs):
        calls.append(1)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(cache._cache, "set", full)
    for i in range(5):
        cache.put(ok(f"http://news.test/{i}"))
    assert len(calls) == 1 and len(cache.warnings) == 1 and "disabled" in cache.warnings[0]
    assert cache.get("http://news.test/a") is not None


def test_readonly_cache_never_writes(tmp_path, clock):
    writer = UrlCache.open(tmp_path / "c", clock=clock)
    writer.put(ok())
    writer.close()
    reader = UrlCache.open(tmp_path / "c", clock=clock, readonly=True)
    reader.put(ok("http://news.test/new"))
    assert reader.get("http://news.test/a") is not None and reader.get("http://news.test/new") is None


def _worker(args):
    directory, index = args
    cache = UrlCache.open(directory, clock=lambda: NOW)
    mine = range(index * 50, index * 50 + 150)
    for n in mine:
        cache.put(ok(f"http://h{n % 7}.test/{n}", text=f"page {n}"))
    wrong = []
    for n in range(300):
        got = cache.get(f"http://h{n % 7}.test/{n}")
        if (got is None and n in mine) or (got is not None and got.text != f"page {n}"):
            wrong.append(n)
    cache.close()
    return cache.warnings, wrong


def test_e7_several_processes_share_one_cache(tmp_path):
    directory = str(tmp_path / "shared")
    UrlCache.open(directory).close()
    with multiprocessing.get_context("fork").Pool(6) as pool:
        outcomes = pool.map(_worker, [(directory, i) for i in range(6)])
    assert outcomes == [([], [])] * 6
    final = UrlCache.open(directory, clock=lambda: NOW)
    assert final.check() == []
    assert all(final.get(f"http://h{n % 7}.test/{n}").text == f"page {n}" for n in range(300))
