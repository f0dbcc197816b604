"""Normalised facts in a sentence, and whether two facts agree.

- `extractor`: `extract_facts`, the entry point
- `quantities`, `dates`, `entities`, `nounphrase`: the scanners it uses; `entity_words` their vocabulary
- `masking`: what looks numeric but is no fact, blanked before scanning
- `agreement`: `compatible` and `bounds`, the one definition of two facts agreeing
"""
