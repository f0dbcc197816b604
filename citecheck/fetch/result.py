"""What fetching one URL showed: the value every consumer of the fetch stage reads."""

from __future__ import annotations

from typing import Literal

from attrs import field, frozen

__all__ = ["FetchResult", "Status"]

Status = Literal["ok", "broken", "unverifiable", "blocked"]


@frozen
class FetchResult:
    """What fetching one URL showed. `url` is the normalised URL; no field ever holds userinfo."""

    url: str
    final_url: str
    status: Status
    reason_code: str
    http_status: int | None = None
    content_type: str | None = None
    text: str | None = field(default=None, repr=False)
    redirects: tuple[str, ...] = ()
    address: str | None = None
    detail: str = ""
    from_cache: bool = False
