"""Which documents are linked, directly or through others: union-find over pairs of document ids.

Stories (documents sharing an informative entity) and the components that event groups are clustered
within are both connected components of such links; this is the one place that computes them.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["linked"]


def linked(docs: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Document id -> the smallest id in its component (so the answer does not depend on edge order)."""
    parent = {d: d for d in docs}

    def root(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]  # path halving keeps the trees flat
            d = parent[d]
        return d

    for x, y in edges:
        a, b = root(x), root(y)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {d: root(d) for d in parent}
