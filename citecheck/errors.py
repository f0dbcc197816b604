"""The exception tree. Each error carries a stable code so that one bad input becomes one line.

CitecheckError
├── InputError (ValueError)      an input could not be read: codes E_NOT_FOUND, E_READ,
│                                E_BINARY_INPUT, E_DECODE, E_INPUT_TOO_LARGE, E_PARSE,
│                                E_TRUNCATED, E_INTERNAL
├── ConfigError (ValueError)     configuration or usage is wrong; nothing is checked (exit 2)
├── FetchError (OSError)         the network layer refused or failed (see citecheck.fetch)
└── AnalysisTimeout              one document ran past its deadline (E_TIMEOUT_EXTRACT)
"""

from __future__ import annotations

__all__ = ["CitecheckError", "InputError", "ConfigError", "FetchError", "AnalysisTimeout"]


class CitecheckError(Exception):
    """Base class of every error citecheck raises on purpose."""

    code = "E_CITECHECK"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class InputError(CitecheckError, ValueError):
    """One input could not be read or parsed; the others go on."""

    code = "E_READ"

    def __init__(self, source: str, message: str, *, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.code}: {self.message}"


class ConfigError(CitecheckError, ValueError):
    """Usage or configuration error: reported with file/line where known, exit code 2."""

    code = "E_CONFIG"


class FetchError(CitecheckError, OSError):
    """A URL could not be fetched, or fetching it was refused by policy."""

    code = "E_FETCH"


class AnalysisTimeout(CitecheckError):
    """One document's analysis ran past its deadline; it is reported (exit 3) and the run goes on."""

    code = "E_TIMEOUT_EXTRACT"
