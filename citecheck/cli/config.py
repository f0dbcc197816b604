"""`[tool.citecheck]` in pyproject.toml or a citecheck.toml, found from the current directory upward,
or named with --config. Unknown keys and wrong types are errors naming file, line and a suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from citecheck.credibility.defaults import LOW_CREDIBILITY
from citecheck.errors import ConfigError

if TYPE_CHECKING:
    from citecheck.model import Severity

__all__ = ["Config", "load_config", "find_config", "KEYS"]

SEVERITIES = ("error", "warning", "info")


@frozen
class Config:
    path: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(factory=dict)  # values checked by _severity_map
    fail_on: str = "error"
    against: tuple[str, ...] = ()
    credibility: Mapping[str, float] = field(factory=dict)
    low_credibility: float = LOW_CREDIBILITY
    max_input_size: int = 10 * 2**20
    fetch: Mapping[str, Any] = field(factory=dict)
    strict: bool = False
    outlets: Mapping[str, Mapping[str, str]] = field(factory=dict)
    include: tuple[str, ...] = ()  # gitignore-style patterns: what `check` with no path reads
    exclude: tuple[str, ...] = ()


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _number_map(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(v, int | float) and 0 <= v <= 1 for v in value.values())


def _severity_map(value: object) -> bool:
    return isinstance(value, dict) and all(v in SEVERITIES for v in value.values())


KEYS: dict[str, tuple[Any, str]] = {
    "select": (_strings, "a list of rule codes, prefixes or names"),
    "ignore": (_strings, "a list of rule codes, prefixes or names"),
    "severity": (_severity_map, "a table of selector = 'error' | 'warning' | 'info'"),
    "fail-on": (lambda v: v in SEVERITIES, "'error', 'warning' or 'info'"),
    "against": (_strings, "a list of paths"),
    "include": (_strings, 'a list of gitignore-style patterns, e.g. ["drafts/**/*.md"]'),
    "exclude": (_strings, 'a list of gitignore-style patterns, e.g. ["archive/"]'),
    "credibility": (_number_map, "a table of source name or domain = number in 0..1"),
    "low-credibility": (lambda v: isinstance(v, int | float) and 0 <= v <= 1, "a number in 0..1"),
    "max-input-size": (lambda v: isinstance(v, int) and v > 0, "a positive number of bytes"),
    "fetch": (lambda v: isinstance(v, dict), "a table of fetch settings"),
    "strict": (lambda v: isinstance(v, bool), "true or false"),
    "outlets": (
        lambda v: (
            isinstance(v, dict)
            and all(isinstance(t, dict) and all(isinstance(x, str) for x in t.values()) for t in v.values())
        ),
        'a table of outlet name = { domain = "…", kind = "news", aliases = "A|B" }',
    ),
}
FETCH_KEYS: dict[str, tuple[Any, str]] = {
    "enabled": (lambda v: isinstance(v, bool), "true or false"),
    "timeout": (lambda v: isinstance(v, int | float) and v > 0, "seconds"),
    "deadline": (lambda v: isinstance(v, int | float) and v > 0, "seconds"),
    "retries": (lambda v: isinstance(v, int) and 0 <= v <= 10, "a whole number 0..10"),
    "max-bytes": (lambda v: isinstance(v, int) and v > 0, "bytes"),
    "concurrency": (lambda v: isinstance(v, int) and v > 0, "a positive whole number"),
    "per-host": (lambda v: isinstance(v, int) and v > 0, "a positive whole number"),
    "cache-dir": (lambda v: isinstance(v, str), "a path"),
    "user-agent": (lambda v: isinstance(v, str), "a string"),
}


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        for name in ("citecheck.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file() and (name == "citecheck.toml" or _has_table(candidate)):
                return candidate
    return None


def _has_table(path: Path) -> bool:
    try:
        return "[tool.citecheck" in path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def load_config(explicit: str | None = None, start: Path | None = None) -> Config:
    path = Path(explicit) if explicit else find_config(start or Path.cwd())
    if path is None:
        return Config()
    import tomllib  # deferred: most runs find no config file, and the TOML parser is a few ms of start-up

    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    table = data.get("tool", {}).get("citecheck", {}) if path.name == "pyproject.toml" else data
    fetch = table.get("fetch", {})
    errors = _validate(table, KEYS, path, text, "")
    errors += _validate(fetch if isinstance(fetch, dict) else {}, FETCH_KEYS, path, text, "fetch.")
    if errors:  # every mistake at once, so one edit fixes them all
        raise ConfigError("\n".join(errors))
    return _build(table, path)


def _validate(
    table: Mapping[str, Any], keys: Mapping[str, tuple[Any, str]], path: Path, text: str, prefix: str
) -> list[str]:
    """One line per unknown key or wrong value, in file order."""
    errors = []
    for key, value in table.items():
        where = _locate(text, key)
        if key not in keys:
            import difflib  # deferred: only a mistyped key needs it

            close = difflib.get_close_matches(key, keys, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(sorted(keys))})"
            errors.append((where, f"{path}:{where}: unknown key '{prefix}{key}'{hint}"))
            continue
        check, expected = keys[key]
        if not check(value):
            errors.append((where, f"{path}:{where}: '{prefix}{key}' must be {expected}, not {value!r}"))
    return [line for _, line in sorted(errors, key=lambda e: tuple(int(n) for n in e[0].split(":")))]


def _locate(text: str, key: str) -> str:
    match = re.search(rf"(?m)^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", text)
    if not match:
        return "1:1"
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - text.rfind("\n", 0, match.start())
    return f"{line}:{column + len(match.group()) - len(match.group().lstrip())}"


def _build(table: Mapping[str, Any], path: Path) -> Config:
    base = path.parent
    return Config(
        path=str(path),
        select=tuple(table.get("select", ())),
        ignore=tuple(table.get("ignore", ())),
        severity=dict(table.get("severity", {})),
        fail_on=table.get("fail-on", "error"),
        against=tuple(str(base / p) for p in table.get("against", ())),
        credibility={k: float(v) for k, v in table.get("credibility", {}).items()},
        low_credibility=float(table.get("low-credibility", LOW_CREDIBILITY)),
        max_input_size=int(table.get("max-input-size", 10 * 2**20)),
        fetch=dict(table.get("fetch", {})),
        strict=bool(table.get("strict", False)),
        outlets={k: dict(v) for k, v in table.get("outlets", {}).items()},
        include=tuple(table.get("include", ())),
        exclude=tuple(table.get("exclude", ())),
    )
