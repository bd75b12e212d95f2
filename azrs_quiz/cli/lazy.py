"""A click group that imports each command's module only when that command runs.

``azrs-quiz --help`` must feel instant, so the help listing reads each command's
one-line summary from the registry below instead of importing its module (and with
it pydantic, genanki, rich or fsrs).
"""

from __future__ import annotations

import importlib
from typing import Any

import click


class LazyGroup(click.Group):
    """A group whose subcommands live in modules named as ``"package.module:attribute"``."""

    def __init__(self, *args: Any, lazy_commands: dict[str, tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: name -> (import path, one-line help shown in the listing)
        self.lazy_commands = lazy_commands or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands:
            import_path, _ = self.lazy_commands[cmd_name]
            module_name, attribute = import_path.split(":")
            command = getattr(importlib.import_module(module_name), attribute)
            assert isinstance(command, click.Command), import_path
            return command
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, self.lazy_commands[name][1]) for name in sorted(self.lazy_commands)]
        rows += [
            (name, command.get_short_help_str())
            for name, command in sorted(self.commands.items())
            if not command.hidden
        ]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(sorted(rows))
