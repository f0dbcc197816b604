"""A URL-result cache on diskcache that never unpickles and never touches side files.

A restored cache directory is untrusted input (reliability.md §0.5, E1–E11):

* `SafeDisk` stores only bytes (JSON this module wrote) inside the SQLite row and refuses, on read,
  any row whose `mode` is not MODE_RAW or whose `filename` is set (diskcache's own `Disk` would run
  `pickle.load` or open an arbitrary path: CVE-2025-69872). Its `remove` never deletes files.
* Every diskcache setting is passed explicitly, and a `cache.db` whose Settings table holds unknown
  keys (diskcache turns `sqlite_*` keys into PRAGMA statements) is moved aside like a corrupt one.
* Decoded JSON is schema-checked; the schema version is part of the key; future timestamps count as
  expired; an entry for another URL is rejected.
* Only successes are cached (24 h); 404/410 for at most 1 h; nothing unverifiable or blocked.
* Every cache call is wrapped: `ValueError`, `diskcache.Timeout`, `sqlite3.Error` and `OSError` mean a
  miss on read and a skip on write, with one warning per kind. `open` never raises.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import sqlite3
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import diskcache
from diskcache.core import DEFAULT_SETTINGS, METADATA, MODE_RAW, UNKNOWN

from citecheck.fetch.policy import PolicyViolation, vet_url
from citecheck.fetch.result import FetchResult

__all__ = ["BROKEN_TTL", "OK_TTL", "SCHEMA_VERSION", "SafeDisk", "UrlCache"]

SCHEMA_VERSION = 1
OK_TTL = 24 * 3600.0
BROKEN_TTL = 3600.0
MAX_ENTRY_BYTES = 16 * 2**20
CACHEABLE_BROKEN = frozenset({"HTTP_404", "HTTP_410"})
_CACHE_ERRORS = (ValueError, diskcache.Timeout, sqlite3.Error, OSError)

SETTINGS: dict[str, Any] = {
    **DEFAULT_SETTINGS,
    "statistics": 0,
    "tag_index": 0,
    "eviction_policy": "least-recently-stored",
    "size_limit": 256 * 2**20,
    "disk_min_file_size": 2**62,
    "disk_pickle_protocol": 5,
}
_KNOWN_SETTINGS = frozenset(DEFAULT_SETTINGS) | frozenset(METADATA)

_FIELDS: dict[str, tuple[type, ...]] = {
    "v": (int,),
    "url": (str,),
    "final_url": (str,),
    "status": (str,),
    "reason_code": (str,),
    "http_status": (int, type(None)),
    "content_type": (str, type(None)),
    "text": (str, type(None)),
    "redirects": (list,),
    "address": (str, type(None)),
    "detail": (str,),
    "stored_at": (int, float),
}


class RejectedEntry(ValueError):
    """A row or value that this cache did not write (tampered or foreign)."""


class SafeDisk(diskcache.Disk):
    """A `Disk` that stores and returns only raw bytes held in the SQLite row."""

    def put(self, key: Any) -> tuple[Any, bool]:
        if not isinstance(key, str):
            raise RejectedEntry("cache keys are str")
        return super().put(key)

    def get(self, key: Any, raw: bool) -> Any:
        if not raw or not isinstance(key, str):
            raise RejectedEntry("non-raw key")
        return key

    def store(self, value: Any, read: bool, key: Any = UNKNOWN) -> tuple[int, int, None, sqlite3.Binary]:
        if read or not isinstance(value, bytes):
            raise RejectedEntry("SafeDisk stores bytes only")
        return 0, MODE_RAW, None, sqlite3.Binary(value)

    def fetch(self, mode: int, filename: Any, value: Any, read: bool) -> bytes:
        if mode != MODE_RAW or filename is not None or read or not isinstance(value, bytes):
            raise RejectedEntry(f"mode={mode!r}, filename set={filename is not None}")
        return bytes(value)

    def remove(self, file_path: Any) -> None:
        """Never delete files: the `filename` column is attacker-controlled in a restored cache."""


class UrlCache:
    """Fetch results keyed by normalised URL and a policy `variant`. Create with `UrlCache.open`."""

    def __init__(self, cache: diskcache.Cache | None, *, clock: Callable[[], float], readonly: bool) -> None:
        self._cache = cache
        self._clock = clock
        self._writable = cache is not None and not readonly
        self._warned: set[str] = set()
        self.warnings: list[str] = []

    @property
    def enabled(self) -> bool:
        return self._cache is not None

    @classmethod
    def disabled(cls, reason: str = "") -> UrlCache:
        cache = cls(None, clock=time.time, readonly=True)
        if reason:
            cache._warn("disabled", f"cache disabled: {reason}")
        return cache

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, clock: Callable[[], float] = time.time, readonly: bool = False
    ) -> UrlCache:
        """Open the cache directory `path` (created 0700; its parent must exist). Never raises."""
        try:
            directory = _prepare_dir(Path(path))
            moved = _set_aside_if_corrupt(directory / "cache.db", clock)
        except (OSError, sqlite3.Error) as exc:
            return cls.disabled(f"{path}: {_describe(exc)}")
        for attempt in range(2):
            try:
                cache = diskcache.Cache(str(directory), timeout=5, disk=SafeDisk, **SETTINGS)
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError) or attempt:
                    return cls.disabled(f"{path}: {_describe(exc)}")
                try:
                    moved += _move_aside(directory / "cache.db", clock)
                except OSError as move_exc:
                    return cls.disabled(f"{path}: {_describe(move_exc)}")
                continue
            except (OSError, ValueError, diskcache.Timeout) as exc:
                return cls.disabled(f"{path}: {_describe(exc)}")
            result = cls(cache, clock=clock, readonly=readonly)
            for name in moved:
                result._warn("corrupt", f"cache.db was corrupt or tampered; moved aside to {name}")
            return result
        return cls.disabled(f"{path}: cache.db is unusable")  # pragma: no cover

    def get(self, url: str, *, variant: str = "") -> FetchResult | None:
        """The cached result for `url`, or None (miss, expired, rejected or cache error)."""
        normal = _normalise(url)
        if self._cache is None or normal is None:
            return None
        key = _key(normal, variant)
        try:
            raw = self._cache.get(key, default=None, retry=False)
        except RejectedEntry as exc:
            self._warn("rejected", f"cache entry rejected and deleted: {exc}")
            self._delete(key)
            return None
        except _CACHE_ERRORS as exc:
            self._warn("read", f"cache read failed, treated as a miss: {_describe(exc)}")
            return None
        if raw is None:
            return None
        result, problem = _decode(raw, key_url=normal, now=self._clock())
        if problem == "invalid":
            self._warn("rejected", "cache entry rejected and deleted: schema-invalid value")
            self._delete(key)
        return result

    def put(self, result: FetchResult, *, variant: str = "") -> None:
        """Store `result` when cacheable (ok: 24 h; 404/410: 1 h). Errors skip the write."""
        ttl = _ttl(result)
        if self._cache is None or not self._writable or ttl is None or result.from_cache:
            return
        if _normalise(result.url) != result.url:
            return
        payload = _encode(result, stored_at=self._clock())
        if len(payload) > MAX_ENTRY_BYTES:
            return
        try:
            self._cache.set(_key(result.url, variant), payload, expire=ttl, retry=False)
        except _CACHE_ERRORS as exc:
            if _is_disk_full(exc):
                self._writable = False
                self._warn("full", f"cache writes disabled for this run: {_describe(exc)}")
            else:
                self._warn("write", f"cache write skipped: {_describe(exc)}")

    def check(self) -> list[str]:
        """diskcache's consistency check, as messages (empty when healthy)."""
        if self._cache is None:
            return []
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                self._cache.check()
            except _CACHE_ERRORS as exc:
                return [_describe(exc)]
        return [str(w.message) for w in caught]

    def close(self) -> None:
        if self._cache is not None:
            with contextlib.suppress(sqlite3.Error, OSError):
                self._cache.close()

    def _delete(self, key: str) -> None:
        if self._cache is None or not self._writable:
            return
        try:
            self._cache.delete(key, retry=False)
        except _CACHE_ERRORS as exc:
            self._warn("write", f"cache write skipped: {_describe(exc)}")

    def _warn(self, kind: str, message: str) -> None:
        if kind not in self._warned:
            self._warned.add(kind)
            self.warnings.append(message)


class _KeyPolicy:
    """Normalisation only: the schemes citecheck fetches, any port, no address rule."""

    schemes = ("http", "https")
    allowed_ports = range(65536)
    allow_private = True
    allow_hosts = ()


def _normalise(url: str) -> str | None:
    try:
        return str(vet_url(url, _KeyPolicy()))
    except PolicyViolation:
        return None


def _key(normal_url: str, variant: str) -> str:
    return f"citecheck:v{SCHEMA_VERSION}:{variant}:{normal_url}"


def _ttl(result: FetchResult) -> float | None:
    if result.status == "ok":
        return OK_TTL
    if result.status == "broken" and result.reason_code in CACHEABLE_BROKEN:
        return BROKEN_TTL
    return None


def _encode(result: FetchResult, *, stored_at: float) -> bytes:
    record = {name: getattr(result, name) for name in _FIELDS if name not in ("v", "stored_at")}
    record.update(v=SCHEMA_VERSION, stored_at=stored_at, redirects=list(result.redirects))
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _decode(raw: bytes, *, key_url: str, now: float) -> tuple[FetchResult | None, str]:
    """(result, "") for a fresh valid entry; (None, "expired" or "invalid") otherwise."""

    if len(raw) > MAX_ENTRY_BYTES:
        return None, "invalid"
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, "invalid"
    if not _valid(record, key_url):
        return None, "invalid"
    ttl = OK_TTL if record["status"] == "ok" else BROKEN_TTL
    if not 0 <= now - record["stored_at"] <= ttl:
        return None, "expired"
    fields = {k: v for k, v in record.items() if k not in ("v", "stored_at")}
    fields["redirects"] = tuple(fields["redirects"])
    return FetchResult(**fields, from_cache=True), ""


def _valid(record: Any, key_url: str) -> bool:
    if not isinstance(record, dict) or set(record) != set(_FIELDS):
        return False
    for name, types in _FIELDS.items():
        value = record[name]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            return False
    status = record["http_status"]
    broken_ok = record["reason_code"] in CACHEABLE_BROKEN and record["reason_code"] == f"HTTP_{status}"
    return (
        record["v"] == SCHEMA_VERSION
        and record["url"] == key_url
        and (record["status"] == "ok" or (record["status"] == "broken" and broken_ok))
        and (status is None or 100 <= status <= 599)
        and math.isfinite(record["stored_at"])
        and len(record["redirects"]) <= 32
        and all(isinstance(r, str) for r in record["redirects"])
        and len(record["reason_code"]) <= 40
    )


def _prepare_dir(path: Path) -> Path:
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "path exists and is not a directory")
    if not path.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "parent directory does not exist")
    path.mkdir(mode=0o700, exist_ok=True)
    if not os.access(path, os.W_OK | os.X_OK):
        raise PermissionError(errno.EACCES, "directory is not writable")
    return path


def _set_aside_if_corrupt(db: Path, clock: Callable[[], float]) -> list[str]:
    """Move `db` aside when SQLite cannot read it or its Settings table holds unknown keys."""
    if not db.exists() or db.stat().st_size == 0:
        return []
    try:
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            con.execute("PRAGMA schema_version").fetchall()
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            keys = {row[0] for row in con.execute("SELECT key FROM Settings")} if "Settings" in tables else set()
        finally:
            con.close()
    except sqlite3.OperationalError:
        return []  # locked or unreadable right now: diskcache reports it
    except sqlite3.DatabaseError:
        return _move_aside(db, clock)
    return _move_aside(db, clock) if not keys <= _KNOWN_SETTINGS else []


def _move_aside(db: Path, clock: Callable[[], float]) -> list[str]:
    target = db.with_name(f"{db.name}.corrupt-{int(clock())}-{os.getpid()}")
    os.replace(db, target)
    for suffix in ("-wal", "-shm"):
        side = db.with_name(db.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return [target.name]


def _is_disk_full(exc: BaseException) -> bool:
    return (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "full" in str(exc).lower()


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"
