"""The credibility numbers every stage shares, and the run's credibility settings.

One place for them: scoring, the CC4 rules, the graph, the configuration and the report all read
these, so a user's overrides mean the same thing in `report`, `check` and `graph`.
"""

from __future__ import annotations

from collections.abc import Mapping

from attrs import frozen

__all__ = ["LOW_CREDIBILITY", "UNRATED", "WEAK_ORIGIN", "CredibilitySettings"]

LOW_CREDIBILITY = 0.4  # CC401 fires below this (config `low-credibility`)
UNRATED = 0.5  # an origin nobody has rated counts as a coin flip, neither trusted nor distrusted
WEAK_ORIGIN = 0.3  # anonymous sourcing and unnamed experts: real, but unaccountable


@frozen
class CredibilitySettings:
    """What the user's configuration says about sources: overrides by name or domain, extra outlets
    (name -> {"domain", "kind", "aliases", ...}) and the CC401 threshold. Hashable, so the priors
    built from it are built once per run."""

    overrides: tuple[tuple[str, float], ...] = ()
    outlets: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    low: float = LOW_CREDIBILITY

    @classmethod
    def of(
        cls,
        overrides: Mapping[str, float] | None = None,
        outlets: Mapping[str, Mapping[str, str]] | None = None,
        low: float = LOW_CREDIBILITY,
    ) -> CredibilitySettings:
        return cls(
            tuple(sorted((overrides or {}).items())),
            tuple(sorted((name, tuple(sorted(spec.items()))) for name, spec in (outlets or {}).items())),
            low,
        )

    def override_map(self) -> dict[str, float]:
        return dict(self.overrides)

    def outlet_map(self) -> dict[str, dict[str, str]]:
        return {name: dict(spec) for name, spec in self.outlets}
