"""Stage 5, credibility: who a source is and how far to trust it.

- `tables`: the shipped priors (domain ratings, outlet names, kind priors) and user overrides
- `sources`: a `Source` for a reference, a name or a domain
- `priors`: the credibility of an origin, and the sources an article relies on
"""
