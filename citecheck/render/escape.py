"""Untrusted text (file names, titles, keys, URLs, messages quoting a draft) escaped for where it goes.

One function per destination (reliability.md F8). Every one of them shows control characters,
line and paragraph separators and bidirectional overrides *visibly* (`\\x1b`, `\\u202e`) instead of
passing them on, so a draft cannot colour or clear a terminal, plant an OSC 8 hyperlink, reorder
what a reviewer reads, or start a line of its own in a CI log:

* `github_data` / `github_property`: values of a GitHub workflow command, escaped the way the
  runner unescapes them (`%25`, `%0D`, `%0A`; `%3A`, `%2C` in properties);
* `stderr_line`: one diagnostic line, which can never begin a workflow command (`::`);
* `terminal`: text shown on a terminal, one line;
* `sarif_text`: SARIF message text (JSON escaping alone would keep ESC as `\\u001b`, which viewers print);
* `html_text`: HTML text and attribute values.
"""

from __future__ import annotations

import html
import re

__all__ = ["visible", "github_data", "github_property", "stderr_line", "terminal", "sarif_text", "html_text"]

_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _show(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def visible(text: str, keep: str = "") -> str:
    """`text` with every control, separator and bidi character written out, except those in `keep`."""
    if not keep:
        return _INVISIBLE.sub(_show, text)
    return _INVISIBLE.sub(lambda m: m.group() if m.group() in keep else _show(m), text)


def github_data(text: str) -> str:
    """The message of `::error ...::message`: line breaks kept as the runner's %0A, the rest visible."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(text)


def github_property(text: str) -> str:
    """A property value (`file=`, `title=`): also `:` and `,`, which would end the value."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def stderr_line(text: str) -> str:
    """One line for stderr. The runner reads any line that starts with `::` as a command."""
    line = visible(text)
    return "\\x3a" + line[1:] if line.lstrip().startswith("::") else line


def terminal(text: str) -> str:
    """Text for a terminal, on one line; tabs become spaces."""
    return visible(text.replace("\t", " "))


def sarif_text(text: str) -> str:
    """SARIF `message.text`: line breaks and tabs are fine there, other controls are shown."""
    return visible(text, keep="\n\t")


def html_text(text: str) -> str:
    """HTML text or a quoted attribute value."""
    return html.escape(visible(text, keep="\n\t"), quote=True)
