"""What the CLI prints, spelled out, for exact-output assertions."""

from __future__ import annotations


def usage_error(command: str, message: str, *, arguments: str = "") -> str:
    """The whole of stderr for click's usage error in ``azrs-quiz COMMAND`` (run as ``main``)."""
    path = f"main {command}" if command else "main"
    usage = f"{path} [OPTIONS] {arguments}" if arguments else f"{path} [OPTIONS]"
    return f"Usage: {usage}\nTry '{path} --help' for help.\n\nError: {message}\n"
