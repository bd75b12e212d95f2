"""Text for people: safe to show in a terminal, cut short, counted in English.

Safe to show: control characters are shown escaped, never emitted.

Content, file names and messages can carry characters a terminal would obey instead
of show: ESC sequences (clear the screen, set the window title, hyperlinks, colours),
C1 controls such as U+009B, carriage returns that overwrite a line, and bidirectional
overrides that reorder what is read. :func:`terminal_safe` turns each into a visible
``\\uXXXX`` escape (the form JSON uses too, so JSON output stays valid JSON with the
same meaning); :func:`one_line` also escapes line breaks and tabs, for a file name or
value quoted inside a one-line message.
"""

from __future__ import annotations

import re

#: C0 controls but tab and newline, DEL, C1 controls, the bidirectional embeddings,
#: overrides and isolates (U+202A-U+202E, U+2066-U+2069), and lone surrogates (what
#: Python makes of a file name's bytes that are not UTF-8; no stream can encode them).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: The same, with tab and newline too: for text that must stay on one line.
_UNSAFE_IN_A_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def terminal_safe(text: str) -> str:
    """``text`` with every control character but newline and tab shown as ``\\uXXXX``."""
    if _UNSAFE.search(text) is None:  # the usual case: nothing to copy
        return text
    return _UNSAFE.sub(_escape, text)


def one_line(text: object) -> str:
    """``text`` (a path, a value) as it may appear inside one line of a message.

    Line breaks and tabs are escaped as well, so a file name holding a newline cannot
    forge a second line of output.
    """
    shown = str(text)
    if _UNSAFE_IN_A_LINE.search(shown) is None:
        return shown
    return _UNSAFE_IN_A_LINE.sub(_escape, shown)


def has_unsafe_characters(text: str) -> bool:
    """Whether :func:`terminal_safe` would change ``text``."""
    return _UNSAFE.search(text) is not None


def shorten(text: str, limit: int = 60) -> str:
    """``text`` for a message: whole when short, else cut with an ellipsis to ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """``count`` followed by ``noun``, in its plural (``noun + "s"`` unless given) when count is not 1.

    "1 answer", "3 answers", and with ``plural_noun`` "2 people".
    """
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {plural_noun if plural_noun is not None else noun + 's'}"
