"""Stage 2, extract: what each sentence points at and states.

- `citations`: the one citation-marker grammar, reference entries, and resolving one to the other
- `attributions` (with its vocabulary, `attribution_cues`): prose credits and hedges
- `facts/`: normalised numbers, money, dates, durations and entities, and the one test of whether two
  facts agree
"""
