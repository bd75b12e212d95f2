"""The one escaping policy for text that goes into an Anki field (package or text import).

A field is HTML that Anki shows and searches. Content text must reach it as text:

- ``&``, ``<`` and ``>`` are escaped, so markup shows as written; nothing else is
  turned into an entity, so Anki's search finds "Azerbaijan's" as typed;
- ``[sound:...]`` and ``[anki:...]`` (Anki's audio and text-to-speech syntax, read in
  the rendered card) get their bracket as ``&#91;``: they show as written and play nothing;
- line breaks become ``<br>``, tabs spaces, and other control characters are dropped
  (``\\x1f`` separates Anki's fields, so it must never reach one).

Field text is never read as template syntax by Anki, so ``{{Front}}`` in content
shows as written without any escaping.
"""

from __future__ import annotations

import re

#: Control characters other than tab and newline: dropped.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

#: Anki's media and speech syntax: ``[sound:file]``, ``[anki:tts ...]``, ``[anki:play:...]``.
_MEDIA = re.compile(r"\[(?=\s*(?:sound|anki)\s*:)", re.IGNORECASE)


def escape(text: str) -> str:
    """Content text as the HTML of an Anki field: shown and searched exactly as written."""
    # Plain replaces, each skipped when it has nothing to do: most text needs none of them.
    # Printable text has no line break, tab or control character: one C-level check skips those.
    plain = text.isprintable()
    if not plain:
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if _CONTROL.search(text):
            text = _CONTROL.sub("", text)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if not plain:
        if "\n" in text:
            text = text.replace("\n", "<br>")
        if "\t" in text:
            text = text.replace("\t", " ")
    if "[" in text:
        text = _MEDIA.sub("&#91;", text)
    return text


def attribute(text: str) -> str:
    """Text for a double-quoted HTML attribute (a link's address)."""
    return escape(text).replace('"', "&quot;")


def link(text: str, url: str | None) -> str:
    """``text`` as a link to ``url`` when that is a web address; plain text otherwise."""
    # Only web links: a "javascript:" URL in content must never become clickable.
    if url and url.startswith(("https://", "http://")):
        return f'<a href="{attribute(url)}">{escape(text)}</a>'
    return escape(text)
