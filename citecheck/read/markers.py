"""The citation-marker grammar, in one place: what a marker in running text looks like, and what
opens a footnote definition. Reading uses it to keep markers with their sentence and to find note
lists; extraction blanks markers before scanning for facts and resolves them to references
(`citecheck.extract.citations` adds the precise numbered and footnote forms it resolves)."""

from __future__ import annotations

__all__ = ["FOOTNOTE_DEFINITION", "MARKER"]

# "[[5]]" (wiki style), "[5]", "[5, 7]", "[5–7]", "[^note]": a short bracketed key, never a link text.
MARKER = r"\[\[[^\[\]\n]{1,20}\]\]|\[\^?[\w ,–\-]{1,20}\]"
# "[^note]:" at the start of a line opens a footnote's definition (Markdown extra, Pandoc).
FOOTNOTE_DEFINITION = r"\[\^[^\]\n]+\]:"
