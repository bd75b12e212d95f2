"""Printing to a pipe or a file without rich's console: the text as it is, nothing added.

A quiz answered over a pipe prints plain text (no colours, no wrapping beyond the
80 columns render already wrapped to). Rich's :class:`~rich.console.Console` does
exactly that there, but importing it costs more than a one-question quiz spends
on anything else, so :class:`PlainConsole` prints it instead: the same bytes, as
rich's console would write them (one write and a flush per call).
"""

from __future__ import annotations

import sys
from typing import IO, TYPE_CHECKING, Any, Protocol, TextIO

if TYPE_CHECKING:
    from rich.text import Text


class Screen(Protocol):
    """What a sitting needs of where it prints: rich's console at a terminal, :class:`PlainConsole` in a pipe."""

    @property
    def file(self) -> IO[str]: ...

    @property
    def width(self) -> int: ...

    @property
    def height(self) -> int: ...

    @property
    def is_terminal(self) -> bool: ...

    def print(self, *objects: Any, end: str = "\n", soft_wrap: bool | None = None) -> None: ...

    def input(self, prompt: Text = ..., *, stream: TextIO | None = None) -> str: ...


class PlainConsole:
    """Prints text and rich :class:`~rich.text.Text` as plain text, ``width`` columns wide, never styled."""

    is_terminal = False

    def __init__(self, file: IO[str], width: int) -> None:
        self.file = file
        self.width = width
        self.height = 25  # rich's default for a console that is not a terminal

    def print(self, *objects: Any, end: str = "\n", soft_wrap: bool | None = None) -> None:
        """Write ``objects`` (text already wrapped, as the sitting shows it) separated by spaces, then ``end``.

        Text holding a tab is handed to rich's console, which expands tabs its own way.
        """
        plain = " ".join(item if isinstance(item, str) else item.plain for item in objects)
        if "\t" in plain:
            from rich.console import Console

            Console(
                file=self.file,
                color_system=None,
                force_terminal=False,
                force_interactive=False,
                width=self.width,
                highlight=False,
                markup=False,
                emoji=False,
            ).print(*objects, end=end, soft_wrap=soft_wrap)
            return
        self.file.write(plain + end)
        self.file.flush()

    def input(self, prompt: Text | str = "", *, stream: TextIO | None = None) -> str:
        """Show ``prompt`` and read one line (without its line break); ``EOFError`` when input has ended."""
        self.print(prompt, end="")
        line = (stream or sys.stdin).readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")
