"""The CLI's standard streams: terminal-safe text out, and clean failures when a stream is gone.

While a command runs, ``sys.stdout`` and ``sys.stderr`` are wrapped so that every
message (click's own errors included) passes through :func:`~azrs_quiz.text.terminal_safe`.
Output that styles itself (rich's colours) writes to :attr:`SafeStream.unescaped`,
having escaped the content it shows first. A closed stream (``>&-``) becomes one
whose writes fail, so nothing claims to have written what went nowhere, and a write
that fails (a full disk, a closed pipe) raises :class:`StreamWriteError` naming the stream.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

from azrs_quiz.text import has_unsafe_characters, terminal_safe

if TYPE_CHECKING:
    from rich.text import Text


class StreamWriteError(OSError):
    """Writing to standard output or standard error failed (or reading a closed standard input)."""

    def __init__(self, name: str, error: OSError, *, action: str = "write to") -> None:
        super().__init__(error.errno, error.strerror or str(error))
        self.stream_name = name
        #: What could not be done: "write to" or "read".
        self.action = action

    @property
    def broken_pipe(self) -> bool:
        """True when the reader went away (``| head``): the usual, silent end."""
        return self.errno == errno.EPIPE


class _ClosedStream:
    """Stands for a standard stream the process was started without."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text: object) -> int:
        raise OSError(errno.EBADF, "it is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "it is closed")

    @property
    def buffer(self) -> _ClosedStream:
        return self  # bytes fail the same way


class _ClosedInput:
    """Stands for a standard input the process was started without (``<&-``): reading it fails."""

    encoding = "utf-8"
    errors = "strict"

    def _fail(self, *args: object) -> Any:
        raise StreamWriteError("standard input", OSError(errno.EBADF, "it is closed"), action="read")

    read = readline = fileno = _fail

    def isatty(self) -> bool:
        return False

    @property
    def buffer(self) -> _ClosedInput:
        return self


class _Guarded:
    """A text stream whose write and flush failures become :class:`StreamWriteError`."""

    def __init__(self, stream: Any, name: str) -> None:
        self._stream = stream
        self._name = name

    def write(self, text: Any) -> int:
        try:
            return int(self._stream.write(text))
        except OSError as error:
            raise StreamWriteError(self._name, error) from error

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise StreamWriteError(self._name, error) from error
        except ValueError:  # flushing a stream already closed: nothing left to write
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class SafeStream(_Guarded):
    """A text stream that shows control characters escaped (see :mod:`azrs_quiz.text`)."""

    def __init__(self, stream: Any, name: str) -> None:
        super().__init__(stream, name)
        #: The same stream without the escaping, for output that styles itself.
        self.unescaped = _Guarded(stream, name)

    def write(self, text: Any) -> int:
        if isinstance(text, str):
            text = terminal_safe(text)
        return super().write(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)


def write_bytes_to_stdout(data: bytes) -> None:
    """Write ``data`` (a package, not text: never escaped) to standard output, flushed."""
    stream: Any = sys.stdout
    try:
        stream.flush()
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            raise OSError(errno.EBADF, "it takes no bytes")
        buffer.write(data)
        buffer.flush()
    except OSError as error:
        raise StreamWriteError("standard output", error) from error


def unescaped(stream: IO[str]) -> Any:
    """The stream under a :class:`SafeStream` (``stream`` itself otherwise)."""
    return getattr(stream, "unescaped", stream)


@contextmanager
def safe_standard_streams() -> Iterator[None]:
    """Wrap ``sys.stdout`` and ``sys.stderr`` for the time of a command (nesting is harmless)."""
    saved = sys.stdin, sys.stdout, sys.stderr
    if sys.stdin is None:
        sys.stdin = _ClosedInput()
    if not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout if sys.stdout is not None else _ClosedStream(), "standard output")
    if not isinstance(sys.stderr, SafeStream) and sys.stderr is not None:
        sys.stderr = SafeStream(sys.stderr, "standard error")
    try:
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved


def safe_text(text: Text | str) -> Text | str:
    """``text`` with control characters escaped (see :func:`~azrs_quiz.text.terminal_safe`), styles kept."""
    import rich.text

    if isinstance(text, str):
        return terminal_safe(text)
    if not has_unsafe_characters(text.plain):
        return text
    cuts = sorted({offset for span in text.spans for offset in (span.start, span.end)})
    safe = rich.text.Text(style=text.style, end=text.end)
    for piece in text.divide(cuts):
        # After the cuts, each span of a piece covers all of it.
        shown = rich.text.Text(terminal_safe(piece.plain))
        for span in piece.spans:
            shown.stylize(span.style)
        safe.append_text(shown)
    return safe
