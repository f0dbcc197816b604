"""Origins as a reader names them, not as they are keyed.

Internally an origin is a key: an outlet ("Reuters"), a document's own voice ("article:drafts_b"), a
weak source kind in one document ("anonymous sources (drafts_b)") or a URL. Explanations and findings
name it the way a person can follow: the outlet, "drafts/b.md's own reporting", "anonymous sources in
drafts/b.md", the site's host.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

__all__ = ["origin_name"]

_WEAK = re.compile(r"^(anonymous sources|unnamed experts|unnamed reports) \((?P<doc>.+)\)$")


def origin_name(origin: str, path_of: Callable[[str], str | None]) -> str:
    """`origin` as a reader names it; `path_of` gives a document id's path (None when unknown)."""
    weak = _WEAK.match(origin)
    if weak:
        return f"{weak.group(1)} in {path_of(weak.group('doc')) or weak.group('doc')}"
    if origin.startswith("article:"):
        rest = origin.removeprefix("article:")
        path = path_of(rest)
        return f"{path}'s own reporting" if path is not None else rest  # else: the article's publisher
    if origin.startswith(("http://", "https://")):
        host = urlsplit(origin).hostname or origin
        return host.removeprefix("www.")
    return origin
